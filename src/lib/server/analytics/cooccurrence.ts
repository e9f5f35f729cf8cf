/** The co-occurrence matrix of one dimension, expanded from the per-combination counts of one GROUP BY. */
import type { CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import type { ListDimension } from '$lib/domain/vocabulary';
import type { Database } from '../db';
import { reference } from '../reference';
import { maskCounts, type MaskCount } from './counts';

/** `single`: the diagonal counts cases naming that label alone (Maatwerkloket 2019-2022); `total`: every case naming it. */
export type Diagonal = 'single' | 'total';

/** The diagonal a matrix shows when the address names none (as in the Maatwerkloket analysis). */
export const DEFAULT_DIAGONAL: Diagonal = 'single';

/** `single` or `total` from a query parameter; null for anything else. */
export function parseDiagonal(value: string | null): Diagonal | null {
	return value === 'single' || value === 'total' ? value : null;
}

export interface Cooccurrence {
	dimension: ListDimension;
	diagonal: Diagonal;
	/** Codes that occur, in vocabulary order. */
	labels: string[];
	matrix: number[][];
	totals: Record<string, number>;
	/** Cases the filter selects. */
	cases: number;
	/** Cases naming at least one label of the dimension. */
	withLabel: number;
}

/** Pure expansion, kept apart from the query so it can be tested on hand-made combinations. */
export function expandMatrix(
	groups: MaskCount[],
	positions: readonly { code: string; position: number }[],
	diagonal: Diagonal
): Omit<Cooccurrence, 'dimension' | 'diagonal'> {
	let cases = 0;
	let withLabel = 0;
	const present = new Set<number>();
	for (const { mask, cases: n } of groups) {
		cases += n;
		if (mask !== 0n) withLabel += n;
		for (const { position } of positions) if ((mask >> BigInt(position)) & 1n) present.add(position);
	}
	const used = positions.filter((p) => present.has(p.position));
	const matrix = used.map(() => used.map(() => 0));
	const totals = new Array(used.length).fill(0);
	for (const { mask, cases: n } of groups) {
		const on = used.map((p, i) => ((mask >> BigInt(p.position)) & 1n ? i : -1)).filter((i) => i >= 0);
		for (const i of on) {
			totals[i] += n;
			for (const j of on) if (i !== j) matrix[i][j] += n;
			if (diagonal === 'total' || on.length === 1) matrix[i][i] += n;
		}
	}
	return {
		labels: used.map((p) => p.code),
		matrix,
		totals: Object.fromEntries(used.map((p, i) => [p.code, totals[i]])),
		cases,
		withLabel
	};
}

export async function cooccurrence(
	db: Database,
	dimension: ListDimension,
	diagonal: Diagonal,
	reach: Reach,
	filter: CaseFilter
): Promise<Cooccurrence> {
	const vocabulary = reference().vocabularies[dimension];
	const groups = await maskCounts(db, dimension, reach, filter);
	return { dimension, diagonal, ...expandMatrix(groups, vocabulary.entries, diagonal) };
}
