/** How the labels of one dimension develop per quarter, and how many labels a case names. */
import type { CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import type { ListDimension } from '$lib/domain/vocabulary';
import type { Database } from '../db';
import { reference } from '../reference';
import { CASE_SCOPE, scopeParams } from './filter';
import { MASK_COLUMN } from './counts';

export interface LabelProfile {
	/** Every quarter from the first to the last that holds cases, `2025-Q3`, in order. */
	quarters: string[];
	/** Cases per label (vocabulary order) per quarter: `trend[label][i]` belongs to `quarters[i]`. */
	trend: { label: string; cases: number[] }[];
	/** How many cases name 0, 1, 2, … labels of the dimension. */
	perCase: { labels: number; cases: number }[];
}

/** `2024-Q3` to `2025-Q1` as every quarter in between, both ends included. */
export function quarterRange(first: string | undefined, last: string | undefined): string[] {
	if (!first || !last) return [];
	const index = (q: string) => Number(q.slice(0, 4)) * 4 + Number(q.slice(6)) - 1;
	const quarters: string[] = [];
	for (let i = index(first); i <= index(last); i++) quarters.push(`${Math.floor(i / 4)}-Q${(i % 4) + 1}`);
	return quarters;
}

export async function labelProfile(
	db: Database,
	dimension: ListDimension,
	reach: Reach,
	filter: CaseFilter
): Promise<LabelProfile> {
	const rows = await db.all<{ quarter: string; mask: string; cases: number }>(
		// Grouped on integers (year * 4 + quarter - 1, the mask), formatted after: a few thousand groups.
		`SELECT (q // 4)::VARCHAR || '-Q' || (q % 4 + 1)::VARCHAR AS quarter, mask::VARCHAR AS mask, cases FROM (
			SELECT (year(aangemeld_op) * 4 + quarter(aangemeld_op) - 1)::INTEGER AS q, ${MASK_COLUMN[dimension]} AS mask,
				count(*)::INTEGER AS cases
			FROM cases WHERE ${CASE_SCOPE} GROUP BY ALL)
		 ORDER BY q`,
		scopeParams(reach, filter)
	);
	const vocabulary = reference().vocabularies[dimension];
	const quarters = quarterRange(rows[0]?.quarter, rows.at(-1)?.quarter);
	const index = new Map(quarters.map((q, i) => [q, i]));
	const perLabel = new Map<string, number[]>();
	const perCase = new Map<number, number>();
	for (const row of rows) {
		const codes = vocabulary.codes(BigInt(row.mask));
		perCase.set(codes.length, (perCase.get(codes.length) ?? 0) + row.cases);
		for (const code of codes) {
			const series = perLabel.get(code) ?? new Array(quarters.length).fill(0);
			series[index.get(row.quarter)!] += row.cases;
			perLabel.set(code, series);
		}
	}
	return {
		quarters,
		trend: vocabulary.entries
			.filter((e) => perLabel.has(e.code))
			.map((e) => ({ label: e.code, cases: perLabel.get(e.code)! })),
		perCase: [...perCase].sort(([a], [b]) => a - b).map(([labels, cases]) => ({ labels, cases }))
	};
}
