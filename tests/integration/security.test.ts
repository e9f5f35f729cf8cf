/** Against the built server: security headers, the refusal of cross-site changes, and login throttling that a rotating X-Forwarded-For does not evade. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	addUser,
	freshDb,
	loginCookie,
	removeDb,
	request,
	startServer,
	type RunningServer
} from '../support/server';

const db = freshDb('security');
let server: RunningServer;
let cookie = '';
const USER = 'kt@leeuwarden.example';

beforeAll(async () => {
	addUser(db, { email: USER, role: 'kwaliteitsteam', gemeente: ['GM0080'] });
	addUser(db, { email: 'doelwit@leeuwarden.example', role: 'college', gemeente: ['GM0080'] });
	server = await startServer({ db });
	cookie = await loginCookie(server, USER);
});

afterAll(async () => {
	await server?.stop();
	removeDb(db);
});

describe('headers', () => {
	it('sends a strict Content-Security-Policy with a nonce or hashes, and the other protective headers', async () => {
		const page = await request(server, '/', { cookie });
		expect(page.status).toBe(200);
		const csp = page.headers.get('content-security-policy') ?? '';
		expect(csp).toMatch(/script-src 'self' ('nonce-[^']+'|'sha256-[^']+')/);
		for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
			expect(csp).toContain(directive);
		}
		expect(page.headers.get('x-content-type-options')).toBe('nosniff');
		expect(page.headers.get('referrer-policy')).toBe('same-origin');
		expect(page.headers.get('cache-control')).toBe('no-store');
		// Plain HTTP on loopback: no HSTS, which a browser would ignore anyway.
		expect(page.headers.get('strict-transport-security')).toBeNull();
		const api = await request(server, '/api/v1/counts?dimension=leefgebieden', { cookie });
		expect(api.headers.get('cache-control')).toBe('no-store');
		expect(api.headers.get('x-content-type-options')).toBe('nosniff');
	});
});

describe('cross-site requests', () => {
	const post = (path: string, headers: Record<string, string>, body: string) =>
		request(server, path, { cookie }, { method: 'POST', headers, body });

	it('refuses a form post and a JSON post from another site', async () => {
		const form = await post(
			'/logout',
			{ origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
			''
		);
		expect(form.status).toBe(403);
		const json = await post(
			'/api/v1/counts',
			{ origin: 'https://evil.example', 'content-type': 'application/json' },
			'{}'
		);
		expect(json.status).toBe(403);
		const fetchSite = await post(
			'/api/v1/counts',
			{ 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
			'{}'
		);
		expect(fetchSite.status).toBe(403);
		// The session survived: the refused logout did nothing.
		expect((await request(server, '/', { cookie })).status).toBe(200);
	});

	it('lets the same site and scripts without an Origin through to the endpoint', async () => {
		const same = await post(
			'/api/v1/counts',
			{ origin: server.url, 'content-type': 'application/json' },
			'{}'
		);
		expect(same.status).toBe(405);
		const script = await post('/api/v1/counts', { 'content-type': 'application/json' }, '{}');
		expect(script.status).toBe(405);
	});
});

describe('login throttling', () => {
	it('answers 429 with Retry-After after ten failures for an account, whatever X-Forwarded-For says', async () => {
		const attempt = (i: number) =>
			fetch(`${server.url}/login`, {
				method: 'POST',
				headers: {
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded',
					origin: server.url,
					'x-forwarded-for': `10.0.${i}.1`
				},
				body: new URLSearchParams({ email: 'doelwit@leeuwarden.example', password: `fout-${i}` }).toString(),
				redirect: 'manual'
			});
		const statuses: number[] = [];
		for (let i = 0; i < 11; i++) statuses.push((await attempt(i)).status);
		expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
		const blocked = await attempt(99);
		expect(blocked.status).toBe(429);
		expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(await blocked.text()).toContain('Te veel mislukte pogingen');
	});

	it('throttles one address trying many accounts, not fooled by a rotating X-Forwarded-For', async () => {
		let status = 0;
		let attempts = 0;
		while (status !== 429 && attempts < 40) {
			attempts++;
			const response = await fetch(`${server.url}/login`, {
				method: 'POST',
				headers: {
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded',
					origin: server.url,
					'x-forwarded-for': `192.0.2.${attempts}`
				},
				body: new URLSearchParams({ email: `iemand-${attempts}@example.org`, password: 'fout' }).toString(),
				redirect: 'manual'
			});
			status = response.status;
		}
		// Thirty failures per address in all; the previous test used eleven of them.
		expect(status).toBe(429);
		expect(attempts).toBeLessThanOrEqual(30);
	});
});
