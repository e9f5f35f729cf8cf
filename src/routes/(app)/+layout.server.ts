import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { config } from '$lib/server/config';
import { reference } from '$lib/server/reference';
import { ROLE_LABELS } from '$lib/domain/roles';
import { audience } from '$lib/server/disclosure/audience';
import { navFor } from './navigation';

export const load: LayoutServerLoad = ({ locals }) => {
	const user = locals.user;
	if (!user) redirect(303, '/login');
	const { gemeenten } = reference();
	return {
		user: {
			email: user.email,
			role: user.role,
			roleLabel: ROLE_LABELS[user.role],
			reachLabel: user.reach.all
				? 'alle gemeenten'
				: user.reach.gemeenten.map((code) => gemeenten.naam(code)).join(', ')
		},
		nav: navFor(user.role),
		/** What the pages may offer: `protected` (landelijk) filters on whole periods only. */
		audience: audience(user.role),
		demo: config.demoMode
	};
};
