/** The pilot evaluation on a real DuckDB file: every figure against hand-computed numbers, the college's totals without case fields, and reach. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reach, Role, SessionUser } from '$lib/domain/roles';
import { caseRow, closeTempStore, importRows, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { changeKwestie, registerKwesties } from '../kwesties/kwesties';
import { saveSignalSettings } from '../kwesties/settings';
import { setCapacity, type CapacityEntry } from './capacity';
import { evaluationReport, type EvaluationReport } from './evaluation';
import { runRequest, type EvaluationRun } from './run';

const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
const BOTH: Reach = { all: false, gemeenten: ['GM0080', 'GM0344'] };
const user = (role: Role, reach: Reach = LEEUWARDEN): SessionUser => ({
	id: 7,
	email: `${role}@leeuwarden.example`,
	role,
	reach
});
const TODAY = '2026-02-15';
const HUURTOESLAG = 'Huurtoeslag stopt bij adresonderzoek';
const VOORSCHOT = 'Voorschot via OMO-fonds';

/*
 * Leeuwarden (GM0080); the run is 2024-Q3 to 2025-Q4: 2024 only partly (Q3-Q4), 2025 whole.
 * Lead times in days from aangemeld_op to afgerond_op.
 */
const CASES = [
	// Before the run, open at its start, solved in 2024-Q3 after 92 days.
	caseRow('P', {
		aangemeld_op: '2024-05-10',
		afgerond_op: '2024-08-10',
		status: 'afgerond',
		uitkomst: 'opgelost',
		escalatie: 'maatwerkcoach'
	}),
	// Before the run and still open: open at the end of every quarter.
	caseRow('I', { aangemeld_op: '2024-06-30' }),
	// 2024-Q3, solved in 2024-Q3 after 61 days; within the kaders; answered by the SVB in 2 working days.
	caseRow('A', {
		aangemeld_op: '2024-07-15',
		afgerond_op: '2024-09-14',
		status: 'afgerond',
		uitkomst: 'opgelost',
		escalatie: 'lokale_tafel',
		kwestie: HUURTOESLAG,
		oplossing: VOORSCHOT,
		binnen_kaders: 'ja',
		reacties: 'SVB@16-07-2024/18-07-2024',
		samenvatting: 'Per-case text SAMENVATTING-A that no report holds',
		fonds: 'OMO-fonds',
		kosten_oplossing: '1000,00',
		besparing_laag: '2000,00',
		besparing_hoog: '5000,00'
	}),
	// 2024-Q4, partly solved in 2025-Q1 after 111 days; outside the kaders.
	caseRow('B', {
		aangemeld_op: '2024-10-01',
		afgerond_op: '2025-01-20',
		status: 'afgerond',
		uitkomst: 'deels_opgelost',
		escalatie: 'maatwerkcoach',
		kwestie: HUURTOESLAG,
		oplossing: `${VOORSCHOT}|Kwijtschelding`,
		binnen_kaders: 'nee',
		fonds: 'OMO-fonds',
		kosten_oplossing: '250,50'
	}),
	// 2024-Q4 without a step, withdrawn in 2025-Q1.
	caseRow('C', {
		aangemeld_op: '2024-11-20',
		afgerond_op: '2025-02-01',
		status: 'ingetrokken',
		kwestie: HUURTOESLAG
	}),
	// 2025-Q1, not solved in 2025-Q2 after 89 days.
	caseRow('D', {
		aangemeld_op: '2025-02-10',
		afgerond_op: '2025-05-10',
		status: 'afgerond',
		uitkomst: 'niet_opgelost',
		escalatie: 'bestuurlijk',
		kwestie: HUURTOESLAG,
		fonds: 'OMO-fonds',
		kosten_oplossing: '99,99'
	}),
	// 2025-Q2 and open; a question to the UWV without an answer (past the promise on TODAY).
	caseRow('E', {
		aangemeld_op: '2025-04-01',
		escalatie: 'lokale_tafel',
		kwestie: HUURTOESLAG,
		oplossing: 'Kwijtschelding',
		reacties: 'UWV@02-04-2025/'
	}),
	// 2025-Q3, solved in 2025-Q4 after 61 days; within the kaders.
	caseRow('F', {
		aangemeld_op: '2025-08-15',
		afgerond_op: '2025-10-15',
		status: 'afgerond',
		uitkomst: 'opgelost',
		escalatie: 'lokale_tafel',
		kwestie: HUURTOESLAG,
		oplossing: VOORSCHOT,
		binnen_kaders: 'ja',
		fonds: 'OMO-fonds',
		kosten_oplossing: '400,00',
		besparing_laag: '600,00',
		besparing_hoog: '900,00'
	}),
	// The run's last day, open.
	caseRow('G', { aangemeld_op: '2025-12-31', escalatie: 'team' }),
	// After the run.
	caseRow('H', { aangemeld_op: '2026-01-05', kosten_oplossing: '5000,00', fonds: 'OMO-fonds' }),
	// Utrecht, outside the Leeuwarden reach.
	caseRow('U', {
		gemeente: 'GM0344',
		aangemeld_op: '2025-03-01',
		kwestie: HUURTOESLAG,
		oplossing: VOORSCHOT,
		kosten_oplossing: '777,77',
		fonds: 'OMO-fonds'
	})
];

