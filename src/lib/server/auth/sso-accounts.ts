/** Who a sign-in through the identity provider is in the portal: the user of its subject, created at the first sign-in when a group mapping matches, its role and reach following the groups every time; local accounts only after a beheerder links them. */
import type { Database } from '../db';
import { audit } from '../audit';
import { ROLE_LABELS } from '$lib/domain/roles';
import { hashPassword } from './password';
import { randomPart } from './token';
import { findUser, findUserByEmail, manages, reachOf, type UserRow } from './users';
import { grantRefusal } from './granting';
import { listMappings, MappingRefused, type Granter } from './sso-mappings';
import { accessFromGroups, reachText } from './sso-rules';

/** What the ID token says about the user. */
export interface ProviderIdentity {
	issuer: string;
	subject: string;
	email: string | null;
	groups: string[];
}

/** Why a sign-in that the identity provider accepted is refused by the portal; the login page words each. */
export type SsoRefusal = 'geen-email' | 'geen-toegang' | 'bestaand-account' | 'geblokkeerd';

export type SsoSignIn =
	| { ok: true; user: UserRow; previousLoginAt: string | null }
	| { ok: false; reason: SsoRefusal; email: string | null };

export async function findUserBySubject(
	db: Database,
	issuer: string,
	subject: string
): Promise<UserRow | undefined> {
	return db.one<UserRow>('SELECT * FROM users WHERE oidc_issuer = $issuer AND oidc_subject = $subject', {
		issuer,
		subject
	});
}

/** A password hash no one knows: an account of the identity provider signs in there, never with a password. */
async function unknownPasswordHash(): Promise<string> {
	return hashPassword(randomPart() + randomPart() + randomPart());
}

/** Role and reach as the audit log names them, municipalities sorted so that one order compares equal to another. */
function accessLabel(row: Pick<UserRow, 'role' | 'all_gemeenten' | 'gemeenten'>): string {
	const reach = reachOf(row);
	return `${ROLE_LABELS[row.role]} ${reachText(reach.all ? reach : { all: false, gemeenten: [...reach.gemeenten].sort() })}`;
}

/**
 * The portal's user for this identity, after the changes its groups bring (audited with `origin`), or why
 * it may not sign in. A user removed from every mapped group is refused and its sessions end now.
 */
export async function signInWithProvider(
	db: Database,
	identity: ProviderIdentity,
	origin: string
): Promise<SsoSignIn> {
	const access = accessFromGroups(identity.groups, await listMappings(db));
	const linked = await findUserBySubject(db, identity.issuer, identity.subject);
	if (linked) {
		if (linked.disabled) return { ok: false, reason: 'geblokkeerd', email: linked.email };
		if (!access) {
			await db.transaction(async (tx) => {
				await tx.run('DELETE FROM sessions WHERE user_id = $id', { id: linked.id });
				await tx.run('DELETE FROM api_tokens WHERE user_id = $id', { id: linked.id });
			});
			return { ok: false, reason: 'geen-toegang', email: linked.email };
		}
		const all = access.reach.all;
		const gemeenten = access.reach.all ? [] : [...access.reach.gemeenten];
		const before = accessLabel(linked);
		const after = accessLabel({ role: access.role, all_gemeenten: all, gemeenten });
		if (before !== after) {
			// As any change of role or reach: what the user may see changed, so its sessions and tokens end.
			await db.transaction(async (tx) => {
				await tx.run(
					'UPDATE users SET role = $role, all_gemeenten = $all, gemeenten = $gemeenten WHERE id = $id',
					{ id: linked.id, role: access.role, all, gemeenten }
				);
				await tx.run('DELETE FROM sessions WHERE user_id = $id', { id: linked.id });
				await tx.run('DELETE FROM api_tokens WHERE user_id = $id', { id: linked.id });
			});
			await audit(db, {
				actor: linked.email,
				action: 'rol en bereik via identiteitsprovider',
				object: `${linked.email}: ${before} → ${after}`,
				result: 'ok',
				origin
			});
		}
		return signedIn(db, linked.id, linked.last_login_at);
	}
	if (!identity.email) return { ok: false, reason: 'geen-email', email: null };
	if (!access) return { ok: false, reason: 'geen-toegang', email: identity.email };
	const local = await findUserByEmail(db, identity.email);
	if (local) {
		// Never taken over by an e-mail address alone: the beheerder links the two (linkAccount).
		await db.writeBookkeeping(
			`INSERT OR REPLACE INTO sso_link_requests (user_id, oidc_issuer, oidc_subject, requested_at)
			 VALUES ($id, $issuer, $subject, current_timestamp)`,
			{ id: local.id, issuer: identity.issuer, subject: identity.subject }
		);
		return { ok: false, reason: 'bestaand-account', email: local.email };
	}
	const passwordHash = await unknownPasswordHash();
	const created = await db.transaction((tx) =>
		tx.one<UserRow>(
			`INSERT INTO users (email, password_hash, role, all_gemeenten, gemeenten, oidc_issuer, oidc_subject)
			 VALUES ($email, $hash, $role, $all, $gemeenten, $issuer, $subject) RETURNING *`,
			{
				email: identity.email!,
				hash: passwordHash,
				role: access.role,
				all: access.reach.all,
				gemeenten: access.reach.all ? [] : [...access.reach.gemeenten],
				issuer: identity.issuer,
				subject: identity.subject
			}
		)
	);
	await audit(db, {
		actor: created!.email,
		action: 'gebruiker aanmaken via identiteitsprovider',
		object: `${created!.email}: ${accessLabel(created!)}`,
		result: 'ok',
		origin
	});
	return signedIn(db, created!.id, null);
}

