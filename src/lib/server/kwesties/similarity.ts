/** TF-IDF cosine similarity of short Dutch texts, and groups of similar texts, computed in the portal itself. */
import { fold } from '$lib/domain/text';

/**
 * Common Dutch function words of three letters or more (shorter tokens are dropped anyway), after
 * the Snowball list. Domain words (uitkering, inwoner) stay: their IDF weighs them.
 */
export const DUTCH_STOP_WORDS: ReadonlySet<string> = new Set(
	[
		'aan alle als ben bij dan dat der des deze die dit doch door dus een eens geen geweest haar had',
		'heb hebben heeft hem het hier hij hoe hun iets kan kon kunnen maar meer men met mij mijn moet',
		'naar niet niets nog omdat ons ook over reeds tegen toch toen tot uit van veel voor want waren',
		'was wat wel werd wie wij wil wordt worden zal zei zelf zich zij zijn zonder zou'
	]
		.join(' ')
		.split(' ')
);

/** The shortest word that counts; shorter ones are mostly function words or abbreviations. */
const MIN_TOKEN_LENGTH = 3;

/** Words of a text: accents folded, lower case, letters only, at least three long, stop words left out. */
export function tokenize(text: string): string[] {
	return fold(text)
		.split(/[^\p{L}]+/u)
		.filter((word) => word.length >= MIN_TOKEN_LENGTH && !DUTCH_STOP_WORDS.has(word));
}

export interface TextDocument<Id> {
	id: Id;
	text: string;
}

export interface SimilarPair<Id> {
	a: Id;
	b: Id;
	/** Cosine of the two TF-IDF vectors, 0 to 1. */
	score: number;
}

export interface SimilarityOptions {
	/** Pairs scoring at least this are returned. */
	threshold: number;
	/**
	 * A word found in more documents than this does not make two documents candidates (it still
	 * counts in the cosine of candidates found through rarer words). It bounds the work at
	 * O(n · k · maxPostings) for n documents of k distinct words; up to this many documents the result is exact.
	 */
	maxPostings?: number;
}

export const DEFAULT_MAX_POSTINGS = 200;

/** A document's L2-normalised TF-IDF weights by word. */
type Vector = Map<string, number>;

/**
 * Weights as scikit-learn's default: raw term count times the smoothed IDF ln((1 + N) / (1 + df)) + 1,
 * so a word in every document still weighs (two identical texts score 1 even in a corpus of two).
 */
export function tfidfVectors(texts: readonly string[]): Vector[] {
	const counts = texts.map((text) => {
		const tf = new Map<string, number>();
		for (const word of tokenize(text)) tf.set(word, (tf.get(word) ?? 0) + 1);
		return tf;
	});
	const df = new Map<string, number>();
	for (const tf of counts) for (const word of tf.keys()) df.set(word, (df.get(word) ?? 0) + 1);
	const n = texts.length;
	return counts.map((tf) => {
		const vector: Vector = new Map();
		let norm = 0;
		for (const [word, count] of tf) {
			const weight = count * (Math.log((1 + n) / (1 + df.get(word)!)) + 1);
			vector.set(word, weight);
			norm += weight * weight;
		}
		norm = Math.sqrt(norm);
		for (const [word, weight] of vector) vector.set(word, weight / norm);
		return vector;
	});
}

/** Pairs of documents whose cosine reaches the threshold, best first; found through an inverted index, not all pairs. */
export function similarPairs<Id>(
	documents: readonly TextDocument<Id>[],
	options: SimilarityOptions
): SimilarPair<Id>[] {
	const maxPostings = options.maxPostings ?? DEFAULT_MAX_POSTINGS;
	const vectors = tfidfVectors(documents.map((d) => d.text));
	const postings = new Map<string, { doc: number; weight: number }[]>();
	vectors.forEach((vector, doc) => {
		for (const [word, weight] of vector) {
			const list = postings.get(word) ?? [];
			list.push({ doc, weight });
			postings.set(word, list);
		}
	});

	const pairs: SimilarPair<Id>[] = [];
	const dot = new Float64Array(documents.length);
	const lastSeenBy = new Int32Array(documents.length).fill(-1);
	vectors.forEach((vector, doc) => {
		const touched: number[] = [];
		const commonWords: [string, number][] = [];
		for (const [word, weight] of vector) {
			const list = postings.get(word)!;
			if (list.length > maxPostings) {
				commonWords.push([word, weight]);
				continue;
			}
			// Postings are in document order: only later documents, so each pair is scored once.
			for (const posting of list) {
				if (posting.doc <= doc) continue;
				if (lastSeenBy[posting.doc] !== doc) {
					lastSeenBy[posting.doc] = doc;
					dot[posting.doc] = 0;
					touched.push(posting.doc);
				}
				dot[posting.doc] += weight * posting.weight;
			}
		}
		for (const other of touched) {
			let score = dot[other];
			for (const [word, weight] of commonWords) score += weight * (vectors[other].get(word) ?? 0);
			if (score >= options.threshold - 1e-12) {
				pairs.push({ a: documents[doc].id, b: documents[other].id, score: Math.min(score, 1) });
			}
		}
	});
	const order = new Map(documents.map((d, i) => [d.id, i]));
	return pairs.sort(
		(x, y) => y.score - x.score || order.get(x.a)! - order.get(y.a)! || order.get(x.b)! - order.get(y.b)!
	);
}

export interface SimilarGroup<Id> {
	ids: Id[];
	/** The given pairs with both documents in this group. */
	pairs: SimilarPair<Id>[];
}

/**
 * Connected components of the pairs, capped at `maxSize` documents: pairs are joined best first and a
 * join that would pass the cap is skipped, so a chain of weak links cannot sweep a whole corpus into
 * one group. Members are listed in the order they joined.
 */
export function groupPairs<Id>(pairs: readonly SimilarPair<Id>[], maxSize: number): SimilarGroup<Id>[] {
	const parent = new Map<Id, Id>();
	const members = new Map<Id, Id[]>();
	const root = (id: Id): Id => {
		let at = id;
		while (parent.get(at) !== at) at = parent.get(at)!;
		parent.set(id, at);
		return at;
	};
	const ensure = (id: Id) => {
		if (!parent.has(id)) {
			parent.set(id, id);
			members.set(id, [id]);
		}
	};
	const best = [...pairs].sort((x, y) => y.score - x.score);
	for (const { a, b } of best) {
		ensure(a);
		ensure(b);
		const ra = root(a);
		const rb = root(b);
		if (ra === rb) continue;
		const joined = [...members.get(ra)!, ...members.get(rb)!];
		if (joined.length > maxSize) continue;
		parent.set(rb, ra);
		members.set(ra, joined);
		members.delete(rb);
	}
	const groups = new Map<Id, SimilarGroup<Id>>();
	for (const [id, ids] of members) if (ids.length >= 2) groups.set(id, { ids, pairs: [] });
	for (const pair of pairs) {
		const ra = root(pair.a);
		if (ra === root(pair.b)) groups.get(ra)?.pairs.push(pair);
	}
	return [...groups.values()];
}
