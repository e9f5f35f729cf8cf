/** Checking a login and its second factor: throttled, the same answer for an unknown e-mail and a wrong password. */
import type { Database } from '../db';
import { audit } from '../audit';
import { dummyHash, verifyPassword } from './password';
import { loginLimits } from './rate-limit';
import { findUserByEmail, normaliseEmail, type UserRow } from './users';
import { useRecoveryCode, verifyTotp } from './second-factor';
import type { SessionUser } from '$lib/domain/roles';

export type LoginResult =
	| { ok: true; user: UserRow }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

export const LOGIN_FAILED_MESSAGE = 'Het e-mailadres of het wachtwoord klopt niet.';

export async function checkLogin(
	db: Database,
	input: { email: string; password: string; address: string }
): Promise<LoginResult> {
	const email = normaliseEmail(input.email);
	const accountKey = `account:${email}`;
	const addressKey = `address:${input.address}`;
	const wait = Math.max(
		loginLimits.account.retryAfter(accountKey),
		loginLimits.address.retryAfter(addressKey)
	);
	if (wait > 0) {
		await audit(db, {
			actor: email || 'anoniem',
			action: 'inloggen',
			result: 'geweigerd',
			origin: input.address
		});
		return { ok: false, reason: 'throttled', retryAfterSeconds: Math.ceil(wait / 1000) };
	}
	const user = email ? await findUserByEmail(db, email) : undefined;
	// An unknown e-mail still costs one argon2 verification, so timing does not tell it apart.
	const valid = await verifyPassword(user?.password_hash ?? (await dummyHash()), input.password);
	if (!user || !valid || user.disabled) {
		loginLimits.account.record(accountKey);
		loginLimits.address.record(addressKey);
		await audit(db, {
			actor: email || 'anoniem',
			action: 'inloggen',
			result: 'mislukt',
			origin: input.address
		});
		return { ok: false, reason: 'invalid' };
	}
	loginLimits.account.reset(accountKey);
	await db.run('UPDATE users SET last_login_at = current_timestamp WHERE id = $id', { id: user.id });
	await audit(db, { actor: email, action: 'inloggen', result: 'ok', origin: input.address });
	return { ok: true, user };
}

export type SecondFactorResult =
	| { ok: true }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * Checks a code from the authenticator app, or a recovery code. Five wrong codes per account (and the
 * address's thirty) in fifteen minutes make it wait: six digits must not be guessable by trying.
 */
export async function checkSecondFactor(
	db: Database,
	input: { user: SessionUser; code: string; kind: 'totp' | 'herstelcode'; address: string }
): Promise<SecondFactorResult> {
	const accountKey = `second-factor:${input.user.id}`;
	const addressKey = `address:${input.address}`;
	const action = input.kind === 'totp' ? 'tweede factor' : 'herstelcode gebruiken';
	const entry = { actor: input.user.email, action, origin: input.address };
	const wait = Math.max(
		loginLimits.secondFactor.retryAfter(accountKey),
		loginLimits.address.retryAfter(addressKey)
	);
	if (wait > 0) {
		await audit(db, { ...entry, result: 'geweigerd' });
		return { ok: false, reason: 'throttled', retryAfterSeconds: Math.ceil(wait / 1000) };
	}
	const valid =
		input.kind === 'totp'
			? await verifyTotp(db, input.user.id, input.code)
			: await useRecoveryCode(db, input.user.id, input.code);
	if (!valid) {
		loginLimits.secondFactor.record(accountKey);
		loginLimits.address.record(addressKey);
		await audit(db, { ...entry, result: 'mislukt' });
		return { ok: false, reason: 'invalid' };
	}
	loginLimits.secondFactor.reset(accountKey);
	await audit(db, { ...entry, result: 'ok' });
	return { ok: true };
}
