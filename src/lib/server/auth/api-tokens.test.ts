/** API tokens against a real DuckDB file: their date, last use, unique names, list and revoke, and what ends them. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Database } from '../db';
import {
	createApiToken,
	listApiTokens,
	purgeExpiredTokens,
	revokeApiToken,
	TokenInputError,
	validateApiToken
} from './api-tokens';
import { createUser, setDisabled, setPassword, updateUserAccess, type UserRow } from './users';
import { createSession, validateSessionToken } from './session';
import { resetSecondFactor } from './second-factor';
import { splitToken } from './token';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-03-01T09:00:00Z');
const known = (code: string) => /^GM\d{4}$/.test(code);

let dir: string;
let db: Database;
let user: UserRow;

beforeEach(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'api-tokens-'));
	db = await openStore(path.join(dir, 'portal.duckdb'));
	user = await createUser(
		db,
		{
			email: 'kt@leeuwarden.example',
			password: 'Correct-Horse-Battery-9',
			role: 'kwaliteitsteam',
			gemeenten: ['GM0080']
		},
		known
	);
});

afterEach(() => {
	db.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

describe('expiry', () => {
	it('lasts 90 days by default and answers nothing from its date on', async () => {
		const token = await createApiToken(db, user.id, 'rapportage', undefined, NOW);
		const [listed] = await listApiTokens(db, [user.id], NOW);
		expect(listed.created).toBe('2026-03-01T09:00:00.000Z');
		expect(listed.expires).toBe('2026-05-30T09:00:00.000Z');
		expect((await validateApiToken(db, token, NOW + 90 * DAY - 1))?.email).toBe(user.email);
		expect(await validateApiToken(db, token, NOW + 90 * DAY)).toBeNull();
		expect((await listApiTokens(db, [user.id], NOW + 90 * DAY))[0].expired).toBe(true);
	});

	it('stay listed as expired for 30 days, then the daily housekeeping removes them', async () => {
		await createApiToken(db, user.id, 'kort', 1, NOW);
		await createApiToken(db, user.id, 'lang', 90, NOW);
		expect(await purgeExpiredTokens(db, NOW + 31 * DAY - 1)).toBe(0);
		expect(await purgeExpiredTokens(db, NOW + 31 * DAY + 1)).toBe(1);
		expect((await listApiTokens(db, [user.id], NOW)).map((t) => t.name)).toEqual(['lang']);
	});

	it('takes 1 to 365 days, whole ones only', async () => {
		const short = await createApiToken(db, user.id, 'kort', 1, NOW);
		expect(await validateApiToken(db, short, NOW + DAY - 1)).not.toBeNull();
		expect(await validateApiToken(db, short, NOW + DAY)).toBeNull();
		await createApiToken(db, user.id, 'jaar', 365, NOW);
		for (const days of [0, -1, 366, 1.5, Number.NaN]) {
			await expect(createApiToken(db, user.id, `fout ${days}`, days, NOW)).rejects.toThrow(
				/1 tot en met 365/
			);
		}
	});
});

describe('names', () => {
	it('are unique per user, trimmed, and another user may use the same one', async () => {
		await createApiToken(db, user.id, 'script', 30, NOW);
		const again = createApiToken(db, user.id, '  script ', 30, NOW);
		await expect(again).rejects.toThrow(TokenInputError);
		await expect(createApiToken(db, user.id, 'script', 30, NOW)).rejects.toThrow(
			/al een token met de naam "script"/
		);
		const other = await createUser(
			db,
			{
				email: 'b@leeuwarden.example',
				password: 'Correct-Horse-Battery-9',
				role: 'beleid',
				gemeenten: ['GM0080']
			},
			known
		);
		await createApiToken(db, other.id, 'script', 30, NOW);
		expect((await listApiTokens(db, [user.id, other.id])).map((t) => [t.userId, t.name])).toEqual([
			[user.id, 'script'],
			[other.id, 'script']
		]);
	});

	it('refuse an empty name, a very long one and control characters', async () => {
		await expect(createApiToken(db, user.id, '   ')).rejects.toThrow(/naam/);
		await expect(createApiToken(db, user.id, 'x'.repeat(101))).rejects.toThrow(/100 tekens/);
		await expect(createApiToken(db, user.id, 'a\nb')).rejects.toThrow(/stuurtekens/);
	});

	it('hold when two requests give the same name at once: one token, one refusal', async () => {
		const results = await Promise.allSettled([
			createApiToken(db, user.id, 'tegelijk', 30, NOW),
			createApiToken(db, user.id, 'tegelijk', 30, NOW)
		]);
		const refused = results.filter((r) => r.status === 'rejected');
		for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(TokenInputError);
		expect((await listApiTokens(db, [user.id])).filter((t) => t.name === 'tegelijk')).toHaveLength(1);
	});
});

describe('last use', () => {
	it('is recorded on use, at most once a minute, and concurrent uses do not fail', async () => {
		const token = await createApiToken(db, user.id, 'script', 30, NOW);
		expect((await listApiTokens(db, [user.id]))[0].lastUsed).toBeNull();
		await validateApiToken(db, token, NOW + 1000);
		expect((await listApiTokens(db, [user.id]))[0].lastUsed).toBe('2026-03-01T09:00:01.000Z');
		await validateApiToken(db, token, NOW + 30_000);
		expect((await listApiTokens(db, [user.id]))[0].lastUsed).toBe('2026-03-01T09:00:01.000Z');
		const users = await Promise.all(
			Array.from({ length: 6 }, () => validateApiToken(db, token, NOW + 120_000))
		);
		expect(users.every((u) => u?.email === user.email)).toBe(true);
		expect((await listApiTokens(db, [user.id]))[0].lastUsed).toBe('2026-03-01T09:02:00.000Z');
	});
});

describe('list and revoke', () => {
	it('list name and dates, never the token or its hash', async () => {
		const token = await createApiToken(db, user.id, 'script', 30, NOW);
		const listed = await listApiTokens(db, [user.id], NOW);
		expect(listed).toEqual([
			{
				userId: user.id,
				name: 'script',
				created: '2026-03-01T09:00:00.000Z',
				expires: '2026-03-31T09:00:00.000Z',
				lastUsed: null,
				expired: false
			}
		]);
		const text = JSON.stringify(listed);
		expect(text).not.toContain(splitToken(token)!.secret);
		expect(text).not.toContain(splitToken(token)!.id);
		expect(await listApiTokens(db, [])).toEqual([]);
	});

	it('revoke one token by name, leaving the others', async () => {
		const a = await createApiToken(db, user.id, 'a', 30, NOW);
		const b = await createApiToken(db, user.id, 'b', 30, NOW);
		expect(await revokeApiToken(db, user.id, 'a')).toBe(true);
		expect(await revokeApiToken(db, user.id, 'a')).toBe(false);
		expect(await validateApiToken(db, a, NOW)).toBeNull();
		expect(await validateApiToken(db, b, NOW)).not.toBeNull();
		// The name is free again.
		await createApiToken(db, user.id, 'a', 30, NOW);
	});
});

describe('what ends every token of a user', () => {
	const fresh = () => createApiToken(db, user.id, `t${Math.random()}`, 30);
	const alive = async (token: string) => (await validateApiToken(db, token)) !== null;

	it('a new password, which keeps only the session it was changed in', async () => {
		const token = await fresh();
		const current = await createSession(db, user.id);
		const other = await createSession(db, user.id);
		await setPassword(db, user.id, 'Een-nieuw-wachtwoord-2026', current.session.id);
		expect(await alive(token)).toBe(false);
		expect((await validateSessionToken(db, current.token)).session).not.toBeNull();
		expect((await validateSessionToken(db, other.token)).session).toBeNull();
		// Set by the operator: no session stays.
		await setPassword(db, user.id, 'Nog-een-wachtwoord-2026');
		expect((await validateSessionToken(db, current.token)).session).toBeNull();
	});

	it('a change of role or reach', async () => {
		const token = await fresh();
		await updateUserAccess(db, user.id, { role: 'beleid', gemeenten: ['GM0080'] }, known);
		expect(await alive(token)).toBe(false);
	});

	it('a reset of the second factor, and blocking the account (re-enabling revives none)', async () => {
		const token = await fresh();
		await resetSecondFactor(db, user.id);
		expect(await alive(token)).toBe(false);
		const second = await fresh();
		await setDisabled(db, user.id, true);
		await setDisabled(db, user.id, false);
		expect(await alive(second)).toBe(false);
	});
});
