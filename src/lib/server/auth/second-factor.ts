/** The second factor: TOTP (RFC 6238: 30 s, 6 digits, each code accepted once) and single-use recovery codes. */
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { decodeBase64, encodeBase32UpperCaseNoPadding, encodeBase64 } from '@oslojs/encoding';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { renderSVG } from 'uqr';
import type { Database } from '../db';
import { config } from '../config';
import { hashSecret } from './token';
import { isSealed, seal, secretKey, SecretKeyError, unseal } from './secret-box';

export const TOTP_PERIOD_SECONDS = 30;
const TOTP_DIGITS = 6;
const ISSUER = 'Systeemleren portal';
const RECOVERY_CODE_COUNT = 10;
const encoder = new TextEncoder();

/** What a session still needs before the portal opens: a code from the app, or setting one up first. */
export type SecondFactorStep = 'code' | 'enrol';

/**
 * The step a session still needs, or null. Outside demo mode everyone gives a second factor; in demo
 * mode only those who set one up.
 */
export function pendingStep(
	session: { twoFactorVerified: boolean },
	enrolled: boolean
): SecondFactorStep | null {
	if (session.twoFactorVerified) return null;
	if (enrolled) return 'code';
	return config.demoMode ? null : 'enrol';
}

/** The page of each step. */
export const STEP_PAGES: Record<SecondFactorStep, string> = {
	code: '/login/tweede-factor',
	enrol: '/login/tweede-factor/instellen'
};

/** A new random TOTP key (160 bits, as RFC 4226 recommends), base64 for a hidden form field. */
export function newTotpKey(): string {
	const key = new Uint8Array(20);
	crypto.getRandomValues(key);
	return encodeBase64(key);
}

/** A key from a form field, or null when it is not a 160-bit base64 key. */
export function parseTotpKey(value: string): Uint8Array | null {
	try {
		const key = decodeBase64(value);
		return key.byteLength === 20 ? key : null;
	} catch {
		return null;
	}
}

/** What an authenticator app needs: the otpauth URI as a QR code (SVG) and the key to type in, in groups of four. */
export function enrolmentDetails(
	email: string,
	key: Uint8Array
): { uri: string; qrSvg: string; typed: string } {
	const uri = createTOTPKeyURI(ISSUER, email, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
	const typed = encodeBase32UpperCaseNoPadding(key).replace(/(.{4})(?=.)/g, '$1 ');
	return { uri, qrSvg: renderSVG(uri, { border: 2 }), typed };
}

/** Only the six digits, whatever spaces or dashes an app shows between them. */
function digits(code: string): string | null {
	const cleaned = code.replace(/[\s-]/g, '');
	return /^\d{6}$/.test(cleaned) ? cleaned : null;
}

/** The time step (of the previous, current and next) whose code this is, or null: a clock may drift one step. */
function matchingStep(key: Uint8Array, code: string, now: number): bigint | null {
	const presented = digits(code);
	if (!presented) return null;
	const current = BigInt(Math.floor(now / 1000 / TOTP_PERIOD_SECONDS));
	for (const step of [current - 1n, current, current + 1n]) {
		const expected = generateHOTP(key, step, TOTP_DIGITS);
		if (constantTimeEqual(encoder.encode(expected), encoder.encode(presented))) return step;
	}
	return null;
}

/** The rows a guarded UPDATE changed; 0 when a simultaneous one changed the row first (a write conflict). */
async function onceOnly(update: Promise<number>): Promise<number> {
	try {
		return await update;
	} catch (error) {
		if (/conflict/i.test(String(error))) return 0;
		throw error;
	}
}

/** Sets up the authenticator when the code proves the app holds the key; returns the user's first recovery codes. */
export async function enrolTotp(
	db: Database,
	userId: number,
	key: Uint8Array,
	code: string,
	now = Date.now()
): Promise<string[] | null> {
	const step = matchingStep(key, code, now);
	if (step === null) return null;
	await db.transaction(async (tx) => {
		await tx.run('UPDATE users SET totp_key = from_base64($key), totp_last_step = $step WHERE id = $id', {
			key: encodeBase64(sealTotpKey(userId, key)),
			step,
			id: userId
		});
	});
	return replaceRecoveryCodes(db, userId);
}

/** Whether the user has set up an authenticator. */
export async function totpEnrolled(db: Database, userId: number): Promise<boolean> {
	const row = await db.one<{ enrolled: boolean }>(
		'SELECT totp_key IS NOT NULL AS enrolled FROM users WHERE id = $id',
		{ id: userId }
	);
	return row?.enrolled ?? false;
}

/**
 * Checks a code against the user's key. A code whose step is not later than the last accepted one is
 * refused, so a code seen over a shoulder or in a log cannot be used again.
 */
export async function verifyTotp(
	db: Database,
	userId: number,
	code: string,
	now = Date.now()
): Promise<boolean> {
	const row = await db.one<{ key: string | null }>(
		'SELECT to_base64(totp_key) AS key FROM users WHERE id = $id',
		{
			id: userId
		}
	);
	if (!row?.key) return false;
	const step = matchingStep(openTotpKey(userId, decodeBase64(row.key)), code, now);
	if (step === null) return false;
	// The condition in the UPDATE makes two simultaneous uses of one code accept only one; the other
	// finds the step taken, or loses DuckDB's write conflict on the row.
	const changed = await onceOnly(
		db.writeBookkeeping(
			`UPDATE users SET totp_last_step = $step
			 WHERE id = $id AND (totp_last_step IS NULL OR totp_last_step < $step)`,
			{ step, id: userId }
		)
	);
	return changed === 1;
}

/** Ten new recovery codes (the old ones stop working), shown once: `xxxx-xxxx-xxxx-xxxx`, 80 random bits each. */
export async function replaceRecoveryCodes(db: Database, userId: number): Promise<string[]> {
	const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
		const bytes = new Uint8Array(10);
		crypto.getRandomValues(bytes);
		return encodeBase32UpperCaseNoPadding(bytes)
			.toLowerCase()
			.replace(/(.{4})(?=.)/g, '$1-');
	});
	await db.transaction(async (tx) => {
		await tx.run('DELETE FROM recovery_codes WHERE user_id = $id', { id: userId });
		for (const code of codes) {
			await tx.run('INSERT INTO recovery_codes (user_id, code_hash) VALUES ($id, $hash)', {
				id: userId,
				hash: hashSecret(normaliseRecoveryCode(code))
			});
		}
	});
	return codes;
}

