import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { audit } from '$lib/server/audit';
import { recoveryCodesLeft, replaceRecoveryCodes, totpEnrolled } from '$lib/server/auth/second-factor';
import { returnQuery, safeReturn } from '$lib/server/auth/return-to';

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
	nieuw: async ({ locals, url, getClientAddress }) => {
		const user = await withAuthenticator(locals, url);
		const db = await getDb();
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
