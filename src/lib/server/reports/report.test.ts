/** The period report on a real DuckDB file: the interfaces' counts for a known quarter and its comparisons, every section, reach, and saved reports that keep their figures. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reach, Role, SessionUser } from '$lib/domain/roles';
import { caseRow, closeTempStore, importRows, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { setFund } from '../funds/budgets';
import { addContribution } from '../funds/contributions';
import { changeKwestie, registerKwesties } from '../kwesties/kwesties';
import { parsePeriod } from './period';
import { periodReport, reportJson } from './report';
import {
	compareWithLive,
	latestLessons,
	openSavedReport,
	parseLessons,
	saveReport,
	savedReports,
	scopeImports
} from './saved';

const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
const BOTH: Reach = { all: false, gemeenten: ['GM0080', 'GM0344'] };
const user = (role: Role, reach: Reach = LEEUWARDEN): SessionUser => ({
	id: 3,
	email: `${role}@leeuwarden.example`,
	role,
	reach
});
const Q3 = parsePeriod('2025-Q3')!;
const HUURTOESLAG = 'Huurtoeslag stopt bij adresonderzoek';

/*
 * Leeuwarden (GM0080) around the third quarter of 2025 (1 July - 30 September), with what each case
 * means for that quarter, the quarter before (2025-Q2) and the same quarter a year before (2024-Q3).
 */
const LEEUWARDEN_CASES = [
	// In Q3, open at its end; a signal case.
	caseRow('A', {
		aangemeld_op: '2025-07-10',
		leefgebieden: 'wonen|financiën',
		organisaties: 'UWV',
		kwestie: HUURTOESLAG
	}),
	// In Q3 and solved in Q3 after 45 days.
	caseRow('B', {
		aangemeld_op: '2025-08-01',
		afgerond_op: '2025-09-15',
		status: 'afgerond',
		uitkomst: 'opgelost',
		escalatie: 'lokale_tafel',
		leefgebieden: 'financiën',
		organisaties: 'UWV|gemeente',
		wetten: 'Pw art. 18',
		knelpunt: '3',
		kwestie: HUURTOESLAG,
		fonds: 'maatwerkbudget',
		kosten_oplossing: '100,00',
		besparing_laag: '400,00',
		besparing_hoog: '1000,00',
		baten_bij: 'gemeente|zorgverzekeraar',
		monitoring: 'onbekend'
	}),
	// In Q2 and open at its end; partly solved in Q3 after 80 days; found duurzaam in Q3.
	caseRow('C', {
		aangemeld_op: '2025-05-01',
		afgerond_op: '2025-07-20',
		status: 'afgerond',
		uitkomst: 'deels_opgelost',
		escalatie: 'maatwerkcoach',
		fonds: 'maatwerkbudget',
		kosten_oplossing: '70,00',
		besparing_laag: '300,00',
		besparing_hoog: '600,00',
		monitoring: 'duurzaam',
		monitoring_op: '2025-08-30'
	}),
	// Closed as solved without afgerond_op: counts as solved in the quarter of its aangemeld_op.
	caseRow('D', {
		aangemeld_op: '2025-08-20',
		status: 'afgerond',
		uitkomst: 'opgelost',
		leefgebieden: 'wonen',
		fonds: 'Maatwerkbudget',
		kosten_oplossing: '50,50',
		besparing_laag: '200,00',
		besparing_hoog: '300,00',
		baten_bij: 'gemeente'
	}),
	// Withdrawn without afgerond_op: withdrawn in Q2, where it was registered.
	caseRow('E', { aangemeld_op: '2025-04-10', status: 'ingetrokken' }),
	// In Q2, open at its end, withdrawn in Q3.
	caseRow('F', { aangemeld_op: '2025-06-01', afgerond_op: '2025-08-05', status: 'ingetrokken' }),
	// Registered on the quarter's last day.
	caseRow('G', {
		aangemeld_op: '2025-09-30',
		leefgebieden: 'financiën|psychische gezondheid',
		kwestie: HUURTOESLAG
	}),
	// After the quarter: neither in it nor open at its end.
	caseRow('H', { aangemeld_op: '2025-10-01' }),
	// 2024-Q3: in and solved after 17 days; a follow-up found a relapse in Q3 2025.
	caseRow('I', {
		aangemeld_op: '2024-08-15',
		afgerond_op: '2024-09-01',
		status: 'afgerond',
		uitkomst: 'opgelost',
		monitoring: 'terugval',
		monitoring_op: '2025-09-01'
	}),
	// 2024-Q3 and still open.
	caseRow('J', { aangemeld_op: '2024-09-20', kwestie: 'Jongerennorm in de bijstand' }),
	// Registered on the quarter's first day, not solved after 31 days.
	caseRow('K', {
		aangemeld_op: '2025-07-01',
		afgerond_op: '2025-08-01',
		status: 'afgerond',
		uitkomst: 'niet_opgelost',
		escalatie: 'bestuurlijk',
		leefgebieden: 'wonen|financiën',
		organisaties: 'Belastingdienst',
		wetten: 'Pw|Awir',
		knelpunt: '1',
		kwestie: 'Jongerennorm in de bijstand'
	}),
	// Registered in Q1, open at the end of Q2 and Q3, solved in Q4; its follow-up falls after Q3.
	caseRow('L', {
		aangemeld_op: '2025-03-01',
		afgerond_op: '2025-10-15',
		status: 'afgerond',
		uitkomst: 'opgelost',
		monitoring: 'duurzaam',
		monitoring_op: '2025-10-20',
		besparing_laag: '5000,00'
	})
];

