/** Memoized views on a real DuckDB file: an answer, and the JSON it is sent as, never outlives a write nor crosses reaches. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import { encodeFrozen } from '$lib/frozen-json';
import { caseRow, closeTempStore, importRows, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { keyFigures } from '../analytics/dashboard';
import { filterOptions } from '../analytics/reach';

const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
const UTRECHT: Reach = { all: false, gemeenten: ['GM0344'] };

/** The page data a view's fields become in the browser. */
const sent = (value: unknown) => JSON.parse(encodeFrozen(value) as string);

let store: Store;

beforeEach(async () => {
	store = await openTempStore();
	await importRows(store, [
		caseRow('L1', { aangemeld_op: '2024-01-10' }),
		caseRow('L2', { aangemeld_op: '2025-02-10', status: 'ingetrokken', afgerond_op: '2025-02-11' }),
		caseRow('U1', { gemeente: 'GM0344', aangemeld_op: '2024-03-03' })
	]);
});

afterEach(() => closeTempStore(store));

describe('memoUntilWrite', () => {
	it('serves the same answer, sent as the same JSON, until something is written', async () => {
		const first = await keyFigures(store.db, LEEUWARDEN, EMPTY_FILTER);
		expect(await keyFigures(store.db, LEEUWARDEN, EMPTY_FILTER)).toBe(first);
		expect(sent(first.byYear)).toEqual(first.byYear);
		expect(sent(first.byYear).map((y: { cases: number }) => y.cases)).toEqual([1, 1]);
	});

	it('answers anew after an import, and sends the new figures rather than the JSON of the old', async () => {
		const before = await keyFigures(store.db, LEEUWARDEN, EMPTY_FILTER);
		expect(encodeFrozen(before.byYear)).toContain('"cases":1');
		await importRows(store, [caseRow('L3', { aangemeld_op: '2024-05-05' })], { replace: false });
		const after = await keyFigures(store.db, LEEUWARDEN, EMPTY_FILTER);
		expect(after).not.toBe(before);
		expect(after.cases).toBe(3);
		expect(sent(after.byYear)).toEqual([
			{ year: 2024, cases: 2, open: 2, solved: 0, withdrawn: 0 },
			{ year: 2025, cases: 1, open: 0, solved: 0, withdrawn: 1 }
		]);
	});

	it('answers anew after any committed transaction', async () => {
		const before = await keyFigures(store.db, LEEUWARDEN, EMPTY_FILTER);
		await store.db.transaction((tx) =>
			tx.run(
				"UPDATE cases SET status = 'ingetrokken', afgerond_op = aangemeld_op + 1 WHERE gemeente = 'GM0080'"
			)
		);
		const after = await keyFigures(store.db, LEEUWARDEN, EMPTY_FILTER);
		expect(before.withdrawn).toBe(1);
		expect(after.withdrawn).toBe(2);
		expect(sent(after.byYear).every((y: { open: number }) => y.open === 0)).toBe(true);
	});

	it("never serves one reach's answer, nor its JSON, to another", async () => {
		const leeuwarden = await keyFigures(store.db, LEEUWARDEN, EMPTY_FILTER);
		const utrecht = await keyFigures(store.db, UTRECHT, EMPTY_FILTER);
		expect(utrecht).not.toBe(leeuwarden);
		expect(utrecht.cases).toBe(1);
		expect(sent(utrecht.byYear)).toEqual([{ year: 2024, cases: 1, open: 1, solved: 0, withdrawn: 0 }]);
		const options = await filterOptions(store.db, UTRECHT);
		expect(sent(options.gemeenten)).toEqual([{ code: 'GM0344', naam: 'Utrecht' }]);
		expect(sent((await filterOptions(store.db, LEEUWARDEN)).gemeenten)).toEqual([
			{ code: 'GM0080', naam: 'Leeuwarden' }
		]);
	});
});
