/** Against the built server: the second factor outside demo mode (setting up, codes once, recovery codes, throttling, reset) and its absence in demo mode. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	addUser,
	cli,
	defaultPassword,
	freshDb,
	loginCookie,
	removeDb,
	request,
	startServer,
	type RunningServer
} from '../support/server';
import {
	forgetAuthenticator,
	nextTotpCode,
	postForm,
	rememberAuthenticator,
	typedKeyIn
} from '../support/form-login';

const db = freshDb('second-factor');
let server: RunningServer;
const USER = 'kt@leeuwarden.example';
const BEHEER = 'beheer@leeuwarden.example';
const COLLEGE = 'college@leeuwarden.example';
let recoveryCodes: string[] = [];

beforeAll(async () => {
	addUser(db, { email: USER, role: 'kwaliteitsteam', gemeente: ['GM0080'] });
	addUser(db, { email: BEHEER, role: 'beheerder', gemeente: ['GM0080'] });
	addUser(db, { email: COLLEGE, role: 'college', gemeente: ['GM0080'] });
	server = await startServer({ db });
});

afterAll(async () => {
	await server?.stop();
	removeDb(db);
});

/** Posts the password and returns the new session's cookie and where the portal sends it next. */
async function password(email: string, terug = '') {
	const r = await postForm(server.url, `/login${terug ? `?terug=${encodeURIComponent(terug)}` : ''}`, {
		email,
		password: defaultPassword
	});
	const cookie = r.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('session='))!;
	return { status: r.status, cookie, location: r.headers.get('location') ?? '' };
}

const codeForm = (code: string, cookie: string) =>
	postForm(server.url, '/login/tweede-factor?/code', { code }, cookie);

