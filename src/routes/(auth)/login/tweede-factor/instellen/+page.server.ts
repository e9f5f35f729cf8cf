import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { audit } from '$lib/server/audit';
import { markTwoFactorVerified } from '$lib/server/auth/session';
import {
	enrolmentDetails,
	enrolTotp,
	newTotpKey,
	parseTotpKey,
	STEP_PAGES,
	totpEnrolled
} from '$lib/server/auth/second-factor';
import { returnQuery, safeReturn } from '$lib/server/auth/return-to';

/**
 * Who may set up an authenticator here: a session that must do so before the portal opens, or (in demo
 * mode) a signed-in user without one. `enrolled` is true once it is set up.
 */
async function enrolling(locals: App.Locals, url: URL) {
	const pending = locals.pendingSecondFactor;
	if (pending?.step === 'code') redirect(303, STEP_PAGES.code + returnQuery(url));
	const user = pending?.user ?? locals.user;
	if (!user || !locals.session) redirect(303, '/login' + returnQuery(url));
	const enrolled = !pending && (await totpEnrolled(await getDb(), user.id));
	return { user, session: locals.session, enrolled };
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const { user, enrolled } = await enrolling(locals, url);
	const back = safeReturn(url.searchParams.get('terug'));
	if (enrolled) return { enrolled: true as const, back };
	const key = newTotpKey();
	const { qrSvg, typed } = enrolmentDetails(user.email, parseTotpKey(key)!);
	return { enrolled: false as const, back, key, qrSvg, typed, email: user.email };
};

export const actions: Actions = {
	instellen: async ({ locals, url, request, getClientAddress }) => {
		const { user, session, enrolled } = await enrolling(locals, url);
		if (enrolled) return fail(409, { message: 'U hebt al een app ingesteld.', field: 'code' });
		const form = await request.formData();
		const key = parseTotpKey(String(form.get('key') ?? ''));
		const code = String(form.get('code') ?? '').trim();
		if (!key)
			return fail(400, { message: 'De sleutel is onleesbaar; laad de pagina opnieuw.', field: 'code' });
		if (!code) return fail(400, { message: 'Vul de code uit uw app in.', field: 'code' });
		const db = await getDb();
		const recoveryCodes = await enrolTotp(db, user.id, key, code);
		const entry = { actor: user.email, action: 'tweede factor instellen', origin: getClientAddress() };
		if (!recoveryCodes) {
			await audit(db, { ...entry, result: 'mislukt' });
			return fail(400, {
				message:
					'Deze code klopt niet. Controleer of de tijd op uw telefoon goed staat en probeer de volgende code.',
				field: 'code'
			});
		}
		await markTwoFactorVerified(db, session.id);
		await audit(db, { ...entry, result: 'ok' });
		return { recoveryCodes };
	}
};