/** Utrecht's cases, outside a Leeuwarden user's reach: the same kwestie three times in Q3. */
const UTRECHT_CASES = ['U1', 'U2', 'U3'].map((id, i) =>
	caseRow(id, {
		gemeente: 'GM0344',
		aangemeld_op: `2025-07-0${i + 1}`,
		kwestie: HUURTOESLAG,
		fonds: 'maatwerkbudget',
		kosten_oplossing: '1000,00'
	})
);

let store: Store;

beforeAll(async () => {
	store = await openTempStore();
	const imported = await importRows(store, [...LEEUWARDEN_CASES, ...UTRECHT_CASES]);
	expect(imported.status).toBe('imported');
	await setFund(store.db, { gemeente: 'GM0080', name: 'maatwerkbudget', year: 2025, budget: 1_000_000n });
	await setFund(store.db, { gemeente: 'GM0080', name: 'maatwerkbudget', year: 2024, budget: 800_000n });
	await addContribution(
		store.db,
		{
			gemeente: 'GM0080',
			fund: 'maatwerkbudget',
			year: 2025,
			organisatie: 'zorgverzekeraar',
			amount: 10_000n
		},
		'test'
	);
	const ids = await registerKwesties(store.db, [
		{ scope: 'GM0080', key: 'huurtoeslag stopt bij adresonderzoek', label: HUURTOESLAG },
		{ scope: 'GM0080', key: 'jongerennorm in de bijstand', label: 'Jongerennorm in de bijstand' },
		{ scope: 'GM0344', key: 'huurtoeslag stopt bij adresonderzoek', label: HUURTOESLAG }
	]);
	const kwaliteit = user('kwaliteitsteam', BOTH);
	const base = { owner: null, urgency: null, agenda: null, rule: null, measure: null, measureOn: null };
	await changeKwestie(store.db, kwaliteit, ids.get('GM0080|huurtoeslag stopt bij adresonderzoek')!, {
		...base,
		status: 'maatregel',
		agenda: 'beleid',
		measure: 'Afspraak met Dienst Toeslagen over doorbetalen',
		measureOn: '2025-09-01'
	});
	await changeKwestie(store.db, kwaliteit, ids.get('GM0080|jongerennorm in de bijstand')!, {
		...base,
		status: 'in_analyse'
	});
	await changeKwestie(store.db, kwaliteit, ids.get('GM0344|huurtoeslag stopt bij adresonderzoek')!, {
		...base,
		status: 'in_analyse'
	});
});

