/** Tests of the home blocks on a real DuckDB file: each role's blocks with their figures, reach (Leeuwarden never sees Utrecht), no case for college and landelijk, and "new since the previous visit" at its boundary. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomeBlock, HomeBlockKind, HomeValue } from '$lib/domain/home';
import type { Role, SessionUser } from '$lib/domain/roles';
import { closeTempStore, importRows, openTempStore, type Row, type Store } from '../ingest/fixtures/helpers';
import { createUser } from '../auth/users';
import { changeKwestie, type KwestieChange } from '../kwesties/kwesties';
import { todayInAmsterdam } from '../kwesties/signals';
import { setFund } from '../funds/budgets';
import { setRule } from '../funds/rules';
import { saveReport } from '../reports/saved';
import { parsePeriod } from '../reports/period';
import { homeBlocks, type HomeInput } from './blocks';

const A = 'GM0080';
const B = 'GM0344';
const TODAY = todayInAmsterdam();
const PASSWORD = 'Correct-Horse-Battery-9';

/** `YYYY-MM-DD`, `n` days before today. */
function daysAgo(n: number): string {
	const date = new Date(`${TODAY}T12:00:00Z`);
	date.setUTCDate(date.getUTCDate() - n);
	return date.toISOString().slice(0, 10);
}

const user = (role: Role, gemeenten: string[] | 'alle', id = 1): SessionUser => ({
	id,
	email: `${role}@home.example`,
	role,
	reach: gemeenten === 'alle' ? { all: true } : { all: false, gemeenten }
});

const KT_A = user('kwaliteitsteam', [A]);
const KT_B = user('kwaliteitsteam', [B], 2);

/** A case of version 1.1 with a kwestie, a solution and a decision outside or inside the kaders. */
const caseOf = (id: string, gemeente: string, kwestie: string, day: string, extra: Row = {}): Row => ({
	casus_id: id,
	gemeente,
	aangemeld_op: day,
	status: 'open',
	leefgebieden: 'financiën',
	wetten: '',
	kwestie,
	oplossing: '',
	binnen_kaders: '',
	besluit_door: '',
	fonds: '',
	kosten_oplossing: '',
	besparing_laag: '',
	besparing_hoog: '',
	...extra
});

const PAID = {
	oplossing: 'Voorschot bijstand',
	wetten: 'Pw',
	besluit_door: 'omo_functionaris',
	fonds: 'Maatwerkbudget',
	kosten_oplossing: '1.000,00',
	besparing_laag: '2.000,00',
	besparing_hoog: '5.000,00'
};

/** Leeuwarden: three cases of "Kostendelersnorm" (a signal from the start), two of "Wachttijd schuldhulp"; Utrecht its own. */
const FIRST: Row[] = [
	caseOf('A-1', A, 'Kostendelersnorm', daysAgo(60), { ...PAID, binnen_kaders: 'nee' }),
	caseOf('A-2', A, 'Kostendelersnorm', daysAgo(50), { ...PAID, binnen_kaders: 'nee' }),
	caseOf('A-3', A, 'Kostendelersnorm', daysAgo(40), { ...PAID, binnen_kaders: 'ja' }),
	caseOf('A-4', A, 'Wachttijd schuldhulp', daysAgo(30)),
	caseOf('A-5', A, 'Wachttijd schuldhulp', daysAgo(20)),
	...[1, 2, 3].map((i) =>
		caseOf(`B-${i}`, B, 'Utrechtse kwestie', daysAgo(30 + i), {
			oplossing: 'Utrechtse regeling',
			wetten: 'Wmo 2015',
			binnen_kaders: 'nee'
		})
	),
	caseOf('B-4', B, 'Utrechtse tweede kwestie', daysAgo(25))
];
/** The third case of "Wachttijd schuldhulp": that signal is new after the first import. */
const SECOND: Row[] = [caseOf('A-6', A, 'Wachttijd schuldhulp', daysAgo(10))];

let store: Store;
let afterFirst = '';
let afterSecond = '';
const kwestieIds: Record<string, number> = {};
const backupDir = () => store.file('backups');

const input = (who: SessionUser, since: string | null = afterFirst): HomeInput => ({
	db: store.db,
	user: who,
	today: TODAY,
	since,
	backupDir: backupDir(),
	backupIntervalHours: 24
});

const blocksOf = async (who: SessionUser, since?: string | null) =>
	Object.fromEntries((await homeBlocks(input(who, since))).map((b) => [b.kind, b])) as Partial<
		Record<HomeBlockKind, HomeBlock>
	>;

const figure = (block: HomeBlock | undefined, label: string): HomeValue | undefined =>
	block?.figures.find((f) => f.label === label)?.value;
