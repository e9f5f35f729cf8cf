/** The cases behind one cell of a co-occurrence matrix, for roles with case-level reach only, each viewing audited. */
import { error } from '@sveltejs/kit';
import type { CaseSummary } from '$lib/domain/cases';
import type { CaseFilter } from '$lib/domain/filters';
import { capabilities, type SessionUser } from '$lib/domain/roles';
import type { ListDimension } from '$lib/domain/vocabulary';
import type { Database } from '../db';
import { audit } from '../audit';
import { reference } from '../reference';
import { CASE_SCOPE, scopeParams } from './filter';
import { MASK_COLUMN } from './counts';
import type { Diagonal } from './cooccurrence';

/** The most cases a page lists under a cell; the rest comes as a stream on request. */
export const CELL_CASE_LIMIT = 200;
/** The most cases one answer holds, whatever is asked. */
export const CELL_CASE_MAX = 100_000;

export interface CellCases {
	/** The row and column codes; equal on the diagonal. */
	cell: [string, string];
	/** Every case of the cell, also those beyond the limit. */
	total: number;
	/** At most the limit, newest first; gemeente as its name. */
	cases: CaseSummary[];
}

/** `wonen|financiën` as two codes of the dimension, or null when it is not a cell of its matrix. */
export function parseCell(dimension: ListDimension, value: string): [string, string] | null {
	const parts = value.split('|');
	const vocabulary = reference().vocabularies[dimension];
	if (parts.length !== 2 || !parts.every((code) => vocabulary.get(code))) return null;
	return [parts[0], parts[1]];
}

/**
 * Cases naming both labels; on the diagonal (a = b) the cases naming it alone (`single`) or at all (`total`),
 * as the matrix counts them. Refuses (null) roles without case-level reach; logs who saw which cell.
 */
export async function cellCases(
	db: Database,
	user: SessionUser,
	request: {
		dimension: ListDimension;
		cell: [string, string];
		diagonal: Diagonal;
		filter: CaseFilter;
		limit?: number;
		origin?: string | null;
	}
): Promise<CellCases | null> {
	const { dimension, cell, diagonal, filter } = request;
	if (!capabilities(user.role).caseLevel) return null;
	const bits = reference().vocabularies[dimension].mask(new Set(cell));
	const column = MASK_COLUMN[dimension];
	const limit = Math.min(Math.max(1, request.limit ?? CELL_CASE_LIMIT), CELL_CASE_MAX);
	const rows = await db.all<CaseSummary & { total: number }>(
		`SELECT id, casus_id, gemeente, strftime(aangemeld_op, '%Y-%m-%d') AS aangemeld_op,
			strftime(afgerond_op, '%Y-%m-%d') AS afgerond_op, status, kwestie, samenvatting,
			count(*) OVER ()::INTEGER AS total
		 FROM cases
		 WHERE ${CASE_SCOPE}
		   AND CASE WHEN $alone THEN ${column} = $bits::UBIGINT ELSE (${column} & $bits::UBIGINT) = $bits::UBIGINT END
		 ORDER BY aangemeld_op DESC, casus_id
		 LIMIT $limit`,
		{
			...scopeParams(user.reach, filter),
			bits: bits.toString(),
			alone: cell[0] === cell[1] && diagonal === 'single',
			limit
		}
	);
	const total = rows[0]?.total ?? 0;
	await audit(db, {
		actor: user.email,
		action: 'casussen bekijken',
		object: `${dimension} ${cell.join(' + ')} (${total})`,
		result: 'ok',
		origin: request.origin
	});
	const { gemeenten } = reference();
	return {
		cell,
		total,
		cases: rows.map(({ total: _total, ...row }) => ({ ...row, gemeente: gemeenten.naam(row.gemeente) }))
	};
}

/**
 * The cell an analysis page's address asks for (`?cel=a|b`) with its cases, for case-level roles;
 * null when none is asked or the role sees aggregates only. An unknown cell is a 400.
 */
export async function requestedCell(
	db: Database,
	user: SessionUser,
	event: { url: URL; getClientAddress(): string },
	request: { dimension: ListDimension; diagonal: Diagonal; filter: CaseFilter }
): Promise<CellCases | null> {
	const asked = event.url.searchParams.get('cel');
	if (!asked) return null;
	const cell = parseCell(request.dimension, asked);
	if (!cell) error(400, 'Onbekende cel van de matrix.');
	return cellCases(db, user, { ...request, cell, origin: event.getClientAddress() });
}
