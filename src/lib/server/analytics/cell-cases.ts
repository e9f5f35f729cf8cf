/** The cases behind one cell of a co-occurrence matrix (for roles with case-level reach). */
import type { CaseSummary } from '$lib/domain/cases';
import type { CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import type { ListDimension } from '$lib/domain/vocabulary';
import type { Database } from '../db';
import { reference } from '../reference';
import { CASE_SCOPE, scopeParams } from './filter';
import { MASK_COLUMN } from './counts';
import type { Diagonal } from './cooccurrence';

export const CELL_CASE_LIMIT = 200;

/**
 * Cases naming both labels; on the diagonal (a = b) the cases naming it alone (`single`) or at all (`total`),
 * as the matrix counts them. At most CELL_CASE_LIMIT rows, newest first; `total` counts them all.
 */
export async function cellCases(
	db: Database,
	dimension: ListDimension,
	labels: [string, string],
	diagonal: Diagonal,
	reach: Reach,
	filter: CaseFilter
): Promise<{ total: number; cases: CaseSummary[] }> {
	const vocabulary = reference().vocabularies[dimension];
	const bits = vocabulary.mask(new Set(labels));
	const alone = labels[0] === labels[1] && diagonal === 'single';
	const column = MASK_COLUMN[dimension];
	const rows = await db.all<CaseSummary & { total: number }>(
		`SELECT id, casus_id, gemeente, strftime(aangemeld_op, '%Y-%m-%d') AS aangemeld_op,
			strftime(afgerond_op, '%Y-%m-%d') AS afgerond_op, status, kwestie, samenvatting,
			count(*) OVER ()::INTEGER AS total
		 FROM cases
		 WHERE ${CASE_SCOPE}
		   AND CASE WHEN $alone THEN ${column} = $bits::UBIGINT ELSE (${column} & $bits::UBIGINT) = $bits::UBIGINT END
		 ORDER BY aangemeld_op DESC, casus_id
		 LIMIT ${CELL_CASE_LIMIT}`,
		{ ...scopeParams(reach, filter), bits: bits.toString(), alone }
	);
	return { total: rows[0]?.total ?? 0, cases: rows.map(({ total: _total, ...row }) => row) };
}