const fte = (hoeveelheid: bigint, uurtarief: bigint) => ({ eenheid: 'fte' as const, hoeveelheid, uurtarief });
const uren = (hoeveelheid: bigint, uurtarief: bigint) => ({
	eenheid: 'uren' as const,
	hoeveelheid,
	uurtarief
});

/*
 * Capacity (hours in the comment; cost = hours × rate, rounded half up per row):
 * 2024-Q2  OMO 1 FTE (before the run: not counted)
 * 2024-Q3  OMO 0,5 FTE = 234 h × 85,00 = 19.890,00 · coach 120 h × 62,35 = 7.482,00 → 354 h, 27.372,00
 * 2024-Q4  OMO 0,5 FTE = 234 h × 85,00 = 19.890,00 · tafellid 12,5 h × 33,33 = 416,625 → 416,63
 *          → 246,5 h, 20.306,63
 * 2025-Q1  none
 * 2025-Q2  OMO 0,33 FTE = 154,44 h × 87,35 = 13.490,334 → 13.490,33
 * 2025-Q3  OMO 1 FTE = 468 h × 87,35 = 40.879,80
 * 2025-Q4  OMO 1 FTE = 468 h × 87,35 = 40.879,80 · coach 0,25 FTE = 117 h × 41,67 = 4.875,39 → 585 h, 45.755,19
 * Utrecht  2025-Q1 OMO 1 FTE × 50,00 = 23.400,00 (outside the Leeuwarden reach)
 */
const CAPACITY: CapacityEntry[] = [
	{ gemeente: 'GM0080', kwartaal: '2024-Q2', functie: 'omo-functionaris', ...fte(100n, 8500n) },
	{ gemeente: 'GM0080', kwartaal: '2024-Q3', functie: 'omo-functionaris', ...fte(50n, 8500n) },
	{ gemeente: 'GM0080', kwartaal: '2024-Q3', functie: 'coach', ...uren(12000n, 6235n) },
	{ gemeente: 'GM0080', kwartaal: '2024-Q4', functie: 'omo-functionaris', ...fte(50n, 8500n) },
	{ gemeente: 'GM0080', kwartaal: '2024-Q4', functie: 'tafellid', ...uren(1250n, 3333n) },
	{ gemeente: 'GM0080', kwartaal: '2025-Q2', functie: 'omo-functionaris', ...fte(33n, 8735n) },
	{ gemeente: 'GM0080', kwartaal: '2025-Q3', functie: 'omo-functionaris', ...fte(100n, 8735n) },
	{ gemeente: 'GM0080', kwartaal: '2025-Q4', functie: 'omo-functionaris', ...fte(100n, 8735n) },
	{ gemeente: 'GM0080', kwartaal: '2025-Q4', functie: 'coach', ...fte(25n, 4167n) },
	{ gemeente: 'GM0344', kwartaal: '2025-Q1', functie: 'omo-functionaris', ...fte(100n, 5000n) }
];

const runOf = (van: string, tot: string): EvaluationRun => {
	const request = runRequest(user('kwaliteitsteam'), van, tot, null);
	if (!request.ok) throw new Error(request.message);
	return request.run;
};
const RUN = () => runOf('2024-Q3', '2025-Q4');
const table = (report: EvaluationReport, id: string) => report.tables.find((t) => t.id === id)!;

let store: Store;

