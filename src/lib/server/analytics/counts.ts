/** Cases per label of one dimension, from one GROUP BY over the dimension's bitmask or column. */
import type { CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import { LIST_DIMENSIONS, type ListDimension } from '$lib/domain/vocabulary';
import type { Database } from '../db';
import { reference } from '../reference';
import { CASE_SCOPE, scopeParams } from './filter';

export interface MaskCount {
	mask: bigint;
	cases: number;
}

/** The dimensions `GET /api/v1/counts` answers: the list dimensions and the decisions of version 1.1 of the export. */
export const COUNT_DIMENSIONS = [
	...LIST_DIMENSIONS,
	'besluit_door',
	'instrument',
	'binnen_kaders',
	'vier_ogen'
] as const;
export type CountDimension = (typeof COUNT_DIMENSIONS)[number];

/** Dimensions stored as a bitmask: several labels per case. */
type MaskDimension = ListDimension | 'instrument';

/** The labels of a yes/no column, in this order; `onbekend` where the export left it empty. */
export const YES_NO_LABELS = ['ja', 'nee', 'onbekend'] as const;

export interface CountsResult {
	dimension: CountDimension;
	counts: { label: string; cases: number }[];
	/** Every case the filter selects, with or without a label of this dimension. */
	cases: number;
}

/** The bitmask column of each list dimension. */
export const MASK_COLUMN: Record<MaskDimension, string> = {
	leefgebieden: 'leefgebieden',
	organisaties: 'organisaties',
	ministeries: 'ministeries',
	wetten: 'wetten',
	instrument: 'instrumenten'
};

/** The one-value column of each single-valued dimension; its labels are the column's values. */
const VALUE_COLUMN = {
	besluit_door: 'besluit_door',
	binnen_kaders: 'binnen_kaders',
	vier_ogen: 'vier_ogen'
} as const;
type ValueDimension = keyof typeof VALUE_COLUMN;
const isValueDimension = (dimension: CountDimension): dimension is ValueDimension =>
	Object.hasOwn(VALUE_COLUMN, dimension);

/** How many cases carry each distinct combination of labels: few rows, whatever the number of cases. */
export async function maskCounts(
	db: Database,
	dimension: MaskDimension,
	reach: Reach,
	filter: CaseFilter
): Promise<MaskCount[]> {
	const rows = await db.all<{ mask: string | null; cases: number }>(
		// Grouped on the integer mask, cast after: casting first would group a million strings.
		`SELECT mask::VARCHAR AS mask, cases FROM (
			SELECT ${MASK_COLUMN[dimension]} AS mask, count(*)::INTEGER AS cases
			FROM cases WHERE ${CASE_SCOPE} GROUP BY ALL)`,
		scopeParams(reach, filter)
	);
	// instrumenten of a row stored before version 1.1 may be NULL: no instrument.
	return rows.map((r) => ({ mask: BigInt(r.mask ?? 0), cases: r.cases }));
}

/** Cases per value of a single-valued column: besluitniveaus in vocabulary order, yes/no as YES_NO_LABELS. */
async function countsByValue(
	db: Database,
	dimension: ValueDimension,
	reach: Reach,
	filter: CaseFilter
): Promise<CountsResult> {
	const rows = await db.all<{ value: string | boolean | null; cases: number }>(
		`SELECT ${VALUE_COLUMN[dimension]} AS value, count(*)::INTEGER AS cases
		FROM cases WHERE ${CASE_SCOPE} GROUP BY ALL`,
		scopeParams(reach, filter)
	);
	const labelOf = (value: string | boolean | null) =>
		typeof value === 'boolean' ? (value ? 'ja' : 'nee') : (value ?? 'onbekend');
	const perLabel = new Map(rows.map((r) => [labelOf(r.value), r.cases]));
	const labels =
		dimension === 'besluit_door'
			? reference().vocabularies.besluitniveaus.entries.map((e) => e.code)
			: YES_NO_LABELS;
	return {
		dimension,
		// Cases without a besluitniveau are in `cases`, under no label, as cases without a leefgebied are.
		counts: labels.filter((l) => perLabel.has(l)).map((label) => ({ label, cases: perLabel.get(label)! })),
		cases: rows.reduce((sum, r) => sum + r.cases, 0)
	};
}

export async function countsByLabel(
	db: Database,
	dimension: CountDimension,
	reach: Reach,
	filter: CaseFilter
): Promise<CountsResult> {
	if (isValueDimension(dimension)) return countsByValue(db, dimension, reach, filter);
	const vocabulary = reference().vocabularies[dimension === 'instrument' ? 'instrumenten' : dimension];
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
