import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { getDb } from '$lib/server/db';
import { invalidateSession } from '$lib/server/auth/session';
import { deleteSessionTokenCookie } from '$lib/server/auth/cookie';
import { audit } from '$lib/server/audit';

export const actions: Actions = {
	default: async ({ locals, cookies, url, getClientAddress }) => {
		if (locals.session) {
			const db = await getDb();
			await invalidateSession(db, locals.session.id);
			await audit(db, {
				actor: locals.user?.email ?? locals.pendingSecondFactor?.user.email ?? 'anoniem',
				action: 'uitloggen',
				result: 'ok',
				origin: getClientAddress()
			});
		}
		deleteSessionTokenCookie(cookies, url);
		redirect(303, '/login');
	}
};
