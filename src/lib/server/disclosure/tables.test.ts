/** Tests of disclosure control for any table of figures: counts, complementary suppression, amounts and figures against their basis, untouched inputs, and a real view's marked columns. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '$lib/domain/filters';
import type { DataTable, TableCell, TableColumn } from '$lib/domain/table';
import {
	caseRow,
	closeTempStore,
	importRows,
	openTempStore,
	type Row,
	type Store
} from '../ingest/fixtures/helpers';
import { budgetView } from '../analytics/budget-view';
import { escalatieView } from '../analytics/escalatie';
import { setFund } from '../funds/budgets';
import { basisOf, countsCases, mirroredSize, protectDataTable, protectTables, suppressed } from './tables';

const CONTEXT = { cases: 100 };

/** A table of one label column and the given columns, one row per record. */
function table(columns: TableColumn[], rows: Record<string, TableCell>[]): DataTable {
	return { id: 'proef', caption: 'Proeftabel', columns: [{ key: 'naam', label: 'Naam' }, ...columns], rows };
}

/** The values of one column after protection. */
const column = (result: DataTable, key: string) => result.rows.map((r) => r[key]);

/** A table of counts of cases from a grid, columns `a`, `b`, … */
function grid(cells: TableCell[][]): DataTable {
	const keys = cells[0].map((_, j) => String.fromCharCode(97 + j));
	return table(
		keys.map((key) => ({ key, label: key.toUpperCase(), kind: 'count' })),
		cells.map((row, i) => ({ naam: `r${i}`, ...Object.fromEntries(keys.map((key, j) => [key, row[j]])) }))
	);
}
const cellsOf = (result: DataTable) => result.rows.map((r) => result.columns.slice(1).map((c) => r[c.key]));

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object') {
		for (const inner of Object.values(value)) deepFreeze(inner);
		Object.freeze(value);
	}
	return value;
}

describe('counts of cases', () => {
	it('publishes 0, hides 1 to 7 and rounds the others half up to 5', () => {
		// Each row its own line of one cell: no complementary suppression across rows of different columns.
		const result = protectDataTable(
			table(
				[{ key: 'n', label: 'Casussen', kind: 'count' }],
				[0, 1, 7, 8, 12, 13].map((n) => ({ naam: String(n), n }))
			),
			CONTEXT
		);
		// 1 and 7 are two hidden cells in the column: no complement needed.
		expect(column(result, 'n')).toEqual([0, 'geheim', 'geheim', 10, 10, 15]);
	});

	it('leaves null and text in a count column as they are', () => {
		const result = protectDataTable(
			table(
				[{ key: 'n', label: 'Casussen', kind: 'count' }],
				[
					{ naam: 'a', n: null },
					{ naam: 'b', n: 'onbekend' },
					{ naam: 'c', n: 20 }
				]
			),
			CONTEXT
		);
		expect(column(result, 'n')).toEqual([null, 'onbekend', 20]);
	});

	it("publishes counts that are not counts of cases as they are ('other')", () => {
		const columns: TableColumn[] = [
			{ key: 'gemeenten', label: 'Gemeenten', kind: 'count', counts: 'other' },
			{ key: 'n', label: 'Casussen', kind: 'count' }
		];
		const result = protectDataTable(
			table(columns, [
				{ naam: 'a', gemeenten: 3, n: 3 },
				{ naam: 'b', gemeenten: 12, n: 40 }
			]),
			CONTEXT
		);
		// The 3 cases are hidden and, alone in their column, take the 40 with them; the 'other' column does
		// not count in the row, so its 3 is neither hidden nor a reason to hide.
		expect(column(result, 'gemeenten')).toEqual([3, 12]);
		expect(column(result, 'n')).toEqual(['geheim', 'geheim']);
		expect(countsCases(columns[0])).toBe(false);
		expect(countsCases(columns[1])).toBe(true);
		expect(countsCases({ key: 'x', label: 'X', kind: 'euro' })).toBe(false);
	});

	it('leaves text and date columns as they are, and keeps id, caption and columns', () => {
		const input: DataTable = {
			id: 'dashboard-jaren',
			caption: 'Casussen per jaar',
			columns: [
				{ key: 'jaar', label: 'Jaar' },
				{ key: 'dag', label: 'Dag', kind: 'date' },
				{ key: 'soort', label: 'Soort', kind: 'text' }
			],
			rows: [{ jaar: '2025', dag: '2025-03-01', soort: 'Gemeente' }]
		};
		expect(protectDataTable(input, CONTEXT)).toEqual(input);
	});
});

