/** Single sign-on against a real DuckDB file: mappings saved under the granting rules, users created and changed by their groups, linking a local account, the capped session and the sealed flow cookie. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Cookies } from '@sveltejs/kit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore, type Database } from '../db';
import { createUser, findUser } from './users';
import { checkLogin } from './login';
import { createSession, purgeExpiredSessions, validateSessionToken } from './session';
import { addMapping, MappingRefused, removeMapping, setMfaAcrValues, type Granter } from './sso-mappings';
import { linkAccount, linkRequests, signInWithProvider, type ProviderIdentity } from './sso-accounts';
import { setFlowCookie, takeFlowCookie, type SignInFlow } from './sso-flow';

const known = (code: string) => /^GM\d{4}$/.test(code);
const PASSWORD = 'Correct-Horse-Battery-9';
const ISSUER = 'https://idp.leeuwarden.example/';

let dir: string;
let db: Database;
let beheerder: Granter;

beforeEach(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sso-'));
	db = await openStore(path.join(dir, 'portal.duckdb'));
	const row = await createUser(
		db,
		{ email: 'beheer@leeuwarden.example', password: PASSWORD, role: 'beheerder', gemeenten: ['GM0080'] },
		known
	);
	beheerder = {
		id: row.id,
		email: row.email,
		role: 'beheerder',
		reach: { all: false, gemeenten: ['GM0080'] }
	};
});

afterEach(() => {
	vi.useRealTimers();
	db.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

const identity = (
	subject: string,
	groups: string[],
	email = `${subject}@leeuwarden.example`
): ProviderIdentity => ({
	issuer: ISSUER,
	subject,
	email,
	groups
});

async function auditObjects(action: string): Promise<string[]> {
	const rows = await db.all<{ object: string }>(
		'SELECT object FROM audit_log WHERE action = $action ORDER BY id',
		{ action }
	);
	return rows.map((r) => r.object);
}

describe('saving mappings', () => {
	it('keeps a mapping within the beheerder’s role and reach, and refuses one beyond it', async () => {
		const saved = await addMapping(
			db,
			beheerder,
			{ group: 'team', role: 'kwaliteitsteam', gemeenten: ['gm0080'] },
			known
		);
		expect(saved).toMatchObject({
			group: 'team',
			role: 'kwaliteitsteam',
			reach: { all: false, gemeenten: ['GM0080'] }
		});
		const refused = (input: { group: string; role: string; gemeenten: string[] }) =>
			addMapping(db, beheerder, input, known).catch((e: unknown) => e);
		const outside = await refused({ group: 'buren', role: 'beleid', gemeenten: ['GM0344'] });
		expect(outside).toBeInstanceOf(MappingRefused);
		expect((outside as MappingRefused).status).toBe(403);
		expect(await refused({ group: 'iedereen', role: 'beleid', gemeenten: ['alle'] })).toMatchObject({
			status: 403
		});
		expect(await refused({ group: 'programma', role: 'landelijk', gemeenten: [] })).toMatchObject({
			status: 403
		});
		expect(await refused({ group: 'TEAM', role: 'beleid', gemeenten: ['GM0080'] })).toMatchObject({
			status: 409
		});
		expect(await refused({ group: ' ', role: 'beleid', gemeenten: ['GM0080'] })).toMatchObject({
			status: 400
		});
		expect(await refused({ group: 'x', role: 'beleid', gemeenten: ['XX'] })).toMatchObject({ status: 400 });
	});

	it('lets only a beheerder who could have made a mapping remove it, or set the acr values', async () => {
		const alle: Granter = { id: 99, email: 'land@example', role: 'beheerder', reach: { all: true } };
		const wide = await addMapping(
			db,
			alle,
			{ group: 'helpdesk', role: 'beleid', gemeenten: ['alle'] },
			known
		);
		await expect(removeMapping(db, beheerder, wide.id)).rejects.toMatchObject({ status: 403 });
		await expect(setMfaAcrValues(db, beheerder, ['gold'])).rejects.toMatchObject({ status: 403 });
		await expect(setMfaAcrValues(db, alle, ['gold', ' gold ', ''])).resolves.toEqual(['gold']);
		await expect(removeMapping(db, alle, wide.id)).resolves.toMatchObject({ group: 'helpdesk' });
		await expect(setMfaAcrValues(db, beheerder, [])).resolves.toEqual([]);
	});
});

describe('signing in through the provider', () => {
	beforeEach(async () => {
		await addMapping(db, beheerder, { group: 'team', role: 'kwaliteitsteam', gemeenten: ['GM0080'] }, known);
		await addMapping(db, beheerder, { group: 'beleid', role: 'beleid', gemeenten: ['GM0080'] }, known);
	});

	it('creates no user without a mapped group, and one with it', async () => {
		expect(await signInWithProvider(db, identity('cees', ['kantine']), '127.0.0.1')).toEqual({
			ok: false,
			reason: 'geen-toegang',
			email: 'cees@leeuwarden.example'
		});
		expect(
			await db.one('SELECT * FROM users WHERE email = $e', { e: 'cees@leeuwarden.example' })
		).toBeUndefined();
		const first = await signInWithProvider(db, identity('anna', ['team']), '127.0.0.1');
		expect(first.ok && first.user).toMatchObject({
			role: 'kwaliteitsteam',
			oidc_issuer: ISSUER,
			oidc_subject: 'anna'
		});
		expect(first.ok && first.previousLoginAt).toBeNull();
		expect(await auditObjects('gebruiker aanmaken via identiteitsprovider')).toEqual([
			'anna@leeuwarden.example: Kwaliteitsteam GM0080'
		]);
		// No password opens it.
		const login = await checkLogin(db, {
			email: 'anna@leeuwarden.example',
			password: PASSWORD,
			address: '10.0.0.1'
		});
		expect(login.ok).toBe(false);
	});

	it('lets role and reach follow the groups, ending sessions on a change, and refuses once no group is left', async () => {
		const first = await signInWithProvider(db, identity('bram', ['beleid']), '127.0.0.1');
		if (!first.ok) throw new Error('refused');
		const { token } = await createSession(db, first.user.id);
		const again = await signInWithProvider(db, identity('bram', ['beleid']), '127.0.0.1');
		expect(again.ok && again.previousLoginAt).not.toBeNull();
		expect((await validateSessionToken(db, token)).session).not.toBeNull();
		const moved = await signInWithProvider(db, identity('bram', ['team', 'beleid']), '127.0.0.1');
		expect(moved.ok && moved.user.role).toBe('kwaliteitsteam');
		expect((await validateSessionToken(db, token)).session).toBeNull();
		expect(await auditObjects('rol en bereik via identiteitsprovider')).toEqual([
			'bram@leeuwarden.example: Beleid GM0080 → Kwaliteitsteam GM0080'
		]);
		const { token: later } = await createSession(db, first.user.id);
		expect(await signInWithProvider(db, identity('bram', []), '127.0.0.1')).toMatchObject({
			ok: false,
			reason: 'geen-toegang'
		});
		expect((await validateSessionToken(db, later)).session).toBeNull();
	});

	it('never takes over a local account by its e-mail address, until a beheerder links it', async () => {
		const local = await createUser(
			db,
			{ email: 'dirk@leeuwarden.example', password: PASSWORD, role: 'beleid', gemeenten: ['GM0080'] },
			known
		);
		const { token } = await createSession(db, local.id);
		expect(
			await signInWithProvider(db, identity('d-123', ['team'], 'Dirk@Leeuwarden.example'), '1')
		).toMatchObject({
			ok: false,
			reason: 'bestaand-account'
		});
		expect((await findUser(db, local.id))?.oidc_subject).toBeNull();
		const requests = await linkRequests(db, beheerder);
		expect(requests.map((r) => r.email)).toEqual(['dirk@leeuwarden.example']);
		const outsider: Granter = {
			id: 77,
			email: 'x@y',
			role: 'beheerder',
			reach: { all: false, gemeenten: ['GM0344'] }
		};
		await expect(linkAccount(db, outsider, local.id)).rejects.toMatchObject({ status: 404 });
		await expect(linkAccount(db, beheerder, local.id)).resolves.toBe('dirk@leeuwarden.example');
		expect((await validateSessionToken(db, token)).session).toBeNull();
		expect(await linkRequests(db, beheerder)).toEqual([]);
		const linked = await signInWithProvider(db, identity('d-123', ['team'], 'dirk@leeuwarden.example'), '1');
		expect(linked.ok && linked.user).toMatchObject({ id: local.id, role: 'kwaliteitsteam' });
		const password = await checkLogin(db, {
			email: 'dirk@leeuwarden.example',
			password: PASSWORD,
			address: '10.0.0.2'
		});
		expect(password.ok).toBe(false);
	});

	it('refuses a blocked user', async () => {
		const first = await signInWithProvider(db, identity('eva', ['team']), '1');
		if (!first.ok) throw new Error('refused');
		await db.run('UPDATE users SET disabled = true WHERE id = $id', { id: first.user.id });
		expect(await signInWithProvider(db, identity('eva', ['team']), '1')).toMatchObject({
			ok: false,
			reason: 'geblokkeerd'
		});
	});
});

describe('a session started through the provider', () => {
	it('ends at its cap, before the idle and absolute limits', async () => {
		const user = await createUser(
			db,
			{ email: 'a@b.nl', password: PASSWORD, role: 'beleid', gemeenten: ['GM0080'] },
			known
		);
		const endsAt = Date.now() + 30 * 60 * 1000;
		const { token, session } = await createSession(db, user.id, null, {
			endsAt,
			idToken: 'ey.x.y',
			twoFactorVerified: true
		});
		expect(session).toMatchObject({ expiresAt: endsAt, twoFactorVerified: true, singleSignOn: true });
		const valid = await validateSessionToken(db, token);
		expect(valid.session?.expiresAt).toBe(endsAt);
		vi.useFakeTimers({ now: endsAt + 1 });
		expect(await purgeExpiredSessions(db)).toBe(1);
		expect((await validateSessionToken(db, token)).session).toBeNull();
	});
});

describe('the flow cookie', () => {
	function jar(): Cookies & { values: Map<string, string> } {
		const values = new Map<string, string>();
		return {
			values,
			get: (name: string) => values.get(name),
			getAll: () => [...values].map(([name, value]) => ({ name, value })),
			set: (name: string, value: string) => void values.set(name, value),
			delete: (name: string) => void values.delete(name),
			serialize: () => ''
		};
	}
	const url = new URL('http://localhost:3000/login/sso');
	const flow: SignInFlow = {
		state: 's',
		nonce: 'n',
		verifier: 'v',
		back: '/wetten',
		expiresAt: Date.now() + 60_000
	};

	it('comes back once, as it was sealed', () => {
		const cookies = jar();
		setFlowCookie(cookies, url, flow);
		expect([...cookies.values.values()][0]).not.toContain('/wetten');
		expect(takeFlowCookie(cookies, url)).toEqual(flow);
		expect(takeFlowCookie(cookies, url)).toBeNull();
	});

	it('is refused when changed, past its time, or with an unsafe return path', () => {
		const cookies = jar();
		setFlowCookie(cookies, url, flow);
		const [name, value] = [...cookies.values][0];
		cookies.values.set(name, value.slice(0, -2) + (value.endsWith('A') ? 'BB' : 'AA'));
		expect(takeFlowCookie(cookies, url)).toBeNull();
		setFlowCookie(cookies, url, flow);
		expect(takeFlowCookie(cookies, url, flow.expiresAt + 1)).toBeNull();
		setFlowCookie(cookies, url, { ...flow, back: '//elders.example' });
		expect(takeFlowCookie(cookies, url)?.back).toBe('/');
	});
});
