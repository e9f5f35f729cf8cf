import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { checkSecondFactor } from '$lib/server/auth/login';
import { markTwoFactorVerified } from '$lib/server/auth/session';
import { recoveryCodesLeft, STEP_PAGES } from '$lib/server/auth/second-factor';
import { returnQuery, safeReturn } from '$lib/server/auth/return-to';

/** Only a session that has passed the password and set up its app gives a code here. */
function pendingCode(locals: App.Locals, url: URL) {
	if (locals.user) redirect(303, safeReturn(url.searchParams.get('terug')));
	const pending = locals.pendingSecondFactor;
	if (!pending) redirect(303, '/login' + returnQuery(url));
	if (pending.step !== 'code') redirect(303, STEP_PAGES[pending.step] + returnQuery(url));
	return { session: locals.session!, user: pending.user };
}

export const load: PageServerLoad = ({ locals, url }) => {
	pendingCode(locals, url);
	return { back: safeReturn(url.searchParams.get('terug')) };
};

async function check(event: RequestEvent, kind: 'totp' | 'herstelcode') {
	const { locals, url, request, getClientAddress, setHeaders } = event;
	const { session, user } = pendingCode(locals, url);
	const field = kind === 'totp' ? 'code' : 'herstelcode';
	const code = String((await request.formData()).get(field) ?? '').trim();
	if (!code) {
		return fail(400, {
			message: kind === 'totp' ? 'Vul de code uit uw app in.' : 'Vul een herstelcode in.',
			field
		});
	}
	const db = await getDb();
	const result = await checkSecondFactor(db, { user, code, kind, address: getClientAddress() });
	if (!result.ok && result.reason === 'throttled') {
		setHeaders({ 'retry-after': String(result.retryAfterSeconds) });
		return fail(429, {
			message: `Te veel onjuiste codes. Probeer het over ${Math.ceil(result.retryAfterSeconds / 60)} minuten opnieuw.`,
			field
		});
	}
	if (!result.ok) {
		return fail(400, {
			message:
				kind === 'totp'
					? 'Deze code klopt niet of is al gebruikt. Wacht op de volgende code in uw app.'
					: 'Deze herstelcode klopt niet of is al gebruikt.',
			field
		});
	}
	await markTwoFactorVerified(db, session.id);
	const back = safeReturn(url.searchParams.get('terug'));
	if (kind === 'herstelcode' && (await recoveryCodesLeft(db, user.id)) <= 2) {
		// Few codes left: the user should set up new ones before the last is gone.
		redirect(303, `/login/tweede-factor/herstelcodes?terug=${encodeURIComponent(back)}`);
	}
	redirect(303, back);
}

export const actions: Actions = {
	code: (event) => check(event, 'totp'),
	herstelcode: (event) => check(event, 'herstelcode')
};
