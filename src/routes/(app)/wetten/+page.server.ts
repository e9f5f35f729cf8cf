/** The Wetten screen: laws, knelpunten and their level, and articles, for the filter in the URL within the user's reach. */
import type { PageServerLoad } from './$types';
import { analysisScope } from '$lib/server/analysis-scope';
import { wettenView } from '$lib/server/analytics/wetten';

export const load: PageServerLoad = async (event) => {
	const { user, filter, db, options } = await analysisScope(event);
	const view = await wettenView(db, user.reach, filter);
	return { filter, options, ...view };
};
