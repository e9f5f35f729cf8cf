/** Pricing a case's posts in exact cents (amounts a float gets wrong), posts missing from the table, and the explicit besparing against the posts. */
import { describe, expect, it } from 'vitest';
import { caseSavings, pricePosts, type CostEntry } from './posts';

const entry = (post: string, low: bigint, high: bigint, unit: string | null = null): CostEntry => ({
	post,
	unit,
	low,
	high,
	bron: `bron van ${post}`
});

describe('pricePosts', () => {
	it('multiplies per unit by the count and adds up in cents: 3 × € 0,10 is € 0,30 and € 0,10 + € 0,20 is € 0,30', () => {
		// As floats, 3 * 0.1 is 0.30000000000000004 and 0.1 + 0.2 is 0.30000000000000004.
		const table = [entry('dubbeltje', 10n, 20n, 'stuk'), entry('twintig', 20n, 20n)];
		const three = pricePosts([{ post: 'dubbeltje', aantal: 3 }], table);
		expect(three.posts).toEqual([
			{
				post: 'dubbeltje',
				aantal: 3,
				unit: 'stuk',
				bron: 'bron van dubbeltje',
				perUnit: { low: 10n, high: 20n },
				total: { low: 30n, high: 60n }
			}
		]);
		expect(three.total).toEqual({ low: 30n, high: 60n });
		const sum = pricePosts(
			[
				{ post: 'dubbeltje', aantal: 1 },
				{ post: 'twintig', aantal: 1 }
			],
			table
		);
		expect(sum.total).toEqual({ low: 30n, high: 40n });
	});

	it('prices realistic posts exactly: 6 months of shelter and one eviction', () => {
		const table = [
			entry('maatschappelijke_opvang_maand', 2_500_00n, 3_100_50n, 'maand'),
			entry('huisuitzetting', 6_000_00n, 8_000_00n, 'uitzetting')
		];
		const priced = pricePosts(
			[
				{ post: 'maatschappelijke_opvang_maand', aantal: 6 },
				{ post: 'huisuitzetting', aantal: 1 }
			],
			table
		);
		// 6 × 2.500,00 + 6.000,00 = 21.000,00; 6 × 3.100,50 + 8.000,00 = 26.603,00.
		expect(priced.total).toEqual({ low: 21_000_00n, high: 26_603_00n });
		expect(priced.posts.map((p) => p.total)).toEqual([
			{ low: 15_000_00n, high: 18_603_00n },
			{ low: 6_000_00n, high: 8_000_00n }
		]);
	});

	it('matches on the folded name, so case, accents and spaces do not count', () => {
		const priced = pricePosts(
			[{ post: 'Crisisopvang  Nacht', aantal: 2 }],
			[entry('crisisopvang nacht', 95_00n, 140_00n)]
		);
		expect(priced.total).toEqual({ low: 190_00n, high: 280_00n });
	});

	it('lists a post missing from the table without amounts, and counts it for nothing', () => {
		const table = [entry('huisuitzetting', 6_000_00n, 8_000_00n)];
		const priced = pricePosts(
			[
				{ post: 'huisuitzetting', aantal: 1 },
				{ post: 'onbekende_post', aantal: 4 }
			],
			table
		);
		expect(priced.posts[1]).toEqual({
			post: 'onbekende_post',
			aantal: 4,
			unit: null,
			bron: null,
			perUnit: null,
			total: null
		});
		expect(priced.total).toEqual({ low: 6_000_00n, high: 8_000_00n });
		expect(pricePosts([{ post: 'onbekende_post', aantal: 1 }], table).total).toBeNull();
		expect(pricePosts([], table)).toEqual({ posts: [], total: null });
	});

	it('stays exact far beyond what a double holds in cents', () => {
		const priced = pricePosts(
			[{ post: 'groot', aantal: 999_999 }],
			[entry('groot', 99_999_999_999_99n, 99_999_999_999_99n)]
		);
		expect(priced.total?.low).toBe(99_999_999_999_99n * 999_999n);
	});
});

describe('caseSavings', () => {
	const range = (low: bigint, high: bigint) => ({ low, high });

	it('lets explicit amounts win, and warns with both ranges only where the posts differ', () => {
		expect(caseSavings(range(100n, 200n), range(100n, 200n))).toEqual({
			savings: range(100n, 200n),
			source: 'opgegeven',
			difference: null
		});
		expect(caseSavings(range(100n, 200n), range(100n, 201n))).toEqual({
			savings: range(100n, 200n),
			source: 'opgegeven',
			difference: { explicit: range(100n, 200n), posts: range(100n, 201n) }
		});
		expect(caseSavings(range(100n, 200n), null)).toEqual({
			savings: range(100n, 200n),
			source: 'opgegeven',
			difference: null
		});
	});

	it('takes the priced posts where the case gives no amounts, and nothing where it has neither', () => {
		expect(caseSavings(null, range(30n, 60n))).toEqual({
			savings: range(30n, 60n),
			source: 'posten',
			difference: null
		});
		expect(caseSavings(null, null)).toEqual({ savings: null, source: null, difference: null });
	});
});