describe('complementary suppression', () => {
	it('hides the smallest other non-zero count of a row with one hidden cell', () => {
		// Columns are lines of one cell here and are left as they are; the 0 is not a complement.
		expect(cellsOf(protectDataTable(grid([[3, 20, 9, 0]]), CONTEXT))).toEqual([['geheim', 20, 'geheim', 0]]);
	});

	it('hides the smallest other non-zero count of a column with one hidden cell', () => {
		expect(cellsOf(protectDataTable(grid([[0], [3], [10], [12], [40]]), CONTEXT))).toEqual([
			[0],
			['geheim'],
			['geheim'],
			[10],
			[40]
		]);
	});

	it('leaves a line with two hidden cells, or with only zeros beside its hidden cell, as it is', () => {
		expect(cellsOf(protectDataTable(grid([[3, 5, 20]]), CONTEXT))).toEqual([['geheim', 'geheim', 20]]);
		expect(cellsOf(protectDataTable(grid([[3, 0]]), CONTEXT))).toEqual([['geheim', 0]]);
		expect(cellsOf(protectDataTable(grid([[3]]), CONTEXT))).toEqual([['geheim']]);
	});

	it('chooses on the exact counts and rounds only after suppression', () => {
		// 12 and 11 both round to 10; the exact 11 is the smaller and is hidden.
		expect(cellsOf(protectDataTable(grid([[3, 12, 11]]), CONTEXT))).toEqual([['geheim', 10, 'geheim']]);
	});

	it('repeats until no row or column holds exactly one hidden cell', () => {
		const result = protectDataTable(
			grid([
				[3, 20, 30],
				[15, 10, 40],
				[12, 25, 0]
			]),
			CONTEXT
		);
		// Row 0 hides 20, column 0 hides 12, column 1 then hides 10; row 1 then hides 15, row 2 hides 25.
		expect(cellsOf(result)).toEqual([
			['geheim', 'geheim', 30],
			['geheim', 'geheim', 40],
			['geheim', 'geheim', 0]
		]);
		const hidden = suppressed(result.rows, ['a', 'b', 'c']);
		expect(hidden.flat().filter(Boolean)).toHaveLength(6);
	});

	it('hides a cell of a co-occurrence matrix together with its mirror image', () => {
		// Three labels and a total column: 15 cases name both the second and the third label.
		const matrix = [
			[2, 0, 2, 4],
			[0, 0, 15, 19],
			[2, 15, 5, 26]
		];
		const result = cellsOf(protectDataTable(grid(matrix), CONTEXT));
		// The total column hides the 19 beside the 4, row 1 then its 15: the 15 of row 2 would give it away.
		expect(result[1][2]).toBe('geheim');
		expect(result[2][1]).toBe('geheim');
		for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(result[i][j]).toEqual(result[j][i]);
		expect(mirroredSize(grid(matrix).rows, ['a', 'b', 'c', 'd'])).toBe(3);
		expect(
			mirroredSize(
				grid([
					[1, 2],
					[3, 4]
				]).rows,
				['a', 'b']
			)
		).toBe(0);
		expect(mirroredSize(grid([[1], [1]]).rows, ['a'])).toBe(0);
	});

	it('counts a cell already published as geheim as a hidden cell of its lines', () => {
		expect(cellsOf(protectDataTable(grid([['geheim'], [10], [20]]), CONTEXT))).toEqual([
			['geheim'],
			['geheim'],
			[20]
		]);
	});

	it('leaves cells out of the lines that hold no count', () => {
		// The null is no count: the row has one hidden cell and one other count, which it hides.
		expect(cellsOf(protectDataTable(grid([[2, null, 30]]), CONTEXT))).toEqual([['geheim', null, 'geheim']]);
	});
});

