/** Tests of the budget's ledger figures on a real DuckDB file: contributions per fund in the API answer, forgiven and outstanding advances, and how long what is outstanding waits. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
import { addContribution } from '../../funds/contributions';
import { budgetSummary } from '../budget';
import { budgetView } from '../budget-view';

const ALL: Reach = { all: true };
const AS_OF = '2025-09-30';
const filter = (f: Partial<CaseFilter> = {}): CaseFilter => ({ ...EMPTY_FILTER, ...f });
let store: Store;

beforeEach(async () => {
	store = await openTempStore();
	const advance = (id: string, over: Record<string, string>) =>
		caseRow(id, { terug_van: 'inwoner', fonds: 'maatwerkbudget', ...over });
	const result = await importRows(store, [
		// Closed 182 days before 30 September 2025: under half a year. 100 - 0,10 - 0,20 = 99,70.
		advance('A1', {
			aangemeld_op: '2025-01-10',
			status: 'afgerond',
			afgerond_op: '2025-04-01',
			voorgeschoten: '100',
			terugbetaald: '0,10',
			kwijtgescholden: '0,20'
		}),
		// Closed 183 days before: half a year to a year.
		advance('A2', {
			aangemeld_op: '2025-01-10',
			status: 'afgerond',
			afgerond_op: '2025-03-31',
			voorgeschoten: '10'
		}),
		// Open, registered 364 days before: half a year to a year; 365 days: a year or more.
		advance('A3', { aangemeld_op: '2024-10-01', voorgeschoten: '1' }),
		advance('A4', { aangemeld_op: '2024-09-30', voorgeschoten: '2' }),
		// Paid back in part and forgiven the rest: nothing outstanding, so no age.
		advance('A5', {
			aangemeld_op: '2023-01-01',
			terug_van: 'UWV',
			voorgeschoten: '50',
			terugbetaald: '25',
			kwijtgescholden: '25'
		}),
		caseRow('U1', {
			gemeente: 'GM0344',
			aangemeld_op: '2025-02-02',
			fonds: 'OMO-fonds',
			kosten_oplossing: '300'
		})
	]);
	expect(result.status).toBe('imported');
	await setFund(store.db, { gemeente: 'GM0080', name: 'Maatwerkbudget', year: 2025, budget: 100_000n });
	const contribute = (gemeente: string, fund: string, year: number, organisatie: string, amount: bigint) =>
		addContribution(store.db, { gemeente, fund, year, organisatie, amount }, 'test');
	await contribute('GM0080', 'maatwerkbudget', 2025, 'zorgverzekeraar', 10n);
	await contribute('GM0080', 'Maatwerkbudget', 2025, 'woningcorporatie', 20n);
	await contribute('GM0080', 'maatwerkbudget', 2024, 'zorgverzekeraar', 500_000n);
	await contribute('GM0344', 'OMO-fonds', 2025, 'UWV', 1_000_000n);
});

afterEach(() => closeTempStore(store));

describe('the budget answer', () => {
	it('gains contributions in total and per fund, over the years and municipalities of the filter', async () => {
		const all = await budgetSummary(store.db, ALL, filter());
		expect(all.contributions).toBe(15_000.3);
		expect(all.funds.map((f) => [f.fund, f.budget, f.contributions])).toEqual([
			['OMO-fonds', null, 10_000],
			['Maatwerkbudget', 1000, 5000.3]
		]);
		// 0,10 + 0,20 in 2025: exactly 0,30.
		const year = await budgetSummary(
			store.db,
			ALL,
			filter({ from: '2025-01-01', to: '2025-12-31', gemeente: 'GM0080' })
		);
		expect(year.contributions).toBe(0.3);
		expect(year.funds).toMatchObject([{ fund: 'Maatwerkbudget', contributions: 0.3 }]);
		const leeuwarden = await budgetSummary(store.db, { all: false, gemeenten: ['GM0080'] }, filter());
		expect(leeuwarden.contributions).toBe(5000.3);
	});

	it('gains forgiven and outstanding: advanced - repaid - forgiven, exact', async () => {
		const summary = await budgetSummary(store.db, ALL, filter());
		expect(summary).toMatchObject({ advanced: 163, repaid: 25.1, forgiven: 25.2, outstanding: 112.7 });
	});
});

describe('the budget view', () => {
	it('ages what is outstanding per party from closing, or from registration while open, on the edges of each band', async () => {
		const view = await budgetView(store.db, ALL, filter(), AS_OF);
		expect(view.advances).toEqual([
			{
				from: 'inwoner',
				label: 'Inwoner',
				cases: 4,
				advanced: 113,
				repaid: 0.1,
				forgiven: 0.2,
				outstanding: 112.7,
				openCases: 4,
				oldest: '2024-09-30',
				byAge: { young: 99.7, half: 11, old: 2 }
			},
			{
				from: 'UWV',
				label: 'Uitvoeringsinstituut Werknemersverzekeringen',
				cases: 1,
				advanced: 50,
				repaid: 25,
				forgiven: 25,
				outstanding: 0,
				openCases: 0,
				oldest: null,
				byAge: { young: 0, half: 0, old: 0 }
			}
		]);
		expect(view.tables.find((t) => t.id === 'budget-voorschotten')!.rows.at(-1)).toMatchObject({
			partij: 'Totaal',
			kwijtgescholden: 25.2,
			openstaand: 112.7,
			jong: 99.7,
			half: 11,
			oud: 2,
			sinds: '2024-09-30'
		});
	});

	it('balances each fund: budget + contributions + repaid advances - spent', async () => {
		const view = await budgetView(store.db, ALL, filter(), AS_OF);
		const maatwerk = view.funds.find((f) => f.key === 'maatwerkbudget')!;
		// 1.000 + 5.000,30 + 0,10 and 25 paid back - nothing spent.
		expect([maatwerk.budget, maatwerk.contributions, maatwerk.remaining]).toEqual([1000, 5000.3, 6025.4]);
		expect(maatwerk.years.map((y) => [y.year, y.budget, y.contributions])).toEqual([
			[2024, null, 5000],
			[2025, 1000, 0.3]
		]);
		// Only contributions, no budget: still a balance. 10.000 - 300.
		expect(view.funds.find((f) => f.key === 'omo-fonds')!.remaining).toBe(9700);
	});

	it('leads with spent against budget and contributions, the projection, the avoided costs and what is outstanding', async () => {
		const view = await budgetView(store.db, ALL, filter(), AS_OF);
		expect(view.lead).toEqual({
			spent: 300,
			// 1.000 + 0,10 + 0,20 + 5.000 (2024) + 10.000 for Utrecht's OMO-fonds.
			available: 16_000.3,
			// 300 / 16.000,30 = 1,87…%.
			spentShare: 1.9,
			// 300 by 30 September (273 days): 300 × 365 / 273 = 401,098… against 2025's 11.000,30.
			projection: { year: 2025, projected: 401.1, available: 11_000.3 },
			savings: { low: 0, high: 0 },
			outstanding: 112.7,
			oldestOutstanding: '2024-09-30'
		});
		const past = await budgetView(store.db, ALL, filter({ from: '2024-01-01', to: '2024-12-31' }), AS_OF);
		expect(past.lead.projection).toBeNull();
	});
});