const count = (value: HomeValue | undefined) => (value?.kind === 'count' ? value.value : undefined);

/** The latest created_at of the cases, as the session writes a sign-in time. */
async function lastWrite(): Promise<string> {
	const row = await store.db.one<{ at: string }>(
		`SELECT strftime(max(created_at), '%Y-%m-%d %H:%M:%S.%f') AS at FROM cases`
	);
	return row!.at;
}

const change = (status: KwestieChange['status'], agenda: KwestieChange['agenda'] = null): KwestieChange => ({
	status,
	owner: null,
	urgency: null,
	agenda,
	rule: null,
	measure: null,
	measureOn: null
});

/** Sets a kwestie's status as the kwaliteitsteam does, then dates that change `days` ago. */
async function setStatus(
	who: SessionUser,
	label: string,
	status: KwestieChange['status'],
	agenda: KwestieChange['agenda'],
	days: number
): Promise<void> {
	const id = kwestieIds[label];
	expect(await changeKwestie(store.db, who, id, change(status, agenda))).toBe('changed');
	await store.db.run(
		`UPDATE kwestie_changes SET changed_at = $at::TIMESTAMP WHERE kwestie_id = $id AND field = 'status'`,
		{ id, at: `${daysAgo(days)} 09:00:00` }
	);
}

beforeAll(async () => {
	store = await openTempStore();
	expect((await importRows(store, FIRST)).status).toBe('imported');
	afterFirst = await lastWrite();
	// Imported at least a millisecond later, so the boundary lies between the two imports.
	await new Promise((resolve) => setTimeout(resolve, 5));
	expect((await importRows(store, SECOND)).status).toBe('imported');
	afterSecond = await lastWrite();
	expect(afterSecond > afterFirst).toBe(true);
	for (const k of await store.db.all<{ id: number; label: string }>(
		'SELECT id::INTEGER AS id, label FROM kwesties'
	))
		kwestieIds[k.label] = k.id;

	await setStatus(KT_A, 'Kostendelersnorm', 'in_analyse', null, 12);
	await setStatus(KT_A, 'Wachttijd schuldhulp', 'geagendeerd', 'beleid', 5);
	await setStatus(KT_B, 'Utrechtse kwestie', 'geagendeerd', 'beleid', 3);
	await setStatus(KT_B, 'Utrechtse tweede kwestie', 'in_analyse', null, 30);

	await setFund(store.db, {
		gemeente: A,
		name: 'Maatwerkbudget',
		year: Number(TODAY.slice(0, 4)),
		budget: 1_000_000n
	});
	await setRule(
		store.db,
		{ gemeente: A, fund: 'Maatwerkbudget', maxPerCase: 50_000n, approval: 'college' },
		'test'
	);

	const year = parsePeriod(daysAgo(40).slice(0, 4))!;
	await saveReport(store.db, KT_A, year, A, 'Wat we leren in Leeuwarden');
	await saveReport(store.db, KT_B, year, B, 'Wat we leren in Utrecht');

	for (const [email, role, gemeenten] of [
		['kt-a@home.example', 'kwaliteitsteam', [A]],
		['beleid-a@home.example', 'beleid', [A]],
		['kt-b@home.example', 'kwaliteitsteam', [B]]
	] as const)
		await createUser(store.db, { email, password: PASSWORD, role, gemeenten: [...gemeenten] }, () => true);

	fs.mkdirSync(path.join(backupDir(), 'backup-20260101T030000Z'), { recursive: true });
	fs.mkdirSync(path.join(backupDir(), 'handmatig-20260102T100000Z'));
	fs.mkdirSync(path.join(backupDir(), 'iets-anders'));
});

afterAll(() => closeTempStore(store));

