import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { parseFilter } from '$lib/server/analytics/filter';
import { filterOptions } from '$lib/server/analytics/reach';
import { leefgebiedenView } from '$lib/server/analytics/leefgebieden';
import { cellCases, parseCell, CELL_CASE_LIMIT } from '$lib/server/analytics/cell-cases';
import { parseDiagonal } from '$lib/server/analytics/cooccurrence';
import { capabilities } from '$lib/domain/roles';

export const load: PageServerLoad = async ({ locals, url, getClientAddress }) => {
	const user = locals.user!;
	const parsed = parseFilter(url.searchParams, user.reach);
	if (!parsed.ok) error(parsed.status, parsed.message);
	const diagonal = parseDiagonal(url.searchParams.get('diagonal')) ?? 'single';
	const db = await getDb();
	const caseLevel = capabilities(user.role).caseLevel;
	const [view, options] = await Promise.all([
		leefgebiedenView(db, user.reach, parsed.filter, diagonal),
		filterOptions(db, user.reach)
	]);

	const requested = url.searchParams.get('cel');
	const cell = requested ? parseCell('leefgebieden', requested) : null;
	if (requested && !cell) error(400, 'Onbekende cel van de matrix.');
	const selected =
		cell && caseLevel
			? await cellCases(db, user, {
					dimension: 'leefgebieden',
					cell,
					diagonal,
					filter: parsed.filter,
					origin: getClientAddress()
				})
			: null;
	return { filter: parsed.filter, options, diagonal, caseLevel, selected, limit: CELL_CASE_LIMIT, ...view };
};
