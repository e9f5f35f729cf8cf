/** Second-factor secrets at rest: sealing, the key file, and sealing a database of before the upgrade at start. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateHOTP } from '@oslojs/otp';
import { encodeBase64 } from '@oslojs/encoding';
import { openStore, type Database } from '../db';
import { createUser } from './users';
import { isSealed, seal, secretKey, SecretKeyError, unseal } from './secret-box';
import { enrolTotp, newTotpKey, parseTotpKey, protectSecondFactors, verifyTotp } from './second-factor';

const STEP_MS = 30_000;
const NOW = 1_790_000_000_000 - (1_790_000_000_000 % STEP_MS) + 15_000;
const codeAt = (key: Uint8Array, offset = 0) =>
	generateHOTP(key, BigInt(Math.floor(NOW / STEP_MS) + offset), 6);

let dir: string;
const saved = process.env.SECRET_KEY_PATH;

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-box-'));
	process.env.SECRET_KEY_PATH = path.join(dir, 'keys', 'secret-key');
});
afterEach(() => {
	process.env.SECRET_KEY_PATH = saved;
	fs.rmSync(dir, { recursive: true, force: true });
});

describe('sealing', () => {
	const key = crypto.randomBytes(32);
	const plain = crypto.randomBytes(20);

	it('opens what it sealed, for the same row only', () => {
		const sealed = seal(key, plain, 'users.totp_key:1');
		expect(isSealed(sealed)).toBe(true);
		expect(isSealed(plain)).toBe(false);
		expect(Buffer.from(sealed).includes(plain)).toBe(false);
		expect(Buffer.from(unseal(key, sealed, 'users.totp_key:1'))).toEqual(plain);
		expect(() => unseal(key, sealed, 'users.totp_key:2')).toThrow();
	});

	it('refuses another key and any changed byte', () => {
		const sealed = seal(key, plain, 'x');
		expect(() => unseal(crypto.randomBytes(32), sealed, 'x')).toThrow();
		for (const at of [1, 13, sealed.length - 1]) {
			const changed = new Uint8Array(sealed);
			changed[at] ^= 1;
			expect(() => unseal(key, changed, 'x')).toThrow();
		}
	});

	it('never seals twice the same way', () => {
		expect(Buffer.from(seal(key, plain, 'x'))).not.toEqual(Buffer.from(seal(key, plain, 'x')));
	});
});

describe('the key file', () => {
	it('is made with mode 0600 on first use and read again after', () => {
		const file = process.env.SECRET_KEY_PATH!;
		const key = secretKey(file, { create: true });
		expect(key.length).toBe(32);
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		expect(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64')).toEqual(key);
	});

	it('is not made anew where sealed secrets need the old one, and a broken one is refused', () => {
		const file = path.join(dir, 'elders', 'secret-key');
		expect(() => secretKey(file, { create: false })).toThrow(SecretKeyError);
		expect(fs.existsSync(file)).toBe(false);
		fs.mkdirSync(path.dirname(file));
		fs.writeFileSync(file, 'te kort\n');
		expect(() => secretKey(file, { create: true })).toThrow(/geen geldige sleutel/);
	});
});

describe('second factors in the database', () => {
	let db: Database;
	let userId: number;
	beforeEach(async () => {
		db = await openStore(path.join(dir, 'portal.duckdb'));
		const user = await createUser(
			db,
			{
				email: 'kt@leeuwarden.example',
				password: 'Correct-Horse-Battery-9',
				role: 'kwaliteitsteam',
				gemeenten: ['GM0080']
			},
			() => true
		);
		userId = user.id;
	});
	afterEach(() => db.close());

	const stored = async () => {
		const row = await db.one<{ key: string }>('SELECT to_base64(totp_key) AS key FROM users WHERE id = $id', {
			id: userId
		});
		return Buffer.from(row!.key, 'base64');
	};

	it('stores a new authenticator sealed, and codes from it are accepted', async () => {
		const key = parseTotpKey(newTotpKey())!;
		expect(await enrolTotp(db, userId, key, codeAt(key), NOW)).not.toBeNull();
		const bytes = await stored();
		expect(isSealed(bytes)).toBe(true);
		expect(bytes.includes(Buffer.from(key))).toBe(false);
		expect(await verifyTotp(db, userId, codeAt(key, 1), NOW + STEP_MS)).toBe(true);
	});

	it('seals the plain keys of a database of before the upgrade at start, once, and they still work', async () => {
		const key = parseTotpKey(newTotpKey())!;
		await db.run('UPDATE users SET totp_key = from_base64($key) WHERE id = $id', {
			id: userId,
			key: encodeBase64(key)
		});
		expect(fs.existsSync(process.env.SECRET_KEY_PATH!)).toBe(false);
		expect(await protectSecondFactors(db)).toEqual({ sealed: 1 });
		expect(fs.statSync(process.env.SECRET_KEY_PATH!).mode & 0o777).toBe(0o600);
		const bytes = await stored();
		expect(isSealed(bytes)).toBe(true);
		expect(bytes.includes(Buffer.from(key))).toBe(false);
		expect(await protectSecondFactors(db)).toEqual({ sealed: 0 });
		expect(await verifyTotp(db, userId, codeAt(key), NOW)).toBe(true);
	});

	it('refuses to start with a key file that does not open the sealed keys, or without one', async () => {
		const key = parseTotpKey(newTotpKey())!;
		await enrolTotp(db, userId, key, codeAt(key), NOW);
		// Another installation's key file, as after a restore without the right one.
		process.env.SECRET_KEY_PATH = path.join(dir, 'ander', 'secret-key');
		secretKey(process.env.SECRET_KEY_PATH, { create: true });
		await expect(protectSecondFactors(db)).rejects.toThrow(/past niet bij deze database/);
		process.env.SECRET_KEY_PATH = path.join(dir, 'geen', 'secret-key');
		await expect(protectSecondFactors(db)).rejects.toThrow(/ontbreekt/);
	});
});
