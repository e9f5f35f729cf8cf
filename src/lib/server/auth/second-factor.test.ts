/** Tests of the second factor against a real DuckDB file: enrolment, codes accepted once, recovery codes, reset and throttling. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { openStore, type Database } from '../db';
import { createUser, findUser, sessionUser } from './users';
import { createSession, markTwoFactorVerified, validateSessionToken } from './session';
import { checkSecondFactor } from './login';
import { loginLimits } from './rate-limit';
import {
	enrolmentDetails,
	enrolTotp,
	newTotpKey,
	parseTotpKey,
	pendingStep,
	recoveryCodesLeft,
	replaceRecoveryCodes,
	resetSecondFactor,
	totpEnrolled,
	useRecoveryCode,
	verifyTotp
} from './second-factor';

const PASSWORD = 'Correct-Horse-Battery-9';
const STEP_MS = 30_000;
/** A moment in the middle of a time step, so one step back or forth is unambiguous. */
const NOW = 1_790_000_000_000 - (1_790_000_000_000 % STEP_MS) + 15_000;
const step = (offset = 0) => BigInt(Math.floor(NOW / STEP_MS) + offset);

let dir: string;
let db: Database;
let userId: number;
let key: Uint8Array;

beforeEach(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'second-factor-'));
	db = await openStore(path.join(dir, 'portal.duckdb'));
	const user = await createUser(
		db,
		{ email: 'kt@leeuwarden.example', password: PASSWORD, role: 'kwaliteitsteam', gemeenten: ['GM0080'] },
		() => true
	);
	userId = user.id;
	key = parseTotpKey(newTotpKey())!;
});

