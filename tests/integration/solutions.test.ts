/** Against the built server: `GET /api/v1/solutions` on the Zwolle sample for every audience, the section on /signalen with its download, and opening a structural-solution kwestie by POST only. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	addToken,
	addUser,
	freshDb,
	importExport,
	loginCookie,
	postAction,
	projectDir,
	removeDb,
	request,
	startServer,
	type RunningServer,
	type TestUser
} from '../support/server';
import { postForm } from '../support/form-login';

const ZWOLLE = path.join(projectDir, 'src', 'lib', 'server', 'ingest', 'fixtures', 'zwolle-2025-v11.csv');
const QUERY = 'threshold=3&window_months=12&as_of=2025-12-31';

const USERS: TestUser[] = [
	{ email: 'kt@zwolle.example', role: 'kwaliteitsteam', gemeente: ['GM0193'] },
	{ email: 'beheer@zwolle.example', role: 'beheerder', gemeente: ['GM0193'] },
	{ email: 'beleid@zwolle.example', role: 'beleid', gemeente: ['GM0193'] },
	{ email: 'college@zwolle.example', role: 'college', gemeente: ['GM0193'] },
	{ email: 'landelijk@programma.example', role: 'landelijk' },
	{ email: 'kt@leeuwarden.example', role: 'kwaliteitsteam', gemeente: ['GM0080'] }
];
const KT = 'kt@zwolle.example';

const db = freshDb('solutions');
let server: RunningServer;
const cookies: Record<string, string> = {};
const tokens: Record<string, string> = {};

beforeAll(async () => {
	importExport(db, ZWOLLE);
	for (const user of USERS) {
		addUser(db, user);
		tokens[user.email] = addToken(db, user.email);
	}
	server = await startServer({ db, env: { TZ: 'Europe/Amsterdam' } });
	for (const user of USERS) cookies[user.email] = await loginCookie(server, user.email);
});

afterAll(async () => {
	await server?.stop();
	removeDb(db);
});

interface Solutions {
	threshold: number;
	window_months: number;
	as_of: string;
	solutions: Record<string, unknown>[];
}

const api = async (email: string, query: string) => {
	const r = await request(server, `/api/v1/solutions?${query}`, { token: tokens[email] });
	expect(r.status, r.text.slice(0, 200)).toBe(200);
	return r.body as Solutions;
};
const open = (email: string, fields: Record<string, string>) =>
	postAction(server, '/signalen?/openen', fields, { cookie: cookies[email] });
const SOLUTION = { gemeente: 'GM0193', oplossing: 'voorschot bijstand' };

describe('GET /api/v1/solutions', () => {
	it('answers the contract on the Zwolle sample', async () => {
		const body = await api(KT, QUERY);
		expect(body).toEqual({
			threshold: 3,
			window_months: 12,
			as_of: '2025-12-31',
			solutions: [
				{
					oplossing: 'voorschot bijstand',
					cases: 3,
					gemeenten: 1,
					first: '2025-01-06',
					last: '2025-03-03',
					instrumenten: ['voorschot', 'overbruggingsprocedure'],
					outsideKaders: 2
				}
			]
		});
		// Another municipality's kwaliteitsteam counts none of Zwolle's cases.
		expect((await api('kt@leeuwarden.example', QUERY)).solutions).toEqual([]);
	});

	it('raises a college’s threshold to 3 and gives months', async () => {
		const body = await api('college@zwolle.example', 'threshold=1&window_months=12&as_of=2025-12-31');
		expect(body.threshold).toBe(3);
		expect(body.solutions).toEqual([
			expect.objectContaining({
				oplossing: 'voorschot bijstand',
				cases: 3,
				first: '2025-01',
				last: '2025-03'
			})
		]);
		// The kwaliteitsteam keeps its own threshold, for contrast: kwijtschelding twice, and the single ones.
		const team = await api(KT, 'threshold=1&window_months=12&as_of=2025-12-31');
		expect(team.threshold).toBe(1);
		expect(team.solutions.length).toBeGreaterThan(1);
	});

	it('protects landelijk’s counts and asks whole-quarter windows of it', async () => {
		const body = await api('landelijk@programma.example', 'threshold=1&window_months=3&as_of=2025-03-31');
		expect(body.threshold).toBe(3);
		expect(body.solutions).toEqual([
			{
				oplossing: 'voorschot bijstand',
				cases: 'geheim',
				gemeenten: 1,
				first: '2025-01',
				last: '2025-03',
				instrumenten: ['voorschot', 'overbruggingsprocedure'],
				outsideKaders: 'geheim'
			}
		]);
		const byDefault = await api('landelijk@programma.example', '');
		expect(byDefault.as_of).toMatch(/-(03-31|06-30|09-30|12-31)$/);
		for (const query of ['window_months=2&as_of=2025-03-31', 'window_months=3&as_of=2025-03-30']) {
			const r = await request(server, `/api/v1/solutions?${query}`, {
				token: tokens['landelijk@programma.example']
			});
			expect(r.status, query).toBe(400);
		}
	});
});

describe('recurring solutions on /signalen', () => {
	it('shows the answer first, the table and its downloads, and no kwestie before one is opened', async () => {
		const page = await request(server, `/signalen?${QUERY}`, { cookie: cookies[KT] });
		expect(page.status).toBe(200);
		expect(page.text).toContain('Terugkerende oplossingen');
		expect(page.text).toMatch(/1\s+oplossing is in ten minste 3 casussen\s+ingezet/);
		expect(page.text).toContain('action="?/openen"');
		expect(page.text).toContain('tabel=signalen-oplossingen');
		const csv = await request(server, `/download/signalen?format=csv&tabel=signalen-oplossingen&${QUERY}`, {
			cookie: cookies[KT]
		});
		expect(csv.status).toBe(200);
		expect(csv.text).toContain('voorschot bijstand');
		expect(csv.text).toContain('Buiten de kaders');
		// A GET of the action's address is the page, and writes nothing: the button is still there.
		await request(server, `/signalen?/openen&${QUERY}`, { cookie: cookies[KT] });
		const again = await request(server, `/signalen?${QUERY}`, { cookie: cookies[KT] });
		expect(again.text).toContain('action="?/openen"');
		expect(again.text).not.toContain('Kwestie bekijken');
	});

	it('shows beleid and college no button to open a kwestie, and refuses their POST', async () => {
		for (const email of ['beleid@zwolle.example', 'college@zwolle.example', 'landelijk@programma.example']) {
			const page = await request(server, `/signalen?${QUERY}`, { cookie: cookies[email] });
			expect(page.text, email).not.toContain('action="?/openen"');
			const r = await open(email, SOLUTION);
			expect(r.body, email).toMatchObject({ type: 'failure', status: 403 });
		}
		const other = await open('kt@leeuwarden.example', SOLUTION);
		expect(other.body).toMatchObject({ type: 'failure', status: 403 });
		const unknown = await open(KT, { gemeente: 'GM0193', oplossing: 'iets dat niemand schreef' });
		expect(unknown.body).toMatchObject({ type: 'failure', status: 400 });
	});

	it('lets the kwaliteitsteam open the kwestie by POST, and goes to the same one again, with or without JavaScript', async () => {
		const r = await open(KT, { gemeente: 'GM0193', oplossing: 'Voorschot  Bijstand' });
		expect(r.body).toMatchObject({ type: 'redirect', status: 303 });
		const location = (r.body as { location: string }).location;
		expect(location).toMatch(/^\/kwesties\/\d+$/);
		const plain = await postForm(server.url, '/signalen?/openen', SOLUTION, cookies['beheer@zwolle.example']);
		expect(plain.status).toBe(303);
		expect(plain.headers.get('location')).toBe(location);

		const kwestie = await request(server, location, { cookie: cookies[KT] });
		expect(kwestie.status).toBe(200);
		expect(kwestie.text).toContain('Structurele oplossing: voorstel voor een vast mandaat of beleidsregel');
		for (const id of ['ZW-01', 'ZW-02', 'ZW-03']) expect(kwestie.text).toContain(id);
		expect(kwestie.text).not.toContain('ZW-04');
		// It follows the workflow of every kwestie.
		const moved = await postAction(
			server,
			`${location}?/bijwerken`,
			{ status: 'in_analyse', owner: 'Team Inkomen' },
			{ cookie: cookies[KT] }
		);
		expect(moved.body).toMatchObject({ type: 'success' });
		const list = await request(server, `/signalen?${QUERY}`, { cookie: cookies[KT] });
		expect(list.text).toContain(`href="${location}"`);
		expect(list.text).toContain('(structurele oplossing)');
		// Beleid reads it, and cannot open another.
		expect((await request(server, location, { cookie: cookies['beleid@zwolle.example'] })).status).toBe(200);
	});
});
