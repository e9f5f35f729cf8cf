import path from 'node:path';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireCapability } from '$lib/server/auth/guard';
import {
	createUser,
	findUser,
	listUsers,
	manages,
	reachOf,
	setDisabled,
	updateUserAccess,
	UserInputError,
	type UserRow
} from '$lib/server/auth/users';
import { invalidateUserSessions } from '$lib/server/auth/session';
import { grantRefusal } from '$lib/server/auth/granting';
import { listApiTokens, revokeApiToken } from '$lib/server/auth/api-tokens';
import { resetSecondFactor } from '$lib/server/auth/second-factor';
import { audit } from '$lib/server/audit';
import { manualBackup, ManualBackupRefused, manualBackupState } from '$lib/server/manual-backup';
import { config } from '$lib/server/config';
import { reference } from '$lib/server/reference';
import { isRole, ROLES, ROLE_LABELS, type Reach, type SessionUser } from '$lib/domain/roles';

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireCapability(locals, 'manageUsers');
	const { gemeenten } = reference();
	const db = await getDb();
	const users = (await listUsers(db)).filter((u) => manages(user.reach, u));
	const others = users.filter((u) => u.id !== user.id);
	const emails = new Map(others.map((u) => [u.id, u.email]));
	const tokens = (await listApiTokens(db, [...emails.keys()])).map((t) => ({
		...t,
		email: emails.get(t.userId)!
	}));
	return {
		tokens,
		users: users.map((u) => {
			const reach = reachOf(u);
			return {
				id: u.id,
				email: u.email,
				role: u.role,
				roleLabel: ROLE_LABELS[u.role],
				gemeenten: reach.all ? 'alle' : reach.gemeenten.join(' '),
				reachLabel: reach.all ? 'Alle gemeenten' : reach.gemeenten.map((g) => gemeenten.naam(g)).join(', '),
				disabled: u.disabled,
				secondFactor: u.totp_key !== null,
				lastLogin: u.last_login_at,
				self: u.id === user.id
			};
		}),
		// Only what this beheerder may give is offered; the server checks it again (grantProblem).
		roles: ROLES.filter((r) => r !== 'landelijk' || user.reach.all).map((r) => ({
			value: r,
			label: ROLE_LABELS[r]
		})),
		reachAll: user.reach.all,
		backup: await manualBackupState(db, user.reach, config.backupDir)
	};
};

/** `GM0344 GM0080`, names or `alle`, resolved to CBS codes (or `alle`); whether they may be given is `grantProblem`'s. */
function requestedGemeenten(raw: string): string[] | { message: string } {
	const { gemeenten } = reference();
	const parts = raw.split(/[\s,;]+/).filter(Boolean);
	if (parts.some((p) => p.toLowerCase() === 'alle')) return ['alle'];
	const codes: string[] = [];
	for (const part of parts) {
		const found = gemeenten.resolve(part);
		if (!found) return { message: `Onbekende gemeente "${part}".` };
		codes.push(found.code);
	}
	return codes;
}

/**
 * The granting rule (granting.ts) for a role and reach from a form: null when the user may give them,
 * else the Dutch reason it may not. Every action that writes a role or reach asks it.
 */
function grantProblem(
	user: SessionUser,
	target: UserRow | null,
	role: string,
	gemeenten: string[]
): string | null {
	// An unknown role is refused by the user's validation, with its own message.
	if (!isRole(role)) return null;
	const reach: Reach = gemeenten.includes('alle') ? { all: true } : { all: false, gemeenten };
	return grantRefusal(
		user,
		{ target: target && { id: target.id, role: target.role, reach: reachOf(target) }, role, reach },
		(code) => reference().gemeenten.naam(code)
	);
}

async function managedUser(user: SessionUser, idValue: FormDataEntryValue | null) {
	const target = await findUser(await getDb(), Number(idValue));
	return target && manages(user.reach, target) && target.id !== user.id ? target : null;
}