describe('amounts and figures from cases', () => {
	const money: TableColumn[] = [
		{ key: 'casussen', label: 'Casussen', kind: 'count' },
		{ key: 'kosten', label: 'Kosten', kind: 'euro', basis: 'casussen' }
	];

	it('rounds an amount half up to whole thousands of euros', () => {
		const result = protectDataTable(
			table(
				money,
				[499.99, 500, 1499.99, null].map((kosten, i) => ({ naam: String(i), casussen: 20 + i, kosten }))
			),
			CONTEXT
		);
		expect(column(result, 'kosten')).toEqual([0, 1000, 1000, null]);
	});

	it('hides an amount made from fewer than 8 cases of its row, on the exact count', () => {
		const result = protectDataTable(
			table(money, [
				{ naam: 'weinig', casussen: 7, kosten: 25_000 },
				{ naam: 'genoeg', casussen: 8, kosten: 25_400 },
				{ naam: 'veel', casussen: 40, kosten: 'onbekend' }
			]),
			CONTEXT
		);
		expect(column(result, 'kosten')).toEqual(['geheim', 25_000, 'onbekend']);
		// 7 and 8 are the two hidden counts of the column.
		expect(column(result, 'casussen')).toEqual(['geheim', 'geheim', 40]);
	});

	it("takes the view's cases as the basis of an amount or figure whose column names none", () => {
		const columns: TableColumn[] = [
			{ key: 'budget', label: 'Budget', kind: 'euro' },
			{ key: 'aandeel', label: 'Aandeel', kind: 'decimal' }
		];
		const rows = [{ naam: 'fonds', budget: 12_345.67, aandeel: 42.5 }];
		expect(protectDataTable(table(columns, rows), { cases: 7 }).rows[0]).toMatchObject({
			budget: 'geheim',
			aandeel: 'geheim'
		});
		expect(protectDataTable(table(columns, rows), { cases: 8 }).rows[0]).toMatchObject({
			budget: 12_000,
			aandeel: 42.5
		});
	});

	it('hides a share wherever a count of its row is hidden, since with the others it would give that count back', () => {
		const columns: TableColumn[] = [
			{ key: 'ja', label: 'Ja', kind: 'count' },
			{ key: 'nee', label: 'Nee', kind: 'count' },
			{ key: 'bekend', label: 'Bekend', kind: 'count' },
			{ key: 'aandeel', label: 'Nee (% van bekend)', kind: 'decimal', basis: 'bekend', share: true },
			{ key: 'mediaan', label: 'Mediaan', kind: 'decimal', basis: 'bekend' }
		];
		const rows = [
			{ naam: 'college', ja: 3, nee: 20, bekend: 23, aandeel: 87, mediaan: 12 },
			{ naam: 'team', ja: 30, nee: 20, bekend: 50, aandeel: 40, mediaan: 9 },
			{ naam: 'wijk', ja: 4, nee: 25, bekend: 29, aandeel: 86.2, mediaan: 11 }
		];
		const result = protectDataTable(table(columns, rows), CONTEXT);
		// ja 3 and 4 are small; each of their rows then hides nee as well (complementary suppression).
		expect(column(result, 'ja')).toEqual(['geheim', 30, 'geheim']);
		expect(column(result, 'nee')).toEqual(['geheim', 20, 'geheim']);
		expect(column(result, 'bekend')).toEqual([25, 50, 30]);
		// 87% of 23 is 20, so ja would be 3: the share goes with it; the median tells no count and stays.
		expect(column(result, 'aandeel')).toEqual(['geheim', 40, 'geheim']);
		expect(column(result, 'mediaan')).toEqual([12, 9, 11]);
	});

	it('hides a figure made from fewer than 8 cases of its row, else publishes it as it is', () => {
		const columns: TableColumn[] = [
			{ key: 'aantal', label: 'Afgerond', kind: 'count' },
			{ key: 'mediaan', label: 'Mediaan', kind: 'decimal', basis: 'aantal' },
			{ key: 'max', label: 'Langste (dagen)', kind: 'count', counts: 'other', basis: 'aantal' },
			{ key: 'stap', label: 'Trede', kind: 'count', counts: 'other' }
		];
		const result = protectDataTable(
			table(columns, [
				{ naam: 'a', aantal: 7, mediaan: 12.5, max: 3, stap: 2 },
				{ naam: 'b', aantal: 8, mediaan: 17.5, max: 4, stap: 3 },
				{ naam: 'c', aantal: 30, mediaan: null, max: 90, stap: 4 }
			]),
			CONTEXT
		);
		expect(column(result, 'mediaan')).toEqual(['geheim', 17.5, null]);
		expect(column(result, 'max')).toEqual(['geheim', 4, 90]);
		expect(column(result, 'stap')).toEqual([2, 3, 4]);
	});

	it('treats a basis that is missing, empty or hidden as too few cases', () => {
		const column: TableColumn = { key: 'kosten', label: 'Kosten', kind: 'euro', basis: 'casussen' };
		expect(basisOf({ casussen: null }, column, CONTEXT)).toBe(0);
		expect(basisOf({ casussen: 'geheim' }, column, CONTEXT)).toBe(0);
		expect(basisOf({}, column, CONTEXT)).toBe(0);
		expect(basisOf({ casussen: 9 }, column, CONTEXT)).toBe(9);
		expect(basisOf({}, { ...column, basis: undefined }, CONTEXT)).toBe(100);
	});
});

