/** The avoided-cost table: posts folded as the import reads them, amounts exact to the cent, replaced per post and kept per municipality. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeTempStore, openTempStore, type Store } from './ingest/fixtures/helpers';
import { checkCost, costTable, removeCost, setCost } from './costs';

const tableOf = (db: Parameters<typeof costTable>[0], gemeente: string) =>
	costTable(db, { all: false, gemeenten: [gemeente] });

let store: Store;
beforeEach(async () => {
	store = await openTempStore();
});
afterEach(() => closeTempStore(store));

const checked = (post: string, low: bigint, high: bigint, unit: string | null = null) =>
	checkCost({ post, unit, low, high });

describe('checking a post', () => {
	it('folds the name as the import folds vermeden_posten, and keeps the unit trimmed', () => {
		expect(checked('  Maatschappelijke   Opvang_Maand ', 100n, 200n, ' maand ')).toEqual({
			post: 'maatschappelijke opvang_maand',
			unit: 'maand'
		});
		expect(checked('Uitzetting', 0n, 0n, '  ')).toEqual({ post: 'uitzetting', unit: null });
	});

	it('refuses an empty or long name, | or *, a long unit, and low above high, in Dutch', () => {
		const refusals = [
			checked('   ', 1n, 2n),
			checked('x'.repeat(101), 1n, 2n),
			checked('opvang|zorg', 1n, 2n),
			checked('opvang*6', 1n, 2n),
			checked('opvang', 1n, 2n, 'u'.repeat(41)),
			checked('opvang', 201n, 200n)
		];
		for (const r of refusals) expect(r).toMatchObject({ message: expect.stringMatching(/\S/) });
		expect(checked('x'.repeat(100), 200n, 200n)).toMatchObject({ post: 'x'.repeat(100) });
	});
});

describe('the table', () => {
	it('keeps amounts to the cent (0,10; 1.234.567,89), by post, and replaces a post named again', async () => {
		await setCost(
			store.db,
			{ gemeente: 'GM0080', post: 'opvang', unit: 'maand', low: 10n, high: 20n },
			'cli'
		);
		await setCost(
			store.db,
			{ gemeente: 'GM0080', post: 'huisuitzetting', unit: null, low: 123_456_789n, high: 123_456_790n },
			'cli'
		);
		expect(await tableOf(store.db, 'GM0080')).toMatchObject([
			{ gemeente: 'GM0080', post: 'huisuitzetting', unit: null, low: 123_456_789n, high: 123_456_790n },
			{ gemeente: 'GM0080', post: 'opvang', unit: 'maand', low: 10n, high: 20n }
		]);
		await setCost(
			store.db,
			{ gemeente: 'GM0080', post: 'opvang', unit: 'nacht', low: 30n, high: 30n },
			'cli'
		);
		const costs = await tableOf(store.db, 'GM0080');
		expect(costs).toHaveLength(2);
		expect(costs[1]).toMatchObject({ post: 'opvang', unit: 'nacht', low: 30n, high: 30n });
	});

	it('lists the tables within a reach only, with who set each post, and removes a post by its folded name', async () => {
		await setCost(
			store.db,
			{ gemeente: 'GM0080', post: 'opvang', unit: null, low: 100n, high: 200n },
			'a@x.nl'
		);
		await setCost(
			store.db,
			{ gemeente: 'GM0344', post: 'opvang', unit: null, low: 300n, high: 400n },
			'b@x.nl'
		);
		const leeuwarden = await costTable(store.db, { all: false, gemeenten: ['GM0080'] });
		expect(leeuwarden).toMatchObject([
			{ gemeente: 'GM0080', gemeenteNaam: 'Leeuwarden', updatedBy: 'a@x.nl' }
		]);
		expect(leeuwarden[0].updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		expect((await costTable(store.db, { all: true })).map((c) => c.gemeenteNaam)).toEqual([
			'Leeuwarden',
			'Utrecht'
		]);
		expect(await costTable(store.db, { all: false, gemeenten: [] })).toEqual([]);
		expect(await removeCost(store.db, 'GM0080', ' OPVANG ')).toBe(true);
		expect(await removeCost(store.db, 'GM0080', 'opvang')).toBe(false);
		expect((await costTable(store.db, { all: true })).map((c) => c.gemeente)).toEqual(['GM0344']);
	});

	it("keeps each municipality's table apart", async () => {
		await setCost(store.db, { gemeente: 'GM0080', post: 'opvang', unit: null, low: 100n, high: 200n }, 'cli');
		await setCost(store.db, { gemeente: 'GM0344', post: 'opvang', unit: null, low: 300n, high: 400n }, 'cli');
		expect((await tableOf(store.db, 'GM0080')).map((c) => c.low)).toEqual([100n]);
		expect((await tableOf(store.db, 'GM0344')).map((c) => c.low)).toEqual([300n]);
		expect(await tableOf(store.db, 'GM0363')).toEqual([]);
	});
});
