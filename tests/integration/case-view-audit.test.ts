/** Against the built server: every view of case-level lists and every refused request leaves one entry in the audit log (BIO 8.15), without emptying the page cache. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '$lib/server/db';
import { kwestieKey, registerKwesties } from '$lib/server/kwesties/kwesties';
import { saveReport } from '$lib/server/reports/saved';
import { parsePeriod } from '$lib/server/reports/period';
import {
	addUser,
	freshDb,
	importExport,
	loginCookie,
	removeDb,
	postAction,
	request,
	startServer,
	type RunningServer,
	type TestUser
} from '../support/server';

const EXPORT = [
	'casus_id;gemeente;aangemeld_op;status;leefgebieden;organisaties;wetten;knelpunt;kwestie;kosten_oplossing;samenvatting',
	'K1;GM0080;2025-01-10;open;wonen;Belastingdienst;Wht;2B;Huurtoeslag na verhuizing;1.200,00;Toeslag teruggevorderd.',
	'K2;GM0080;2025-03-02;open;wonen;Belastingdienst;Wht;2B;Huurtoeslag na verhuizing;300,00;Vorige bewoner ingeschreven.',
	'K3;GM0080;2025-05-20;afgerond;wonen;Belastingdienst;Wht;2B;Huurtoeslag na verhuizing;50,00;',
	'R1;GM0080;2025-06-01;open;financiën;UWV;Pw;3;;;Uitkering gestopt na werkaanvaarding.',
	'R2;GM0080;2025-07-01;open;financiën;UWV;Pw;3;;;Uitkering gestopt, inkomen nog niet binnen.',
	'H1;GM0518;2025-02-01;open;financiën;;Pw;;Kostendelersnorm;;',
	'H2;GM0518;2025-03-01;open;financiën;;Pw;;Kostendelersnorm;;',
	'H3;GM0518;2025-04-01;open;financiën;;Pw;;Kostendelersnorm;;'
].join('\n');

const LIST = '/signalen?as_of=2025-12-31&window_months=24';

const USERS: TestUser[] = [
	{ email: 'kt@leeuwarden.example', role: 'kwaliteitsteam', gemeente: ['GM0080'] },
	{ email: 'beheer@leeuwarden.example', role: 'beheerder', gemeente: ['GM0080'] },
	{ email: 'beleid@leeuwarden.example', role: 'beleid', gemeente: ['GM0080'] },
	{ email: 'college@leeuwarden.example', role: 'college', gemeente: ['GM0080'] },
	{ email: 'landelijk@programma.example', role: 'landelijk' },
	{ email: 'kt@utrecht.example', role: 'kwaliteitsteam', gemeente: ['GM0344'] }
];

const db = freshDb('case-view-audit');
let server: RunningServer;
const cookies: Record<string, string> = {};
let leeuwarden = 0;
let denHaag = 0;
let report = 0;

beforeAll(async () => {
	const file = path.join(path.dirname(db), 'export.csv');
	fs.writeFileSync(file, EXPORT);
	importExport(db, file);
	for (const user of USERS) addUser(db, user);
	const store = await openStore(db);
	try {
		// Registered by the import already (get-writes.test.ts proves it); looked up here.
		const ids = await registerKwesties(store, [
			{ scope: 'GM0080', key: kwestieKey('Huurtoeslag na verhuizing'), label: 'Huurtoeslag na verhuizing' },
			{ scope: 'GM0518', key: kwestieKey('Kostendelersnorm'), label: 'Kostendelersnorm' }
		]);
		leeuwarden = ids.get(`GM0080|${kwestieKey('Huurtoeslag na verhuizing')}`)!;
		denHaag = ids.get(`GM0518|${kwestieKey('Kostendelersnorm')}`)!;
		const kt = {
			id: 1,
			email: 'kt@leeuwarden.example',
			role: 'kwaliteitsteam' as const,
			reach: { all: false as const, gemeenten: ['GM0080'] }
		};
		report = await saveReport(store, kt, parsePeriod('2025')!, 'GM0080', 'Wat we leren.');
	} finally {
		store.close();
	}
	server = await startServer({ db });
	for (const user of USERS) cookies[user.email] = await loginCookie(server, user.email);
});

afterAll(async () => {
	await server?.stop();
	removeDb(db);
});

const get = (email: string, href: string) => request(server, href, { cookie: cookies[email] });

/** Posts a form action as a script does (JSON answer). */
const post = (email: string, href: string, fields: Record<string, string>) =>
	postAction(server, href, fields, { cookie: cookies[email] });

