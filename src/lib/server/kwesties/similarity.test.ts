/** Tests of the TF-IDF cosine: tokens, exact weights on small corpora, the inverted index against all pairs, capped groups. */
import { describe, expect, it } from 'vitest';
import { groupPairs, similarPairs, tfidfVectors, tokenize, type SimilarPair } from './similarity';

/** The smoothed IDF of a word in `df` of `n` documents. */
const idf = (df: number, n: number) => Math.log((1 + n) / (1 + df)) + 1;

describe('tokenize', () => {
	it('folds accents and case, keeps letters only, drops short words and stop words', () => {
		expect(tokenize('De Uitkering van het UWV stopt; financiën 18 e-bike, géén ID')).toEqual([
			'uitkering',
			'uwv',
			'stopt',
			'financien',
			'bike'
		]);
		expect(tokenize('')).toEqual([]);
		expect(tokenize('en de 2024 … van het')).toEqual([]);
	});
});

describe('tfidfVectors', () => {
	it('weighs count times smoothed IDF and normalises to length 1', () => {
		const [a, b] = tfidfVectors(['schuld schuld huur', 'schuld bijstand']);
		const common = idf(2, 2); // schuld, in both
		const rare = idf(1, 2); // huur, bijstand
		const normA = Math.hypot(2 * common, rare);
		expect(a.get('schuld')).toBeCloseTo((2 * common) / normA, 12);
		expect(a.get('huur')).toBeCloseTo(rare / normA, 12);
		expect(b.get('bijstand')).toBeCloseTo(rare / Math.hypot(common, rare), 12);
		expect(Math.hypot(...a.values())).toBeCloseTo(1, 12);
	});

	it('gives a text without words an empty vector', () => {
		expect(tfidfVectors(['de en het', 'huur']).map((v) => v.size)).toEqual([0, 1]);
	});
});