afterAll(() => closeTempStore(store));

describe('periodReport', () => {
	it('counts in, solved, withdrawn and open at the end of a known quarter as the interfaces define them', async () => {
		const report = await periodReport(store.db, user('college'), Q3);
		expect(reportJson(report)).toMatchObject({
			period: '2025-Q3',
			from: '2025-07-01',
			to: '2025-09-30',
			// A, B, D, G, K · B, C, D · F · A, G, J, L.
			cases: { in: 5, solved: 3, open: 4, withdrawn: 1 },
			// C, E, F · none · E (no afgerond_op) · C, F, J, L.
			previous: { in: 3, solved: 0, open: 4, withdrawn: 1 },
			spent: 150.5,
			savingsLow: 600,
			savingsHigh: 1300,
			signals: 1
		});
		expect(Object.keys(reportJson(report)).slice(0, 9)).toEqual([
			'period',
			'from',
			'to',
			'cases',
			'previous',
			'spent',
			'savingsLow',
			'savingsHigh',
			'signals'
		]);
		expect(Object.keys(report.cases).sort()).toEqual(['in', 'open', 'solved', 'withdrawn']);
		expect(report.name).toBe('derde kwartaal 2025');
		expect(report.scope).toEqual({ gemeente: null, gemeenten: ['GM0080'], label: 'Leeuwarden' });
	});

	it('compares with the quarter before and the same quarter a year before, with lead times', async () => {
		const { comparison } = await periodReport(store.db, user('college'), Q3);
		expect(comparison.current).toMatchObject({
			period: '2025-Q3',
			notSolved: 1,
			// B 45, C 80 and K 31 days; F was withdrawn and D has no afgerond_op.
			lead: { cases: 3, median: 45 }
		});
		expect(comparison.previous).toEqual({
			period: '2025-Q2',
			from: '2025-04-01',
			to: '2025-06-30',
			name: 'tweede kwartaal 2025',
			cases: { in: 3, solved: 0, open: 4, withdrawn: 1 },
			notSolved: 0,
			lead: { cases: 0, median: null }
		});
		expect(comparison.yearBefore).toEqual({
			period: '2024-Q3',
			from: '2024-07-01',
			to: '2024-09-30',
			name: 'derde kwartaal 2024',
			cases: { in: 2, solved: 1, open: 1, withdrawn: 0 },
			notSolved: 0,
			lead: { cases: 1, median: 17 }
		});
	});

	it('breaks the quarter down by escalation step in ladder order', async () => {
		const { steps, tables } = await periodReport(store.db, user('college'), Q3);
		expect(steps.map((s) => [s.step, s.in, s.solved, s.withdrawn, s.open, s.medianLead])).toEqual([
			['team', 0, 0, 0, 0, null],
			['maatwerkcoach', 0, 1, 0, 0, 80],
			['lokale_tafel', 1, 1, 0, 0, 45],
			['bestuurlijk', 1, 0, 0, 0, 31],
			['maatwerkloket', 0, 0, 0, 0, null],
			['let', 0, 0, 0, 0, null],
			[null, 3, 1, 1, 4, null]
		]);
		const table = tables.find((t) => t.id === 'rapport-treden')!;
		expect(table.rows[2]).toEqual({
			trede: '3. Lokale doorbraaktafel',
			aangemeld: 1,
			opgelost: 1,
			ingetrokken: 0,
			open: 0,
			doorlooptijd: 45
		});
	});

	it('counts leefgebieden, organisations and laws over the cases registered in the quarter', async () => {
		const report = await periodReport(store.db, user('beleid'), Q3);
		const { leefgebieden } = report;
		expect(leefgebieden.cases).toBe(5);
		expect(leefgebieden.labels).toEqual(['financiën', 'wonen', 'psychische gezondheid']);
		// Diagonal: the leefgebied alone (B financiën, D wonen); A and K name financiën and wonen.
		expect(leefgebieden.matrix).toEqual([
			[1, 2, 1],
			[2, 1, 0],
			[1, 0, 0]
		]);
		expect(leefgebieden.totals).toEqual({ financiën: 4, wonen: 3, 'psychische gezondheid': 1 });
		expect(report.organisaties.counts.map((c) => [c.code, c.cases])).toEqual([
			['UWV', 2],
			['Belastingdienst', 1],
			['gemeente', 1]
		]);
		expect(report.wetten.withWet).toBe(2);
		expect(report.wetten.wetten.map((w) => [w.code, w.cases])).toEqual([
			['Pw', 2],
			['Awir', 1]
		]);
		expect(report.wetten.niveaus.map((n) => [n.niveau, n.cases])).toEqual([
			['macro', 1],
			['meso', 1],
			['micro', 0],
			['geen', 3]
		]);
	});

	it('sets spend against the fund and the avoided costs, per party and after monitoring', async () => {
		const { budget, monitoring, tables } = await periodReport(store.db, user('college'), Q3);
		expect(budget.funds).toEqual([
			// The year's budget; C (registered in Q2) counts in the year to date only.
			{ fund: 'maatwerkbudget', budget: 10_000, spent: 150.5, spentYearToDate: 220.5, cases: 2 }
		]);
		expect(budget.benefitsBy).toEqual([
			{ party: 'gemeente', naam: expect.any(String), savingsLow: 400, savingsHigh: 800 },
			{ party: 'zorgverzekeraar', naam: expect.any(String), savingsLow: 200, savingsHigh: 500 }
		]);
		// C found duurzaam on 30 August, I relapsed on 1 September, B unknown (counted on its afgerond_op).
		expect(monitoring.states.map((s) => [s.state, s.cases, s.spent, s.savingsLow, s.savingsHigh])).toEqual([
			['duurzaam', 1, 70, 300, 600],
			['terugval', 1, 0, 0, 0],
			['onbekend', 1, 100, 400, 1000]
		]);
		expect([monitoring.realisedLow, monitoring.realisedHigh]).toEqual([300, 600]);
		expect(tables.find((t) => t.id === 'rapport-kassabon')!.rows[0]).toEqual({
			post: 'Besteed aan oplossingen',
			bedrag: 150.5
		});
		// The annex: per partner from 1 January to the period's end, against the € 100 the zorgverzekeraar paid in.
		expect(budget.contributions).toBe(100);
		expect(
			budget.settlement.map((r) => [r.party, r.year, r.cases, r.benefit, r.contributed, r.difference])
		).toEqual([
			['gemeente', 2025, 2, { low: 400, high: 800 }, 0, { low: 400, high: 800 }],
			['zorgverzekeraar', 2025, 1, { low: 200, high: 500 }, 100, { low: 100, high: 400 }]
		]);
		expect(tables.find((t) => t.id === 'rapport-verrekening')!.rows).toHaveLength(2);
	});

	it('lists the signals at the quarter end with each kwestie status and measure', async () => {
		const { signalList, kwesties } = await periodReport(store.db, user('college'), Q3);
		expect(signalList).toMatchObject({ threshold: 3, windowMonths: 12, asOf: '2025-09-30' });
		expect(signalList.rows).toEqual([
			{
				kwestie: HUURTOESLAG,
				cases: 3,
				first: '2025-07-10',
				last: '2025-09-30',
				gemeenten: ['Leeuwarden'],
				status: 'maatregel',
				measures: [
					{
						gemeente: 'Leeuwarden',
						measure: 'Afspraak met Dienst Toeslagen over doorbetalen',
						measureOn: '2025-09-01'
					}
				]
			}
		]);
		// Utrecht's kwestie lies outside the reach.
		expect(kwesties.map((k) => [k.gemeente, k.label, k.status])).toEqual([
			['Leeuwarden', HUURTOESLAG, 'maatregel'],
			['Leeuwarden', 'Jongerennorm in de bijstand', 'in_analyse']
		]);
	});

	it('covers the chosen municipality of a region, and the whole region without a choice', async () => {
		const region = user('college', BOTH);
		const utrecht = await periodReport(store.db, region, Q3, 'GM0344');
		expect(utrecht.cases).toEqual({ in: 3, solved: 0, open: 3, withdrawn: 0 });
		expect(utrecht.scope).toEqual({ gemeente: 'GM0344', gemeenten: ['GM0344'], label: 'Utrecht' });
		expect(utrecht.spent).toBe(3000);
		const both = await periodReport(store.db, region, Q3);
		expect(both.cases).toEqual({ in: 8, solved: 3, open: 7, withdrawn: 1 });
		expect(both.scope.label).toBe('2 gemeenten: Leeuwarden en Utrecht');
		// Over both municipalities the signal has Utrecht's in_analyse as its least advanced status.
		expect(both.signalList.rows.map((s) => [s.cases, s.status])).toEqual([[6, 'in_analyse']]);
		await expect(periodReport(store.db, user('college'), Q3, 'GM0344')).rejects.toThrow();
	});

	it('gives every table an id prefixed rapport-', async () => {
		const { tables } = await periodReport(store.db, user('college'), Q3);
		expect(tables.map((t) => t.id)).toEqual([
			'rapport-kerncijfers',
			'rapport-treden',
			'rapport-leefgebieden',
			'rapport-organisaties',
			'rapport-ministeries',
			'rapport-wetten',
			'rapport-niveaus',
			'rapport-fondsen',
			'rapport-kassabon',
			'rapport-baten',
			'rapport-verrekening',
			'rapport-monitoring',
			'rapport-signalen',
			'rapport-kwesties'
		]);
		expect(tables[0].rows.map((r) => [r.cijfer, r.p0, r.p1, r.p2])).toEqual([
			['Aangemeld', 5, 3, 2],
			['Opgelost of deels opgelost', 3, 0, 1],
			['Afgerond zonder oplossing', 1, 0, 0],
			['Ingetrokken', 1, 1, 0],
			['Open aan het eind van de periode', 4, 4, 1],
			['Mediane doorlooptijd in dagen (afgerond in de periode)', 45, null, 17]
		]);
		expect(tables[0].caption).toBe(
			'Kerncijfers derde kwartaal 2025 tegen de periode ervoor en een jaar eerder'
		);
		expect(tables[0].columns.map((c) => c.label)).toEqual([
			'Kerncijfer',
			'derde kwartaal 2025 (deze periode)',
			'tweede kwartaal 2025 (periode ervoor)',
			'derde kwartaal 2024 (een jaar eerder)'
		]);
	});

	it('sets a year against the year before in one column, not twice as the period before and a year earlier', async () => {
		const { comparison, tables } = await periodReport(store.db, user('college'), parsePeriod('2025')!);
		expect(comparison.previous.period).toBe('2024');
		expect(comparison.yearBefore.period).toBe('2024');
		expect(tables[0].caption).toBe('Kerncijfers jaar 2025 tegen het jaar ervoor');
		expect(tables[0].columns.map((c) => [c.key, c.label])).toEqual([
			['cijfer', 'Kerncijfer'],
			['p0', 'jaar 2025 (deze periode)'],
			['p1', 'jaar 2024 (jaar ervoor)']
		]);
		expect(tables[0].rows[0]).toEqual({
			cijfer: 'Aangemeld',
			p0: comparison.current.cases.in,
			p1: comparison.previous.cases.in
		});
	});
});

