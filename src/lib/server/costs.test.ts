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
	it('folds the name as the import folds vermeden_posten, and keeps the unit and the source trimmed', () => {
		expect(checked('  Maatschappelijke   Opvang_Maand ', 100n, 200n, ' maand ')).toEqual({
			post: 'maatschappelijke opvang_maand',
			unit: 'maand',
			bron: null
		});
		expect(checked('Uitzetting', 0n, 0n, '  ')).toEqual({ post: 'uitzetting', unit: null, bron: null });
		expect(
			checkCost({ post: 'opvang', unit: null, low: 1n, high: 2n, bron: '  Begroting 2025,\n  p. 12 ' })
		).toEqual({ post: 'opvang', unit: null, bron: 'Begroting 2025, p. 12' });
		expect(checkCost({ post: 'opvang', unit: null, low: 1n, high: 2n, bron: ' ' })).toMatchObject({
			bron: null
		});
	});

	it('refuses an empty or long name, | or *, a long unit, and low above high, in Dutch', () => {
		const refusals = [
			checked('   ', 1n, 2n),
			checked('x'.repeat(101), 1n, 2n),
			checked('opvang|zorg', 1n, 2n),
			checked('opvang*6', 1n, 2n),
			checked('opvang', 1n, 2n, 'u'.repeat(41)),
			checked('opvang', 201n, 200n),
			checkCost({ post: 'opvang', unit: null, low: 1n, high: 2n, bron: 'b'.repeat(201) })
		];
		for (const r of refusals) expect(r).toMatchObject({ message: expect.stringMatching(/\S/) });
		expect(refusals.map((r) => ('field' in r ? r.field : null))).toEqual([
			'post',
			'post',
			'post',
			'post',
			'unit',
			'high',
			'bron'
		]);
		expect(checked('x'.repeat(100), 200n, 200n)).toMatchObject({ post: 'x'.repeat(100) });
		expect(checkCost({ post: 'opvang', unit: null, low: 1n, high: 2n, bron: 'b'.repeat(200) })).toMatchObject(
			{
				bron: 'b'.repeat(200)
			}
		);
	});
});

describe('the table', () => {
	it('keeps amounts to the cent (0,10; 1.234.567,89), by post, and replaces a post named again', async () => {
		await setCost(
			store.db,
			{ gemeente: 'GM0080', post: 'opvang', unit: 'maand', low: 10n, high: 20n, bron: null },
			'cli'
		);
		await setCost(
			store.db,
			{
				gemeente: 'GM0080',
				post: 'huisuitzetting',
				unit: null,
				low: 123_456_789n,
				high: 123_456_790n,
				bron: null
			},
			'cli'
		);
		expect(await tableOf(store.db, 'GM0080')).toMatchObject([
			{
				gemeente: 'GM0080',
				post: 'huisuitzetting',
				unit: null,
				low: 123_456_789n,
				high: 123_456_790n,
				bron: null
			},
			{ gemeente: 'GM0080', post: 'opvang', unit: 'maand', low: 10n, high: 20n, bron: null }
		]);
		await setCost(
			store.db,
			{ gemeente: 'GM0080', post: 'opvang', unit: 'nacht', low: 30n, high: 30n, bron: null },
			'cli'
		);
		const costs = await tableOf(store.db, 'GM0080');
		expect(costs).toHaveLength(2);
		expect(costs[1]).toMatchObject({ post: 'opvang', unit: 'nacht', low: 30n, high: 30n });
	});

	it('lists the tables within a reach only, with who set each post, and removes a post by its folded name', async () => {
		await setCost(
			store.db,
			{ gemeente: 'GM0080', post: 'opvang', unit: null, low: 100n, high: 200n, bron: null },
			'a@x.nl'
		);
		await setCost(
			store.db,
			{ gemeente: 'GM0344', post: 'opvang', unit: null, low: 300n, high: 400n, bron: null },
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

	it('keeps the source note of a post, and replaces it with the post', async () => {
		const bron = 'Illustratief (demo): geen echte bedragen';
		await setCost(
			store.db,
			{ gemeente: 'GM0080', post: 'opvang', unit: 'nacht', low: 10n, high: 20n, bron },
			'cli'
		);
		await setCost(
			store.db,
			{ gemeente: 'GM0080', post: 'uitzetting', unit: null, low: 10n, high: 20n, bron: null },
			'cli'
		);
		expect((await tableOf(store.db, 'GM0080')).map((c) => [c.post, c.bron])).toEqual([
			['opvang', bron],
			['uitzetting', null]
		]);
		await setCost(
			store.db,
			{
				gemeente: 'GM0080',
				post: 'opvang',
				unit: 'nacht',
				low: 10n,
				high: 20n,
				bron: "Onderzoek 'Kosten van uitval', 2024"
			},
			'cli'
		);
		expect((await tableOf(store.db, 'GM0080'))[0].bron).toBe("Onderzoek 'Kosten van uitval', 2024");
	});

	it("keeps each municipality's table apart", async () => {
		await setCost(
			store.db,
			{ gemeente: 'GM0080', post: 'opvang', unit: null, low: 100n, high: 200n, bron: null },
			'cli'
		);
		await setCost(
			store.db,
			{ gemeente: 'GM0344', post: 'opvang', unit: null, low: 300n, high: 400n, bron: null },
			'cli'
		);
		expect((await tableOf(store.db, 'GM0080')).map((c) => c.low)).toEqual([100n]);
		expect((await tableOf(store.db, 'GM0344')).map((c) => c.low)).toEqual([300n]);
		expect(await tableOf(store.db, 'GM0363')).toEqual([]);
	});
});
