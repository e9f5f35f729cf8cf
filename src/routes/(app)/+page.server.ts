/** The dashboard: key figures per year and per escalation step, for the filter in the URL within the user's reach. */
import type { PageServerLoad } from './$types';
import { loadView } from '$lib/server/views/page';
import { dashboard } from '$lib/server/views/registry';

export const load: PageServerLoad = async (event) => {
	const { filter, options, shown } = await loadView(event, dashboard);
	return { filter, options, ...shown };
};
