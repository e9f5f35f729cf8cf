import type { PageServerLoad } from './$types';
import { analysisScope } from '$lib/server/analysis-scope';
import { dashboardTables, keyFigures } from '$lib/server/analytics/dashboard';

export const load: PageServerLoad = async (event) => {
	const { user, filter, db, options } = await analysisScope(event);
	const figures = await keyFigures(db, user.reach, filter);
	return { filter, options, figures, tables: dashboardTables(figures) };
};
