/** Sessions as the Lucia guide teaches: random token, hashed secret, inactivity and absolute expiry. */
import type { Database } from '../db';
import { config } from '../config';
import { newToken, secretMatches, splitToken } from './token';
import { sessionUser, type UserRow } from './users';
import type { SessionUser } from '$lib/domain/roles';

export interface Session {
	id: string;
	userId: number;
	createdAt: number;
	lastSeenAt: number;
	/** When the session ends if it stays unused, or its absolute end if that comes first. */
	expiresAt: number;
	/** Whether the second factor was given in this session (a new session starts without it). */
	twoFactorVerified: boolean;
	/**
	 * The user's sign-in before the one that started this session (UTC, ISO 8601), null on a first
	 * sign-in: what counts as new since the last visit, without a write when a page is read.
	 */
	previousLoginAt: string | null;
	/** Whether the session was started through the identity provider (single sign-on). */
	singleSignOn: boolean;
}

export type SessionValidationResult =
	| { session: Session; user: SessionUser; totpEnrolled: boolean }
	| { session: null; user: null; totpEnrolled: false };

interface SessionRow {
	id: string;
	secret_hash: string;
	user_id: number;
	created_at_ms: number;
	last_seen_ms: number;
	two_factor_verified: boolean;
	previous_login_at: string | null;
	/** The absolute end of a single-sign-on session (OIDC_SESSION_HOURS); null for a local login. */
	ends_at_ms: number | null;
}

/** last_seen is written at most this often, so browsing does not write on every request. */
const TOUCH_INTERVAL_MS = 60_000;

function lifetimes() {
	return {
		absoluteMs: config.sessionTtlDays * 24 * 60 * 60 * 1000,
		idleMs: config.sessionIdleMinutes * 60 * 1000
	};
}

function expiry(row: Pick<SessionRow, 'created_at_ms' | 'last_seen_ms' | 'ends_at_ms'>): number {
	const { absoluteMs, idleMs } = lifetimes();
	return Math.min(row.created_at_ms + absoluteMs, row.last_seen_ms + idleMs, row.ends_at_ms ?? Infinity);
}

/** What a session started through the identity provider carries beside a local one. */
export interface SingleSignOnStart {
	/** Its absolute end (ms): OIDC_SESSION_HOURS after the sign-in, when the provider is asked again. */
	endsAt: number;
	/** The ID token, the hint for logging out at the provider. */
	idToken: string;
	/** The provider vouched for more than one factor: the portal asks no second factor of its own. */
	twoFactorVerified: boolean;
}

/**
 * Starts a new session (a new one at every login) and returns the token for the cookie.
 * `previousLoginAt`: the user's last sign-in as read before this one was recorded (null: the first).
 */
export async function createSession(
	db: Database,
	userId: number,
	previousLoginAt: string | null = null,
	singleSignOn: SingleSignOnStart | null = null
): Promise<{ token: string; session: Session }> {
	const { id, token, secretHash } = newToken();
	const now = Date.now();
	const endsAt = singleSignOn?.endsAt ?? null;
	const twoFactorVerified = singleSignOn?.twoFactorVerified ?? false;
	await db.writeBookkeeping(
		`INSERT INTO sessions (id, secret_hash, user_id, created_at_ms, last_seen_ms, previous_login_at,
		   two_factor_verified, ends_at_ms, id_token)
		 VALUES ($id, $hash, $user, $now, $now, $previous::TIMESTAMP, $verified, $ends, $idToken)`,
		{
			id,
			hash: secretHash,
			user: userId,
			now,
			previous: previousLoginAt,
			verified: twoFactorVerified,
			ends: endsAt,
			idToken: singleSignOn?.idToken ?? null
		}
	);
	return {
		token,
		session: {
			id,
			userId,
			createdAt: now,
			lastSeenAt: now,
			expiresAt: expiry({ created_at_ms: now, last_seen_ms: now, ends_at_ms: endsAt }),
			twoFactorVerified,
			previousLoginAt,
			singleSignOn: singleSignOn !== null
		}
	};
}

export async function validateSessionToken(db: Database, token: string): Promise<SessionValidationResult> {
	const none = { session: null, user: null, totpEnrolled: false } as const;
	const parts = splitToken(token);
	if (!parts) return none;
	// Session and user in one read: this runs on every request.
	const found = await db.one<SessionRow & { user: UserRow | null }>(
		`SELECT s.* EXCLUDE (id_token), CASE WHEN u.id IS NULL THEN NULL ELSE u END AS "user"
		 FROM sessions s LEFT JOIN users u ON u.id = s.user_id WHERE s.id = $id`,
		{ id: parts.id }
	);
	if (!found || !secretMatches(parts.secret, found.secret_hash)) return none;
	const { user, ...row } = found;
	const now = Date.now();
	if (now >= expiry(row)) {
		await invalidateSession(db, row.id);
		return none;
	}
	if (!user || user.disabled) {
		await invalidateSession(db, row.id);
		return none;
	}
	let lastSeen = row.last_seen_ms;
	if (now - lastSeen >= TOUCH_INTERVAL_MS) {
		lastSeen = now;
		// Concurrent requests of one session may race to touch it; one of them winning is enough.
		await db
			.writeBookkeeping('UPDATE sessions SET last_seen_ms = $now WHERE id = $id AND last_seen_ms < $now', {
				id: row.id,
				now
			})
			.catch((error: unknown) => {
				if (!/conflict/i.test(String(error))) throw error;
			});
	}
	const session: Session = {
		id: row.id,
		userId: row.user_id,
		createdAt: row.created_at_ms,
		lastSeenAt: lastSeen,
		expiresAt: expiry({
			created_at_ms: row.created_at_ms,
			last_seen_ms: lastSeen,
			ends_at_ms: row.ends_at_ms
		}),
		twoFactorVerified: row.two_factor_verified,
		previousLoginAt: row.previous_login_at,
		singleSignOn: row.ends_at_ms !== null
	};
	return { session, user: sessionUser(user), totpEnrolled: user.totp_key !== null };
}

/** Records that the second factor was given in this session. */
export async function markTwoFactorVerified(db: Database, sessionId: string): Promise<void> {
	await db.writeBookkeeping('UPDATE sessions SET two_factor_verified = true WHERE id = $id', {
		id: sessionId
	});
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
	await db.writeBookkeeping('DELETE FROM sessions WHERE id = $id', { id: sessionId });
}

/** Ends a session at logout; returns the ID token of a single-sign-on session, to log out at the provider too. */
export async function endSession(db: Database, sessionId: string): Promise<{ idToken: string | null }> {
	const row = await db.one<{ id_token: string | null }>('SELECT id_token FROM sessions WHERE id = $id', {
		id: sessionId
	});
	await invalidateSession(db, sessionId);
	return { idToken: row?.id_token ?? null };
}

export async function invalidateUserSessions(db: Database, userId: number): Promise<void> {
	await db.writeBookkeeping('DELETE FROM sessions WHERE user_id = $id', { id: userId });
}

/** Removes sessions past their end; run at start and now and then. */
export async function purgeExpiredSessions(db: Database): Promise<number> {
	const { absoluteMs, idleMs } = lifetimes();
	return db.writeBookkeeping(
		`DELETE FROM sessions
		 WHERE created_at_ms + $absolute <= $now OR last_seen_ms + $idle <= $now OR ends_at_ms <= $now`,
		{ absolute: absoluteMs, idle: idleMs, now: Date.now() }
	);
}
