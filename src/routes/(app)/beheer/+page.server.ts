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
	UserInputError
} from '$lib/server/auth/users';
import { invalidateUserSessions } from '$lib/server/auth/session';
import { resetSecondFactor } from '$lib/server/auth/second-factor';
import { audit } from '$lib/server/audit';
import { serverBackup } from '$lib/server/backup';
import { config } from '$lib/server/config';
import { reference } from '$lib/server/reference';
import { ROLES, ROLE_LABELS, type SessionUser } from '$lib/domain/roles';

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireCapability(locals, 'manageUsers');
	const { gemeenten } = reference();
	const users = (await listUsers(await getDb())).filter((u) => manages(user.reach, u));
	return {
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
		roles: ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] })),
		reachAll: user.reach.all
	};
};

/** `GM0344 GM0080`, names or `alle`, resolved; a beheerder cannot grant more than its own reach. */
function requestedGemeenten(raw: string, user: SessionUser): string[] | { message: string } {
	const { gemeenten } = reference();
	const parts = raw.split(/[\s,;]+/).filter(Boolean);
	if (parts.some((p) => p.toLowerCase() === 'alle')) {
		return user.reach.all
			? ['alle']
			: { message: 'U kunt alleen gemeenten binnen uw eigen bereik toekennen.' };
	}
	const codes: string[] = [];
	for (const part of parts) {
		const found = gemeenten.resolve(part);
		if (!found) return { message: `Onbekende gemeente "${part}".` };
		if (!user.reach.all && !user.reach.gemeenten.includes(found.code)) {
			return { message: `${found.naam} valt buiten uw bereik.` };
		}
		codes.push(found.code);
	}
	return codes;
}

async function managedUser(user: SessionUser, idValue: FormDataEntryValue | null) {
	const target = await findUser(await getDb(), Number(idValue));
	return target && manages(user.reach, target) && target.id !== user.id ? target : null;
}

export const actions: Actions = {
	/** A backup now, besides the scheduled ones: into BACKUP_DIR, keeping BACKUP_KEEP. */
	backup: async ({ locals }) => {
		const user = requireCapability(locals, 'manageUsers');
		const written = await serverBackup(await getDb(), user.email, config.backupDir, config.backupKeep);
		return { done: `Back-up gemaakt: ${path.basename(written)} in ${config.backupDir}.` };
	},
	toevoegen: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'manageUsers');
		const form = await request.formData();
		const email = String(form.get('email') ?? '');
		const role = String(form.get('role') ?? '');
		const password = String(form.get('password') ?? '');
		const gemeenten = requestedGemeenten(String(form.get('gemeenten') ?? ''), user);
		if (!Array.isArray(gemeenten))
			return fail(400, { message: gemeenten.message, field: 'gemeenten', email });
		if (role === 'landelijk' && !user.reach.all) {
			return fail(400, {
				message: 'Alleen een beheerder van alle gemeenten maakt landelijke gebruikers.',
				field: 'role',
				email
			});
		}
		const db = await getDb();
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
		const target = await managedUser(user, form.get('id'));
		if (!target)
			return fail(404, { message: 'Deze gebruiker bestaat niet of valt buiten uw bereik.', field: 'id' });
		const gemeenten = requestedGemeenten(String(form.get('gemeenten') ?? ''), user);
		if (!Array.isArray(gemeenten)) return fail(400, { message: gemeenten.message, field: 'gemeenten' });
		const db = await getDb();
		try {
			await updateUserAccess(
				db,
				target.id,
				{ role: String(form.get('role') ?? ''), gemeenten },
				(c) => !!reference().gemeenten.get(c)
			);
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
		return { done: `Rol en bereik van ${target.email} zijn gewijzigd; de gebruiker moet opnieuw inloggen.` };
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
	/** For a lost phone: the authenticator and recovery codes go, the sessions end; the next login sets up a new app. */
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
			done: `De tweede factor van ${target.email} is hersteld: bij de volgende login stelt de gebruiker een nieuwe app in.`
		};
	}
};