describe('protectTables', () => {
	it('returns new tables and leaves deep-frozen inputs untouched', () => {
		const input: DataTable[] = [
			grid([
				[3, 20, 30],
				[15, 10, 40]
			]),
			table(
				[
					{ key: 'casussen', label: 'Casussen', kind: 'count' },
					{ key: 'kosten', label: 'Kosten', kind: 'euro', basis: 'casussen' }
				],
				[{ naam: 'a', casussen: 12, kosten: 1499.99 }]
			)
		];
		const copy = structuredClone(input);
		deepFreeze(input);
		let result: DataTable[] = [];
		expect(() => (result = protectTables(input, CONTEXT))).not.toThrow();
		expect(input).toEqual(copy);
		expect(result).toHaveLength(2);
		expect(result[1].rows[0]).toEqual({ naam: 'a', casussen: 10, kosten: 1000 });
		expect(result[0]).not.toBe(input[0]);
		expect(result[0].rows[0]).not.toBe(input[0].rows[0]);
		expect(result[0].columns[1]).not.toBe(input[0].columns[1]);
	});
});

describe('a real view', () => {
	let store: Store;

	// One step with 3 closed cases (10, 20, 30 days), another with 8 (10 to 80 days): a database of 11.
	const rows: Row[] = [
		...[10, 20, 30].map((days, i) =>
			caseRow(`A${i}`, {
				escalatie: 'team',
				aangemeld_op: '2025-01-01',
				afgerond_op: new Date(Date.UTC(2025, 0, 1 + days)).toISOString().slice(0, 10),
				status: 'afgerond',
				uitkomst: 'opgelost'
			})
		),
		...[10, 20, 30, 40, 50, 60, 70, 80].map((days, i) =>
			caseRow(`B${i}`, {
				escalatie: 'lokale_tafel',
				aangemeld_op: '2025-01-01',
				afgerond_op: new Date(Date.UTC(2025, 0, 1 + days)).toISOString().slice(0, 10),
				status: 'afgerond',
				uitkomst: i < 4 ? 'opgelost' : 'niet_opgelost'
			})
		)
	];

	beforeEach(async () => {
		store = await openTempStore();
		expect((await importRows(store, rows)).status).toBe('imported');
	});

	afterEach(() => closeTempStore(store));

	it("hides the escalatie view's quartiles, shortest and longest times, and shares of a step with few cases or a hidden count", async () => {
		const view = await escalatieView(store.db, { all: true }, EMPTY_FILTER, '2026-01-01');
		const tables = protectTables(view.tables, { cases: view.total.cases });
		const lead = tables.find((t) => t.id === 'escalatie-doorlooptijd')!;
		const row = (trede: string) => lead.rows.find((r) => String(r.trede).startsWith(trede))!;
		expect(row('1.')).toMatchObject({ aantal: 'geheim', min: 'geheim', mediaan: 'geheim', max: 'geheim' });
		expect(row('3.')).toMatchObject({ aantal: 'geheim', min: 10, p25: 27.5, mediaan: 45, max: 80 });
		expect(lead.rows.at(-1)).toMatchObject({ aantal: 10, min: 10, mediaan: 30, max: 80 });
		const steps = tables.find((t) => t.id === 'escalatie-treden')!;
		expect(steps.rows.find((r) => String(r.trede).startsWith('1.'))!.aandeel).toBe('geheim');
		// 4 of the 8 closed at the lokale tafel were solved: 4 is hidden, and 50% of 8 would give it back.
		const tafel = steps.rows.find((r) => String(r.trede).startsWith('3.'))!;
		expect(tafel).toMatchObject({ opgelost: 'geheim', aandeel: 'geheim' });
	});
});

