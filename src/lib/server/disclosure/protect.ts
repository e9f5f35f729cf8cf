/** Counts lists and co-occurrence matrices as a protected audience (landelijk) receives them: the national package's disclosure control, complementary suppression included. */
import type { CountsResult } from '../analytics/counts';
import type { Cooccurrence } from '../analytics/cooccurrence';
import { CBS_RULES, protectCount, protectTable, type Published } from '../national/disclosure';
import { protectSymmetric } from '../national/package';

export interface PublishedCounts {
	dimension: CountsResult['dimension'];
	counts: { label: string; cases: Published }[];
	cases: Published;
}

export interface PublishedCooccurrence extends Omit<
	Cooccurrence,
	'matrix' | 'totals' | 'cases' | 'withLabel'
> {
	matrix: Published[][];
	totals: Record<string, Published>;
	cases: Published;
	withLabel: Published;
}

/**
 * The counts list as the package's one-dimensional label table: one row per label, its total the
 * cases the filter selects (a case may name several labels, or none, so it is not their sum).
 */
export function protectCounts(result: CountsResult): PublishedCounts {
	const counts = result.counts.map((c) => c.cases);
	const table = protectTable(
		{
			rows: result.counts.map((c) => c.label),
			cols: ['aantal'],
			cells: counts.map((n) => [n]),
			rowTotals: counts,
			colTotals: [result.cases],
			total: result.cases
		},
		CBS_RULES
	);
	return {
		dimension: result.dimension,
		counts: result.counts.map((c, i) => ({ label: c.label, cases: table.cells[i][0] })),
		cases: table.total
	};
}

/** The matrix with its totals per label and the cases in all, as the package protects its pairs table. */
export function protectCooccurrence(result: Cooccurrence): PublishedCooccurrence {
	const totals = result.labels.map((label) => result.totals[label]);
	const table = protectSymmetric(
		{
			rows: result.labels,
			cols: result.labels,
			cells: result.matrix,
			rowTotals: totals,
			colTotals: totals,
			total: result.cases
		},
		CBS_RULES
	);
	return {
		...result,
		matrix: table.cells,
		totals: Object.fromEntries(result.labels.map((label, i) => [label, table.rowTotals[i]])),
		cases: table.total,
		withLabel: protectCount(result.withLabel, CBS_RULES)
	};
}

/** A protected count as an Arrow row holds it: null with `<name>_geheim` true where it is secret. */
export function arrowCount(name: string, value: Published): Record<string, number | boolean | null> {
	return value === 'geheim'
		? { [name]: null, [`${name}_geheim`]: true }
		: { [name]: value, [`${name}_geheim`]: false };
}
