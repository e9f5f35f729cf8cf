/** The Besluiten screen: who decided, inside or outside the kaders, instruments, laws and four eyes, for the filter in the URL within the user's reach. */
import type { PageServerLoad } from './$types';
import { loadView } from '$lib/server/views/page';
import { besluiten } from '$lib/server/views/registry';

export const load: PageServerLoad = async (event) => {
	const { filter, options, shown } = await loadView(event, besluiten);
	return { filter, options, ...shown };
};
