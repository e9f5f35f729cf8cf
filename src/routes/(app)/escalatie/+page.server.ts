import type { PageServerLoad } from './$types';
import { analysisScope } from '$lib/server/analysis-scope';
import { escalatieView } from '$lib/server/analytics/escalatie';
import { keepPage } from '$lib/server/page-cache';
import { todayInAmsterdam } from '$lib/server/kwesties/signals';

export const load: PageServerLoad = async (event) => {
	const { user, filter, db, options } = await analysisScope(event);
	const view = await escalatieView(db, user.reach, filter, todayInAmsterdam());
	keepPage(event.locals);
	return { filter, options, ...view };
};
