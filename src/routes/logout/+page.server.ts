/** Logging out: the portal session ends, and a session of the identity provider ends there too. */
import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { getDb } from '$lib/server/db';
import { endSession } from '$lib/server/auth/session';
import { deleteSessionTokenCookie } from '$lib/server/auth/cookie';
import { endSessionUrl } from '$lib/server/auth/oidc';
import { config } from '$lib/server/config';
import { audit } from '$lib/server/audit';

export const actions: Actions = {
	/**
	 * Ends the portal session. A session started through the identity provider is then ended there too
	 * (RP-initiated logout, where the provider offers it), which sends the browser back to /login. The page
	 * sends the browser there itself: the portal's CSP (form-action 'self') stops a form's redirect to
	 * another site.
	 */
	default: async ({ locals, cookies, url, getClientAddress }) => {
		let idToken: string | null = null;
		if (locals.session) {
			const db = await getDb();
			({ idToken } = await endSession(db, locals.session.id));
			await audit(db, {
				actor: locals.user?.email ?? locals.pendingSecondFactor?.user.email ?? 'anoniem',
				action: 'uitloggen',
				result: 'ok',
				origin: getClientAddress()
			});
		}
		deleteSessionTokenCookie(cookies, url);
		const settings = config.oidc;
		const atProvider =
			settings && idToken ? await endSessionUrl(settings, idToken, new URL('/login', url.origin).href) : null;
		if (!atProvider) redirect(303, '/login');
		return { endSession: atProvider.href };
	}
};
