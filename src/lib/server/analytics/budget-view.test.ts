/** Tests of the budget view on a real DuckDB file: funds over several years, filters, the even split, missing estimates, exact cents, projection, monitoring, advances and the kassabon's reach. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTER, type CaseFilter } from '$lib/domain/filters';
import type { Reach, SessionUser } from '$lib/domain/roles';
import { caseRow, closeTempStore, importRows, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { decimalCents } from '$lib/domain/money';
import { setFund } from '../funds/budgets';
import { budgetSummary } from './budget';
import { budgetView, type BudgetView } from './budget-view';
import { projectYear } from './budget/fund-figures';
import { caseKassabon, costliestCases } from './budget/kassabon';

const ALL: Reach = { all: true };
const filter = (f: Partial<CaseFilter> = {}): CaseFilter => ({ ...EMPTY_FILTER, ...f });
const AS_OF = '2025-09-30';
const user = (role: SessionUser['role'], gemeenten: string[] | null): SessionUser => ({
	id: 1,
	email: `${role}@test.example`,
	role,
	reach: gemeenten === null ? { all: true } : { all: false, gemeenten }
});

const fund = (view: BudgetView, name: string) => {
	const found = view.funds.find((f) => f.fund.toLowerCase() === name.toLowerCase());
	if (!found) throw new Error(`no fund ${name}`);
	return found;
};
const table = (view: BudgetView, id: string) => {
	const found = view.tables.find((t) => t.id === id);
	if (!found) throw new Error(`no table ${id}`);
	return found;
};

describe('decimalCents', () => {
	it('reads DuckDB decimals exactly, also beyond what a double holds in euros', () => {
		expect(decimalCents('1234.5')).toBe(123450n);
		expect(decimalCents('0.10')).toBe(10n);
		expect(decimalCents('-7')).toBe(-700n);
		expect(decimalCents('99999999999999999.99')).toBe(9999999999999999999n);
		expect(decimalCents(null)).toBeNull();
		expect(() => decimalCents('1.005')).toThrow();
	});
});

describe('projectYear', () => {
	it('extends the pace of the year so far to the whole year, and only for the current year', () => {
		// € 10.000 by 31 March 2025 (90 days): 10.000 × 365 / 90 = 40.555,555… → 40.555,56.
		expect(projectYear(2025, 1_000_000n, '2025-03-31', filter())).toEqual({
			projected: 4_055_556n,
			window: { from: '2025-01-01', to: '2025-03-31', days: 90 }
		});
		// A leap year has 366 days; the filter's start and end narrow the window.
		expect(
			projectYear(2024, 10_000n, '2024-12-31', filter({ from: '2024-07-01', to: '2024-07-10' }))
		).toEqual({
			projected: 366_000n,
			window: { from: '2024-07-01', to: '2024-07-10', days: 10 }
		});
		expect(projectYear(2024, 100n, '2025-03-31', filter())).toBeNull();
		expect(projectYear(2025, 100n, '2025-03-31', filter({ to: '2024-12-31' }))).toBeNull();
	});
});

describe('budget view', () => {
	let store: Store;

	beforeEach(async () => {
		store = await openTempStore();
		const result = await importRows(store, [
			caseRow('L1', {
				aangemeld_op: '2024-01-10',
				status: 'afgerond',
				uitkomst: 'opgelost',
				route: 'Casusteam',
				fonds: 'maatwerkbudget',
				kosten_oplossing: '1.000,00',
				besparing_laag: '3.000',
				besparing_hoog: '9.000',
				baten_bij: 'gemeente|woningcorporatie|zorgverzekeraar',
				monitoring: 'duurzaam',
				monitoring_op: '2024-10-01'
			}),
			caseRow('L2', {
				aangemeld_op: '2024-06-30',
				route: 'Maatwerkcoach',
				fonds: 'Maatwerkbudget ',
				kosten_oplossing: '500,50'
			}),
			caseRow('L3', {
				aangemeld_op: '2025-03-01',
				route: 'Casusteam',
				fonds: 'MAATWERKBUDGET',
				kosten_oplossing: '2000',
				besparing_laag: '1000',
				besparing_hoog: '5000',
				monitoring: 'terugval'
			}),
			caseRow('L4', {
				aangemeld_op: '2025-05-01',
				fonds: 'doorpakbudget',
				kosten_oplossing: '99',
				besparing_laag: '100',
				besparing_hoog: '200',
				baten_bij: 'gemeente',
				voorgeschoten: '50',
				terug_van: 'inwoner',
				terugbetaald: '20'
			}),
			caseRow('L5', {
				aangemeld_op: '2025-07-01',
				besparing_hoog: '400',
				baten_bij: 'UWV',
				monitoring: 'onbekend'
			}),
			caseRow('L6', { aangemeld_op: '2025-08-01' }),
			caseRow('U1', {
				gemeente: 'GM0344',
				aangemeld_op: '2025-02-02',
				fonds: 'OMO-fonds',
				kosten_oplossing: '300',
				besparing_laag: '900',
				besparing_hoog: '1200',
				baten_bij: 'woningcorporatie',
				voorgeschoten: '300',
				terug_van: 'UWV',
				terugbetaald: '300'
			})
		]);
		expect(result.status).toBe('imported');
		await setFund(store.db, { gemeente: 'GM0080', name: 'maatwerkbudget', year: 2024, budget: 5_000_000n });
		await setFund(store.db, { gemeente: 'GM0080', name: 'Maatwerkbudget', year: 2025, budget: 6_000_000n });
		await setFund(store.db, { gemeente: 'GM0080', name: 'Maatwerkbudget', year: 2026, budget: 7_000_000n });
		await setFund(store.db, { gemeente: 'GM0080', name: 'Doorpakbudget', year: 2025, budget: 100_000n });
		await setFund(store.db, { gemeente: 'GM0344', name: 'OMO-fonds', year: 2025, budget: 50_000_000n });
	});

	afterEach(() => closeTempStore(store));

	it('sums spend and savings exactly and keeps cases without an estimate apart, never as zero', async () => {
		const view = await budgetView(store.db, ALL, filter(), AS_OF);
		expect(view.total).toEqual({
			cases: 7,
			withCost: 5,
			spent: 3899.5,
			withEstimate: 5,
			savings: { low: 5400, high: 15800 },
			complete: { cases: 4, cost: 3399, savings: { low: 5000, high: 15400 } },
			withoutEstimate: { cases: 1, cost: 500.5 },
			withoutCost: { cases: 1, savings: { low: 400, high: 400 } },
			// 5.000 / 3.399 = 1,47 and 15.400 / 3.399 = 4,53, over the cases with both a cost and an estimate.
			ratio: { low: 1.5, high: 4.5 }
		});
		expect(table(view, 'budget-kassabon').rows.map((r) => [r.groep, r.casussen, r.kosten])).toEqual([
			['Met kosten en schatting', 4, 3399],
			['Met kosten, zonder schatting', 1, 500.5],
			['Met schatting, zonder kosten', 1, null],
			['Totaal met kosten of schatting', 6, 3899.5]
		]);
	});

	it('sums a fund budget over all years set without a period, and lists each year with its spend', async () => {
		const view = await budgetView(store.db, ALL, filter(), AS_OF);
		expect(view.funds.map((f) => [f.fund, f.gemeente, f.budget, f.money.spent])).toEqual([
			['Maatwerkbudget', 'GM0080', 180_000, 3500.5],
			['OMO-fonds', 'GM0344', 500_000, 300],
			['Doorpakbudget', 'GM0080', 1_000, 99],
			['Geen fonds vastgelegd', 'GM0080', null, 0]
		]);
		const maatwerk = fund(view, 'maatwerkbudget');
		expect(maatwerk.years).toEqual([
			{
				year: 2024,
				budget: 50_000,
				contributions: 0,
				spent: 1500.5,
				projected: null,
				remaining: null,
				window: null
			},
			// 2.000 by 30 September 2025 (273 days): 2.000 × 365 / 273 = 2.673,99.
			{
				year: 2025,
				budget: 60_000,
				contributions: 0,
				spent: 2000,
				projected: 2673.99,
				remaining: 57_326.01,
				window: { from: '2025-01-01', to: '2025-09-30', days: 273 }
			},
			{
				year: 2026,
				budget: 70_000,
				contributions: 0,
				spent: 0,
				projected: null,
				remaining: null,
				window: null
			}
		]);
		expect(fund(view, 'OMO-fonds').years[0].projected).toBe(401.1);
		const rows = table(view, 'budget-fondsen').rows;
		expect(rows[0]).toMatchObject({
			fonds: 'Maatwerkbudget',
			budget: 180_000,
			besteed: 3500.5,
			saldo: 176_499.5
		});
		expect(rows.map((r) => r.fonds)).not.toContain('Geen fonds vastgelegd');
		// The API contract keeps its own figures: same budget, same spend.
		const summary = await budgetSummary(store.db, ALL, filter());
		expect(summary.funds.find((f) => f.fund.toLowerCase() === 'maatwerkbudget')).toMatchObject({
			budget: 180_000,
			spent: 3500.5
		});
	});

	it('draws the spend month by month, cumulative, against the budget added at the start of each year', async () => {
		const view = await budgetView(store.db, ALL, filter(), AS_OF);
		const maatwerk = fund(view, 'maatwerkbudget');
		expect(maatwerk.months[0]).toEqual({ month: '2024-01', spent: 1000, cumulative: 1000, budget: 50_000 });
		expect(maatwerk.months.find((m) => m.month === '2024-12')).toMatchObject({ cumulative: 1500.5 });
		expect(maatwerk.months.find((m) => m.month === '2025-03')).toEqual({
			month: '2025-03',
			spent: 2000,
			cumulative: 3500.5,
			budget: 110_000
		});
		// After today the line stops; the budget runs on to the last year set.
		expect(maatwerk.months.find((m) => m.month === '2025-10')?.cumulative).toBeNull();
		expect(maatwerk.months.at(-1)).toEqual({ month: '2026-12', spent: 0, cumulative: null, budget: 180_000 });
		expect(maatwerk.projection).toEqual({ fromMonth: '2025-09', toMonth: '2025-12', value: 4174.49 });
		expect(table(view, 'budget-verloop').rows.length).toBe(3 * 36);
	});

	it('narrows to the years a period touches: a quarter counts its whole year, its pace projects the year', async () => {
		const view = await budgetView(store.db, ALL, filter({ from: '2025-01-01', to: '2025-03-31' }), AS_OF);
		expect(view.total.cases).toBe(2);
		expect(view.funds.map((f) => [f.fund, f.budget, f.money.spent])).toEqual([
			['Maatwerkbudget', 60_000, 2000],
			['OMO-fonds', 500_000, 300],
			['Doorpakbudget', 1_000, 0]
		]);
		// 2.000 in the 90 days of the quarter: 2.000 × 365 / 90 = 8.111,11.
		expect(fund(view, 'maatwerkbudget').years).toEqual([
			{
				year: 2025,
				budget: 60_000,
				contributions: 0,
				spent: 2000,
				projected: 8111.11,
				remaining: 51_888.89,
				window: { from: '2025-01-01', to: '2025-03-31', days: 90 }
			}
		]);
		expect(fund(view, 'maatwerkbudget').months.map((m) => m.month)).toEqual([
			'2025-01',
			'2025-02',
			'2025-03'
		]);
		const years2024 = await budgetView(
			store.db,
			ALL,
			filter({ from: '2024-01-01', to: '2024-12-31' }),
			AS_OF
		);
		expect(fund(years2024, 'maatwerkbudget')).toMatchObject({ budget: 50_000, money: { spent: 1500.5 } });
		const both = await budgetView(store.db, ALL, filter({ from: '2024-06-01', to: '2025-06-30' }), AS_OF);
		expect(fund(both, 'maatwerkbudget')).toMatchObject({ budget: 110_000, money: { spent: 2500.5 } });
	});

	it('applies every other filter to the cases and the gemeente filter to the budgets too', async () => {
		const route = await budgetView(store.db, ALL, filter({ route: 'casusteam' }), AS_OF);
		expect(fund(route, 'maatwerkbudget')).toMatchObject({
			budget: 180_000,
			money: { spent: 3000, withCost: 2 }
		});
		const utrecht = await budgetView(store.db, ALL, filter({ gemeente: 'GM0344' }), AS_OF);
		expect(utrecht.funds.map((f) => f.fund)).toEqual(['OMO-fonds']);
		const reach = await budgetView(store.db, { all: false, gemeenten: ['GM0344'] }, filter(), AS_OF);
		expect(reach.total.spent).toBe(300);
		const none = await budgetView(store.db, ALL, filter({ from: '2030-01-01' }), AS_OF);
		expect(none.total.cases).toBe(0);
		expect(none.funds).toEqual([]);
	});

	it('splits avoided costs evenly over the parties, onbekend where none is named, overall and per quarter', async () => {
		const view = await budgetView(store.db, ALL, filter(), AS_OF);
		expect(view.parties.map((p) => [p.party, p.cases, p.savings.low, p.savings.high])).toEqual([
			['woningcorporatie', 2, 1900, 4200],
			['gemeente', 2, 1100, 3200],
			['zorgverzekeraar', 1, 1000, 3000],
			['UWV', 1, 400, 400],
			['onbekend', 1, 1000, 5000]
		]);
		expect(view.quarters.map((q) => q.quarter)).toEqual([
			'2024-Q1',
			'2024-Q2',
			'2024-Q3',
			'2024-Q4',
			'2025-Q1',
			'2025-Q2',
			'2025-Q3'
		]);
		const q1 = view.quarters.find((q) => q.quarter === '2025-Q1')!;
		expect(q1.parties.filter((p) => p.savings.high > 0)).toEqual([
			{ party: 'woningcorporatie', savings: { low: 900, high: 1200 } },
			{ party: 'onbekend', savings: { low: 1000, high: 5000 } }
		]);
		expect(table(view, 'budget-baten-kwartalen').rows.length).toBe(7 * 5);
		// The quarters add up to the whole per party.
		for (const party of view.parties) {
			const sum = view.quarters.reduce(
				(acc, q) =>
					acc + BigInt(Math.round(q.parties.find((p) => p.party === party.party)!.savings.low * 100)),
				0n
			);
			expect(Number(sum) / 100).toBe(party.savings.low);
		}
	});

	it('shows what monitoring found: savings that held up, fell back, are unknown or not yet monitored', async () => {
		const view = await budgetView(store.db, ALL, filter(), AS_OF);
		expect(
			view.monitoring.map((m) => [
				m.state,
				m.money.cases,
				m.money.spent,
				m.money.savings.low,
				m.money.savings.high
			])
		).toEqual([
			['duurzaam', 1, 1000, 3000, 9000],
			['terugval', 1, 2000, 1000, 5000],
			['onbekend', 1, 0, 400, 400],
			['niet_gemonitord', 3, 899.5, 1000, 1400]
		]);
		expect(view.monitoring[3].money.withoutEstimate.cases).toBe(1);
		// Unknown and not yet monitored, added in cents on the server: the page adds nothing itself.
		expect(view.unconfirmed).toEqual({ low: 1400, high: 1800 });
		expect(table(view, 'budget-monitoring').rows[0].aandeel).toBe(55.6);
	});

	it('totals advances and what was paid back, per party that pays back', async () => {
		const view = await budgetView(store.db, ALL, filter(), AS_OF);
		expect(view.advances.map((a) => [a.from, a.cases, a.advanced, a.repaid, a.outstanding])).toEqual([
			['UWV', 1, 300, 300, 0],
			['inwoner', 1, 50, 20, 30]
		]);
		expect(view.advancesTotal).toMatchObject({ cases: 2, advanced: 350, repaid: 320, outstanding: 30 });
		const none = await budgetView(store.db, ALL, filter({ gemeente: 'GM0080', route: 'Casusteam' }), AS_OF);
		expect(none.advancesTotal).toBeNull();
		expect(none.tables.map((t) => t.id)).not.toContain('budget-voorschotten');
	});

	it('gives every table an id prefixed budget-', async () => {
		const view = await budgetView(store.db, ALL, filter(), AS_OF);
		expect(view.tables.map((t) => t.id)).toEqual([
			'budget-fondsen',
			'budget-fondsen-jaren',
			'budget-verloop',
			'budget-kassabon',
			'budget-besparing-fondsen',
			'budget-baten',
			'budget-baten-kwartalen',
			'budget-verrekening',
			'budget-monitoring',
			'budget-voorschotten'
		]);
	});

	it('lists the costliest cases only for roles with case-level reach', async () => {
		const list = await costliestCases(store.db, user('beleid', ['GM0080']), filter());
		expect(list?.map((c) => [c.casusId, c.cost])).toEqual([
			['L3', 2000],
			['L1', 1000],
			['L2', 500.5],
			['L4', 99]
		]);
		expect(await costliestCases(store.db, user('college', ['GM0080']), filter())).toBeNull();
		expect(await costliestCases(store.db, user('landelijk', null), filter())).toBeNull();
	});

	it('shows one case kassabon within the reach of a case-level role, audits it, and refuses everyone else', async () => {
		const ids = await store.db.all<{ id: number; casus_id: string }>('SELECT id, casus_id FROM cases');
		const idOf = (casusId: string) => ids.find((r) => r.casus_id === casusId)!.id;
		const team = user('kwaliteitsteam', ['GM0080']);
		const l1 = await caseKassabon(store.db, team, idOf('L1'), '127.0.0.1');
		expect(l1).toMatchObject({
			casusId: 'L1',
			gemeenteNaam: 'Leeuwarden',
			fund: 'maatwerkbudget',
			cost: 1000,
			savings: { low: 3000, high: 9000 },
			ratio: { low: 3, high: 9 },
			monitoring: 'duurzaam',
			monitoringOp: '2024-10-01',
			fundYear: { year: 2024, budget: 50_000, spent: 1500.5 },
			advance: null
		});
		expect(l1?.parties.map((p) => [p.party, p.savings.low, p.savings.high])).toEqual([
			['gemeente', 1000, 3000],
			['zorgverzekeraar', 1000, 3000],
			['woningcorporatie', 1000, 3000]
		]);
		const l4 = await caseKassabon(store.db, team, idOf('L4'));
		expect(l4?.advance).toEqual({
			advanced: 50,
			repaid: 20,
			outstanding: 30,
			from: 'inwoner',
			fromLabel: 'Inwoner'
		});
		const l3 = await caseKassabon(store.db, team, idOf('L3'));
		expect(l3?.parties).toEqual([
			{ party: 'onbekend', label: 'Onbekend (geen partij genoemd)', savings: { low: 1000, high: 5000 } }
		]);
		expect(await caseKassabon(store.db, team, idOf('U1'))).toBeNull();
		expect(await caseKassabon(store.db, user('college', ['GM0080']), idOf('L1'))).toBeNull();
		expect(await caseKassabon(store.db, user('landelijk', null), idOf('L1'))).toBeNull();
		expect(await caseKassabon(store.db, user('beheerder', null), idOf('U1'))).toMatchObject({
			casusId: 'U1'
		});
		expect(await caseKassabon(store.db, team, 999_999)).toBeNull();
		const log = await store.db.all<{ actor: string; object: string; result: string }>(
			"SELECT actor, object, result FROM audit_log WHERE action = 'kassabon bekijken' ORDER BY id"
		);
		expect(log.map((l) => l.result)).toEqual([
			'ok',
			'ok',
			'ok',
			'geweigerd',
			'geweigerd',
			'geweigerd',
			'ok',
			'geweigerd'
		]);
		expect(log[0]).toEqual({
			actor: 'kwaliteitsteam@test.example',
			object: `GM0080 L1 (casus ${idOf('L1')})`,
			result: 'ok'
		});
	});
});

describe('budget view on large and awkward amounts', () => {
	let store: Store;
	beforeEach(async () => {
		store = await openTempStore();
	});
	afterEach(() => closeTempStore(store));

	it('keeps every cent of 3 × 33.333.333,33 and splits thirds without drift', async () => {
		const rows = ['A', 'B', 'C'].map((id) =>
			caseRow(id, {
				aangemeld_op: '2025-02-01',
				fonds: 'OMO-fonds',
				kosten_oplossing: '33.333.333,33',
				besparing_laag: '33.333.333,33',
				besparing_hoog: '66.666.666,67',
				baten_bij: 'gemeente|woningcorporatie|zorgverzekeraar'
			})
		);
		// 0,10 ten times is 1,00, not the 0,9999999999999999 of floating point.
		for (let i = 0; i < 10; i++)
			rows.push(
				caseRow(`D${i}`, { aangemeld_op: '2025-02-01', fonds: 'doorpakbudget', kosten_oplossing: '0,10' })
			);
		await importRows(store, rows);
		await setFund(store.db, { gemeente: 'GM0080', name: 'OMO-fonds', year: 2025, budget: 9_999_999_999n });
		const view = await budgetView(store.db, ALL, filter(), AS_OF);
		expect(view.total.spent).toBe(100_000_000.99);
		expect(view.total.savings).toEqual({ low: 99_999_999.99, high: 200_000_000.01 });
		expect(fund(view, 'OMO-fonds')).toMatchObject({ budget: 99_999_999.99, money: { spent: 99_999_999.99 } });
		expect(fund(view, 'doorpakbudget').money.spent).toBe(1);
		expect(table(view, 'budget-fondsen').rows[0].saldo).toBe(0);
		// Each party: 3 × 33.333.333,33 / 3 = 33.333.333,33 and 3 × 66.666.666,67 / 3 = 66.666.666,67.
		expect(view.parties.map((p) => [p.party, p.savings.low, p.savings.high])).toEqual([
			['gemeente', 33_333_333.33, 66_666_666.67],
			['woningcorporatie', 33_333_333.33, 66_666_666.67],
			['zorgverzekeraar', 33_333_333.33, 66_666_666.67]
		]);
	});

	it('rounds a third of a cent once, at the end: 3 cases of 100,00 over three parties give 100,00 each', async () => {
		await importRows(
			store,
			['A', 'B', 'C'].map((id) =>
				caseRow(id, {
					aangemeld_op: '2025-02-01',
					besparing_laag: '100',
					baten_bij: 'gemeente|woningcorporatie|zorgverzekeraar'
				})
			)
		);
		const view = await budgetView(store.db, ALL, filter(), AS_OF);
		expect(view.parties.map((p) => p.savings.low)).toEqual([100, 100, 100]);
		expect(view.total.withoutCost).toEqual({ cases: 3, savings: { low: 300, high: 300 } });
		expect(view.total.ratio).toBeNull();
	});
});
