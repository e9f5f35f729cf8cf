import type { PageServerLoad } from './$types';
import { analysisScope } from '$lib/server/analysis-scope';
import { leefgebiedenView } from '$lib/server/analytics/leefgebieden';
import { requestedCell, CELL_CASE_LIMIT } from '$lib/server/analytics/cell-cases';
import { DEFAULT_DIAGONAL, parseDiagonal } from '$lib/server/analytics/cooccurrence';
import { capabilities } from '$lib/domain/roles';
import { keepPage } from '$lib/server/page-cache';

export const load: PageServerLoad = async (event) => {
	const { user, filter, db, options } = await analysisScope(event);
	const diagonal = parseDiagonal(event.url.searchParams.get('diagonal')) ?? DEFAULT_DIAGONAL;
	const view = await leefgebiedenView(db, user.reach, filter, diagonal);
	const selected = await requestedCell(db, user, event, { dimension: 'leefgebieden', diagonal, filter });
	// A case list opened from a cell is audited on every view, so such a page is never kept.
	if (!selected) keepPage(event.locals);
	const caseLevel = capabilities(user.role).caseLevel;
	return { filter, options, diagonal, caseLevel, selected, limit: CELL_CASE_LIMIT, ...view };
};