afterEach(() => {
	db.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

const code = (offset = 0, k = key) => generateHOTP(k, step(offset), 6);

describe('enrolment', () => {
	it('shows a QR code and a typed key that hold the same key as the otpauth URI', () => {
		const { uri, qrSvg, typed } = enrolmentDetails('kt@leeuwarden.example', key);
		expect(uri).toMatch(/^otpauth:\/\/totp\/Systeemleren%20portal:kt%40leeuwarden\.example\?/);
		const secret = new URL(uri).searchParams.get('secret')!;
		expect(typed.replace(/ /g, '')).toBe(secret);
		expect(decodeBase32IgnorePadding(secret)).toEqual(key);
		expect(typed).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
		expect(qrSvg).toMatch(/^<svg[\s\S]*<\/svg>$/);
	});

	it('refuses a key that is not 160 bits', () => {
		expect(parseTotpKey('abc')).toBeNull();
		expect(parseTotpKey(Buffer.alloc(16).toString('base64'))).toBeNull();
		expect(parseTotpKey(newTotpKey())).toHaveLength(20);
	});

	it('stores the key only when the code proves the app holds it, and gives ten distinct recovery codes', async () => {
		expect(await enrolTotp(db, userId, key, '000000', NOW)).toBeNull();
		expect(await enrolTotp(db, userId, key, code(2), NOW)).toBeNull();
		expect(await totpEnrolled(db, userId)).toBe(false);
		const codes = await enrolTotp(db, userId, key, code(), NOW);
		expect(codes).toHaveLength(10);
		expect(new Set(codes).size).toBe(10);
		for (const c of codes!) expect(c).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);
		expect(await totpEnrolled(db, userId)).toBe(true);
		const stored = await db.all<{ code_hash: string }>('SELECT code_hash FROM recovery_codes');
		expect(stored).toHaveLength(10);
		for (const c of codes!) expect(JSON.stringify(stored)).not.toContain(c.replace(/-/g, ''));
	});
});

describe('codes', () => {
	beforeEach(async () => {
		await enrolTotp(db, userId, key, code(-1), NOW);
	});

	it('accepts the previous, current and next step, each once and never an earlier one after a later', async () => {
		// Enrolment used step -1: that code is spent.
		expect(await verifyTotp(db, userId, code(-1), NOW)).toBe(false);
		expect(await verifyTotp(db, userId, code(0), NOW)).toBe(true);
		expect(await verifyTotp(db, userId, code(0), NOW)).toBe(false);
		expect(await verifyTotp(db, userId, code(1), NOW)).toBe(true);
		expect(await verifyTotp(db, userId, code(2), NOW)).toBe(false);
		// Half a minute later the step that was "next" is now current and spent; the one after it is new.
		expect(await verifyTotp(db, userId, code(1), NOW + STEP_MS)).toBe(false);
		expect(await verifyTotp(db, userId, code(2), NOW + STEP_MS)).toBe(true);
	});

	it('reads the code with spaces or a dash as apps show it, and refuses anything else', async () => {
		const c = code(0);
		expect(await verifyTotp(db, userId, `${c.slice(0, 3)} ${c.slice(3)}`, NOW)).toBe(true);
		const next = code(1);
		expect(await verifyTotp(db, userId, `${next.slice(0, 3)}-${next.slice(3)}`, NOW)).toBe(true);
		expect(await verifyTotp(db, userId, '12345', NOW + 2 * STEP_MS)).toBe(false);
		expect(await verifyTotp(db, userId, 'abcdef', NOW + 2 * STEP_MS)).toBe(false);
	});

	it('refuses a code of another key', async () => {
		const other = parseTotpKey(newTotpKey())!;
		expect(await verifyTotp(db, userId, code(0, other), NOW)).toBe(false);
	});

	it('takes one use of a code when two requests race with it', async () => {
		const results = await Promise.all([
			verifyTotp(db, userId, code(0), NOW),
			verifyTotp(db, userId, code(0), NOW)
		]);
		expect(results.filter(Boolean)).toHaveLength(1);
	});

	it('takes one use of a recovery code when two requests race with it', async () => {
		const codes = (await replaceRecoveryCodes(db, userId))!;
		const results = await Promise.all([
			useRecoveryCode(db, userId, codes[0]),
			useRecoveryCode(db, userId, codes[0])
		]);
		expect(results.filter(Boolean)).toHaveLength(1);
	});
});

describe('recovery codes', () => {
	it('work once each, in any case and with or without dashes, and new ones replace the old', async () => {
		const codes = (await enrolTotp(db, userId, key, code(), NOW))!;
		expect(await useRecoveryCode(db, userId, codes[0].toUpperCase())).toBe(true);
		expect(await useRecoveryCode(db, userId, codes[0])).toBe(false);
		expect(await useRecoveryCode(db, userId, codes[1].replace(/-/g, ''))).toBe(true);
		expect(await useRecoveryCode(db, userId, 'aaaa-bbbb-cccc-dddd')).toBe(false);
		expect(await recoveryCodesLeft(db, userId)).toBe(8);
		const fresh = await replaceRecoveryCodes(db, userId);
		expect(await useRecoveryCode(db, userId, codes[2])).toBe(false);
		expect(await useRecoveryCode(db, userId, fresh[0])).toBe(true);
		expect(await recoveryCodesLeft(db, userId)).toBe(9);
	});

	it('of one user do not open another account', async () => {
		const codes = (await enrolTotp(db, userId, key, code(), NOW))!;
		const other = await createUser(
			db,
			{ email: 'b@leeuwarden.example', password: PASSWORD, role: 'beleid', gemeenten: ['GM0080'] },
			() => true
		);
		expect(await useRecoveryCode(db, other.id, codes[0])).toBe(false);
	});
});

describe('sessions', () => {
	it('start without the second factor; it is needed to set up, then as a code, and a verified session passes', async () => {
		const { token, session } = await createSession(db, userId);
		expect(session.twoFactorVerified).toBe(false);
		let validated = await validateSessionToken(db, token);
		expect(validated.totpEnrolled).toBe(false);
		expect(pendingStep(validated.session!, validated.totpEnrolled)).toBe('enrol');
		await enrolTotp(db, userId, key, code(), NOW);
		validated = await validateSessionToken(db, token);
		expect(pendingStep(validated.session!, validated.totpEnrolled)).toBe('code');
		await markTwoFactorVerified(db, session.id);
		validated = await validateSessionToken(db, token);
		expect(validated.session!.twoFactorVerified).toBe(true);
		expect(pendingStep(validated.session!, validated.totpEnrolled)).toBeNull();
	});

	it('end when a beheerder resets the second factor, which removes the key and the recovery codes', async () => {
		await enrolTotp(db, userId, key, code(), NOW);
		const { token } = await createSession(db, userId);
		await resetSecondFactor(db, userId);
		expect((await validateSessionToken(db, token)).session).toBeNull();
		expect(await totpEnrolled(db, userId)).toBe(false);
		expect(await recoveryCodesLeft(db, userId)).toBe(0);
		expect((await findUser(db, userId))!.totp_key).toBeNull();
	});
});

describe('checking a code at login', () => {
	it('audits each try and makes the account wait after five wrong codes, even with the right one', async () => {
		const current = Math.floor(Date.now() / STEP_MS);
		expect(await enrolTotp(db, userId, key, generateHOTP(key, BigInt(current - 1), 6))).toHaveLength(10);
		const user = sessionUser((await findUser(db, userId))!);
		loginLimits.secondFactor.reset(`second-factor:${userId}`);
		for (let i = 0; i < 5; i++) {
			const wrong = await checkSecondFactor(db, {
				user,
				code: '000000',
				kind: 'totp',
				address: `10.0.3.${i}`
			});
			expect(wrong).toEqual({ ok: false, reason: 'invalid' });
		}
		const right = generateHOTP(key, BigInt(current + 1), 6);
		const throttled = await checkSecondFactor(db, { user, code: right, kind: 'totp', address: '10.0.4.1' });
		expect(throttled.ok).toBe(false);
		expect(!throttled.ok && throttled.reason === 'throttled' && throttled.retryAfterSeconds).toBeGreaterThan(
			800
		);
		const log = await db.all<{ result: string }>(
			`SELECT result FROM audit_log WHERE action = 'tweede factor' ORDER BY id`
		);
		expect(log.map((r) => r.result)).toEqual([...Array(5).fill('mislukt'), 'geweigerd']);
		loginLimits.secondFactor.reset(`second-factor:${userId}`);
		expect(await checkSecondFactor(db, { user, code: right, kind: 'totp', address: '10.0.4.1' })).toEqual({
			ok: true
		});
	});
});
