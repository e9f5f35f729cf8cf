/** Against the built server: what each role may open and do on the pages whose checks are capabilities (menu, signal settings, import management, package keys, comparison, reports, kwesties). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '$lib/server/db';
import { kwestieKey, NATIONAL_SCOPE, registerKwesties } from '$lib/server/kwesties/kwesties';
import type { Role } from '$lib/domain/roles';
import {
	addUser,
	freshDb,
	importExport,
	loginCookie,
	removeDb,
	postAction,
	request,
	sampleExport,
	startServer,
	type RunningServer
} from '../support/server';

const USERS: Record<Role, string> = {
	beheerder: 'beheer@leeuwarden.example',
	kwaliteitsteam: 'kt@leeuwarden.example',
	beleid: 'beleid@leeuwarden.example',
	college: 'college@leeuwarden.example',
	landelijk: 'programma@landelijk.example'
};
const ROLES = Object.keys(USERS) as Role[];

const db = freshDb('capabilities');
let server: RunningServer;
const cookies: Partial<Record<Role, string>> = {};
let municipal = 0;
let national = 0;

beforeAll(async () => {
	importExport(db, sampleExport);
	for (const role of ROLES) {
		addUser(db, { email: USERS[role], role, ...(role === 'landelijk' ? {} : { gemeente: ['GM0080'] }) });
	}
	const store = await openStore(db);
	try {
		const ids = await registerKwesties(store, [
			{ scope: 'GM0080', key: kwestieKey('Postadres'), label: 'Postadres' },
			{ scope: NATIONAL_SCOPE, key: kwestieKey('Kostendelersnorm'), label: 'Kostendelersnorm' }
		]);
		municipal = ids.get(`GM0080|${kwestieKey('Postadres')}`)!;
		national = ids.get(`${NATIONAL_SCOPE}|${kwestieKey('Kostendelersnorm')}`)!;
	} finally {
		store.close();
	}
	server = await startServer({ db });
	for (const role of ROLES) cookies[role] = await loginCookie(server, USERS[role]);
});

afterAll(async () => {
	await server?.stop();
	removeDb(db);
});

const get = (role: Role, href: string) => request(server, href, { cookie: cookies[role] });

/** Posts a form action as a script does (JSON answer). */
const post = (role: Role, href: string, fields: Record<string, string>) =>
	postAction(server, href, fields, { cookie: cookies[role] });

