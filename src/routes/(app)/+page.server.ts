import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { parseFilter } from '$lib/server/analytics/filter';
import { dashboardTables, keyFigures } from '$lib/server/analytics/dashboard';
import { filterOptions } from '$lib/server/analytics/reach';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = locals.user!;
	const parsed = parseFilter(url.searchParams, user.reach);
	if (!parsed.ok) error(parsed.status, parsed.message);
	const db = await getDb();
	const figures = await keyFigures(db, user.reach, parsed.filter);
	return {
		filter: parsed.filter,
		options: await filterOptions(db, user.reach),
		figures,
		tables: dashboardTables(figures)
	};
};