describe('the budget view', () => {
	let store: Store;

	// Maatwerkbudget: 10 cases with cost and estimate, 2 with cost only; doorpakbudget: 3 with both and an advance.
	const rows: Row[] = [
		...Array.from({ length: 10 }, (_, i) =>
			caseRow(`K${i}`, {
				aangemeld_op: '2025-02-01',
				fonds: 'maatwerkbudget',
				kosten_oplossing: '2000',
				besparing_laag: '5000',
				besparing_hoog: '9000',
				baten_bij: 'gemeente',
				monitoring: 'duurzaam',
				monitoring_op: '2025-08-01'
			})
		),
		...Array.from({ length: 2 }, (_, i) =>
			caseRow(`E${i}`, { aangemeld_op: '2025-02-01', fonds: 'maatwerkbudget', kosten_oplossing: '700' })
		),
		...Array.from({ length: 3 }, (_, i) =>
			caseRow(`D${i}`, {
				aangemeld_op: '2025-03-01',
				fonds: 'doorpakbudget',
				kosten_oplossing: '1234,56',
				besparing_laag: '1000',
				besparing_hoog: '2000',
				baten_bij: 'UWV',
				voorgeschoten: '500',
				terug_van: 'inwoner',
				terugbetaald: '100'
			})
		)
	];

	beforeEach(async () => {
		store = await openTempStore();
		expect((await importRows(store, rows)).status).toBe('imported');
		await setFund(store.db, { gemeente: 'GM0080', name: 'maatwerkbudget', year: 2025, budget: 5_000_000n });
		await setFund(store.db, { gemeente: 'GM0080', name: 'doorpakbudget', year: 2025, budget: 1_000_000n });
	});

	afterEach(() => closeTempStore(store));

	it('hides the amounts and shares of each row made from fewer than 8 cases', async () => {
		const view = await budgetView(store.db, { all: true }, EMPTY_FILTER, '2025-09-30');
		const tables = protectTables(view.tables, { cases: view.total.cases });
		const rowOf = (id: string, key: string, label: string) =>
			tables.find((t) => t.id === id)!.rows.find((r) => r[key] === label)!;
		expect(rowOf('budget-fondsen', 'fonds', 'doorpakbudget')).toMatchObject({
			budget: 10_000,
			besteed: 'geheim',
			saldo: 'geheim',
			aandeel: 'geheim'
		});
		// 12 cases with cost: published, although their count is hidden beside the doorpakbudget's 3.
		expect(rowOf('budget-fondsen', 'fonds', 'maatwerkbudget')).toMatchObject({
			besteed: 21_000,
			casussen: 'geheim'
		});
		expect(rowOf('budget-kassabon', 'groep', 'Met kosten, zonder schatting').kosten).toBe('geheim');
		expect(rowOf('budget-kassabon', 'groep', 'Met kosten en schatting')).toMatchObject({
			kosten: 24_000,
			verhouding_laag: 2.2
		});
		expect(rowOf('budget-besparing-fondsen', 'fonds', 'doorpakbudget')).toMatchObject({
			kosten: 'geheim',
			laag: 'geheim',
			hoog: 'geheim',
			verhouding_laag: 'geheim',
			verhouding_hoog: 'geheim'
		});
		expect(rowOf('budget-besparing-fondsen', 'fonds', 'maatwerkbudget')).toMatchObject({
			kosten: 20_000,
			zonder_kosten: 'geheim'
		});
		const uwv = 'Uitvoeringsinstituut Werknemersverzekeringen';
		expect(rowOf('budget-baten', 'partij', uwv)).toMatchObject({ laag: 'geheim', hoog: 'geheim' });
		expect(rowOf('budget-monitoring', 'monitoring', 'Nog niet gemonitord')).toMatchObject({
			kosten: 'geheim',
			laag: 'geheim',
			aandeel: 'geheim'
		});
		expect(rowOf('budget-monitoring', 'monitoring', 'Duurzaam (hield stand)')).toMatchObject({
			kosten: 20_000,
			aandeel: 94.3
		});
		expect(rowOf('budget-voorschotten', 'partij', 'Totaal')).toMatchObject({
			voorgeschoten: 'geheim',
			terugbetaald: 'geheim',
			openstaand: 'geheim'
		});
		// Tables without a count of cases in the row fall back on the view's 15 cases: rounded only.
		expect(rowOf('budget-baten-kwartalen', 'partij', uwv)).toMatchObject({ laag: 3_000, hoog: 6_000 });
	});
});
