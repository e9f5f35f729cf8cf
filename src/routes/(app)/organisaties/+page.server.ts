/** The Organisaties & ministeries screen: involvement, kinds and national agencies, two co-occurrence matrices, and the cases of a chosen cell for case-level roles. */
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { loadView } from '$lib/server/views/page';
import { organisaties } from '$lib/server/views/registry';
import { requestedCell, CELL_CASE_LIMIT } from '$lib/server/analytics/cell-cases';
import { DEFAULT_DIAGONAL, parseDiagonal } from '$lib/server/analytics/cooccurrence';
import { capabilities } from '$lib/domain/roles';

/** The two matrices of this page, as the `matrix` parameter names them; organisaties when it names none. */
const MATRICES = ['organisaties', 'ministeries'] as const;

export const load: PageServerLoad = async (event) => {
	const matrix = MATRICES.find((m) => m === (event.url.searchParams.get('matrix') ?? 'organisaties'));
	if (!matrix) error(400, 'Onbekende matrix: kies organisaties of ministeries.');
	// A case list opened from a cell is audited on every view, so such a page is never kept.
	const keep = !event.url.searchParams.has('cel');
	const { user, filter, db, options, shown } = await loadView(event, organisaties, { keep });
	const diagonal = parseDiagonal(event.url.searchParams.get('diagonal')) ?? DEFAULT_DIAGONAL;
	const found = await requestedCell(db, user, event, { dimension: matrix, diagonal, filter });
	const selected = found ? { ...found, matrix } : null;
	const caseLevel = capabilities(user.role).caseLevel;
	return { filter, options, diagonal, caseLevel, selected, limit: CELL_CASE_LIMIT, ...shown };
};
