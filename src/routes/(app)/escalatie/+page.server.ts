/** The Escalatie screen: steps, outcomes and lead times, for the filter in the URL within the user's reach. */
import type { PageServerLoad } from './$types';
import { loadView } from '$lib/server/views/page';
import { escalatie } from '$lib/server/views/registry';

export const load: PageServerLoad = async (event) => {
	const { filter, options, shown } = await loadView(event, escalatie);
	return { filter, options, ...shown };
};
