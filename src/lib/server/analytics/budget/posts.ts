/** A case's avoided-cost posts priced at its municipality's cost table, in exact cents, and weighed against the explicit besparing. */
import type { Cents, CentsRange } from '$lib/domain/money';
import { fold } from '$lib/domain/text';

/** One post of a case's `vermeden_posten`, as the import stores it (folded name, count from 1). */
export interface CasePost {
	post: string;
	aantal: number;
}

/** What the cost table says of one unit of a post. */
export interface CostEntry {
	post: string;
	unit: string | null;
	low: Cents;
	high: Cents;
	bron: string | null;
}

/** A case's post priced: per unit and in total, both null for a post the cost table does not hold. */
export interface PricedPost {
	post: string;
	aantal: number;
	unit: string | null;
	bron: string | null;
	perUnit: CentsRange | null;
	total: CentsRange | null;
}

export interface PostPricing {
	posts: PricedPost[];
	/** The sum over the priced posts; null when none is priced (unpriced posts count for nothing). */
	total: CentsRange | null;
}

/** Prices each post of a case at the cost table (matched on the folded name): per unit × aantal, summed over the posts the table holds. */
export function pricePosts(posts: readonly CasePost[], table: readonly CostEntry[]): PostPricing {
	const byPost = new Map(table.map((c) => [fold(c.post), c]));
	let total: CentsRange | null = null;
	const priced = posts.map((p): PricedPost => {
		const cost = byPost.get(fold(p.post));
		if (!cost) return { post: p.post, aantal: p.aantal, unit: null, bron: null, perUnit: null, total: null };
		const count = BigInt(p.aantal);
		const sum = { low: cost.low * count, high: cost.high * count };
		total = total ? { low: total.low + sum.low, high: total.high + sum.high } : sum;
		return {
			post: p.post,
			aantal: p.aantal,
			unit: cost.unit,
			bron: cost.bron,
			perUnit: { low: cost.low, high: cost.high },
			total: sum
		};
	});
	return { posts: priced, total };
}

/** Which amounts are a case's kassabon: those the export gave, those its posts priced, or none. */
export type SavingsSource = 'opgegeven' | 'posten' | null;

export interface CaseSavings {
	savings: CentsRange | null;
	source: SavingsSource;
	/** Both given and not equal: the explicit amounts count, this pair is the warning. */
	difference: { explicit: CentsRange; posts: CentsRange } | null;
}

/** The explicit besparing wins; without it the priced posts are the kassabon; a difference between the two is a warning, not an error. */
export function caseSavings(explicit: CentsRange | null, posts: CentsRange | null): CaseSavings {
	if (explicit) {
		const differs = posts !== null && (posts.low !== explicit.low || posts.high !== explicit.high);
		return { savings: explicit, source: 'opgegeven', difference: differs ? { explicit, posts } : null };
	}
	if (posts) return { savings: posts, source: 'posten', difference: null };
	return { savings: null, source: null, difference: null };
}
