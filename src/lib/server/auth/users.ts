/** Users of the portal: their role and reach, and the changes that must end their sessions. */
import type { Database } from '../db';
import { isRole, type Reach, type Role, type SessionUser } from '$lib/domain/roles';
import { hashPassword, passwordProblem } from './password';

export interface UserRow {
	id: number;
	email: string;
	password_hash: string;
	role: Role;
	all_gemeenten: boolean;
	gemeenten: string[];
	disabled: boolean;
	/** The TOTP key, null until the user has set up an authenticator. */
	totp_key: object | null;
	/** ISO timestamps (UTC). */
	created_at: string;
	last_login_at: string | null;
	/** The identity provider (issuer) and its subject for this user; null for a local account only. */
	oidc_issuer: string | null;
	oidc_subject: string | null;
}

export class UserInputError extends Error {
	constructor(
		message: string,
		readonly field: string
	) {
		super(message);
	}
}

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

/** landelijk always reaches every municipality, as aggregates only. */
export function reachOf(row: Pick<UserRow, 'role' | 'all_gemeenten' | 'gemeenten'>): Reach {
	if (row.role === 'landelijk' || row.all_gemeenten) return { all: true };
	return { all: false, gemeenten: row.gemeenten };
}

export function sessionUser(row: UserRow): SessionUser {
	return { id: row.id, email: row.email, role: row.role, reach: reachOf(row) };
}

export async function findUserByEmail(db: Database, email: string): Promise<UserRow | undefined> {
	return db.one<UserRow>('SELECT * FROM users WHERE email = $email', { email: normaliseEmail(email) });
}

export async function findUser(db: Database, id: number): Promise<UserRow | undefined> {
	return db.one<UserRow>('SELECT * FROM users WHERE id = $id', { id });
}

export interface NewUser {
	email: string;
	password: string;
	role: string;
	/** CBS codes, or `alle`. */
	gemeenten: string[];
}

function validate(input: Omit<NewUser, 'password'>, knownGemeente: (code: string) => boolean) {
	const email = normaliseEmail(input.email);
	if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) {
		throw new UserInputError('Vul een geldig e-mailadres in.', 'email');
	}
	if (!isRole(input.role)) {
		throw new UserInputError(
			'Onbekende rol; kies beheerder, kwaliteitsteam, beleid, college of landelijk.',
			'role'
		);
	}
	const all = input.role === 'landelijk' || input.gemeenten.some((g) => g.toLowerCase() === 'alle');
	const gemeenten = all ? [] : [...new Set(input.gemeenten.map((g) => g.trim().toUpperCase()))];
	if (!all && gemeenten.length === 0) {
		throw new UserInputError('Geef de gemeente(n) van deze gebruiker op, of "alle".', 'gemeente');
	}
	const unknown = gemeenten.find((g) => !knownGemeente(g));
	if (unknown) throw new UserInputError(`Onbekende gemeentecode ${unknown}.`, 'gemeente');
	return { email, role: input.role as Role, all, gemeenten };
}

export async function createUser(
	db: Database,
	input: NewUser,
	knownGemeente: (code: string) => boolean
): Promise<UserRow> {
	const user = validate(input, knownGemeente);
	const problem = passwordProblem(input.password);
	if (problem) throw new UserInputError(problem, 'password');
	if (await findUserByEmail(db, user.email)) {
		throw new UserInputError(`Er is al een gebruiker met e-mailadres ${user.email}.`, 'email');
	}
	const passwordHash = await hashPassword(input.password);
	const row = await db.one<UserRow>(
		`INSERT INTO users (email, password_hash, role, all_gemeenten, gemeenten)
		 VALUES ($email, $hash, $role, $all, $gemeenten) RETURNING *`,
		{ email: user.email, hash: passwordHash, role: user.role, all: user.all, gemeenten: user.gemeenten }
	);
	return row!;
}

/** Changes role and reach; every session and API token of the user ends, since what it may see changed. */
export async function updateUserAccess(
	db: Database,
	id: number,
	input: { role: string; gemeenten: string[] },
	knownGemeente: (code: string) => boolean
): Promise<void> {
	const existing = await findUser(db, id);
	if (!existing) throw new UserInputError('Deze gebruiker bestaat niet.', 'id');
	const user = validate({ email: existing.email, ...input }, knownGemeente);
	await db.transaction(async (tx) => {
		await tx.run(
			'UPDATE users SET role = $role, all_gemeenten = $all, gemeenten = $gemeenten WHERE id = $id',
			{ id, role: user.role, all: user.all, gemeenten: user.gemeenten }
		);
		await tx.run('DELETE FROM sessions WHERE user_id = $id', { id });
		await tx.run('DELETE FROM api_tokens WHERE user_id = $id', { id });
	});
}

/**
 * Sets a new password, refused by the same rules as at creation. Every session of the user ends but
 * `keepSession` (the one in which the user changed its own password), and every API token.
 */
export async function setPassword(
	db: Database,
	id: number,
	password: string,
	keepSession: string | null = null
): Promise<void> {
	const problem = passwordProblem(password);
	if (problem) throw new UserInputError(problem, 'password');
	const passwordHash = await hashPassword(password);
	await db.transaction(async (tx) => {
		await tx.run('UPDATE users SET password_hash = $hash WHERE id = $id', { id, hash: passwordHash });
		await tx.run('DELETE FROM sessions WHERE user_id = $id AND id IS DISTINCT FROM $keep', {
			id,
			keep: keepSession
		});
		await tx.run('DELETE FROM api_tokens WHERE user_id = $id', { id });
	});
}

/** The distinct reaches of enabled users, of the most recent sign-in first (never signed in last), at most `limit`. */
export async function recentReaches(db: Database, limit: number): Promise<Reach[]> {
	const rows = await db.all<Pick<UserRow, 'role' | 'all_gemeenten' | 'gemeenten'>>(
		`SELECT role, all_gemeenten, gemeenten FROM users WHERE NOT disabled
		 ORDER BY last_login_at DESC NULLS LAST, id`
	);
	const reaches = new Map<string, Reach>();
	for (const row of rows) {
		const reach = reachOf(row);
		const key = JSON.stringify(reach);
		if (!reaches.has(key)) reaches.set(key, reach);
		if (reaches.size === limit) break;
	}
	return [...reaches.values()];
}

export async function listUsers(db: Database): Promise<UserRow[]> {
	return db.all<UserRow>('SELECT * FROM users ORDER BY email');
}

/** Whether a beheerder with this reach may manage the user: every municipality of the user lies in it. */
export function manages(reach: Reach, user: Pick<UserRow, 'role' | 'all_gemeenten' | 'gemeenten'>): boolean {
	if (reach.all) return true;
	const target = reachOf(user);
	return (
		!target.all && target.gemeenten.length > 0 && target.gemeenten.every((g) => reach.gemeenten.includes(g))
	);
}

/** Disables or re-enables an account; disabling ends its sessions and API tokens, so re-enabling revives none. */
export async function setDisabled(db: Database, id: number, disabled: boolean): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.run('UPDATE users SET disabled = $disabled WHERE id = $id', { id, disabled });
		if (disabled) {
			await tx.run('DELETE FROM sessions WHERE user_id = $id', { id });
			await tx.run('DELETE FROM api_tokens WHERE user_id = $id', { id });
		}
	});
}
