import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { audit } from '$lib/server/audit';
import { recoveryCodesLeft, replaceRecoveryCodes, totpEnrolled } from '$lib/server/auth/second-factor';
import { returnQuery, safeReturn } from '$lib/server/auth/return-to';
import { checkSecondFactor } from '$lib/server/auth/login';
import { confirmationMessage, confirmPassword } from '$lib/server/auth/reauthenticate';

/** A signed-in user with an authenticator makes new recovery codes here (the old ones stop working). */
async function withAuthenticator(locals: App.Locals, url: URL) {
	if (!locals.user) redirect(303, '/login' + returnQuery(url));
	if (!(await totpEnrolled(await getDb(), locals.user.id))) redirect(303, '/login/tweede-factor/instellen');
	return locals.user;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = await withAuthenticator(locals, url);
	return {
		left: await recoveryCodesLeft(await getDb(), user.id),
		back: safeReturn(url.searchParams.get('terug'))
	};
};

export const actions: Actions = {
	/** New codes only after the current password or a fresh code of the app: a session left open is not enough. */
	nieuw: async ({ locals, url, request, getClientAddress, setHeaders }) => {
		const user = await withAuthenticator(locals, url);
		const form = await request.formData();
		const password = String(form.get('wachtwoord') ?? '');
		const code = String(form.get('code') ?? '').trim();
		const db = await getDb();
		const address = getClientAddress();
		if (!password && !code) {
			return fail(400, {
				message: 'Vul uw huidige wachtwoord of een code uit uw app in.',
				field: 'wachtwoord'
			});
		}
		const result = code
			? await checkSecondFactor(db, { user, code, kind: 'totp', address })
			: await confirmPassword(db, user, password, address);
		if (!result.ok) {
			if (result.reason === 'throttled') setHeaders({ 'retry-after': String(result.retryAfterSeconds) });
			const message = code
				? result.reason === 'throttled'
					? `Te veel onjuiste codes. Probeer het over ${Math.ceil(result.retryAfterSeconds / 60)} minuten opnieuw.`
					: 'Deze code klopt niet of is al gebruikt. Wacht op de volgende code in uw app.'
				: confirmationMessage(result);
			return fail(result.reason === 'throttled' ? 429 : 400, {
				message,
				field: code ? 'code' : 'wachtwoord'
			});
		}
		const recoveryCodes = await replaceRecoveryCodes(db, user.id);
		await audit(db, {
			actor: user.email,
			action: 'herstelcodes vernieuwen',
			result: 'ok',
			origin: getClientAddress()
		});
		return { recoveryCodes };
	}
};
