/** Mijn account: the signed-in user changes its own password and keeps its own API tokens. */
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { audit } from '$lib/server/audit';
import { requireUser } from '$lib/server/auth/guard';
import { setPassword, UserInputError } from '$lib/server/auth/users';
import { confirmationMessage, confirmPassword } from '$lib/server/auth/reauthenticate';
import {
	createApiToken,
	listApiTokens,
	revokeApiToken,
	TOKEN_DEFAULT_DAYS,
	TOKEN_MAX_DAYS,
	TokenInputError
} from '$lib/server/auth/api-tokens';
import { recoveryCodesLeft, totpEnrolled } from '$lib/server/auth/second-factor';
import type { SessionUser } from '$lib/domain/roles';

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser(locals);
	const db = await getDb();
	const enrolled = await totpEnrolled(db, user.id);
	return {
		tokens: await listApiTokens(db, [user.id]),
		secondFactor: enrolled ? { recoveryCodesLeft: await recoveryCodesLeft(db, user.id) } : null,
		defaultDays: TOKEN_DEFAULT_DAYS,
		maxDays: TOKEN_MAX_DAYS
	};
};

/**
 * The user of a browser session: an API token does not change its own user's password or make more
 * tokens, whatever it knows.
 */
function sessionOwner(locals: App.Locals) {
	const user = requireUser(locals);
	if (!locals.session) error(403, 'Dit kan alleen in een sessie in de browser, niet met een API-token.');
	return { user, session: locals.session };
}

/** The current password in form field `field` checked; a failure to answer, or null when it is right. */
async function confirm(event: RequestEvent, form: FormData, user: SessionUser, field: string) {
	const result = await confirmPassword(
		await getDb(),
		user,
		String(form.get(field) ?? ''),
		event.getClientAddress()
	);
	if (result.ok) return null;
	if (result.reason === 'throttled') event.setHeaders({ 'retry-after': String(result.retryAfterSeconds) });
	return fail(result.reason === 'throttled' ? 429 : 400, {
		message: confirmationMessage(result),
		field
	});
}

export const actions: Actions = {
	/** A new password: the current one asked again; every other session and every API token ends. */
	wachtwoord: async (event) => {
		const { user, session } = sessionOwner(event.locals);
		const form = await event.request.formData();
		const refused = await confirm(event, form, user, 'huidig');
		if (refused) return refused;
		const password = String(form.get('nieuw') ?? '');
		if (password !== String(form.get('herhaling') ?? '')) {
			return fail(400, { message: 'De twee nieuwe wachtwoorden zijn niet gelijk.', field: 'herhaling' });
		}
		const db = await getDb();
		try {
			await setPassword(db, user.id, password, session.id);
		} catch (e) {
			if (e instanceof UserInputError) return fail(400, { message: e.message, field: 'nieuw' });
			throw e;
		}
		await audit(db, {
			actor: user.email,
			action: 'wachtwoord wijzigen',
			object: user.email,
			result: 'ok',
			origin: event.getClientAddress()
		});
		return {
			done: 'Uw wachtwoord is gewijzigd. Uw andere sessies en al uw API-tokens zijn beëindigd; deze sessie blijft open.'
		};
	},
	/** A new API token for scripts, shown once; the current password is asked, so a stolen session cannot make one. */
	tokenMaken: async (event) => {
		const { user } = sessionOwner(event.locals);
		const form = await event.request.formData();
		const refused = await confirm(event, form, user, 'wachtwoord');
		if (refused) return refused;
		const name = String(form.get('naam') ?? '').trim();
		const daysValue = String(form.get('dagen') ?? '').trim();
		const days = /^\d+$/.test(daysValue) ? Number(daysValue) : Number.NaN;
		const db = await getDb();
		let token: string;
		try {
			token = await createApiToken(db, user.id, name, days);
		} catch (e) {
			if (e instanceof TokenInputError) {
				return fail(400, { message: e.message, field: e.field === 'name' ? 'naam' : 'dagen' });
			}
			throw e;
		}
		await audit(db, {
			actor: user.email,
			action: 'API-token aanmaken',
			object: `${user.email} (${name})`,
			result: 'ok',
			origin: event.getClientAddress()
		});
		return {
			token,
			tokenName: name,
			done: `API-token "${name}" is gemaakt. Kopieer het nu: het wordt niet opnieuw getoond.`
		};
	},
	tokenIntrekken: async (event) => {
		const { user } = sessionOwner(event.locals);
		const name = String((await event.request.formData()).get('naam') ?? '').trim();
		const db = await getDb();
		if (!(await revokeApiToken(db, user.id, name))) {
			return fail(404, { message: 'U hebt geen API-token met deze naam.', field: 'naam' });
		}
		await audit(db, {
			actor: user.email,
			action: 'API-token intrekken',
			object: `${user.email} (${name})`,
			result: 'ok',
			origin: event.getClientAddress()
		});
		return { done: `API-token "${name}" is ingetrokken.` };
	}
};
