import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { analysisScope } from '$lib/server/analysis-scope';
import { organisatiesView } from '$lib/server/analytics/organisaties';
import { requestedCell, CELL_CASE_LIMIT } from '$lib/server/analytics/cell-cases';
import { parseDiagonal } from '$lib/server/analytics/cooccurrence';
import { capabilities } from '$lib/domain/roles';

/** The two matrices of this page, as the `matrix` parameter names them; organisaties when it names none. */
const MATRICES = ['organisaties', 'ministeries'] as const;

export const load: PageServerLoad = async (event) => {
	const { user, filter, db, options } = await analysisScope(event);
	const diagonal = parseDiagonal(event.url.searchParams.get('diagonal')) ?? 'single';
	const view = await organisatiesView(db, user.reach, filter, diagonal);
	const matrix = MATRICES.find((m) => m === (event.url.searchParams.get('matrix') ?? 'organisaties'));
	if (!matrix) error(400, 'Onbekende matrix: kies organisaties of ministeries.');
	const found = await requestedCell(db, user, event, { dimension: matrix, diagonal, filter });
	const selected = found ? { ...found, matrix } : null;
	const caseLevel = capabilities(user.role).caseLevel;
	return { filter, options, diagonal, caseLevel, selected, limit: CELL_CASE_LIMIT, ...view };
};
