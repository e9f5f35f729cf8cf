/** The start of a sign-in at the identity provider: a sealed flow cookie (state, nonce, PKCE verifier, return path) and a redirect there; nothing is written to the database. Without OIDC_* configured: 404. */
import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { config } from '$lib/server/config';
import { authorizationRequest } from '$lib/server/auth/oidc';
import { setFlowCookie } from '$lib/server/auth/sso-flow';
import { returnQuery, safeReturn } from '$lib/server/auth/return-to';
import { STEP_PAGES } from '$lib/server/auth/second-factor';

export const GET: RequestHandler = async ({ url, cookies, locals }) => {
	const settings = config.oidc;
	if (!settings) error(404, 'Niet gevonden.');
	const back = safeReturn(url.searchParams.get('terug'));
	if (locals.user) redirect(303, back);
	if (locals.pendingSecondFactor)
		redirect(303, STEP_PAGES[locals.pendingSecondFactor.step] + returnQuery(url));
	let target: URL;
	try {
		const request = await authorizationRequest(
			settings,
			new URL('/login/sso/callback', url.origin).href,
			back
		);
		setFlowCookie(cookies, url, request.flow);
		target = request.url;
	} catch (problem) {
		console.error('De identiteitsprovider is niet bereikbaar:', problem);
		redirect(303, '/login?sso=onbereikbaar');
	}
	redirect(303, target.href);
};
