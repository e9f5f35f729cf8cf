/** The budget page, `GET /api/v1/budget`, the college report and the national package take their money from one summary and agree to the cent, on amounts a float gets wrong. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTER, type CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import {
	caseRow,
	closeTempStore,
	importRows,
	openTempStore,
	type Store
} from '../../ingest/fixtures/helpers';
import { setFund } from '../../funds/budgets';
import { CBS_RULES } from '../../national/disclosure';
import { buildPackage, packageMoney } from '../../national/package';
import { parsePeriod } from '../../national/period';
import { periodReport } from '../../reports/report';
import { budgetSummary, inEuros } from '../budget';
import { budgetView } from '../budget-view';

const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
const PERIOD = parsePeriod('2025-Q1')!;
const FILTER: CaseFilter = { ...EMPTY_FILTER, from: PERIOD.from, to: PERIOD.to, gemeente: 'GM0080' };
const EXACT = { minimum: 0, rounding: 1, publishZero: true, amountCents: 1 };
const THREE = 'gemeente|woningcorporatie|zorgverzekeraar';
const at = { aangemeld_op: '2025-02-03', fonds: 'OMO-fonds' };

let store: Store;

beforeAll(async () => {
	store = await openTempStore();
	const result = await importRows(store, [
		caseRow('A', { ...at, kosten_oplossing: '0,10', besparing_laag: '0,10', baten_bij: 'gemeente' }),
		caseRow('B', { ...at, kosten_oplossing: '0,20', besparing_laag: '0,20', baten_bij: 'gemeente' }),
		...['C1', 'C2', 'C3'].map((id) =>
			caseRow(id, {
				...at,
				kosten_oplossing: '33.333.333,33',
				besparing_laag: '33.333.333,33',
				besparing_hoog: '66.666.666,67',
				baten_bij: THREE
			})
		),
		...['F1', 'F2', 'F3'].map((id) =>
			caseRow(id, { ...at, kosten_oplossing: '0,10', besparing_laag: '0,10', baten_bij: THREE })
		),
		caseRow('D', { aangemeld_op: '2025-03-01', besparing_laag: '100', baten_bij: THREE }),
		// Outside the period and outside the reach: never counted.
		caseRow('X', { ...at, aangemeld_op: '2025-04-01', kosten_oplossing: '7' }),
		caseRow('U', { ...at, gemeente: 'GM0344', kosten_oplossing: '11' })
	]);
	expect(result.status).toBe('imported');
	await setFund(store.db, { gemeente: 'GM0080', name: 'OMO-fonds', year: 2025, budget: 10_000_000_059n });
});

afterAll(() => closeTempStore(store));

describe('one money summary', () => {
	it('sums exactly where floats drift: 0,10 + 0,20, thirds over three parties, 3 × 33.333.333,33', async () => {
		const summary = await budgetSummary(store.db, LEEUWARDEN, FILTER);
		// 0,10 + 0,20 + 3 × 33.333.333,33 + 3 × 0,10; added as floats it is 100000000.58999997.
		expect(summary.spent).toBe(100_000_000.59);
		expect(summary.savingsLow).toBe(100_000_100.59);
		expect(summary.savingsHigh).toBe(200_000_100.61);
		expect(summary.funds).toEqual([
			{ fund: 'OMO-fonds', budget: 100_000_000.59, contributions: 0, spent: 100_000_000.59, cases: 8 }
		]);
		// gemeente: 0,30 + (99.999.999,99 + 100 + 0,30) / 3 = 33.333.367,0633… → 33.333.367,06.
		expect(summary.benefitsBy).toEqual([
			{ party: 'gemeente', savingsLow: 33_333_367.06, savingsHigh: 66_666_700.4 },
			{ party: 'woningcorporatie', savingsLow: 33_333_366.76, savingsHigh: 66_666_700.1 },
			{ party: 'zorgverzekeraar', savingsLow: 33_333_366.76, savingsHigh: 66_666_700.1 }
		]);
	});

	it('gives the budget page, the API, the college report and the package the same figures', async () => {
		// The API answers budgetSummary as JSON.
		const api = JSON.parse(JSON.stringify(await budgetSummary(store.db, LEEUWARDEN, FILTER)));
		const view = await budgetView(store.db, LEEUWARDEN, FILTER, '2025-06-30');
		const report = await periodReport(store.db, { reach: LEEUWARDEN }, PERIOD, 'GM0080');
		const exactPackage = inEuros(await packageMoney(store.db, 'GM0080', PERIOD));

		expect(view.summary).toEqual(api);
		expect(exactPackage).toEqual(api);
		expect({ spent: view.total.spent, low: view.total.savings.low, high: view.total.savings.high }).toEqual({
			spent: api.spent,
			low: api.savingsLow,
			high: api.savingsHigh
		});
		expect(view.parties.map((p) => [p.party, p.savings.low, p.savings.high])).toEqual(
			api.benefitsBy.map((b: { party: string; savingsLow: number; savingsHigh: number }) => [
				b.party,
				b.savingsLow,
				b.savingsHigh
			])
		);
		// The view also lists what cases without a fund spent or saved (D); the API lists funds only.
		expect(view.funds.filter((f) => f.key !== null).map((f) => [f.fund, f.budget, f.money.spent])).toEqual(
			api.funds.map((f: { fund: string; budget: number; spent: number }) => [f.fund, f.budget, f.spent])
		);
		expect(view.funds[0].remaining).toBe(0);

		expect([report.spent, report.savingsLow, report.savingsHigh]).toEqual([
			api.spent,
			api.savingsLow,
			api.savingsHigh
		]);
		expect(
			report.budget.benefitsBy.map(({ party, savingsLow, savingsHigh }) => ({
				party,
				savingsLow,
				savingsHigh
			}))
		).toEqual(api.benefitsBy);
		expect(report.budget.funds[0]).toMatchObject({
			fund: 'OMO-fonds',
			budget: 100_000_000.59,
			spent: api.spent
		});

		// The package publishes the same amounts: exact without disclosure control, else rounded half up to thousands.
		const exact = await buildPackage(store.db, 'GM0080', PERIOD, EXACT);
		expect(exact.figures).toMatchObject({
			spend: api.spent,
			savingsLow: api.savingsLow,
			savingsHigh: api.savingsHigh
		});
		const published = await buildPackage(store.db, 'GM0080', PERIOD, CBS_RULES);
		expect(published.figures).toMatchObject({
			spend: 100_000_000,
			savingsLow: 100_000_000,
			savingsHigh: 200_000_000
		});
	});
});