describe('the kwaliteitsteam', () => {
	it('gets new signals, kwesties waiting on it, recurring solutions, imports and key figures, in that order', async () => {
		const blocks = await homeBlocks(input(KT_A));
		expect(blocks.map((b) => b.kind)).toEqual([
			'nieuwe-signalen',
			'wachtende-kwesties',
			'oplossingen',
			'imports',
			'kerncijfers'
		]);
		for (const block of blocks) {
			expect(block.rows.length).toBeLessThanOrEqual(5);
			expect(block.link.href).toMatch(/^\//);
		}
	});

	it('counts as new the signal that reached its threshold after the previous sign-in, and only that one', async () => {
		const signals = (await blocksOf(KT_A, afterFirst))['nieuwe-signalen']!;
		expect(count(figure(signals, 'Nieuw sinds uw vorige bezoek'))).toBe(1);
		expect(count(figure(signals, 'Boven de drempel'))).toBe(2);
		expect(signals.rows.map((r) => r.label)).toEqual(['Wachttijd schuldhulp']);
		expect(signals.rows[0].href).toBe(`/kwesties/${kwestieIds['Wachttijd schuldhulp']}`);
		expect(signals.lead).toMatch(/^Sinds uw vorige bezoek op \d{1,2} [a-z]+ \d{4}:/);
	});

	it('counts nothing as new once the user signed in after the last import, and everything on a first sign-in', async () => {
		const later = (await blocksOf(KT_A, afterSecond))['nieuwe-signalen']!;
		expect(count(figure(later, 'Nieuw sinds uw vorige bezoek'))).toBe(0);
		// None new: the list shows those nobody has picked up yet.
		expect(later.rowsLabel).toBe('Signalen die nog niemand oppakte');
		expect(later.rows).toEqual([]);
		const first = (await blocksOf(KT_A, null))['nieuwe-signalen']!;
		expect(count(figure(first, 'Nieuw sinds uw vorige bezoek'))).toBe(2);
		expect(first.lead).toMatch(/^Dit is uw eerste aanmelding/);
	});

	it('lists the kwesties in its own statuses, the longest waiting first, with their age', async () => {
		const waiting = (await blocksOf(KT_A))['wachtende-kwesties']!;
		expect(count(figure(waiting, 'In analyse'))).toBe(1);
		expect(count(figure(waiting, 'Maatregel genomen'))).toBe(0);
		expect(waiting.rows).toEqual([
			{
				label: 'Kostendelersnorm',
				href: `/kwesties/${kwestieIds['Kostendelersnorm']}`,
				value: { kind: 'days', value: 12 },
				note: 'In analyse'
			}
		]);
		// Geagendeerd waits on beleid, not on the kwaliteitsteam.
		expect(waiting.rows.map((r) => r.label)).not.toContain('Wachttijd schuldhulp');
	});

	it('lists recurring solutions with the decisions outside the kaders', async () => {
		const solutions = (await blocksOf(KT_A)).oplossingen!;
		expect(solutions.rows).toEqual([
			{
				label: 'Voorschot bijstand',
				href: null,
				value: { kind: 'count', value: 3 },
				note: '2 buiten de kaders'
			}
		]);
	});

	it('lists the imports of its own municipality with what they wrote, not one that also holds another', async () => {
		const imports = (await blocksOf(KT_A)).imports!;
		expect(imports.rows.map((r) => r.note)).toEqual(['1 nieuw, 0 bijgewerkt']);
		expect(count(figure(imports, 'Ingelezen in 30 dagen'))).toBe(1);
		expect(count(figure(imports, 'Geweigerd in 30 dagen'))).toBe(0);
	});

	it('of Leeuwarden never meets a kwestie, solution, import or figure of Utrecht', async () => {
		const text = JSON.stringify(await homeBlocks(input(KT_A)));
		for (const forbidden of ['Utrechtse', 'B-1', 'B-4']) expect(text).not.toContain(forbidden);
		const kerncijfers = (await blocksOf(KT_A)).kerncijfers!;
		expect(count(figure(kerncijfers, 'Casussen'))).toBe(6);
		const utrecht = await blocksOf(KT_B);
		expect(count(figure(utrecht.kerncijfers, 'Casussen'))).toBe(4);
		expect(utrecht['wachtende-kwesties']!.rows.map((r) => r.label)).toEqual(['Utrechtse tweede kwestie']);
		expect(JSON.stringify(utrecht)).not.toContain('Kostendelersnorm');
	});
});

describe('beleid', () => {
	const beleid = user('beleid', [A]);

	it('gets the kwesties on its agenda and the rules set aside most often', async () => {
		const blocks = await blocksOf(beleid);
		expect(Object.keys(blocks)).toEqual(['beleidsagenda', 'opzijgezette-regels', 'kerncijfers']);
		const agenda = blocks.beleidsagenda!;
		expect(agenda.rows).toEqual([
			{
				label: 'Wachttijd schuldhulp',
				href: `/kwesties/${kwestieIds['Wachttijd schuldhulp']}`,
				value: { kind: 'days', value: 5 },
				note: 'Geagendeerd'
			}
		]);
		const rules = blocks['opzijgezette-regels']!;
		expect(count(figure(rules, 'Buiten de kaders'))).toBe(2);
		expect(count(figure(rules, 'Fondsregel overschreden'))).toBe(3);
		expect(rules.rows.map((r) => [r.label, r.value])).toEqual([
			['Fondsregel Maatwerkbudget', { kind: 'count', value: 3 }],
			['Participatiewet (Pw)', { kind: 'count', value: 2 }]
		]);
		expect(JSON.stringify(blocks)).not.toContain('Utrechtse');
	});

	it('over a region sees both municipalities, each named', async () => {
		const region = await blocksOf(user('beleid', [A, B]));
		expect(region.beleidsagenda!.rows.map((r) => [r.label, r.note])).toEqual([
			['Wachttijd schuldhulp', 'Geagendeerd · Leeuwarden'],
			['Utrechtse kwestie', 'Geagendeerd · Utrecht']
		]);
	});
});

describe('the college', () => {
	const college = user('college', [A]);

	it('gets the latest saved report and the money at a glance, never a case', async () => {
		const blocks = await blocksOf(college);
		expect(Object.keys(blocks)).toEqual(['rapport', 'geld', 'kerncijfers']);
		const report = blocks.rapport!;
		expect(report.rows).toHaveLength(1);
		expect(report.rows[0].href).toMatch(/^\/rapportage\/\d+$/);
		expect(count(figure(report, 'Aangemeld'))).toBeGreaterThan(0);
		const money = blocks.geld!;
		expect(figure(money, 'Besteed')).toEqual({ kind: 'euro', value: 3000 });
		expect(figure(money, 'Budget en bijdragen')).toEqual({ kind: 'euro', value: 10000 });
		expect(figure(money, 'Vermeden kosten')).toEqual({ kind: 'euroRange', low: 6000, high: 15000 });
		expect(figure(money, 'Saldo')).toEqual({ kind: 'euro', value: 7000 });
		const text = JSON.stringify(blocks);
		for (const id of ['A-1', 'A-6', '/kwesties/', '/budget/casus/', 'Utrecht'])
			expect(text).not.toContain(id);
	});

	it('without a saved report is told what to do', async () => {
		const none = await blocksOf(user('college', ['GM0363']));
		expect(none.rapport!.empty).toMatch(/^Er is nog geen rapportage opgeslagen/);
		expect(none.kerncijfers!.empty).toMatch(/^Er zijn nog geen casussen in uw bereik/);
	});
});

describe('landelijk', () => {
	const landelijk = user('landelijk', 'alle');

	it('gets the comparison and the national agenda, under disclosure control and never a case', async () => {
		const blocks = await blocksOf(landelijk);
		expect(Object.keys(blocks)).toEqual(['vergelijking', 'landelijke-agenda']);
		const comparison = blocks.vergelijking!;
		expect(count(figure(comparison, 'Gemeenten vergeleken'))).toBe(2);
		// Six or four cases in a year: a count that small is secret, so no rate is published.
		expect(comparison.rows.map((r) => r.value)).toEqual([
			{ kind: 'text', value: 'geheim' },
			{ kind: 'text', value: 'geheim' }
		]);
		expect(blocks['landelijke-agenda']!.empty).toMatch(/nog geen kwestie/);
		const text = JSON.stringify(blocks);
		for (const id of ['A-1', 'B-1', '/kwesties/', 'Kostendelersnorm']) expect(text).not.toContain(id);
	});
});

describe('the beheerder', () => {
	const beheerder = user('beheerder', [A]);

	it('gets users, imports, backups and packages of its reach', async () => {
		const blocks = await blocksOf(beheerder);
		expect(Object.keys(blocks)).toEqual(['gebruikers', 'imports', 'backups', 'pakketten', 'kerncijfers']);
		const users = blocks.gebruikers!;
		expect(count(figure(users, 'Actieve accounts'))).toBe(2);
		expect(count(figure(users, 'Zonder tweede factor'))).toBe(2);
		expect(count(figure(users, 'Nieuw in 30 dagen'))).toBe(2);
		expect(users.rows.map((r) => r.label).sort()).toEqual(['beleid-a@home.example', 'kt-a@home.example']);
		expect(users.rows[0].note).toMatch(
			/zonder tweede factor · toegevoegd op \d\d-\d\d-\d{4} · nog nooit aangemeld$/
		);
		const backups = blocks.backups!;
		expect(backups.rows.map((r) => [r.label, r.note])).toEqual([
			['handmatig-20260102T100000Z', 'handmatige back-up'],
			['backup-20260101T030000Z', 'vaste back-up']
		]);
		expect(count(figure(backups, 'Bewaard'))).toBe(2);
		expect(blocks.pakketten!.empty).toMatch(/^Er is nog geen pakket ingelezen/);
		expect(JSON.stringify(blocks)).not.toContain('kt-b@home.example');
	});

	it('without backups is told to make one', async () => {
		const blocks = await homeBlocks({
			...input(beheerder),
			backupDir: store.file('leeg'),
			backupIntervalHours: 0
		});
		const backups = blocks.find((b) => b.kind === 'backups')!;
		expect(backups.empty).toMatch(/^Er is nog geen back-up/);
		expect(figure(backups, 'Vaste back-up')).toEqual({ kind: 'text', value: 'uit' });
	});
});