async function signedIn(db: Database, id: number, previousLoginAt: string | null): Promise<SsoSignIn> {
	await db.writeBookkeeping('UPDATE users SET last_login_at = current_timestamp WHERE id = $id', { id });
	return { ok: true, user: (await findUser(db, id))!, previousLoginAt };
}

/** A local account whose e-mail address signed in at the identity provider, waiting for a beheerder to link it. */
export interface LinkRequest {
	userId: number;
	email: string;
	issuer: string;
	/** ISO timestamp (UTC). */
	requestedAt: string;
}

/** The link requests of the users this beheerder manages. */
export async function linkRequests(db: Database, granter: Granter): Promise<LinkRequest[]> {
	const rows = await db.all<UserRow & { request_issuer: string; requested_at_iso: string }>(
		`SELECT u.*, r.oidc_issuer AS request_issuer,
		        strftime(r.requested_at, '%Y-%m-%dT%H:%M:%SZ') AS requested_at_iso
		 FROM sso_link_requests r JOIN users u ON u.id = r.user_id ORDER BY u.email`
	);
	return rows
		.filter((row) => row.id !== granter.id && manages(granter.reach, row))
		.map((row) => ({
			userId: row.id,
			email: row.email,
			issuer: row.request_issuer,
			requestedAt: row.requested_at_iso
		}));
}

async function requestedUser(db: Database, granter: Granter, userId: number) {
	const user = Number.isSafeInteger(userId) ? await findUser(db, userId) : undefined;
	const request = user
		? await db.one<{ oidc_issuer: string; oidc_subject: string }>(
				'SELECT oidc_issuer, oidc_subject FROM sso_link_requests WHERE user_id = $id',
				{ id: user.id }
			)
		: undefined;
	if (!user || !request || !manages(granter.reach, user)) {
		throw new MappingRefused(
			'Er is geen verzoek tot koppelen van deze gebruiker binnen uw bereik.',
			404,
			'id'
		);
	}
	const refusal = grantRefusal(granter, {
		target: { id: user.id, role: user.role, reach: reachOf(user) },
		role: user.role,
		reach: reachOf(user)
	});
	if (refusal) throw new MappingRefused(refusal, 403, 'id');
	return { user, request };
}

/**
 * Links a local account to the identity provider's account that asked for it: from now on it signs in
 * there, its role and reach follow the groups, its password stops working, and its sessions and API tokens
 * end. Returns the e-mail address.
 */
export async function linkAccount(db: Database, granter: Granter, userId: number): Promise<string> {
	const { user, request } = await requestedUser(db, granter, userId);
	const taken = await findUserBySubject(db, request.oidc_issuer, request.oidc_subject);
	if (taken && taken.id !== user.id) {
		throw new MappingRefused(
			`Dit account bij de identiteitsprovider hoort al bij ${taken.email}.`,
			409,
			'id'
		);
	}
	const passwordHash = await unknownPasswordHash();
	await db.transaction(async (tx) => {
		await tx.run(
			`UPDATE users SET oidc_issuer = $issuer, oidc_subject = $subject, password_hash = $hash WHERE id = $id`,
			{ id: user.id, issuer: request.oidc_issuer, subject: request.oidc_subject, hash: passwordHash }
		);
		await tx.run('DELETE FROM sso_link_requests WHERE user_id = $id', { id: user.id });
		await tx.run('DELETE FROM sessions WHERE user_id = $id', { id: user.id });
		await tx.run('DELETE FROM api_tokens WHERE user_id = $id', { id: user.id });
	});
	return user.email;
}

/** Drops a link request: the local account stays as it is. Returns the e-mail address. */
export async function dismissLinkRequest(db: Database, granter: Granter, userId: number): Promise<string> {
	const { user } = await requestedUser(db, granter, userId);
	await db.writeBookkeeping('DELETE FROM sso_link_requests WHERE user_id = $id', { id: user.id });
	return user.email;
}