beforeAll(async () => {
	store = await openTempStore();
	const imported = await importRows(store, CASES);
	expect(imported.status).toBe('imported');
	for (const entry of CAPACITY) await setCapacity(store.db, { email: 'test' }, entry);
	// A threshold of 2: the kwaliteitsteam sees Kwijtschelding (B, E), the college only lists from 3 cases.
	await saveSignalSettings(store.db, 'test', 'GM0080', { threshold: 2, windowMonths: 12 });
	const ids = await registerKwesties(store.db, [
		{ scope: 'GM0080', key: 'huurtoeslag stopt bij adresonderzoek', label: HUURTOESLAG },
		{ scope: 'GM0080', key: 'jongerennorm in de bijstand', label: 'Jongerennorm in de bijstand' },
		{ scope: 'GM0080', key: 'wachtlijst schuldhulp', label: 'Wachtlijst schuldhulp' },
		{ scope: 'GM0344', key: 'huurtoeslag stopt bij adresonderzoek', label: HUURTOESLAG }
	]);
	const team = user('kwaliteitsteam', BOTH);
	const base = { owner: null, urgency: null, agenda: null, rule: null, measure: null, measureOn: null };
	const huurtoeslag = ids.get('GM0080|huurtoeslag stopt bij adresonderzoek')!;
	await changeKwestie(store.db, team, huurtoeslag, { ...base, status: 'in_analyse' });
	await changeKwestie(store.db, team, huurtoeslag, {
		...base,
		status: 'maatregel',
		measure: 'Afspraak met Dienst Toeslagen over doorbetalen',
		measureOn: '2025-03-01'
	});
	await changeKwestie(store.db, team, ids.get('GM0080|jongerennorm in de bijstand')!, {
		...base,
		status: 'in_analyse'
	});
	await changeKwestie(store.db, team, ids.get('GM0344|huurtoeslag stopt bij adresonderzoek')!, {
		...base,
		status: 'afgesloten'
	});
});

afterAll(() => closeTempStore(store));

