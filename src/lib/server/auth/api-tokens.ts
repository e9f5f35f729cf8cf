/** API tokens for scripts (`Authorization: Bearer …`): shown once, stored as a hash, acting as their user until their date. */
import { writeBookkeeping } from '../db/database';
import type { Database, Queryable } from '../db';
import { newToken, secretMatches, splitToken } from './token';
import { findUser, sessionUser } from './users';
import type { SessionUser } from '$lib/domain/roles';

const PREFIX = 'slp_';
const DAY_MS = 24 * 60 * 60 * 1000;

export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 365;
export const TOKEN_NAME_MAX_LENGTH = 100;

/** last_used_at is written at most this often per token, so a busy script does not write on every call. */
const TOUCH_INTERVAL_MS = 60_000;

/** A token as its user and the beheerder see it: never the token or its hash. */
export interface ApiTokenInfo {
	userId: number;
	name: string;
	/** ISO 8601 (UTC). */
	created: string;
	expires: string;
	lastUsed: string | null;
	expired: boolean;
}

/** A name or a number of days the portal does not take, or a name the user already gave another token. */
export class TokenInputError extends Error {
	constructor(
		message: string,
		readonly field: 'name' | 'days'
	) {
		super(message);
	}
}

/** The trimmed name, or a Dutch reason it is refused. */
function checkedName(name: string): string {
	const trimmed = name.trim();
	if (!trimmed) throw new TokenInputError('Geef het token een naam.', 'name');
	if (trimmed.length > TOKEN_NAME_MAX_LENGTH) {
		throw new TokenInputError(`Een tokennaam heeft hoogstens ${TOKEN_NAME_MAX_LENGTH} tekens.`, 'name');
	}
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(trimmed)) {
		throw new TokenInputError('Een tokennaam bevat geen stuurtekens.', 'name');
	}
	return trimmed;
}

/** A Dutch message when `days` is not a whole number from 1 to 365, or null. */
export function tokenDaysProblem(days: number): string | null {
	if (!Number.isInteger(days) || days < 1 || days > TOKEN_MAX_DAYS) {
		return `Een token geldt 1 tot en met ${TOKEN_MAX_DAYS} dagen.`;
	}
	return null;
}

/** Makes a token for the user, valid for `days` days; returns it (the only time it is seen). */
export async function createApiToken(
	db: Database,
	userId: number,
	name: string,
	days = TOKEN_DEFAULT_DAYS,
	now = Date.now()
): Promise<string> {
	const tokenName = checkedName(name);
	const problem = tokenDaysProblem(days);
	if (problem) throw new TokenInputError(problem, 'days');
	const taken = `Er is al een token met de naam "${tokenName}" voor deze gebruiker; kies een andere naam of trek dat token eerst in.`;
	const existing = await db.one('SELECT 1 AS found FROM api_tokens WHERE user_id = $user AND name = $name', {
		user: userId,
		name: tokenName
	});
	if (existing) throw new TokenInputError(taken, 'name');
	const { id, token, secretHash } = newToken(PREFIX);
	try {
		await db.writeBookkeeping(
			`INSERT INTO api_tokens (id, secret_hash, user_id, name, created_at, expires_at)
			 VALUES ($id, $hash, $user, $name, make_timestamp($now * 1000), make_timestamp($expires * 1000))`,
			{ id, hash: secretHash, user: userId, name: tokenName, now, expires: now + days * DAY_MS }
		);
	} catch (error) {
		// Two requests giving the same name at once: the UNIQUE (user_id, name) constraint refuses one.
		if (/constraint|duplicate/i.test(String(error))) throw new TokenInputError(taken, 'name');
		throw error;
	}
	return token;
}

interface TokenRow {
	id: string;
	secret_hash: string;
	user_id: number;
	expires_ms: number;
	last_used_ms: number | null;
}

/** The user a presented token acts as, or null when it is unknown, wrong, past its date or its user is blocked. */
export async function validateApiToken(
	db: Database,
	token: string,
	now = Date.now()
): Promise<SessionUser | null> {
	const parts = splitToken(token);
	if (!parts || !parts.id.startsWith(PREFIX)) return null;
	const row = await db.one<TokenRow>(
		`SELECT id, secret_hash, user_id, epoch_ms(expires_at) AS expires_ms, epoch_ms(last_used_at) AS last_used_ms
		 FROM api_tokens WHERE id = $id`,
		{ id: parts.id }
	);
	if (!row || !secretMatches(parts.secret, row.secret_hash)) return null;
	if (now >= row.expires_ms) return null;
	const user = await findUser(db, row.user_id);
	if (!user || user.disabled) return null;
	if (row.last_used_ms === null || now - row.last_used_ms >= TOUCH_INTERVAL_MS) {
		// Simultaneous calls with one token may race to touch it; one of them winning is enough.
		await db
			.writeBookkeeping(
				`UPDATE api_tokens SET last_used_at = make_timestamp($now * 1000)
				 WHERE id = $id AND (last_used_at IS NULL OR last_used_at < make_timestamp($now * 1000))`,
				{ id: row.id, now }
			)
			.catch((error: unknown) => {
				if (!/conflict/i.test(String(error))) throw error;
			});
	}
	return sessionUser(user);
}

interface InfoRow {
	user_id: number;
	name: string;
	created_at: string;
	expires_at: string;
	last_used_at: string | null;
}

function info(row: InfoRow, now: number): ApiTokenInfo {
	return {
		userId: row.user_id,
		name: row.name,
		created: row.created_at,
		expires: row.expires_at,
		lastUsed: row.last_used_at,
		expired: Date.parse(row.expires_at) <= now
	};
}

/** The tokens of these users (by name within a user, oldest user first), without a token or hash. */
export async function listApiTokens(
	db: Database,
	userIds: readonly number[],
	now = Date.now()
): Promise<ApiTokenInfo[]> {
	if (userIds.length === 0) return [];
	const rows = await db.all<InfoRow>(
		`SELECT user_id, name, created_at, expires_at, last_used_at FROM api_tokens
		 WHERE list_contains($users, user_id) ORDER BY user_id, name`,
		{ users: [...userIds] }
	);
	return rows.map((row) => info(row, now));
}

/** Ends one token of the user by its name; false when the user has no token of that name. */
export async function revokeApiToken(db: Database, userId: number, name: string): Promise<boolean> {
	const removed = await db.writeBookkeeping('DELETE FROM api_tokens WHERE user_id = $user AND name = $name', {
		user: userId,
		name: name.trim()
	});
	return removed > 0;
}

/** Ends every token of the user (its password, role, reach or second factor changed, or it was blocked). */
export async function revokeApiTokens(db: Queryable, userId: number): Promise<void> {
	await writeBookkeeping(db, 'DELETE FROM api_tokens WHERE user_id = $id', { id: userId });
}

/** Tokens stay listed as expired for this long after their date, so their users see why a script stopped. */
export const EXPIRED_TOKEN_KEEP_DAYS = 30;

/** Removes tokens that expired more than EXPIRED_TOKEN_KEEP_DAYS ago; run at start and once a day. */
export async function purgeExpiredTokens(db: Queryable, now = Date.now()): Promise<number> {
	return writeBookkeeping(
		db,
		'DELETE FROM api_tokens WHERE expires_at < make_timestamp($before::BIGINT * 1000)',
		{
			before: now - EXPIRED_TOKEN_KEEP_DAYS * DAY_MS
		}
	);
}
