/** The demo's cost table in a real store: every demo municipality's posts, in cents, each marked illustrative. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTempStore, openTempStore, type Store } from '../../src/lib/server/ingest/fixtures/helpers';
import { costTable } from '../../src/lib/server/costs';
import { DEMO_COST_BRON, DEMO_COST_GEMEENTEN, demoCostTable, fillDemoCosts } from './costs';

let store: Store;

beforeAll(async () => {
	store = await openTempStore();
});

afterAll(() => closeTempStore(store));

describe('fillDemoCosts', () => {
	it('sets each demo municipality its own illustrative table, and sets it again without doubling', async () => {
		const n = await fillDemoCosts(store.db);
		expect(n).toBe(DEMO_COST_GEMEENTEN.length * demoCostTable('GM0344').length);
		expect(await fillDemoCosts(store.db)).toBe(n);
		const all = await costTable(store.db, { all: true });
		expect(all).toHaveLength(n);
		expect(new Set(all.map((c) => c.bron))).toEqual(new Set([DEMO_COST_BRON]));
		const utrecht = await costTable(store.db, { all: false, gemeenten: ['GM0344'] });
		const expected = demoCostTable('GM0344').map((c) => ({
			post: c.post,
			unit: c.unit,
			low: BigInt(c.low) * 100n,
			high: BigInt(c.high) * 100n
		}));
		expect(utrecht).toHaveLength(expected.length);
		expect(utrecht.map((c) => ({ post: c.post, unit: c.unit, low: c.low, high: c.high }))).toEqual(
			expect.arrayContaining(expected)
		);
		expect(utrecht.find((c) => c.post === 'huisuitzetting')).toMatchObject({
			low: 6_600_00n,
			high: 12_100_00n
		});
	});
});
