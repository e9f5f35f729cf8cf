/** Against the built server: no page or endpoint shows a municipality's figures outside the caller's reach. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	addToken,
	addUser,
	cli,
	freshDb,
	importExport,
	loginCookie,
	removeDb,
	request,
	startServer,
	userWithToken,
	type RunningServer
} from '../support/server';

const db = freshDb('reach');
let server: RunningServer;
const tokens: Record<string, string> = {};
const cookies: Record<string, string> = {};

const UTRECHT_EXPORT = [
	'casus_id;gemeente;aangemeld_op;status;leefgebieden;organisaties;kwestie;fonds;kosten_oplossing',
	'UT-1;Utrecht;2025-02-01;open;verblijf|financiën;IND;Alleen in Utrecht;OMO-fonds;500,00',
	'UT-2;0344;2025-02-02;open;verblijf;IND;Alleen in Utrecht;OMO-fonds;250,00'
].join('\n');

beforeAll(async () => {
	importExport(db);
	const utrecht = path.join(path.dirname(db), 'utrecht.csv');
	fs.writeFileSync(utrecht, UTRECHT_EXPORT);
	importExport(db, utrecht);
	tokens.leeuwarden = userWithToken(db, {
		email: 'kt@leeuwarden.example',
		role: 'kwaliteitsteam',
		gemeente: ['GM0080']
	});
	tokens.utrecht = userWithToken(db, {
		email: 'kt@utrecht.example',
		role: 'kwaliteitsteam',
		gemeente: ['GM0344']
	});
	tokens.regio = userWithToken(db, {
		email: 'ret@regio.example',
		role: 'beleid',
		gemeente: ['GM0080', 'GM0344']
	});
	tokens.college = userWithToken(db, {
		email: 'college@utrecht.example',
		role: 'college',
		gemeente: ['GM0344']
	});
	tokens.landelijk = userWithToken(db, { email: 'l@programma.example', role: 'landelijk' });
	addUser(db, { email: 'beheer@utrecht.example', role: 'beheerder', gemeente: ['GM0344'] });
	tokens.beheerUtrecht = addToken(db, 'beheer@utrecht.example');
	server = await startServer({ db });
	cookies.utrecht = await loginCookie(server, 'kt@utrecht.example');
	cookies.college = await loginCookie(server, 'college@utrecht.example');
	cookies.leeuwarden = await loginCookie(server, 'kt@leeuwarden.example');
});

afterAll(async () => {
	await server?.stop();
	removeDb(db);
});

const cases = async (token: string, query = '') =>
	(await request(server, `/api/v1/counts?dimension=leefgebieden${query}`, { token })).body as {
		cases: number;
	};

describe('API reach', () => {
	it('each user counts only the cases of its own municipalities', async () => {
		expect((await cases(tokens.leeuwarden)).cases).toBe(30);
		expect((await cases(tokens.utrecht)).cases).toBe(2);
		expect((await cases(tokens.regio)).cases).toBe(32);
		// Landelijk receives it under disclosure control: 32 rounded to a multiple of 5.
		expect((await cases(tokens.landelijk)).cases).toBe(30);
		expect((await cases(tokens.regio, '&gemeente=GM0344')).cases).toBe(2);
	});

	it('a gemeente parameter outside the reach is 403 on every analytics endpoint', async () => {
		for (const endpoint of [
			'/api/v1/counts?dimension=leefgebieden&gemeente=GM0080',
			'/api/v1/cooccurrence?dimension=organisaties&gemeente=GM0080',
			'/api/v1/budget?gemeente=Leeuwarden',
			'/api/v1/signals?gemeente=80'
		]) {
			const r = await request(server, endpoint, { token: tokens.utrecht });
			expect(r.status, endpoint).toBe(403);
		}
	});

	it('budget, co-occurrence and signals are scoped too', async () => {
		const budget = (await request(server, '/api/v1/budget', { token: tokens.utrecht })).body as {
			spent: number;
			cases: number;
		};
		expect(budget).toMatchObject({ spent: 750, cases: 2 });
		const matrix = (
			await request(server, '/api/v1/cooccurrence?dimension=leefgebieden', { token: tokens.utrecht })
		).body as {
			labels: string[];
		};
		expect(matrix.labels).toEqual(['financiën', 'verblijf']);
		const signals = (
			await request(server, '/api/v1/signals?threshold=2&window_months=24&as_of=2025-12-31', {
				token: tokens.utrecht
			})
		).body as { signals: { kwestie: string }[] };
		expect(signals.signals.map((s) => s.kwestie)).toEqual(['Alleen in Utrecht']);
	});

	it('answers 401 without a session or a valid token, and health needs neither', async () => {
		for (const endpoint of [
			'/api/v1/counts?dimension=leefgebieden',
			'/api/v1/cooccurrence?dimension=wetten',
			'/api/v1/budget',
			'/api/v1/signals'
		]) {
			expect((await request(server, endpoint)).status, endpoint).toBe(401);
			expect((await request(server, endpoint, { token: 'slp_abc.def' })).status, endpoint).toBe(401);
		}
		const health = await request(server, '/api/v1/health');
		expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
	});

	it('refuses bad parameters with a Dutch message', async () => {
		const r = await request(server, '/api/v1/counts?dimension=kleuren', { token: tokens.utrecht });
		expect(r.status).toBe(400);
		expect((r.body as { message: string }).message).toMatch(/dimension is een van/);
		expect(
			(await request(server, '/api/v1/counts?dimension=wetten&from=2025-13-01', { token: tokens.utrecht }))
				.status
		).toBe(400);
	});
});

describe('page reach', () => {
	it('pages redirect to the login without a session', async () => {
		for (const page of ['/', '/import', '/beheer', '/download/dashboard?format=csv']) {
			const r = await request(server, page);
			expect(r.status, page).toBe(303);
			expect(r.headers.get('location'), page).toMatch(/^\/login\?terug=/);
		}
	});

	it('the key figures of the home and their download show only the own municipality', async () => {
		const page = await request(server, '/', { cookie: cookies.utrecht });
		expect(page.status).toBe(200);
		expect(page.text).toMatch(/<dt>Casussen<\/dt>\s*<dd>2<\/dd>/);
		const csv = await request(server, '/download/dashboard?format=csv&tabel=dashboard-jaren', {
			cookie: cookies.utrecht
		});
		expect(csv.text).toContain('2025;2;0;2;0');
		expect(csv.text).not.toContain('2024');
		expect(
			(await request(server, '/download/dashboard?format=csv&gemeente=GM0080', { cookie: cookies.utrecht }))
				.status
		).toBe(403);
		expect((await request(server, '/leefgebieden?gemeente=GM0080', { cookie: cookies.utrecht })).status).toBe(
			403
		);
	});

	it('roles without the capability get 403', async () => {
		expect((await request(server, '/import', { cookie: cookies.college })).status).toBe(403);
		expect((await request(server, '/beheer', { cookie: cookies.utrecht })).status).toBe(403);
		expect((await request(server, '/import', { cookie: cookies.utrecht })).status).toBe(200);
	});

	it('the import log of another municipality stays hidden', async () => {
		const page = await request(server, '/import', { cookie: cookies.utrecht });
		expect(page.text).toContain('utrecht.csv');
		expect(page.text).not.toContain('leeuwarden-2024-2025.csv');
		expect((await request(server, '/import/1/problemen', { cookie: cookies.utrecht })).status).toBe(404);
	});

	it('logging out ends the session on the server', async () => {
		const cookie = await loginCookie(server, 'kt@leeuwarden.example');
		expect((await request(server, '/', { cookie })).status).toBe(200);
		const out = await request(
			server,
			'/logout',
			{ cookie },
			{
				method: 'POST',
				headers: {
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded',
					origin: server.url
				},
				body: ''
			}
		);
		expect(out.status).toBe(303);
		expect((await request(server, '/', { cookie })).status).toBe(303);
	});

	it('gives the same answer for an unknown e-mail and a wrong password', async () => {
		const attempt = (email: string) =>
			request(
				server,
				'/login',
				{},
				{
					method: 'POST',
					headers: {
						accept: 'text/html',
						'content-type': 'application/x-www-form-urlencoded',
						origin: server.url
					},
					body: new URLSearchParams({ email, password: 'Niet-Het-Wachtwoord-1' }).toString()
				}
			);
		const unknown = await attempt('niemand@nergens.example');
		const wrong = await attempt('kt@utrecht.example');
		expect(unknown.status).toBe(400);
		expect(wrong.status).toBe(unknown.status);
		expect(unknown.text).toContain('Het e-mailadres of het wachtwoord klopt niet.');
		expect(wrong.text.replace(/kt@utrecht\.example/g, '')).toContain(
			'Het e-mailadres of het wachtwoord klopt niet.'
		);
	});
});

describe('the CLI while the server holds the database', () => {
	it('says so plainly and exits 1 instead of waiting', () => {
		const r = cli(['token', 'add', '--email', 'kt@utrecht.example', '--json'], { db });
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(/in gebruik door een ander proces/);
		expect(r.json).toMatchObject({ status: 'error' });
	});

	it('answers misuse with exit 2', () => {
		expect(cli(['frobnicate'], { db }).code).toBe(2);
		expect(
			cli(['user', 'add', '--email', 'x@y.nl', '--role', 'keizer', '--password-stdin'], { db }).code
		).toBe(2);
		expect(cli(['import'], { db }).code).toBe(2);
	});
});