describe('outside demo mode', () => {
	it('sends a new account from the password to setting up an app, and opens nothing before that', async () => {
		const { status, cookie, location } = await password(USER, '/wetten?from=2025-01-01');
		expect(status).toBe(303);
		expect(location).toBe('/login/tweede-factor/instellen?terug=%2Fwetten%3Ffrom%3D2025-01-01');
		const page = await request(server, '/leefgebieden', { cookie });
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toBe('/login/tweede-factor/instellen?terug=%2Fleefgebieden');
		const api = await request(server, '/api/v1/counts?dimension=leefgebieden', { cookie });
		expect(api.status).toBe(401);
		expect(api.text).toMatch(/tweede factor/);
		// The code page is not the step it needs yet.
		const codePage = await request(server, '/login/tweede-factor', { cookie });
		expect(codePage.headers.get('location')).toBe('/login/tweede-factor/instellen');

		const enrolment = await request(server, location, { cookie });
		expect(enrolment.status).toBe(200);
		expect(enrolment.text).toMatch(/<svg[^>]*>/);
		expect(enrolment.text).toContain('QR-code');
		const key = /name="key" value="([^"]+)"/.exec(enrolment.text)![1];
		rememberAuthenticator(server.url, USER, typedKeyIn(enrolment.text));
		// The form keeps where the user was going.
		const action = /<form method="POST" action="([^"]+)"/.exec(enrolment.text)![1].replace(/&amp;/g, '&');
		expect(action).toBe('?/instellen&terug=%2Fwetten%3Ffrom%3D2025-01-01');
		const address = '/login/tweede-factor/instellen' + action;
		const wrong = await postForm(server.url, address, { key, code: '000000' }, cookie);
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain('Deze code klopt niet');
		const right = await postForm(
			server.url,
			address,
			{ key, code: await nextTotpCode(server.url, USER) },
			cookie
		);
		expect(right.status).toBe(200);
		const html = await right.text();
		recoveryCodes = [...html.matchAll(/<code>([a-z2-7]{4}(?:-[a-z2-7]{4}){3})<\/code>/g)].map((m) => m[1]);
		expect(recoveryCodes).toHaveLength(10);
		expect(html).toContain('href="/wetten?from=2025-01-01"');
		expect((await request(server, '/api/v1/counts?dimension=leefgebieden', { cookie })).status).toBe(200);
		expect((await request(server, '/leefgebieden', { cookie })).status).toBe(200);
	});

	it('asks the next login for a code, accepts each code once and returns to the page asked for', async () => {
		const { cookie, location } = await password(USER, '/escalatie');
		expect(location).toBe('/login/tweede-factor?terug=%2Fescalatie');
		expect((await request(server, '/escalatie', { cookie })).headers.get('location')).toBe(
			'/login/tweede-factor?terug=%2Fescalatie'
		);
		const wrong = await codeForm('123456', cookie);
		expect(wrong.status).toBe(400);
		expect(await wrong.text()).toContain('Deze code klopt niet of is al gebruikt');
		const code = await nextTotpCode(server.url, USER);
		const right = await postForm(
			server.url,
			`/login/tweede-factor?terug=%2Fescalatie&/code`,
			{ code },
			cookie
		);
		expect(right.status).toBe(303);
		expect(right.headers.get('location')).toBe('/escalatie');
		expect((await request(server, '/escalatie', { cookie })).status).toBe(200);

		// The same code a second time, in another session: refused.
		const again = await password(USER);
		const replay = await codeForm(code, again.cookie);
		expect(replay.status).toBe(400);
		expect((await request(server, '/', { cookie: again.cookie })).status).toBe(303);
	});

	it('lets a recovery code in once, and offers new codes when few are left', async () => {
		const first = await password(USER);
		const used = await postForm(
			server.url,
			'/login/tweede-factor?/herstelcode',
			{ herstelcode: recoveryCodes[0].toUpperCase() },
			first.cookie
		);
		expect(used.status).toBe(303);
		expect(used.headers.get('location')).toBe('/');
		const second = await password(USER);
		const reused = await postForm(
			server.url,
			'/login/tweede-factor?/herstelcode',
			{ herstelcode: recoveryCodes[0] },
			second.cookie
		);
		expect(reused.status).toBe(400);
		expect(await reused.text()).toContain('Deze herstelcode klopt niet of is al gebruikt');
		// Seven more used leaves two: the portal then sends the user to make new ones.
		for (const code of recoveryCodes.slice(1, 8)) {
			const session = await password(USER);
			const r = await postForm(
				server.url,
				'/login/tweede-factor?/herstelcode',
				{ herstelcode: code },
				session.cookie
			);
			expect(r.status).toBe(303);
			if (code === recoveryCodes[7]) {
				expect(r.headers.get('location')).toBe('/login/tweede-factor/herstelcodes?terug=%2F');
				const page = await request(server, '/login/tweede-factor/herstelcodes', { cookie: session.cookie });
				expect(page.text).toContain('U hebt nog 2 herstelcodes over');
				// New codes are made only after the current password (or a fresh app code) is given again.
				const bare = await postForm(
					server.url,
					'/login/tweede-factor/herstelcodes?/nieuw',
					{},
					session.cookie
				);
				expect(bare.status).toBe(400);
				const fresh = await postForm(
					server.url,
					'/login/tweede-factor/herstelcodes?/nieuw',
					{ wachtwoord: defaultPassword },
					session.cookie
				);
				expect(fresh.status).toBe(200);
				const codes = [...(await fresh.text()).matchAll(/<code>([a-z2-7-]{19})<\/code>/g)].map((m) => m[1]);
				expect(codes).toHaveLength(10);
				recoveryCodes = codes;
			}
		}
		const retired = await password(USER);
		const old = await postForm(
			server.url,
			'/login/tweede-factor?/herstelcode',
			{ herstelcode: 'x' },
			retired.cookie
		);
		expect(old.status).toBe(400);
	});

	it('makes an account wait after five wrong codes, with Retry-After, even for the right code', async () => {
		await loginCookie(server, COLLEGE);
		const session = await password(COLLEGE);
		for (let i = 0; i < 5; i++) expect((await codeForm('000000', session.cookie)).status).toBe(400);
		const throttled = await codeForm(await nextTotpCode(server.url, COLLEGE), session.cookie);
		expect(throttled.status).toBe(429);
		expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(800);
		expect(await throttled.text()).toContain('Te veel onjuiste codes');
	});

	it('lets a beheerder reset it: the sessions end, the next login sets up a new app, all of it audited', async () => {
		const beheer = await loginCookie(server, BEHEER);
		const userSession = (await password(USER)).cookie;
		const page = await request(server, '/beheer', { cookie: beheer });
		const id = new RegExp(
			`${USER.replace('.', '\\.')}[\\s\\S]*?tweedeFactorHerstellen[\\s\\S]*?name="id" value="(\\d+)"`
		).exec(page.text)![1];
		const reset = await postForm(server.url, '/beheer?/tweedeFactorHerstellen', { id }, beheer);
		expect(reset.status).toBe(200);
		expect(await reset.text()).toContain(`De tweede factor van ${USER} is hersteld`);
		expect((await request(server, '/', { cookie: userSession })).headers.get('location')).toBe(
			'/login?terug=%2F'
		);
		forgetAuthenticator(server.url, USER);
		expect((await password(USER)).location).toBe('/login/tweede-factor/instellen');
		const audit = await request(server, '/download/audit?format=csv&tabel=audit-log', { cookie: beheer });
		expect(audit.text).toContain('tweede factor herstellen');
		expect(audit.text).toMatch(/tweede factor instellen.*ok/);
		expect(audit.text).toMatch(/tweede factor.*mislukt/);
		expect(audit.text).toMatch(/herstelcode gebruiken.*ok/);
		for (const code of recoveryCodes) expect(audit.text).not.toContain(code);
	});
});

describe('in demo mode', () => {
	it('logs in with the password alone, and the CLI resets a second factor', async () => {
		await server.stop();
		const reset = cli(['user', 'reset-2fa', '--email', BEHEER, '--json'], { db });
		expect(reset.code).toBe(0);
		expect(reset.json).toEqual({ status: 'ok', email: BEHEER });
		expect(cli(['user', 'reset-2fa', '--email', 'niemand@x.nl'], { db }).code).toBe(1);
		expect(cli(['user', 'reset-2fa'], { db }).code).toBe(2);
		server = await startServer({ db, env: { DEMO_MODE: '1' } });
		const { status, location, cookie } = await password(BEHEER, '/beheer');
		expect(status).toBe(303);
		expect(location).toBe('/beheer');
		expect((await request(server, '/beheer', { cookie })).status).toBe(200);
	});
});
