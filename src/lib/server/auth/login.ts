/** Checking a login and its second factor: throttled, the same answer for an unknown e-mail and a wrong password. */
import type { Database } from '../db';
import { audit } from '../audit';
import { dummyHash, verifyPassword } from './password';
import { attemptLimits, loginLimits, RefusalTally, type RefusedWindow, type Throttled } from './rate-limit';
import { findUserByEmail, normaliseEmail, type UserRow } from './users';
import { useRecoveryCode, verifyTotp } from './second-factor';
import type { SessionUser } from '$lib/domain/roles';

export type LoginResult = { ok: true; user: UserRow } | { ok: false; reason: 'invalid' } | Throttled;

export const LOGIN_FAILED_MESSAGE = 'Het e-mailadres of het wachtwoord klopt niet.';

/** The longest e-mail address (RFC 5321) and password (as at creation) a login form may carry, as OWASP advises. */
export const LOGIN_FIELD_LIMITS = { email: 254, password: 256 } as const;

/** Login attempts refused while their address waits: one audit entry per address and window (`flushRefusedLogins`). */
const refusedLogins = new RefusalTally(loginLimits.address.windowMs);

/** Writes an entry for each window of refused attempts that has closed (every open one with `all`, at shutdown). */
export function flushRefusedLogins(db: Database, all = false): Promise<number> {
	return refusedLogins.flush((window) => audit(db, refusedEntry(window)), Date.now(), all);
}

function refusedEntry({ address, count, accounts }: RefusedWindow) {
	const tried =
		accounts.length === 1 ? '' : `, op ${accounts.length === 5 ? '5 of meer' : accounts.length} accounts`;
	return {
		actor: accounts.length === 1 ? accounts[0] : 'anoniem',
		action: 'inloggen',
		object: `${count} ${count === 1 ? 'poging' : 'pogingen'} tijdens de wachttijd${tried}`,
		result: 'geweigerd' as const,
		origin: address
	};
}

export async function checkLogin(
	db: Database,
	input: { email: string; password: string; address: string }
): Promise<LoginResult> {
	// Longer values are refused by the form already; here they cost neither argon2 nor an audit row.
	if (input.email.length > LOGIN_FIELD_LIMITS.email || input.password.length > LOGIN_FIELD_LIMITS.password) {
		return { ok: false, reason: 'invalid' };
	}
	const email = normaliseEmail(input.email);
	const limits = attemptLimits(loginLimits.account, `account:${email}`, input.address);
	const throttled = limits.throttled();
	if (throttled) {
		refusedLogins.record(input.address, email || 'anoniem');
		return throttled;
	}
	const user = email ? await findUserByEmail(db, email) : undefined;
	// An unknown e-mail still costs one argon2 verification, so timing does not tell it apart.
	const valid = await verifyPassword(user?.password_hash ?? (await dummyHash()), input.password);
	if (!user || !valid || user.disabled) {
		limits.failed();
		await audit(db, {
			actor: email || 'anoniem',
			action: 'inloggen',
			result: 'mislukt',
			origin: input.address
		});
		return { ok: false, reason: 'invalid' };
	}
	limits.succeeded();
	await db.writeBookkeeping('UPDATE users SET last_login_at = current_timestamp WHERE id = $id', {
		id: user.id
	});
	await audit(db, { actor: email, action: 'inloggen', result: 'ok', origin: input.address });
	return { ok: true, user };
}

export type SecondFactorResult = { ok: true } | { ok: false; reason: 'invalid' } | Throttled;

/**
 * Checks a code from the authenticator app, or a recovery code. Five wrong codes per account (and the
 * address's thirty) in fifteen minutes make it wait: six digits must not be guessable by trying.
 */
export async function checkSecondFactor(
	db: Database,
	input: { user: SessionUser; code: string; kind: 'totp' | 'herstelcode'; address: string }
): Promise<SecondFactorResult> {
	const limits = attemptLimits(loginLimits.secondFactor, `second-factor:${input.user.id}`, input.address);
	const action = input.kind === 'totp' ? 'tweede factor' : 'herstelcode gebruiken';
	const entry = { actor: input.user.email, action, origin: input.address };
	const throttled = limits.throttled();
	if (throttled) {
		await audit(db, { ...entry, result: 'geweigerd' });
		return throttled;
	}
	const valid =
		input.kind === 'totp'
			? await verifyTotp(db, input.user.id, input.code)
			: await useRecoveryCode(db, input.user.id, input.code);
	if (!valid) {
		limits.failed();
		await audit(db, { ...entry, result: 'mislukt' });
		return { ok: false, reason: 'invalid' };
	}
	limits.succeeded();
	await audit(db, { ...entry, result: 'ok' });
	return { ok: true };
}
