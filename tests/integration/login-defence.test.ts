/** Against the built server, as an attacker without an account would try: redirects after login, oversized logins, an audit log that floods, and a proxy nobody told the portal about. */
import http from 'node:http';
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

const db = freshDb('login-defence');
let server: RunningServer;
let beheer = '';
const BEHEER = 'beheer@landelijk.example';
/** As the README tells a municipality to run it: uploads of an export up to 512 MB. */
const PRODUCTION_LIMITS = { BODY_SIZE_LIMIT: '512M' };

beforeAll(async () => {
	addUser(db, { email: BEHEER, role: 'beheerder', gemeente: ['alle'] });
	server = await startServer({ db, env: PRODUCTION_LIMITS });
	beheer = await loginCookie(server, BEHEER);
});

afterAll(async () => {
	await server?.stop();
	removeDb(db);
});

/** The audit log's rows as the beheerder downloads them. */
async function auditRows(): Promise<string[]> {
	const csv = await request(server, '/download/audit?format=csv&tabel=audit-log', { cookie: beheer });
	expect(csv.status).toBe(200);
	return csv.text.split('\n').slice(1).filter(Boolean);
}

const loginPost = (body: BodyInit, headers: Record<string, string> = {}, query = '') =>
	fetch(`${server.url}/login${query}`, {
		method: 'POST',
		headers: {
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			origin: server.url,
			...headers
		},
		body,
		redirect: 'manual',
		duplex: 'half'
	} as RequestInit);

describe('where a login sends the browser', () => {
	it('never to another site, however the path is written', async () => {
		for (const terug of [
			'/\t/evil.example',
			'/\n/evil.example',
			'/\\evil.example',
			'//evil.example',
			'/\u0000/x'
		]) {
			const page = await request(server, `/login?terug=${encodeURIComponent(terug)}`, { cookie: beheer });
			expect(page.status, JSON.stringify(terug)).toBe(303);
			expect(page.headers.get('location'), JSON.stringify(terug)).toBe('/');
		}
	});

	it('to the page asked for on this site', async () => {
		const page = await request(server, `/login?terug=${encodeURIComponent('/wetten?from=2025-01-01')}`, {
			cookie: beheer
		});
		expect(page.headers.get('location')).toBe('/wetten?from=2025-01-01');
	});
});

describe('oversized logins', () => {
	it('refuses an e-mail address over 254 characters, and writes nothing of it to the audit log', async () => {
		const marker = `lang${'x'.repeat(300)}@evil.example`;
		const response = await loginPost(new URLSearchParams({ email: marker, password: 'fout' }).toString());
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('hoogstens 254 tekens');
		expect(html).not.toContain(marker);
		expect((await auditRows()).some((row) => row.includes('lang' + 'x'.repeat(20)))).toBe(false);
	});

	it('refuses a password over 256 characters', async () => {
		const response = await loginPost(
			new URLSearchParams({ email: 'iemand@example.org', password: 'p'.repeat(257) }).toString()
		);
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('hoogstens 256 tekens');
	});

	it('refuses a body over the limit unread, declared or streamed', async () => {
		// Only the headers go out: the answer comes without the server waiting for the megabyte.
		const declared = await rawLogin({ 'content-length': String(1024 * 1024) }, () => false);
		expect(declared.status).toBe(413);
		expect(declared.sent).toBe(0);
		// Chunked, without a length: the server stops reading at its limit and answers.
		const streamed = await rawLogin({ 'transfer-encoding': 'chunked' }, (sent) => sent < 64 * 1024 * 1024);
		expect([413, 0]).toContain(streamed.status);
		expect(streamed.sent).toBeLessThan(64 * 1024 * 1024);
	});
});

/**
 * Posts to /login with node:http, writing 16 KiB chunks while `more(sent)` says so and no answer has
 * come; resolves with the answer's status (0: the server closed the connection) and the bytes written
 * by then. The server takes uploads as large as production does, so only the login's own limit stops it.
 */
function rawLogin(
	headers: Record<string, string>,
	more: (sent: number) => boolean
): Promise<{ status: number; sent: number }> {
	const url = new URL('/login', server.url);
	return new Promise((resolve, reject) => {
		let sent = 0;
		let answered = false;
		const req = http.request(url, {
			method: 'POST',
			headers: {
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded',
				origin: server.url,
				...headers
			}
		});
		req.on('response', (res) => {
			answered = true;
			res.resume();
			resolve({ status: res.statusCode ?? 0, sent });
			req.destroy();
		});
		req.on('error', (error: NodeJS.ErrnoException) => {
			if (answered) return;
			// A server that stops reading may close the connection before its answer is read here.
			if (error.code === 'ECONNRESET' || error.code === 'EPIPE') resolve({ status: 0, sent });
			else reject(error);
		});
		req.flushHeaders();
		const chunk = Buffer.alloc(16 * 1024, 'a');
		const pump = () => {
			while (!answered && more(sent)) {
				sent += chunk.length;
				if (!req.write(chunk)) return void req.once('drain', pump);
			}
		};
		pump();
	});
}

describe('a proxy the portal was not told about', () => {
	it('is named in the log once, with what to set', async () => {
		expect(server.log()).not.toContain('ADDRESS_HEADER is niet ingesteld');
		await request(server, '/api/v1/health', {}, { headers: { 'x-forwarded-for': '203.0.113.9' } });
		await request(server, '/api/v1/health', {}, { headers: { 'x-forwarded-for': '203.0.113.10' } });
		// The server wrote the line before it answered; the pipe to this process may trail the answer.
		await expect
			.poll(() => server.log().split('ADDRESS_HEADER is niet ingesteld').length - 1, { timeout: 10_000 })
			.toBe(1);
	});
});

// Last: after it, this address is throttled for a quarter of an hour.
describe('throttled attempts', () => {
	it('write one audit entry per address and window, not one per attempt', async () => {
		const attempt = (i: number) =>
			loginPost(new URLSearchParams({ email: `gok-${i}@example.org`, password: 'fout' }).toString());
		let status = 0;
		let i = 0;
		while (status !== 429 && i < 40) status = (await attempt(i++)).status;
		expect(status).toBe(429);
		for (let j = 0; j < 50; j++) expect((await attempt(1000 + j)).status).toBe(429);
		const refused = (rows: string[]) => rows.filter((row) => /inloggen;[^;]*;geweigerd/.test(row));
		expect(refused(await auditRows())).toEqual([]);
		// The window closes at shutdown at the latest: its one entry is written then.
		await server.stop();
		server = await startServer({ db, env: PRODUCTION_LIMITS });
		const entries = refused(await auditRows());
		expect(entries).toHaveLength(1);
		expect(entries[0]).toContain('51 pogingen tijdens de wachttijd, op 5 of meer accounts');
		expect(entries[0]).toContain('127.0.0.1');
	});
});
