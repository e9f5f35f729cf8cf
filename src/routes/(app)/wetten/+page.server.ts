/** The Wetten screen: laws, knelpunten and their level, and articles, for the filter in the URL within the user's reach. */
import type { PageServerLoad } from './$types';
import { analysisScope } from '$lib/server/analysis-scope';
import { wettenView } from '$lib/server/analytics/wetten';
import { keepPage } from '$lib/server/page-cache';

export const load: PageServerLoad = async (event) => {
	const { user, filter, db, options } = await analysisScope(event);
	const view = await wettenView(db, user.reach, filter);
	keepPage(event.locals);
	return { filter, options, ...view };
};
