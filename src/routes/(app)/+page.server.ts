import type { PageServerLoad } from './$types';
import { analysisScope } from '$lib/server/analysis-scope';
import { dashboardTables, keyFigures } from '$lib/server/analytics/dashboard';
import { keepPage } from '$lib/server/page-cache';

export const load: PageServerLoad = async (event) => {
	const { user, filter, db, options } = await analysisScope(event);
	const figures = await keyFigures(db, user.reach, filter);
	keepPage(event.locals);
	return { filter, options, figures, tables: dashboardTables(figures) };
};