describe('case-level views and refusals', () => {
	it('shows the case lists it is to audit', async () => {
		const kwestie = await get('kt@leeuwarden.example', `/kwesties/${leeuwarden}`);
		expect(kwestie.status).toBe(200);
		expect(kwestie.text).toContain('K1');
		const signalen = await get('kt@leeuwarden.example', LIST);
		expect(signalen.status).toBe(200);
		expect(signalen.text).toContain('R1');
		const budget = await get('beheer@leeuwarden.example', '/budget');
		expect(budget.status).toBe(200);
		expect(budget.text).toContain('K1');
		// Viewed again: still rendered (and audited), not answered from the page cache.
		for (const [email, href] of [
			['kt@leeuwarden.example', `/kwesties/${leeuwarden}`],
			['kt@leeuwarden.example', LIST],
			['beheer@leeuwarden.example', '/budget']
		]) {
			const again = await get(email, href);
			expect(again.status).toBe(200);
			expect.soft(again.headers.get('x-cache')).not.toBe('hit');
		}
		// Aggregates only: no case list, nothing to audit.
		expect((await get('college@leeuwarden.example', '/budget')).status).toBe(200);
	});

	it('keeps kept pages kept: an audit entry is not a change of the data', async () => {
		expect((await get('kt@leeuwarden.example', '/wetten')).headers.get('x-cache')).toBe('miss');
		expect((await get('kt@leeuwarden.example', `/kwesties/${leeuwarden}`)).status).toBe(200);
		expect((await get('kt@leeuwarden.example', '/wetten')).headers.get('x-cache')).toBe('hit');
	});

	it('refuses what lies outside the role or the reach', async () => {
		expect((await get('college@leeuwarden.example', '/vergelijking')).status).toBe(403);
		expect((await get('landelijk@programma.example', `/rapportage/${report}`)).status).toBe(403);
		expect((await get('kt@utrecht.example', `/kwesties/${denHaag}`)).status).toBe(404);
		expect((await get('kt@utrecht.example', '/kwesties/999999')).status).toBe(404);
		expect((await get('kt@utrecht.example', `/rapportage/${report}`)).status).toBe(404);
		expect((await get('kt@utrecht.example', `/rapportage/${report}/download?format=xlsx`)).status).toBe(404);
		const change = await post('beleid@leeuwarden.example', `/kwesties/${leeuwarden}?/bijwerken`, {
			status: 'in_analyse'
		});
		expect(change.body).toMatchObject({ type: 'failure', status: 403 });
		// Refused and audited where it was refused: not a second time by the request pipeline.
		const reject = await post('college@leeuwarden.example', '/signalen?/afwijzen', {
			gemeente: 'GM0080',
			fingerprint: 'a'.repeat(64)
		});
		expect(reject.body).toMatchObject({ type: 'failure', status: 403 });
	});

	it('wrote one entry per view and per refusal', async () => {
		await server.stop();
		const store = await openStore(db);
		try {
			const rows = await store.all<{ actor: string; action: string; object: string | null; result: string }>(
				`SELECT actor, action, object, result FROM audit_log
				 WHERE action = 'casussen bekijken' OR result = 'geweigerd' ORDER BY id`
			);
			const kt = 'kt@leeuwarden.example';
			const college = 'college@leeuwarden.example';
			const utrecht = 'kt@utrecht.example';
			const expected: [n: number, actor: string, action: string, result: string, object: RegExp][] = [
				[3, kt, 'casussen bekijken', 'ok', new RegExp(`^kwestie ${leeuwarden} \\(GM0080\\): 3 casussen$`)],
				[2, kt, 'casussen bekijken', 'ok', /^suggesties op \/signalen: \d+ \(\d+ casussen, GM0080\)$/],
				[2, 'beheer@leeuwarden.example', 'casussen bekijken', 'ok', /^duurste casussen op \/budget \(\d+\)$/],
				[0, college, 'casussen bekijken', 'ok', /./],
				[1, college, 'toegang', 'geweigerd', /^\/vergelijking$/],
				[1, 'landelijk@programma.example', 'toegang', 'geweigerd', new RegExp(`^/rapportage/${report}$`)],
				[1, utrecht, 'kwestie bekijken', 'geweigerd', new RegExp(`^kwestie ${denHaag}$`)],
				[1, utrecht, 'rapportage bekijken', 'geweigerd', new RegExp(`^rapport ${report}$`)],
				[1, utrecht, 'rapportage downloaden', 'geweigerd', new RegExp(`^rapport ${report}$`)],
				[1, 'beleid@leeuwarden.example', 'toegang', 'geweigerd', /^\/kwesties\/\d+\?\/bijwerken$/],
				// Refused and audited where it was refused: not a second time by the request pipeline.
				[1, college, 'suggestie afwijzen', 'geweigerd', /^GM0080$/],
				[0, college, 'toegang', 'geweigerd', /afwijzen/]
			];
			for (const [n, actor, action, result, object] of expected) {
				const found = rows.filter(
					(r) =>
						r.actor === actor && r.action === action && r.result === result && object.test(r.object ?? '')
				);
				expect.soft(found.length, `${actor} ${action} ${result} ${object}`).toBe(n);
			}
			// A kwestie that does not exist is not a refusal; nothing else was written.
			expect.soft(rows.filter((r) => r.object === 'kwestie 999999')).toEqual([]);
			expect.soft(rows.length).toBe(14);
		} finally {
			store.close();
		}
	});
});
