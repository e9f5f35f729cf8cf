/** Asking a signed-in user for its current password again before a change that outlives the session; throttled as a login is. */
import type { Database } from '../db';
import { audit } from '../audit';
import { PASSWORD_MAX_LENGTH, verifyPassword } from './password';
import { attemptLimits, loginLimits, type Throttled } from './rate-limit';
import { findUser } from './users';
import type { SessionUser } from '$lib/domain/roles';

export type Confirmation = { ok: true } | { ok: false; reason: 'invalid' } | Throttled;

export const CONFIRM_FAILED_MESSAGE = 'Uw huidige wachtwoord klopt niet.';

/**
 * Whether `password` is the user's current password. Wrong ones count towards the account's and the
 * address's login limits, so a stolen session cannot try passwords here faster than at `/login`.
 */
export async function confirmPassword(
	db: Database,
	user: SessionUser,
	password: string,
	address: string
): Promise<Confirmation> {
	const limits = attemptLimits(loginLimits.account, `account:${user.email}`, address);
	const entry = { actor: user.email, action: 'wachtwoord bevestigen', origin: address };
	const throttled = limits.throttled();
	if (throttled) {
		await audit(db, { ...entry, result: 'geweigerd' });
		return throttled;
	}
	const row = await findUser(db, user.id);
	const valid =
		!!row &&
		password.length > 0 &&
		password.length <= PASSWORD_MAX_LENGTH &&
		(await verifyPassword(row.password_hash, password));
	if (!valid) {
		limits.failed();
		await audit(db, { ...entry, result: 'mislukt' });
		return { ok: false, reason: 'invalid' };
	}
	return { ok: true };
}

/** The Dutch message for a refused confirmation. */
export function confirmationMessage(result: Exclude<Confirmation, { ok: true }>): string {
	return result.reason === 'throttled'
		? `Te veel onjuiste wachtwoorden. Probeer het over ${Math.ceil(result.retryAfterSeconds / 60)} minuten opnieuw.`
		: CONFIRM_FAILED_MESSAGE;
}