/** The hrefs of the main menu on a page. */
function menu(html: string): string[] {
	const nav = /<nav class="portal-nav"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '';
	return [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
}

describe('pages and actions per capability', () => {
	it('shows each role its menu', async () => {
		const analysis = [
			'/',
			'/leefgebieden',
			'/organisaties',
			'/wetten',
			'/escalatie',
			'/besluiten',
			'/budget',
			'/signalen',
			'/verkennen'
		];
		const expected: Record<Role, string[]> = {
			beheerder: [
				...analysis,
				'/rapportage',
				'/vergelijking',
				'/import',
				'/beheer/maatwerkregister',
				'/beheer'
			],
			kwaliteitsteam: [...analysis, '/rapportage', '/import', '/beheer/maatwerkregister'],
			beleid: [...analysis, '/rapportage'],
			college: [...analysis, '/rapportage'],
			landelijk: [...analysis, '/vergelijking']
		};
		for (const role of ROLES) {
			const page = await get(role, '/wetten');
			expect(page.status).toBe(200);
			expect.soft(menu(page.text), role).toEqual(expected[role]);
		}
	});

	it('lets only the beheerder set the signal threshold', async () => {
		expect((await get('beheerder', '/signalen')).text).toContain('Standaard drempel en periode');
		expect((await get('kwaliteitsteam', '/signalen')).text).not.toContain('Standaard drempel en periode');
		const fields = { gemeente: 'GM0080', threshold: '4', window_months: '6' };
		expect((await post('kwaliteitsteam', '/signalen?/instellingen', fields)).body).toMatchObject({
			type: 'failure',
			status: 403
		});
		expect((await post('beheerder', '/signalen?/instellingen', fields)).body).toMatchObject({
			type: 'success'
		});
	});

	it('lets only the beheerder manage imports; the kwaliteitsteam uploads', async () => {
		const beheerder = await get('beheerder', '/import');
		expect(beheerder.text).toContain('Bronnen en bewaartermijn');
		const kt = await get('kwaliteitsteam', '/import');
		expect(kt.status).toBe(200);
		expect(kt.text).not.toContain('Bronnen en bewaartermijn');
		expect(kt.text).not.toContain('?/ongedaan');
		for (const [action, fields] of [
			['ongedaan', { id: '1' }],
			['bronVerwijderen', { source: 'x', gemeente: 'GM0080', bevestig: 'ja' }],
			['bewaartermijn', { gemeente: 'GM0080', months: '24' }]
		] as const) {
			const refused = await post('kwaliteitsteam', `/import?/${action}`, fields);
			expect.soft(refused.status, action).toBe(403);
			expect.soft(refused.body, action).toMatchObject({ type: 'error' });
		}
		expect((await get('beleid', '/import')).status).toBe(403);
	});

	it('lets only the beheerder register package keys and opt in to the comparison', async () => {
		const beheerder = await get('beheerder', '/beheer/pakketten');
		expect(beheerder.text).toContain('Sleutels van gemeenten');
		expect(beheerder.text).toContain('Vergelijking met andere gemeenten');
		const landelijk = await get('landelijk', '/beheer/pakketten');
		expect(landelijk.status).toBe(200);
		expect(landelijk.text).not.toContain('Sleutels van gemeenten');
		expect(landelijk.text).not.toContain('Vergelijking met andere gemeenten');
		expect(
			(await post('landelijk', '/beheer/pakketten?/registreren', { gemeente: 'GM0080', key: 'x' })).body
		).toMatchObject({ type: 'failure', status: 403 });
		expect((await post('landelijk', '/beheer/pakketten?/vergelijking', { peers: 'aan' })).body).toMatchObject(
			{ type: 'failure', status: 403 }
		);
	});

	it('leaves the national agenda of the whole installation to reach alle', async () => {
		const beheerder = await get('beheerder', '/beheer/pakketten');
		expect(beheerder.text).not.toContain('Landelijke agenda inlezen');
		expect(beheerder.text).not.toContain('Sleutels van landelijke portals');
		for (const action of ['agenda', 'agendasleutel', 'agendasleutelintrekken']) {
			const answer = await post('beheerder', `/beheer/pakketten?/${action}`, {
				naam: 'Landelijk programma',
				key: 'Gb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE='
			});
			expect(answer.body, action).toMatchObject({ type: 'failure', status: 403 });
			expect(JSON.stringify(answer.body), action).toContain('alleen een gebruiker met bereik');
		}
		expect((await get('landelijk', '/beheer/pakketten')).text).toContain('Landelijke agenda inlezen');
	});

	it('opens the comparison to landelijk, and to the beheerder once opted in', async () => {
		expect((await get('kwaliteitsteam', '/vergelijking')).status).toBe(403);
		expect((await get('beleid', '/vergelijking')).status).toBe(403);
		const landelijk = await get('landelijk', '/vergelijking?period=2025');
		expect(landelijk.status).toBe(200);
		expect(landelijk.text).toContain('Pakketten van gemeenten leest u in op');
		expect((await get('beheerder', '/vergelijking')).text).toContain('staat voor uw gemeente uit');
		expect((await post('beheerder', '/beheer/pakketten?/vergelijking', { peers: 'aan' })).body).toMatchObject(
			{ type: 'success' }
		);
		const beheerder = await get('beheerder', '/vergelijking?period=2025');
		expect(beheerder.status).toBe(200);
		expect(beheerder.text).not.toContain('staat voor uw gemeente uit');
		expect(beheerder.text).not.toContain('Pakketten van gemeenten leest u in op');
	});

	it('gives the reports to the municipality, saving to kwaliteitsteam and beheerder', async () => {
		expect((await get('landelijk', '/rapportage')).status).toBe(403);
		const beleid = await get('beleid', '/rapportage');
		expect(beleid.status).toBe(307);
		expect(beleid.headers.get('location')).toMatch(/^\/rapportage\?periode=\d{4}-Q[1-4]$/);
		expect(
			(await post('beleid', '/rapportage?/opslaan', { periode: '2025', lessons: 'Les.' })).body
		).toMatchObject({ type: 'failure', status: 403 });
		expect(
			(await post('kwaliteitsteam', '/rapportage?/opslaan', { periode: '2025', lessons: 'Les.' })).body
		).toMatchObject({ type: 'redirect', status: 303 });
	});

	it('opens municipal kwesties within reach, the national ones to landelijk', async () => {
		expect((await get('college', `/kwesties/${municipal}`)).status).toBe(200);
		expect((await get('landelijk', `/kwesties/${municipal}`)).status).toBe(404);
		expect((await get('landelijk', `/kwesties/${national}`)).status).toBe(200);
		expect((await get('beheerder', `/kwesties/${national}`)).status).toBe(404);
	});
});
