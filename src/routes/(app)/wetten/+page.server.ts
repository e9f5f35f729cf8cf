/** The Wetten screen: laws, knelpunten and their level, and articles, for the filter in the URL within the user's reach. */
import type { PageServerLoad } from './$types';
import { loadView } from '$lib/server/views/page';
import { wetten } from '$lib/server/views/registry';

export const load: PageServerLoad = async (event) => {
	const { filter, options, shown } = await loadView(event, wetten);
	return { filter, options, ...shown };
};
