/** Asking for the current password again, against a real DuckDB file: right, wrong, logged, and throttled like a login. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Database } from '../db';
import { createUser, sessionUser } from './users';
import { confirmationMessage, confirmPassword } from './reauthenticate';
import { loginLimits } from './rate-limit';
import type { SessionUser } from '$lib/domain/roles';

const PASSWORD = 'Correct-Horse-Battery-9';
let dir: string;
let db: Database;
let user: SessionUser;

beforeEach(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reauth-'));
	db = await openStore(path.join(dir, 'portal.duckdb'));
	user = sessionUser(
		await createUser(
			db,
			{ email: 'kt@leeuwarden.example', password: PASSWORD, role: 'kwaliteitsteam', gemeenten: ['GM0080'] },
			() => true
		)
	);
	loginLimits.account.reset(`account:${user.email}`);
	loginLimits.address.reset('address:10.9.0.1');
});

afterEach(() => {
	db.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

describe('confirmPassword', () => {
	it('accepts the current password and refuses another, logging the refusal', async () => {
		expect(await confirmPassword(db, user, PASSWORD, '10.9.0.1')).toEqual({ ok: true });
		const wrong = await confirmPassword(db, user, 'Niet-mijn-wachtwoord-1', '10.9.0.1');
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
		expect(await confirmPassword(db, user, '', '10.9.0.1')).toEqual({ ok: false, reason: 'invalid' });
		expect(await confirmPassword(db, user, 'x'.repeat(300), '10.9.0.1')).toEqual({
			ok: false,
			reason: 'invalid'
		});
		const log = await db.all<{ actor: string; result: string }>(
			`SELECT actor, result FROM audit_log WHERE action = 'wachtwoord bevestigen' ORDER BY id`
		);
		expect(log).toEqual(Array.from({ length: 3 }, () => ({ actor: user.email, result: 'mislukt' })));
		expect(confirmationMessage({ ok: false, reason: 'invalid' })).toBe('Uw huidige wachtwoord klopt niet.');
	});

	it("counts wrong passwords towards the account's login limit, so a stolen session cannot guess on", async () => {
		for (let i = 0; i < 10; i++) {
			await confirmPassword(db, user, `fout-wachtwoord-${i}`, `10.9.1.${i}`);
		}
		const after = await confirmPassword(db, user, PASSWORD, '10.9.2.1');
		expect(after.ok).toBe(false);
		expect(!after.ok && after.reason).toBe('throttled');
		expect(!after.ok && confirmationMessage(after)).toMatch(/Te veel onjuiste wachtwoorden/);
	});
});