describe('similarPairs', () => {
	const docs = [
		{ id: 'A', text: 'Huurtoeslag stopt; adres' },
		{ id: 'B', text: 'de huurtoeslag stopt' },
		{ id: 'C', text: 'bijstand jongerennorm' }
	];
	// A = (huurtoeslag, stopt, adres), B = (huurtoeslag, stopt): cos = √2·idf₂ / √(2·idf₂² + idf₁²).
	const expected = (Math.SQRT2 * idf(2, 3)) / Math.sqrt(2 * idf(2, 3) ** 2 + idf(1, 3) ** 2);

	it('scores the exact cosine and keeps the pairs from the threshold on', () => {
		expect(expected).toBeCloseTo(0.7324, 4);
		const pairs = similarPairs(docs, { threshold: 0.7 });
		expect(pairs).toHaveLength(1);
		expect(pairs[0]).toMatchObject({ a: 'A', b: 'B' });
		expect(pairs[0].score).toBeCloseTo(expected, 12);
		expect(similarPairs(docs, { threshold: expected })).toHaveLength(1);
		expect(similarPairs(docs, { threshold: expected + 1e-6 })).toEqual([]);
	});

	it('scores identical texts 1, even in a corpus of two, and counts repeated words', () => {
		const [same] = similarPairs(
			[
				{ id: 1, text: 'Premieachterstand zorgverzekeraar' },
				{ id: 2, text: 'premieachterstand bij de zorgverzekeraar' }
			],
			{ threshold: 0.5 }
		);
		expect(same.score).toBeCloseTo(1, 12);
		// Both words in both documents weigh the same: (2, 1)·(1, 1) / (√5·√2).
		const [repeated] = similarPairs(
			[
				{ id: 1, text: 'schuld schuld huur' },
				{ id: 2, text: 'schuld huur' }
			],
			{ threshold: 0.5 }
		);
		expect(repeated.score).toBeCloseTo(3 / Math.sqrt(10), 12);
	});

	it('lists pairs best first', () => {
		const pairs = similarPairs(
			[
				{ id: 'x', text: 'schuld huur ontruiming' },
				{ id: 'y', text: 'schuld huur ontruiming' },
				{ id: 'z', text: 'schuld huur' }
			],
			{ threshold: 0.1 }
		);
		expect(pairs.map((p) => `${p.a}${p.b}`)).toEqual(['xy', 'xz', 'yz']);
		expect(pairs[0].score).toBeGreaterThan(pairs[1].score);
		expect(pairs[1].score).toBeCloseTo(pairs[2].score, 12);
	});

	it('finds no candidates through words above maxPostings, yet counts them in the cosine of candidates', () => {
		const corpus = [
			{ id: 'A', text: 'alfa gemeen' },
			{ id: 'B', text: 'alfa gemeen' },
			{ id: 'C', text: 'gemeen beta' },
			{ id: 'D', text: 'gamma delta' }
		];
		const n = corpus.length;
		const [alfa, gemeen, beta] = [idf(2, n), idf(3, n), idf(1, n)];
		const ac = gemeen ** 2 / (Math.hypot(alfa, gemeen) * Math.hypot(gemeen, beta));

		const exact = similarPairs(corpus, { threshold: 0.01 });
		expect(exact.map((p) => `${p.a}${p.b}`)).toEqual(['AB', 'AC', 'BC']);
		expect(exact[0].score).toBeCloseTo(1, 12);
		expect(exact[1].score).toBeCloseTo(ac, 12);

		const bounded = similarPairs(corpus, { threshold: 0.01, maxPostings: 2 });
		expect(bounded.map((p) => `${p.a}${p.b}`)).toEqual(['AB']);
		expect(bounded[0].score).toBeCloseTo(1, 12);
	});

	it('equals the cosine of every pair when no word passes maxPostings', () => {
		const words = Array.from({ length: 25 }, (_, i) => `woord${String.fromCharCode(97 + i)}`);
		let seed = 7;
		const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
		const corpus = Array.from({ length: 60 }, (_, id) => ({
			id,
			text: Array.from({ length: 3 + Math.floor(random() * 6) }, () => words[Math.floor(random() * 25)]).join(
				' '
			)
		}));
		const vectors = tfidfVectors(corpus.map((d) => d.text));
		const brute: SimilarPair<number>[] = [];
		for (let i = 0; i < corpus.length; i++) {
			for (let j = i + 1; j < corpus.length; j++) {
				let score = 0;
				for (const [word, weight] of vectors[i]) score += weight * (vectors[j].get(word) ?? 0);
				if (score >= 0.4) brute.push({ a: i, b: j, score });
			}
		}
		const found = similarPairs(corpus, { threshold: 0.4 });
		expect(brute.length).toBeGreaterThan(20);
		expect(found.map((p) => [p.a, p.b]).sort()).toEqual(brute.map((p) => [p.a, p.b]).sort());
		for (const pair of found) {
			expect(pair.score).toBeCloseTo(brute.find((p) => p.a === pair.a && p.b === pair.b)!.score, 12);
		}
	});
});

describe('groupPairs', () => {
	const pairs: SimilarPair<string>[] = [
		{ a: 'e', b: 'f', score: 0.65 },
		{ a: 'c', b: 'd', score: 0.7 },
		{ a: 'a', b: 'b', score: 0.9 },
		{ a: 'b', b: 'c', score: 0.8 },
		{ a: 'a', b: 'c', score: 0.75 }
	];

	it('joins connected documents, with the pairs inside each group', () => {
		const groups = groupPairs(pairs, 10);
		expect(groups.map((g) => [...g.ids].sort())).toEqual([
			['a', 'b', 'c', 'd'],
			['e', 'f']
		]);
		expect(groups[0].pairs).toHaveLength(4);
		expect(groups[1].pairs).toEqual([{ a: 'e', b: 'f', score: 0.65 }]);
	});

	it('skips the weakest joins that would pass the cap', () => {
		const groups = groupPairs(pairs, 3);
		expect(groups.map((g) => [...g.ids].sort())).toEqual([
			['a', 'b', 'c'],
			['e', 'f']
		]);
		expect(groups[0].pairs.map((p) => p.score)).toEqual([0.9, 0.8, 0.75]);
		expect(groupPairs(pairs, 2).map((g) => [...g.ids].sort())).toEqual([
			['a', 'b'],
			['c', 'd'],
			['e', 'f']
		]);
	});
});
