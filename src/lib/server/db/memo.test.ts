/** Memoized views on a real DuckDB file: an answer, and the JSON it is sent as, never outlives a write nor crosses reaches. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_FILTER } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import { encodeFrozen } from '$lib/frozen-json';
import { caseRow, closeTempStore, importRows, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { keyFigures } from '../analytics/dashboard';
import { filterOptions } from '../analytics/reach';
import { deepFreeze, memoUntilWrite, viewKey } from './memo';

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

describe('kept answers in development and tests', () => {
	afterEach(() => vi.unstubAllEnvs());

	it('are frozen all the way down: sorting, pushing or assigning a kept answer throws', async () => {
		const figures = await keyFigures(store.db, LEEUWARDEN, EMPTY_FILTER);
		expect(() => figures.byYear.sort((a, b) => b.year - a.year)).toThrow(TypeError);
		expect(() => figures.byYear.push({ ...figures.byYear[0] })).toThrow(TypeError);
		expect(() => {
			figures.byYear[0].cases = 99;
		}).toThrow(TypeError);
		expect(() => {
			(figures as { cases: number }).cases = 99;
		}).toThrow(TypeError);
		// Still marked for the transport: its fields go to the browser as JSON written once.
		expect(sent(figures.byYear)).toEqual([
			{ year: 2024, cases: 1, open: 1, solved: 0, withdrawn: 0 },
			{ year: 2025, cases: 1, open: 0, solved: 0, withdrawn: 1 }
		]);
		const again = await keyFigures(store.db, LEEUWARDEN, EMPTY_FILTER);
		expect(again.byYear.map((y) => y.year)).toEqual([2024, 2025]);
	});

	it('are frozen deeply in production only where PORTAL_FREEZE_ANSWERS=1 (integration tests)', async () => {
		let run = 0;
		const view = memoUntilWrite(viewKey('proef'), async () => ({ run: ++run, rows: [{ n: 1 }] }));
		vi.stubEnv('NODE_ENV', 'production');
		const plain = await view(store.db);
		expect(Object.isFrozen(plain.rows)).toBe(false);
		expect(encodeFrozen(plain.rows)).toBe('[{"n":1}]');
		await store.db.transaction(async () => undefined);
		vi.stubEnv('PORTAL_FREEZE_ANSWERS', '1');
		const frozen = await view(store.db);
		expect(frozen.run).toBe(2);
		expect(Object.isFrozen(frozen.rows[0])).toBe(true);
		await store.db.transaction(async () => undefined);
		vi.stubEnv('PORTAL_FREEZE_ANSWERS', '');
		vi.stubEnv('NODE_ENV', 'development');
		expect(Object.isFrozen((await view(store.db)).rows[0])).toBe(true);
	});

	it('deepFreeze reaches Map and Set entries, survives cycles and leaves typed arrays alone', () => {
		const cycle: { self?: unknown; list: number[] } = { list: [1] };
		cycle.self = cycle;
		const bytes = new Uint8Array([1, 2]);
		const value = deepFreeze({
			cycle,
			bytes,
			map: new Map([['a', { n: 1 }]]),
			set: new Set([[1]])
		});
		expect(() => cycle.list.push(2)).toThrow(TypeError);
		expect(() => value.map.set('b', { n: 2 })).toThrow(TypeError);
		expect(() => value.map.clear()).toThrow(TypeError);
		expect(() => {
			value.map.get('a')!.n = 2;
		}).toThrow(TypeError);
		expect(() => value.set.add([2])).toThrow(TypeError);
		expect(() => [...value.set][0].push(2)).toThrow(TypeError);
		bytes[0] = 9;
		expect(value.bytes[0]).toBe(9);
		expect(value.map.get('a')).toEqual({ n: 1 });
	});
});