describe('saved reports', () => {
	it('checks the "wat leren we" text', () => {
		expect(parseLessons('  ')).toMatchObject({ ok: false, field: 'lessons' });
		expect(parseLessons(null)).toMatchObject({ ok: false, field: 'lessons' });
		expect(parseLessons('x'.repeat(10_001))).toMatchObject({ ok: false, field: 'lessons' });
		expect(parseLessons(' Eerder aan tafel.\r\nMinder wachten. ')).toEqual({
			ok: true,
			lessons: 'Eerder aan tafel.\nMinder wachten.'
		});
	});

	it('stores the figures and the text with the imports, and keeps them after a new import', async () => {
		const kwaliteit = user('kwaliteitsteam');
		const before = await periodReport(store.db, kwaliteit, Q3);
		const imports = await scopeImports(store.db, LEEUWARDEN);
		const lessons = 'Eerder aan tafel met Toeslagen.\nDe jongerennorm agenderen.';
		const id = await saveReport(store.db, kwaliteit, Q3, null, lessons);

		const saved = (await openSavedReport(store.db, user('college'), id))!;
		expect(saved).toMatchObject({
			id,
			period: '2025-Q3',
			name: 'derde kwartaal 2025',
			scopeLabel: 'Leeuwarden',
			gemeente: null,
			savedBy: 'kwaliteitsteam@leeuwarden.example',
			lessons,
			importIds: imports.ids
		});
		expect(saved.importIds).toHaveLength(1);
		expect(saved.savedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		expect(saved.figures).toEqual(before);
		await expect(compareWithLive(store.db, saved)).resolves.toEqual({
			changed: false,
			newImports: [],
			goneImports: []
		});
		await expect(latestLessons(store.db, user('college'), '2025-Q3', ['GM0080'])).resolves.toMatchObject({
			id,
			lessons
		});
		const audit = await store.db.all<{ action: string; object: string }>(
			`SELECT action, object FROM audit_log WHERE action = 'rapportage opslaan'`
		);
		expect(audit).toEqual([{ action: 'rapportage opslaan', object: `rapport ${id}: 2025-Q3 Leeuwarden` }]);

		// A new export adds a case in the quarter and corrects one.
		const second = await importRows(store, [
			caseRow('M', { aangemeld_op: '2025-09-01' }),
			{ ...LEEUWARDEN_CASES[0], status: 'ingetrokken', afgerond_op: '2025-09-10' }
		]);
		expect(second.status).toBe('imported');
		const live = await periodReport(store.db, kwaliteit, Q3);
		expect(live.cases).toEqual({ in: 6, solved: 3, open: 4, withdrawn: 2 });

		const reopened = (await openSavedReport(store.db, user('college'), id))!;
		expect(reopened.figures).toEqual(before);
		expect(reopened.figures.cases).toEqual({ in: 5, solved: 3, open: 4, withdrawn: 1 });
		expect(reopened.lessons).toBe(lessons);
		await expect(compareWithLive(store.db, reopened)).resolves.toEqual({
			changed: true,
			newImports: [second.importId],
			goneImports: []
		});
	});

	it('opens and lists saved reports only within the reach, never for landelijk', async () => {
		const id = await saveReport(store.db, user('beheerder', BOTH), Q3, 'GM0344', 'Utrecht leert.');
		const utrechtOnly = user('college', { all: false, gemeenten: ['GM0344'] });
		await expect(openSavedReport(store.db, utrechtOnly, id)).resolves.toMatchObject({
			scopeLabel: 'Utrecht',
			lessons: 'Utrecht leert.'
		});
		await expect(openSavedReport(store.db, user('college'), id)).resolves.toBeUndefined();
		await expect(openSavedReport(store.db, user('landelijk', { all: true }), id)).resolves.toBeUndefined();
		await expect(openSavedReport(store.db, utrechtOnly, 999_999)).resolves.toBeUndefined();

		const leeuwarden = await savedReports(store.db, user('college'));
		expect(leeuwarden.map((r) => r.scopeLabel)).toEqual(['Leeuwarden']);
		const region = await savedReports(store.db, user('college', BOTH), '2025-Q3');
		expect(region.map((r) => r.scopeLabel)).toEqual(['Utrecht', 'Leeuwarden']);
		await expect(savedReports(store.db, user('college', BOTH), '2025-Q2')).resolves.toEqual([]);
	});
});
