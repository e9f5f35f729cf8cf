/** Cases per label of one dimension, from one GROUP BY over the dimension's bitmask. */
import type { CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import type { ListDimension } from '$lib/domain/vocabulary';
import type { Database } from '../db';
import { reference } from '../reference';
import { CASE_SCOPE, scopeParams } from './filter';

export interface MaskCount {
	mask: bigint;
	cases: number;
}

export interface CountsResult {
	dimension: ListDimension;
	counts: { label: string; cases: number }[];
	/** Every case the filter selects, with or without a label of this dimension. */
	cases: number;
}

/** The bitmask column of each list dimension. */
export const MASK_COLUMN: Record<ListDimension, string> = {
	leefgebieden: 'leefgebieden',
	organisaties: 'organisaties',
	ministeries: 'ministeries',
	wetten: 'wetten'
};

/** How many cases carry each distinct combination of labels: few rows, whatever the number of cases. */
export async function maskCounts(
	db: Database,
	dimension: ListDimension,
	reach: Reach,
	filter: CaseFilter
): Promise<MaskCount[]> {
	const rows = await db.all<{ mask: string; cases: number }>(
		// Grouped on the integer mask, cast after: casting first would group a million strings.
		`SELECT mask::VARCHAR AS mask, cases FROM (
			SELECT ${MASK_COLUMN[dimension]} AS mask, count(*)::INTEGER AS cases
			FROM cases WHERE ${CASE_SCOPE} GROUP BY ALL)`,
		scopeParams(reach, filter)
	);
	return rows.map((r) => ({ mask: BigInt(r.mask), cases: r.cases }));
}

export async function countsByLabel(
	db: Database,
	dimension: ListDimension,
	reach: Reach,
	filter: CaseFilter
): Promise<CountsResult> {
	const vocabulary = reference().vocabularies[dimension];
	const groups = await maskCounts(db, dimension, reach, filter);
	const perBit = new Map<number, number>();
	let cases = 0;
	for (const { mask, cases: n } of groups) {
		cases += n;
		for (const entry of vocabulary.entries) {
			if ((mask >> BigInt(entry.position)) & 1n)
				perBit.set(entry.position, (perBit.get(entry.position) ?? 0) + n);
		}
	}
	const counts = vocabulary.entries
		.filter((e) => perBit.has(e.position))
		.map((e) => ({ label: e.code, cases: perBit.get(e.position)! }));
	return { dimension, counts, cases };
}
