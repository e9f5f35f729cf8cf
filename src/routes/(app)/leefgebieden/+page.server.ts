/** The Leefgebieden screen: the co-occurrence matrix, trend and labels per case, and the cases of a chosen cell for case-level roles. */
import type { PageServerLoad } from './$types';
import { loadView } from '$lib/server/views/page';
import { leefgebieden } from '$lib/server/views/registry';
import { requestedCell, CELL_CASE_LIMIT } from '$lib/server/analytics/cell-cases';
import { DEFAULT_DIAGONAL, parseDiagonal } from '$lib/server/analytics/cooccurrence';
import { capabilities } from '$lib/domain/roles';

export const load: PageServerLoad = async (event) => {
	// A case list opened from a cell is audited on every view, so such a page is never kept.
	const keep = !event.url.searchParams.has('cel');
	const { user, filter, db, options, shown } = await loadView(event, leefgebieden, { keep });
	const diagonal = parseDiagonal(event.url.searchParams.get('diagonal')) ?? DEFAULT_DIAGONAL;
	const selected = await requestedCell(db, user, event, { dimension: 'leefgebieden', diagonal, filter });
	const caseLevel = capabilities(user.role).caseLevel;
	return { filter, options, diagonal, caseLevel, selected, limit: CELL_CASE_LIMIT, ...shown };
};
