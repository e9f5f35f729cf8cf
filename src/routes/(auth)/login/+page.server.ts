import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { checkLogin, LOGIN_FAILED_MESSAGE, LOGIN_FIELD_LIMITS } from '$lib/server/auth/login';
import { limitedFormData } from '$lib/server/limited-form';
import { createSession } from '$lib/server/auth/session';
import { setSessionTokenCookie } from '$lib/server/auth/cookie';
import { pendingStep, STEP_PAGES } from '$lib/server/auth/second-factor';
import { returnQuery, safeReturn } from '$lib/server/auth/return-to';
import { config } from '$lib/server/config';

/** An e-mail address and a password fit many times over; anything larger is refused unread. */
const LOGIN_BODY_MAX_BYTES = 8 * 1024;

/** Why a sign-in through the identity provider did not get into the portal (`/login?sso=…`, set by its callback). */
const SSO_MESSAGES: Record<string, string> = {
	onbereikbaar:
		'De identiteitsprovider van uw gemeente is nu niet bereikbaar. Probeer het later opnieuw of log in met uw e-mailadres en wachtwoord.',
	verlopen: 'Het inloggen via uw gemeente is verlopen of niet in deze browser begonnen. Probeer het opnieuw.',
	afgebroken: 'Het inloggen bij uw gemeente is afgebroken of geweigerd. Probeer het opnieuw.',
	ongeldig:
		'Het antwoord van de identiteitsprovider kon niet worden gecontroleerd. Probeer het opnieuw; gebeurt dit weer, meld het dan aan uw beheerder.',
	'geen-toegang':
		'U bent aangemeld bij uw gemeente, maar uw account hoort bij geen groep die toegang geeft tot de portal. Vraag uw beheerder om toegang.',
	'bestaand-account':
		'Er is al een account in de portal met uw e-mailadres. Uw beheerder koppelt het eerst aan uw account bij de gemeente; daarna logt u zo in.',
	geblokkeerd: 'Uw account in de portal is geblokkeerd. Neem contact op met uw beheerder.',
	'geen-email':
		'De identiteitsprovider gaf geen e-mailadres door, zodat de portal u niet kan herkennen. Meld dit aan uw beheerder.'
};

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeReturn(url.searchParams.get('terug')));
	if (locals.pendingSecondFactor)
		redirect(303, STEP_PAGES[locals.pendingSecondFactor.step] + returnQuery(url));
	// Without OIDC_* the page is as it always was: no button, no messages of the identity provider.
	const sso = config.oidc !== null;
	return {
		demo: config.demoMode,
		sso: sso ? { start: `/login/sso${returnQuery(url)}` } : null,
		ssoMessage: sso ? (SSO_MESSAGES[url.searchParams.get('sso') ?? ''] ?? null) : null
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress, setHeaders }) => {
		const form = await limitedFormData(request, LOGIN_BODY_MAX_BYTES);
		if (!form) return fail(413, { message: 'Het formulier is te groot.', field: 'email', email: '' });
		const email = String(form.get('email') ?? '').trim();
		const password = String(form.get('password') ?? '');
		if (email.length > LOGIN_FIELD_LIMITS.email)
			return fail(400, {
				message: `Een e-mailadres heeft hoogstens ${LOGIN_FIELD_LIMITS.email} tekens.`,
				field: 'email',
				email: ''
			});
		if (password.length > LOGIN_FIELD_LIMITS.password)
			return fail(400, {
				message: `Een wachtwoord heeft hoogstens ${LOGIN_FIELD_LIMITS.password} tekens.`,
				field: 'password',
				email
			});
		if (!email) return fail(400, { message: 'Vul uw e-mailadres in.', field: 'email', email });
		if (!password) return fail(400, { message: 'Vul uw wachtwoord in.', field: 'password', email });
		const db = await getDb();
		const result = await checkLogin(db, { email, password, address: getClientAddress() });
		if (!result.ok && result.reason === 'throttled') {
			setHeaders({ 'retry-after': String(result.retryAfterSeconds) });
			return fail(429, {
				message: `Te veel mislukte pogingen. Probeer het over ${Math.ceil(result.retryAfterSeconds / 60)} minuten opnieuw.`,
				field: 'email',
				email
			});
		}
		if (!result.ok) return fail(400, { message: LOGIN_FAILED_MESSAGE, field: 'password', email });
		const { token, session } = await createSession(db, result.user.id, result.user.last_login_at);
		setSessionTokenCookie(cookies, url, token, session.expiresAt);
		const step = pendingStep(session, result.user.totp_key !== null);
		redirect(303, step ? STEP_PAGES[step] + returnQuery(url) : safeReturn(url.searchParams.get('terug')));
	}
};
