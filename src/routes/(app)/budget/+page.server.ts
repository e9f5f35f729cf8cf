import type { PageServerLoad } from './$types';
import { analysisScope } from '$lib/server/analysis-scope';
import { budgetView, costliestCases } from '$lib/server/analytics/budget-view';
import { todayInAmsterdam } from '$lib/server/kwesties/signals';

export const load: PageServerLoad = async (event) => {
	const { user, filter, db, options } = await analysisScope(event);
	const [view, costliest] = await Promise.all([
		budgetView(db, user.reach, filter, todayInAmsterdam()),
		costliestCases(db, user, filter)
	]);
	return { filter, options, ...view, costliest };
};
