/**
 * Where the identity provider sends the browser back. A GET that writes, by the nature of a callback: after
 * the state of this browser's flow cookie and every check of the ID token pass, it creates (or updates) the
 * user as the group mappings say and starts a session; every refusal and every sign-in goes in the audit
 * log. Without OIDC_* configured: 404.
 */
import { error, redirect } from '@sveltejs/kit';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import type { RequestHandler } from './$types';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { audit } from '$lib/server/audit';
import { exchangeCode, SignInFailed } from '$lib/server/auth/oidc';
import { takeFlowCookie } from '$lib/server/auth/sso-flow';
import { signInWithProvider, type SsoRefusal } from '$lib/server/auth/sso-accounts';
import { mfaAcrValues } from '$lib/server/auth/sso-mappings';
import { emailIn, groupsIn, providerGaveMfa } from '$lib/server/auth/sso-rules';
import { createSession } from '$lib/server/auth/session';
import { setSessionTokenCookie } from '$lib/server/auth/cookie';
import { pendingStep, STEP_PAGES } from '$lib/server/auth/second-factor';

const ACTION = 'inloggen via identiteitsprovider';

/** What the audit log says of each refusal after the provider accepted the user. */
const REFUSED: Record<SsoRefusal, string> = {
	'geen-email': 'geen e-mailadres in het ID-token',
	'geen-toegang': 'geen gekoppelde groep',
	'bestaand-account': 'lokaal account met dit e-mailadres, nog niet gekoppeld',
	geblokkeerd: 'account geblokkeerd'
};

function sameText(a: string, b: string): boolean {
	const encoder = new TextEncoder();
	const x = encoder.encode(a);
	const y = encoder.encode(b);
	return x.length === y.length && constantTimeEqual(x, y);
}

export const GET: RequestHandler = async ({ url, cookies, getClientAddress }) => {
	const settings = config.oidc;
	if (!settings) error(404, 'Niet gevonden.');
	const origin = getClientAddress();
	const db = await getDb();
	const refuse = async (code: string, object: string, actor = 'anoniem'): Promise<never> => {
		await audit(db, { actor, action: ACTION, object, result: 'geweigerd', origin });
		redirect(303, `/login?sso=${code}`);
	};

	const flow = takeFlowCookie(cookies, url);
	const state = url.searchParams.get('state');
	if (!flow) return refuse('verlopen', 'geen, een vervalste of een verlopen aanmelding in deze browser');
	if (state === null || !sameText(state, flow.state)) return refuse('verlopen', 'state klopt niet');

	let result: Awaited<ReturnType<typeof exchangeCode>>;
	try {
		result = await exchangeCode(settings, url, flow);
	} catch (problem) {
		if (!(problem instanceof SignInFailed)) throw problem;
		const what = {
			afgebroken: 'fout van de identiteitsprovider',
			onbereikbaar: 'identiteitsprovider onbereikbaar',
			ongeldig: 'ongeldig antwoord of ID-token'
		}[problem.kind];
		return refuse(problem.kind, `${what}: ${problem.detail}`);
	}

	const { claims } = result;
	const groups = groupsIn(claims, settings.groupsClaim);
	const signIn = await signInWithProvider(
		db,
		{ issuer: String(claims.iss), subject: String(claims.sub), email: emailIn(claims), groups },
		origin
	);
	if (!signIn.ok) {
		const seen =
			signIn.reason === 'geen-toegang' ? ` (groepen: ${groups.join(', ').slice(0, 300) || 'geen'})` : '';
		return refuse(signIn.reason, REFUSED[signIn.reason] + seen, signIn.email ?? 'anoniem');
	}

	const { user } = signIn;
	const mfa = providerGaveMfa(claims, await mfaAcrValues(db));
	const { token, session } = await createSession(db, user.id, signIn.previousLoginAt, {
		endsAt: Date.now() + settings.sessionHours * 60 * 60 * 1000,
		idToken: result.idToken,
		twoFactorVerified: mfa
	});
	setSessionTokenCookie(cookies, url, token, session.expiresAt);
	await audit(db, {
		actor: user.email,
		action: ACTION,
		object: mfa ? 'meer factoren bij de identiteitsprovider' : 'tweede factor van de portal gevraagd',
		result: 'ok',
		origin
	});
	const step = pendingStep(session, user.totp_key !== null);
	redirect(303, step ? `${STEP_PAGES[step]}?terug=${encodeURIComponent(flow.back)}` : flow.back);
};
