import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { parseFilter } from '$lib/server/analytics/filter';
import { filterOptions } from '$lib/server/analytics/reach';
import { leefgebiedenView } from '$lib/server/analytics/leefgebieden';
import { cellCases, CELL_CASE_LIMIT } from '$lib/server/analytics/cell-cases';
import { reference } from '$lib/server/reference';
import { capabilities } from '$lib/domain/roles';
import type { CaseSummary } from '$lib/domain/cases';
import { audit } from '$lib/server/audit';

export const load: PageServerLoad = async ({ locals, url, getClientAddress }) => {
	const user = locals.user!;
	const parsed = parseFilter(url.searchParams, user.reach);
	if (!parsed.ok) error(parsed.status, parsed.message);
	const diagonal = url.searchParams.get('diagonal') === 'total' ? 'total' : 'single';
	const db = await getDb();
	const caseLevel = capabilities(user.role).caseLevel;
	const [view, options] = await Promise.all([
		leefgebiedenView(db, user.reach, parsed.filter, diagonal),
		filterOptions(db, user.reach)
	]);

	const vocabulary = reference().vocabularies.leefgebieden;
	const cell = url.searchParams.get('cel')?.split('|');
	let selected: { cell: [string, string]; total: number; cases: CaseSummary[] } | null = null;
	if (cell && caseLevel) {
		if (cell.length !== 2 || !cell.every((code) => vocabulary.get(code)))
			error(400, 'Onbekende cel van de matrix.');
		const pair: [string, string] = [cell[0], cell[1]];
		const found = await cellCases(db, 'leefgebieden', pair, diagonal, user.reach, parsed.filter);
		const { gemeenten } = reference();
		selected = {
			cell: pair,
			total: found.total,
			cases: found.cases.map((c) => ({ ...c, gemeente: gemeenten.naam(c.gemeente) }))
		};
		await audit(db, {
			actor: user.email,
			action: 'casussen bekijken',
			object: `leefgebieden ${pair.join(' + ')} (${found.total})`,
			result: 'ok',
			origin: getClientAddress()
		});
	}
	return { filter: parsed.filter, options, diagonal, caseLevel, selected, limit: CELL_CASE_LIMIT, ...view };
};
