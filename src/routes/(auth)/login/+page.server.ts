import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { checkLogin, LOGIN_FAILED_MESSAGE } from '$lib/server/auth/login';
import { createSession } from '$lib/server/auth/session';
import { setSessionTokenCookie } from '$lib/server/auth/cookie';
import { config } from '$lib/server/config';

/** Only a path on this site, never `//elsewhere` or a full URL. */
function safeReturn(value: string | null): string {
	return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeReturn(url.searchParams.get('terug')));
	return { demo: config.demoMode };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress, setHeaders }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim();
		const password = String(form.get('password') ?? '');
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
		const { token, session } = await createSession(db, result.user.id);
		setSessionTokenCookie(cookies, url, token, session.expiresAt);
		redirect(303, safeReturn(url.searchParams.get('terug')));
	}
};
