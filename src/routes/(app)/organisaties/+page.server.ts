import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { analysisScope } from '$lib/server/analysis-scope';
import { organisatiesView } from '$lib/server/analytics/organisaties';
import { requestedCell, CELL_CASE_LIMIT } from '$lib/server/analytics/cell-cases';
import { DEFAULT_DIAGONAL, parseDiagonal } from '$lib/server/analytics/cooccurrence';
import { capabilities } from '$lib/domain/roles';
import { keepPage } from '$lib/server/page-cache';

/** The two matrices of this page, as the `matrix` parameter names them; organisaties when it names none. */
const MATRICES = ['organisaties', 'ministeries'] as const;

export const load: PageServerLoad = async (event) => {
	const { user, filter, db, options } = await analysisScope(event);
	const diagonal = parseDiagonal(event.url.searchParams.get('diagonal')) ?? DEFAULT_DIAGONAL;
	const view = await organisatiesView(db, user.reach, filter, diagonal);
	const matrix = MATRICES.find((m) => m === (event.url.searchParams.get('matrix') ?? 'organisaties'));
	if (!matrix) error(400, 'Onbekende matrix: kies organisaties of ministeries.');
	const found = await requestedCell(db, user, event, { dimension: matrix, diagonal, filter });
	const selected = found ? { ...found, matrix } : null;
	// A case list opened from a cell is audited on every view, so such a page is never kept.
	if (!found) keepPage(event.locals);
	const caseLevel = capabilities(user.role).caseLevel;
	return { filter, options, diagonal, caseLevel, selected, limit: CELL_CASE_LIMIT, ...view };
};