describe('evaluationReport', () => {
	let team: EvaluationReport;
	let college: EvaluationReport;

	beforeAll(async () => {
		team = await evaluationReport(store.db, user('kwaliteitsteam'), { run: RUN(), today: TODAY });
		college = await evaluationReport(store.db, user('college'), { run: RUN(), today: TODAY });
	});

	it('gives the college report figures per part of a year and for the whole run', () => {
		const figures = (r: EvaluationReport) =>
			[...r.years, r.total].map((y) => ({
				label: y.label,
				partial: y.partial,
				counts: [y.in, y.solved, y.notSolved, y.withdrawn, y.open, y.closed],
				lead: [y.leadCases, y.medianLead],
				solvedShare: y.solvedShare,
				signals: y.signals,
				money: [y.spent, y.savingsLow, y.savingsHigh]
			}));
		expect(figures(team)).toEqual([
			{
				label: '2024 (Q3–Q4)',
				partial: true,
				// In: A, B, C · solved: P (08-10), A (09-14) · open on 31-12: I, B, C.
				counts: [3, 2, 0, 0, 3, 2],
				// P 92 and A 61 days: median 76,5.
				lead: [2, 76.5],
				solvedShare: 100,
				// Huurtoeslag A, B, C in the 12 months to 31-12-2024, threshold 2.
				signals: 1,
				// A 1.000,00 + B 250,50; savings of A only (B has none).
				money: [1250.5, 2000, 5000]
			},
			{
				label: '2025',
				partial: false,
				// In: D, E, F, G · solved: B, F · not solved: D · withdrawn: C · open: I, E, G.
				counts: [4, 2, 1, 1, 3, 3],
				// B 111, D 89, F 61: median 89; 2 of 3 afgerond solved = 66,7%.
				lead: [3, 89],
				solvedShare: 66.7,
				signals: 1,
				// D 99,99 + F 400,00; H (2026) and Utrecht's U do not count.
				money: [499.99, 600, 900]
			},
			{
				label: 'Hele looptijd',
				partial: false,
				counts: [7, 4, 1, 1, 3, 5],
				// 61, 61, 89, 92, 111.
				lead: [5, 89],
				solvedShare: 80,
				signals: 1,
				money: [1750.49, 2600, 5900]
			}
		]);
		expect(team.scope).toEqual({ gemeente: null, gemeenten: ['GM0080'], label: 'Leeuwarden' });
		expect(team.run.quarters).toHaveLength(6);
	});

	it('adds the capacity and the cost per case registered and per case afgerond', () => {
		expect(
			[...team.years, team.total].map((y) => [
				y.capacityHours,
				y.capacityCost,
				y.totalCost,
				y.costPerCase,
				y.costPerClosed
			])
		).toEqual([
			// 354 + 246,5 h; 27.372,00 + 20.306,63; + 1.250,50 spent; ÷ 3 cases; ÷ 2 afgerond = 24.464,565 → ,57.
			[600.5, 47678.63, 48929.13, 16309.71, 24464.57],
			// 154,44 + 468 + 585 h; 13.490,33 + 40.879,80 + 45.755,19; + 499,99; ÷ 4 = 25.156,3275; ÷ 3.
			[1207.44, 100125.32, 100625.31, 25156.33, 33541.77],
			// 147.803,95 + 1.750,49 = 149.554,44; ÷ 7; ÷ 5 = 29.910,888.
			[1807.94, 147803.95, 149554.44, 21364.92, 29910.89]
		]);
		expect(team.withoutCapacity).toEqual(['2025-Q1']);
		expect(
			team.capacity.map((c) => [
				c.kwartaal,
				c.functie,
				c.eenheid,
				c.hoeveelheid,
				c.hours,
				c.uurtarief,
				c.cost
			])
		).toEqual([
			['2024-Q3', 'OMO-functionaris', 'fte', 0.5, 234, 85, 19890],
			['2024-Q3', 'Coach', 'uren', 120, 120, 62.35, 7482],
			['2024-Q4', 'OMO-functionaris', 'fte', 0.5, 234, 85, 19890],
			['2024-Q4', 'Tafellid', 'uren', 12.5, 12.5, 33.33, 416.63],
			['2025-Q2', 'OMO-functionaris', 'fte', 0.33, 154.44, 87.35, 13490.33],
			['2025-Q3', 'OMO-functionaris', 'fte', 1, 468, 87.35, 40879.8],
			['2025-Q4', 'OMO-functionaris', 'fte', 1, 468, 87.35, 40879.8],
			['2025-Q4', 'Coach', 'fte', 0.25, 117, 41.67, 4875.39]
		]);
	});

	it('counts cases, capacity and the load per FTE per quarter', () => {
		expect(
			team.quarters.map((q) => [
				q.quarter,
				q.in,
				q.closed,
				q.open,
				q.hours,
				q.fte,
				q.omoFte,
				q.inPerFte,
				q.openPerFte,
				q.cost
			])
		).toEqual([
			// 1 × 468 ÷ 354 = 1,32; 354 ÷ 468 = 0,756 FTE.
			['2024-Q3', 1, 2, 1, 354, 0.76, 0.5, 1.3, 1.3, 27372],
			// 2 × 468 ÷ 246,5 = 3,80; 3 × 468 ÷ 246,5 = 5,70.
			['2024-Q4', 2, 0, 3, 246.5, 0.53, 0.5, 3.8, 5.7, 20306.63],
			// No capacity: no load per FTE.
			['2025-Q1', 1, 2, 2, 0, 0, 0, null, null, 0],
			// 468 ÷ 154,44 = 3,03; 936 ÷ 154,44 = 6,06.
			['2025-Q2', 1, 1, 2, 154.44, 0.33, 0.33, 3, 6.1, 13490.33],
			['2025-Q3', 1, 0, 3, 468, 1, 1, 1, 3, 40879.8],
			// 585 h = 1,25 FTE: 1 ÷ 1,25 = 0,8; 3 ÷ 1,25 = 2,4.
			['2025-Q4', 1, 1, 3, 585, 1.25, 1, 0.8, 2.4, 45755.19]
		]);
		// The quarters add up to the run: 7 in, open at the end as the last quarter.
		expect(team.quarters.reduce((n, q) => n + q.in, 0)).toBe(team.total.in);
		expect(team.quarters.at(-1)!.open).toBe(team.total.open);
	});

	it('answers "werkt de OMO-aanpak": steps, kaders and partner answers', () => {
		expect(team.steps.map((s) => s.label)).toEqual([
			'1. Eigen team',
			'2. Maatwerkcoach',
			'3. Lokale doorbraaktafel',
			'4. Portefeuillehouder',
			'5. Landelijk Maatwerkloket Multiproblematiek',
			'6. Landelijk Escalatie Team',
			'Geen trede vastgelegd'
		]);
		// 2024: B, A, C (no step) · 2025: G, E and F, D.
		expect([...team.years, team.total].map((y) => y.steps)).toEqual([
			[0, 1, 1, 0, 0, 0, 1],
			[1, 0, 2, 1, 0, 0, 0],
			[1, 1, 3, 1, 0, 0, 1]
		]);
		// A ja, B nee, C unknown · F ja, D, E, G unknown.
		expect([...team.years, team.total].map((y) => [y.kaders, y.kadersShare])).toEqual([
			[{ ja: 1, nee: 1, onbekend: 1 }, 50],
			[{ ja: 1, nee: 0, onbekend: 3 }, 100],
			[{ ja: 2, nee: 1, onbekend: 4 }, 66.7]
		]);
		const byOrganisation = Object.fromEntries(team.responses.map((r) => [r.organisation, r]));
		expect(byOrganisation).toEqual({
			// Tuesday 16-07-2024 to Thursday 18-07-2024: 2 working days, within the promise of 2.
			SVB: {
				organisation: 'SVB',
				asked: 1,
				answered: 1,
				medianWorkingDays: 2,
				withinPromise: 1,
				promiseDays: 2,
				openPastPromise: 0
			},
			// Asked on 02-04-2025 for open case E, unanswered on TODAY.
			UWV: {
				organisation: 'UWV',
				asked: 1,
				answered: 0,
				medianWorkingDays: null,
				withinPromise: 0,
				promiseDays: 2,
				openPastPromise: 1
			}
		});
	});

	it('lists the recurring problems and solutions of the run and what became of the kwesties', () => {
		expect(team.threshold).toBe(2);
		expect(team.problems).toEqual([
			{
				kwestie: HUURTOESLAG,
				cases: 6,
				first: '2024-07-15',
				last: '2025-08-15',
				gemeenten: ['Leeuwarden'],
				status: 'maatregel'
			}
		]);
		expect(team.solutions).toEqual([
			{
				oplossing: VOORSCHOT,
				cases: 3,
				first: '2024-07-15',
				last: '2025-08-15',
				gemeenten: ['Leeuwarden'],
				instrumenten: [],
				outsideKaders: 1
			},
			{
				oplossing: 'Kwijtschelding',
				cases: 2,
				first: '2024-10-01',
				last: '2025-04-01',
				gemeenten: ['Leeuwarden'],
				instrumenten: [],
				outsideKaders: 1
			}
		]);
		const day = String.raw`\(\d\d-\d\d-\d{4}\)`;
		expect(team.kwesties.map((k) => k.label)).toEqual([HUURTOESLAG, 'Jongerennorm in de bijstand']);
		const [huurtoeslag, jongerennorm] = team.kwesties;
		expect(huurtoeslag).toMatchObject({
			gemeente: 'Leeuwarden',
			kind: 'knelpunt',
			status: 'maatregel',
			measure: 'Afspraak met Dienst Toeslagen over doorbetalen',
			measureOn: '2025-03-01',
			// A to F.
			casesInRun: 6,
			// Measure in 2025-Q1; after: 2025-Q2 (E), 2025-Q3 (F); before: 2024-Q3 (A), 2024-Q4 (B, C).
			effect: { quarters: 2, before: 3, after: 2, perQuarterBefore: 1.5, perQuarterAfter: 1 }
		});
		expect(huurtoeslag.trail).toMatch(
			new RegExp(`^Gesignaleerd → In analyse ${day} → Maatregel genomen ${day}$`)
		);
		expect(jongerennorm).toMatchObject({ casesInRun: 0, effect: null, status: 'in_analyse' });
		expect(jongerennorm.trail).toMatch(new RegExp(`^Gesignaleerd → In analyse ${day}$`));
	});

	it('puts every figure in a table, for the page, the XLSX and the CSV', () => {
		expect(team.tables.map((t) => t.id)).toEqual([
			'evaluatie-kern',
			'evaluatie-werkt',
			'evaluatie-treden',
			'evaluatie-kaders',
			'evaluatie-kwartalen',
			'evaluatie-reacties',
			'evaluatie-kosten',
			'evaluatie-capaciteit',
			'evaluatie-jaren',
			'evaluatie-jaren-geld',
			'evaluatie-problemen',
			'evaluatie-oplossingen',
			'evaluatie-kwesties'
		]);
		expect(table(team, 'evaluatie-kern').rows).toEqual([
			{
				periode: '2024-Q3 tot en met 2025-Q4',
				aangemeld: 7,
				afgerond: 5,
				aandeel: 80,
				doorlooptijd: 89,
				open: 3,
				percasus: 21364.92
			}
		]);
		expect(table(team, 'evaluatie-kosten').rows.map((r) => [r.jaar, r.percasus, r.perafgerond])).toEqual([
			['2024 (Q3–Q4)', 16309.71, 24464.57],
			['2025', 25156.33, 33541.77],
			['Hele looptijd', 21364.92, 29910.89]
		]);
		const years = table(team, 'evaluatie-jaren');
		expect(years.columns.map((c) => c.label)).toEqual(['Cijfer', '2024 (Q3–Q4)', '2025', 'Hele looptijd']);
		expect(years.rows.map((r) => [r.cijfer, r.j0, r.j1, r.j2])).toEqual([
			['Aangemeld', 3, 4, 7],
			['Opgelost of deels opgelost', 2, 2, 4],
			['Afgerond zonder oplossing', 0, 1, 1],
			['Ingetrokken', 0, 1, 1],
			['Open aan het eind', 3, 3, 3],
			['Signalen aan het eind', 1, 1, 1]
		]);
		expect(table(team, 'evaluatie-jaren-geld').rows.map((r) => [r.cijfer, r.j0, r.j1, r.j2])).toEqual([
			['Besteed aan oplossingen', 1250.5, 499.99, 1750.49],
			['Vermeden kosten, lage schatting', 2000, 600, 2600],
			['Vermeden kosten, hoge schatting', 5000, 900, 5900]
		]);
		expect(table(team, 'evaluatie-kwesties').rows[0]).toMatchObject({
			soort: 'Knelpunt',
			casussen: 6,
			voor: 1.5,
			na: 1
		});
		// A table cell is a number, a text or empty: nothing a spreadsheet cannot hold.
		for (const t of team.tables)
			for (const row of t.rows)
				for (const value of Object.values(row))
					expect(['number', 'string', 'object']).toContain(typeof value);
	});

	it('gives the college the same totals, lists from three cases with months, and no case field', () => {
		expect(college.audience).toBe('totals');
		expect(team.audience).toBe('cases');
		expect(college.years).toEqual(team.years);
		expect(college.total).toEqual(team.total);
		expect(college.quarters).toEqual(team.quarters);
		expect(college.threshold).toBe(3);
		expect(college.problems).toEqual([{ ...team.problems[0], first: '2024-07', last: '2025-08' }]);
		expect(college.solutions).toEqual([{ ...team.solutions[0], first: '2024-07', last: '2025-08' }]);
		expect(table(college, 'evaluatie-problemen').rows[0]).toMatchObject({
			eerste: '07-2024',
			laatste: '08-2025'
		});
		const text = JSON.stringify(college);
		expect(text).not.toContain('SAMENVATTING-A');
		expect(text).not.toContain('Kwijtschelding');
		expect(text).not.toMatch(/casus_?id/i);
		// Nor does anyone's: the evaluation holds no case rows at all.
		expect(JSON.stringify(team)).not.toContain('SAMENVATTING-A');
	});

	it('covers the reach or the municipality chosen, and refuses landelijk', async () => {
		const region = user('kwaliteitsteam', BOTH);
		const both = await evaluationReport(store.db, region, { run: RUN(), today: TODAY });
		// Utrecht's U (2025-Q1, 777,77) and its capacity (468 h, 23.400,00) join in.
		expect([both.total.in, both.total.spent, both.total.capacityHours, both.total.capacityCost]).toEqual([
			8, 2528.26, 2275.94, 171203.95
		]);
		expect(both.withoutCapacity).toEqual([]);
		expect(both.capacity.some((c) => c.gemeente === 'Utrecht')).toBe(true);
		const one = await evaluationReport(store.db, region, { run: RUN(), gemeente: 'GM0080', today: TODAY });
		expect(one.total).toEqual(team.total);
		expect(one.scope.gemeente).toBe('GM0080');
		await expect(
			evaluationReport(store.db, user('landelijk', { all: true }), { run: RUN(), today: TODAY })
		).rejects.toThrow();
		await expect(
			evaluationReport(store.db, user('college'), { run: RUN(), gemeente: 'GM0344', today: TODAY })
		).rejects.toThrow();
	});
});
