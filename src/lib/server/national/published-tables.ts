/** The one-dimensional tables of a national package under disclosure control: labels that overlap (a case names several) and rows that part the cases. */
import { protectTable, type DisclosureRules, type PublishedTable } from './disclosure';

/** The one column of a one-dimensional table. */
export const COUNT_COLUMN = 'aantal';

/** A one-dimensional table of a dimension in which a case may name several labels: totals are the cases, not the sum. */
export function labelTable(
	labels: string[],
	counts: number[],
	cases: number,
	rules: DisclosureRules
): PublishedTable {
	return protectTable(
		{
			rows: labels,
			cols: [COUNT_COLUMN],
			cells: counts.map((n) => [n]),
			rowTotals: counts,
			colTotals: [cases],
			total: cases
		},
		rules
	);
}

/** A one-dimensional table whose rows part the cases: totals are sums. */
export function partitionTable(labels: string[], counts: number[], rules: DisclosureRules): PublishedTable {
	return protectTable({ rows: labels, cols: [COUNT_COLUMN], cells: counts.map((n) => [n]) }, rules);
}
