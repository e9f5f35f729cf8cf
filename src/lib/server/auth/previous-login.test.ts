/** The session carries the user's sign-in before it, so "new since your last visit" needs no write when a page is read. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openStore, type Database } from '../db';
import { createUser } from './users';
import { createSession, validateSessionToken } from './session';
import { checkLogin } from './login';

const PASSWORD = 'Correct-Horse-Battery-9';
let dir: string;
let db: Database;

beforeEach(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'previous-login-'));
	db = await openStore(path.join(dir, 'portal.duckdb'));
});

afterEach(() => {
	db.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

/** Logs in as the login action does: the user row read before this sign-in is recorded starts the session. */
async function signIn(email: string) {
	const result = await checkLogin(db, { email, password: PASSWORD, address: '127.0.0.1' });
	if (!result.ok) throw new Error('login failed');
	const { token } = await createSession(db, result.user.id, result.user.last_login_at);
	return (await validateSessionToken(db, token)).session!;
}

it('has no previous sign-in on the first, and the first one on the second', async () => {
	await createUser(
		db,
		{ email: 'kt@leeuwarden.example', password: PASSWORD, role: 'kwaliteitsteam', gemeenten: ['GM0080'] },
		() => true
	);
	const first = await signIn('kt@leeuwarden.example');
	expect(first.previousLoginAt).toBeNull();
	const recorded = await db.one<{ at: string }>(
		`SELECT strftime(last_login_at, '%Y-%m-%dT%H:%M:%S.%g') AS at FROM users WHERE email = 'kt@leeuwarden.example'`
	);
	const second = await signIn('kt@leeuwarden.example');
	expect(second.previousLoginAt).not.toBeNull();
	expect(new Date(second.previousLoginAt!).toISOString()).toBe(`${recorded!.at}Z`);
});