export const actions: Actions = {
	/** A manual backup beside the scheduled ones (manual-backup.ts: who, how often, how many are kept). */
	backup: async ({ locals, getClientAddress }) => {
		const user = requireCapability(locals, 'manageUsers');
		try {
			const written = await manualBackup(
				await getDb(),
				user,
				config.backupDir,
				new Date(),
				getClientAddress()
			);
			return { done: `Back-up gemaakt: ${path.basename(written)} in ${config.backupDir}.` };
		} catch (error) {
			if (error instanceof ManualBackupRefused) return fail(error.status, { message: error.message });
			throw error;
		}
	},
	toevoegen: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'manageUsers');
		const form = await request.formData();
		const email = String(form.get('email') ?? '');
		const role = String(form.get('role') ?? '');
		const password = String(form.get('password') ?? '');
		const gemeenten = requestedGemeenten(String(form.get('gemeenten') ?? ''));
		if (!Array.isArray(gemeenten))
			return fail(400, { message: gemeenten.message, field: 'gemeenten', email });
		const db = await getDb();
		const refusal = grantProblem(user, null, role, gemeenten);
		if (refusal) {
			await audit(db, {
				actor: user.email,
				action: 'gebruiker toevoegen',
				object: email.slice(0, 254),
				result: 'geweigerd',
				origin: getClientAddress()
			});
			return fail(403, { message: refusal, field: 'role', email });
		}
		try {
			const created = await createUser(
				db,
				{ email, role, password, gemeenten },
				(c) => !!reference().gemeenten.get(c)
			);
			await audit(db, {
				actor: user.email,
				action: 'gebruiker toevoegen',
				object: created.email,
				result: 'ok',
				origin: getClientAddress()
			});
			return { done: `Gebruiker ${created.email} is toegevoegd.` };
		} catch (error) {
			if (error instanceof UserInputError)
				return fail(400, { message: error.message, field: error.field, email });
			throw error;
		}
	},
	wijzigen: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'manageUsers');
		const form = await request.formData();
		const db = await getDb();
		const target = await findUser(db, Number(form.get('id')));
		if (!target)
			return fail(404, { message: 'Deze gebruiker bestaat niet of valt buiten uw bereik.', field: 'id' });
		const role = String(form.get('role') ?? '');
		const gemeenten = requestedGemeenten(String(form.get('gemeenten') ?? ''));
		if (!Array.isArray(gemeenten)) return fail(400, { message: gemeenten.message, field: 'gemeenten' });
		const refusal = grantProblem(user, target, role, gemeenten);
		if (refusal) {
			await audit(db, {
				actor: user.email,
				action: 'gebruiker wijzigen',
				object: target.email,
				result: 'geweigerd',
				origin: getClientAddress()
			});
			return fail(403, { message: refusal, field: 'role' });
		}
		try {
			await updateUserAccess(db, target.id, { role, gemeenten }, (c) => !!reference().gemeenten.get(c));
		} catch (error) {
			if (error instanceof UserInputError) return fail(400, { message: error.message, field: error.field });
			throw error;
		}
		await audit(db, {
			actor: user.email,
			action: 'gebruiker wijzigen',
			object: target.email,
			result: 'ok',
			origin: getClientAddress()
		});
		return {
			done: `Rol en bereik van ${target.email} zijn gewijzigd; de gebruiker moet opnieuw inloggen en zijn API-tokens zijn ingetrokken.`
		};
	},
	sessiesBeeindigen: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'manageUsers');
		const target = await managedUser(user, (await request.formData()).get('id'));
		if (!target)
			return fail(404, { message: 'Deze gebruiker bestaat niet of valt buiten uw bereik.', field: 'id' });
		const db = await getDb();
		await invalidateUserSessions(db, target.id);
		await audit(db, {
			actor: user.email,
			action: 'sessies beëindigen',
			object: target.email,
			result: 'ok',
			origin: getClientAddress()
		});
		return { done: `Alle sessies van ${target.email} zijn beëindigd.` };
	},
	blokkeren: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'manageUsers');
		const form = await request.formData();
		const target = await managedUser(user, form.get('id'));
		if (!target)
			return fail(404, { message: 'Deze gebruiker bestaat niet of valt buiten uw bereik.', field: 'id' });
		const disabled = form.get('disabled') === 'ja';
		const db = await getDb();
		await setDisabled(db, target.id, disabled);
		await audit(db, {
			actor: user.email,
			action: disabled ? 'gebruiker blokkeren' : 'gebruiker deblokkeren',
			object: target.email,
			result: 'ok',
			origin: getClientAddress()
		});
		return { done: `${target.email} is ${disabled ? 'geblokkeerd' : 'weer actief'}.` };
	},
	/** Ends one API token of a user the beheerder manages (its own are on /account). */
	tokenIntrekken: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'manageUsers');
		const form = await request.formData();
		const target = await managedUser(user, form.get('id'));
		if (!target)
			return fail(404, { message: 'Deze gebruiker bestaat niet of valt buiten uw bereik.', field: 'id' });
		const name = String(form.get('name') ?? '');
		const db = await getDb();
		if (!(await revokeApiToken(db, target.id, name))) {
			return fail(404, { message: `${target.email} heeft geen API-token met deze naam.`, field: 'name' });
		}
		await audit(db, {
			actor: user.email,
			action: 'API-token intrekken',
			object: `${target.email} (${name.trim()})`,
			result: 'ok',
			origin: getClientAddress()
		});
		return { done: `API-token "${name.trim()}" van ${target.email} is ingetrokken.` };
	},
	/** For a lost phone: the authenticator and recovery codes go, the sessions and API tokens end; the next login sets up a new app. */
	tweedeFactorHerstellen: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'manageUsers');
		const target = await managedUser(user, (await request.formData()).get('id'));
		if (!target)
			return fail(404, { message: 'Deze gebruiker bestaat niet of valt buiten uw bereik.', field: 'id' });
		const db = await getDb();
		await resetSecondFactor(db, target.id);
		await audit(db, {
			actor: user.email,
			action: 'tweede factor herstellen',
			object: target.email,
			result: 'ok',
			origin: getClientAddress()
		});
		return {
			done: `De tweede factor van ${target.email} is hersteld en de API-tokens zijn ingetrokken: bij de volgende login stelt de gebruiker een nieuwe app in.`
		};
	}
};