function normaliseRecoveryCode(code: string): string {
	return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Uses one recovery code; true when it was valid and unused (it is used up now). */
export async function useRecoveryCode(db: Database, userId: number, code: string): Promise<boolean> {
	const normalised = normaliseRecoveryCode(code);
	if (normalised.length !== 16) return false;
	const changed = await onceOnly(
		db.writeBookkeeping(
			`UPDATE recovery_codes SET used_at = current_timestamp
			 WHERE user_id = $id AND code_hash = $hash AND used_at IS NULL`,
			{ id: userId, hash: hashSecret(normalised) }
		)
	);
	return changed === 1;
}

/** How many unused recovery codes the user has left. */
export async function recoveryCodesLeft(db: Database, userId: number): Promise<number> {
	const row = await db.one<{ n: number }>(
		'SELECT count(*) AS n FROM recovery_codes WHERE user_id = $id AND used_at IS NULL',
		{ id: userId }
	);
	return row?.n ?? 0;
}

/** Removes the authenticator and the recovery codes, and ends the sessions and API tokens: the next login sets up a new one. */
export async function resetSecondFactor(db: Database, userId: number): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.run('UPDATE users SET totp_key = NULL, totp_last_step = NULL WHERE id = $id', { id: userId });
		await tx.run('DELETE FROM recovery_codes WHERE user_id = $id', { id: userId });
		await tx.run('DELETE FROM sessions WHERE user_id = $id', { id: userId });
		await tx.run('DELETE FROM api_tokens WHERE user_id = $id', { id: userId });
	});
}

/** The row a TOTP key belongs to: a sealed key copied to another user's row does not open there. */
const totpContext = (userId: number) => `users.totp_key:${userId}`;

/** A TOTP key as stored: sealed with the key at SECRET_KEY_PATH (made on first use). */
function sealTotpKey(userId: number, key: Uint8Array): Uint8Array {
	return seal(secretKey(config.secretKeyPath, { create: true }), key, totpContext(userId));
}

/** The TOTP key of a stored value; a plain key of before the upgrade is read as it is until the start seals it. */
function openTotpKey(userId: number, stored: Uint8Array): Uint8Array {
	if (!isSealed(stored)) return stored;
	return unseal(secretKey(config.secretKeyPath, { create: false }), stored, totpContext(userId));
}

/**
 * At server start: seals the TOTP keys still stored in plain text (a database of before the upgrade, or
 * a restored old backup), and checks that the key file opens the sealed ones. Refuses with a
 * SecretKeyError when it does not: better a server that says why than users who cannot log in.
 */
export async function protectSecondFactors(db: Database): Promise<{ sealed: number }> {
	const rows = await db.all<{ id: number; key: string }>(
		'SELECT id, to_base64(totp_key) AS key FROM users WHERE totp_key IS NOT NULL ORDER BY id'
	);
	const stored = rows.map((row) => ({ id: row.id, bytes: decodeBase64(row.key) }));
	const sealedAlready = stored.filter((row) => isSealed(row.bytes));
	const plain = stored.filter((row) => !isSealed(row.bytes));
	if (sealedAlready.length > 0) {
		const key = secretKey(config.secretKeyPath, { create: false });
		const probe = sealedAlready[0];
		try {
			unseal(key, probe.bytes, totpContext(probe.id));
		} catch {
			throw new SecretKeyError(
				`Het sleutelbestand ${config.secretKeyPath} (SECRET_KEY_PATH) past niet bij deze database: de tweede factoren zijn met een andere sleutel versleuteld. Zet het sleutelbestand terug dat bij deze database of back-up hoort.`
			);
		}
	}
	if (plain.length === 0) return { sealed: 0 };
	await db.transaction(async (tx) => {
		for (const row of plain) {
			await tx.run('UPDATE users SET totp_key = from_base64($key) WHERE id = $id', {
				id: row.id,
				key: encodeBase64(sealTotpKey(row.id, row.bytes))
			});
		}
	});
	// The plain values leave the write-ahead log for the file now, not at some later checkpoint.
	await db.checkpoint();
	return { sealed: plain.length };
}
