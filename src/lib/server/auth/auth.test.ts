/** Tests of users, sessions and API tokens against a real DuckDB file: hashing, expiry, and what ends a session. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore, type Database } from '../db';
import { createUser, setPassword, updateUserAccess, UserInputError, setDisabled, manages } from './users';
import { createSession, validateSessionToken, purgeExpiredSessions } from './session';
import { createApiToken, validateApiToken } from './api-tokens';
import { checkLogin, LOGIN_FAILED_MESSAGE } from './login';
import { loginLimits } from './rate-limit';
import { secretMatches, hashSecret, splitToken } from './token';

const known = (code: string) => /^GM\d{4}$/.test(code);
const PASSWORD = 'Correct-Horse-Battery-9';

let dir: string;
let db: Database;

beforeEach(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-'));
	db = await openStore(path.join(dir, 'portal.duckdb'));
});

afterEach(() => {
	vi.useRealTimers();
	db.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

async function user(email = 'kt@leeuwarden.example', role = 'kwaliteitsteam', gemeenten = ['GM0080']) {
	return createUser(db, { email, password: PASSWORD, role, gemeenten }, known);
}

describe('users', () => {
	it('store an argon2id hash with explicit parameters, never the password', async () => {
		const row = await user();
		expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(row.password_hash).not.toContain(PASSWORD);
	});

	it('refuse short passwords, unknown roles, unknown municipalities and duplicate e-mail', async () => {
		await expect(
			createUser(db, { email: 'a@b.nl', password: 'kort', role: 'beleid', gemeenten: ['GM0080'] }, known)
		).rejects.toThrow(UserInputError);
		await expect(
			createUser(db, { email: 'a@b.nl', password: PASSWORD, role: 'koning', gemeenten: ['GM0080'] }, known)
		).rejects.toThrow(/rol/);
		await expect(
			createUser(db, { email: 'a@b.nl', password: PASSWORD, role: 'beleid', gemeenten: ['XX1'] }, known)
		).rejects.toThrow(/XX1/);
		await user('dubbel@b.nl');
		await expect(user('DUBBEL@b.nl')).rejects.toThrow(/al een gebruiker/);
	});

	it('give landelijk and "alle" the whole country, others their list', async () => {
		const landelijk = await user('l@b.nl', 'landelijk', []);
		const loket = await user('loket@b.nl', 'kwaliteitsteam', ['alle']);
		const regio = await user('ret@b.nl', 'kwaliteitsteam', ['GM0193', 'GM0148']);
		expect(landelijk.all_gemeenten || landelijk.role === 'landelijk').toBe(true);
		expect(loket.all_gemeenten).toBe(true);
		expect(regio.gemeenten).toEqual(['GM0193', 'GM0148']);
		expect(manages({ all: false, gemeenten: ['GM0193', 'GM0148', 'GM0166'] }, regio)).toBe(true);
		expect(manages({ all: false, gemeenten: ['GM0193'] }, regio)).toBe(false);
		expect(manages({ all: false, gemeenten: ['GM0193'] }, loket)).toBe(false);
	});
});

describe('sessions', () => {
	it('hand out a token whose secret is stored only as a SHA-256 hash', async () => {
		const u = await user();
		const { token } = await createSession(db, u.id);
		const parts = splitToken(token)!;
		const row = await db.one<{ secret_hash: string }>('SELECT secret_hash FROM sessions WHERE id = $id', {
			id: parts.id
		});
		expect(row?.secret_hash).toBe(hashSecret(parts.secret));
		expect(JSON.stringify(await db.all('SELECT * FROM sessions'))).not.toContain(parts.secret);
		expect(parts.secret.length).toBeGreaterThanOrEqual(32);
		const result = await validateSessionToken(db, token);
		expect(result.user?.email).toBe('kt@leeuwarden.example');
		expect(result.user?.reach).toEqual({ all: false, gemeenten: ['GM0080'] });
	});

	it('refuse a token with the right id and a wrong secret', async () => {
		const u = await user();
		const { token } = await createSession(db, u.id);
		const forged = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a');
		expect((await validateSessionToken(db, forged)).session).toBeNull();
		expect(secretMatches('x', hashSecret('y'))).toBe(false);
	});

	it('start a new session at every login', async () => {
		const u = await user();
		const a = await createSession(db, u.id);
		const b = await createSession(db, u.id);
		expect(a.token).not.toBe(b.token);
		expect((await db.all('SELECT id FROM sessions')).length).toBe(2);
	});

	it('end after the inactivity timeout and after the absolute lifetime', async () => {
		const u = await user();
		vi.useFakeTimers({ now: new Date('2026-01-01T08:00:00Z'), toFake: ['Date'] });
		const idle = await createSession(db, u.id);
		vi.setSystemTime(new Date('2026-01-01T10:01:00Z'));
		expect((await validateSessionToken(db, idle.token)).session, 'unused for 121 minutes').toBeNull();

		vi.setSystemTime(new Date('2026-01-01T08:00:00Z'));
		const busy = await createSession(db, u.id);
		const start = Date.parse('2026-01-01T08:00:00Z');
		// Used every 90 minutes, it stays alive until the absolute lifetime (14 days) runs out.
		for (let t = start + 90 * 60_000; t < start + 14 * 24 * 3600_000; t += 90 * 60_000) {
			vi.setSystemTime(new Date(t));
			expect((await validateSessionToken(db, busy.token)).session).not.toBeNull();
		}
		vi.setSystemTime(new Date(start + 14 * 24 * 3600_000 + 1000));
		expect((await validateSessionToken(db, busy.token)).session, 'past SESSION_TTL_DAYS').toBeNull();
		expect(await purgeExpiredSessions(db)).toBeGreaterThanOrEqual(0);
	});

	it('all end when the password, the role or the reach changes, or the user is disabled', async () => {
		const u = await user();
		const first = await createSession(db, u.id);
		await setPassword(db, u.id, 'Another-Long-Password-1');
		expect((await validateSessionToken(db, first.token)).session).toBeNull();

		const second = await createSession(db, u.id);
		await updateUserAccess(db, u.id, { role: 'beleid', gemeenten: ['GM0080'] }, known);
		expect((await validateSessionToken(db, second.token)).session).toBeNull();

		const third = await createSession(db, u.id);
		await updateUserAccess(db, u.id, { role: 'beleid', gemeenten: ['GM0080', 'GM0344'] }, known);
		expect((await validateSessionToken(db, third.token)).session).toBeNull();

		const fourth = await createSession(db, u.id);
		await setDisabled(db, u.id, true);
		expect((await validateSessionToken(db, fourth.token)).session).toBeNull();
	});
});

describe('API tokens', () => {
	it('act as their user, are stored hashed, and stop working for a disabled user', async () => {
		const u = await user();
		const token = await createApiToken(db, u.id, 'rapportage');
		expect((await validateApiToken(db, token))?.email).toBe(u.email);
		expect(JSON.stringify(await db.all('SELECT * FROM api_tokens'))).not.toContain(splitToken(token)!.secret);
		expect(await validateApiToken(db, 'slp_x.y')).toBeNull();
		await setDisabled(db, u.id, true);
		expect(await validateApiToken(db, token)).toBeNull();
	});
});

describe('login', () => {
	it('gives the same answer for an unknown e-mail and a wrong password, and logs both', async () => {
		await user();
		const unknown = await checkLogin(db, { email: 'niemand@x.nl', password: PASSWORD, address: '10.0.0.1' });
		const wrong = await checkLogin(db, {
			email: 'kt@leeuwarden.example',
			password: 'fout-fout-fout',
			address: '10.0.0.1'
		});
		expect(unknown).toEqual({ ok: false, reason: 'invalid' });
		expect(wrong).toEqual(unknown);
		expect(LOGIN_FAILED_MESSAGE).toMatch(/e-mailadres of het wachtwoord/);
		const ok = await checkLogin(db, {
			email: 'KT@leeuwarden.example ',
			password: PASSWORD,
			address: '10.0.0.1'
		});
		expect(ok.ok).toBe(true);
		const log = await db.all<{ result: string }>(
			`SELECT result FROM audit_log WHERE action = 'inloggen' ORDER BY id`
		);
		expect(log.map((r) => r.result)).toEqual(['mislukt', 'mislukt', 'ok']);
	});

	it('throttles an account after ten failures, even with the right password', async () => {
		await user('doel@x.nl');
		loginLimits.account.reset('account:doel@x.nl');
		for (let i = 0; i < 10; i++) {
			await checkLogin(db, { email: 'doel@x.nl', password: `fout-${i}-wachtwoord`, address: `10.0.1.${i}` });
		}
		const result = await checkLogin(db, { email: 'doel@x.nl', password: PASSWORD, address: '10.0.2.1' });
		expect(result.ok).toBe(false);
		expect(!result.ok && result.reason).toBe('throttled');
	});
});
