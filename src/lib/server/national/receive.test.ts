/** Receiving a package on a real DuckDB file: only within the importer's reach, only signed with the registered key, version 1 only by the CLI; every refusal stores nothing and is logged. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, closeTempStore, openTempStore, runImport, type Store } from '../ingest/fixtures/helpers';
import { loadOrCreateKeyPair, type KeyPair } from './installation-key';
import { buildPackage, listPackages, packageHash, type NationalPackage } from './package';
import { listKeys, parseKeyRequest, registerKey, registeredKey } from './package-keys';
import { parsePeriod } from './period';
import { receivePackage, type Receiver } from './receive';
import { signPackage } from './signing';

let store: Store;
let utrechtKey: KeyPair;
let denHaagKey: KeyPair;
/** Utrecht's package of 2025, signed by Utrecht's installation. */
let utrecht: NationalPackage;

const UTRECHT_BEHEERDER: Receiver = {
	actor: 'beheer@utrecht.example.nl',
	reach: { all: false, gemeenten: ['GM0344'] },
	fileName: 'pakket.json'
};
const LANDELIJK_BEHEERDER: Receiver = {
	...UTRECHT_BEHEERDER,
	actor: 'beheer@landelijk.example.nl',
	reach: { all: true }
};

beforeEach(async () => {
	store = await openTempStore();
	utrechtKey = loadOrCreateKeyPair(store.file('utrecht.pem'));
	denHaagKey = loadOrCreateKeyPair(store.file('denhaag.pem'));
	const csv = store.file('utrecht.csv');
	fs.writeFileSync(
		csv,
		fs.readFileSync(path.join(FIXTURES, 'leeuwarden-2024-2025.csv'), 'utf8').replaceAll('GM0080', 'GM0344')
	);
	expect((await runImport(store, csv)).status).toBe('imported');
	utrecht = signPackage(await buildPackage(store.db, 'GM0344', parsePeriod('2025')!), utrechtKey);
});
afterEach(() => closeTempStore(store));

/** Audit entries of package imports, oldest first. */
async function logged() {
	return store.db.all<{ actor: string; object: string; result: string }>(
		`SELECT actor, object, result FROM audit_log WHERE action = 'landelijk pakket importeren' ORDER BY id`
	);
}

/** The reproduction of the review: Utrecht's own package, gemeente set to 's-Gravenhage, the unkeyed SHA-256 recomputed. */
function forged(): string {
	const doc = { ...utrecht, gemeente: 'GM0518' };
	return JSON.stringify({ ...doc, sha256: packageHash(doc) }, null, 2);
}

describe('receiving a package', () => {
	it('stores a package signed with the key registered for its gemeente', async () => {
		await registerKey(store.db, { gemeente: 'GM0344', key: utrechtKey.publicKey, actor: 'cli' });
		const r = await receivePackage(store.db, JSON.stringify(utrecht, null, 2), UTRECHT_BEHEERDER);
		expect(r).toMatchObject({ ok: true, replaced: false, period: '2025' });
		expect((await listPackages(store.db, { all: true })).map((p) => p.gemeente)).toEqual(['GM0344']);
	});

	it('refuses the forged package by reach for a beheerder of Utrecht: 403, nothing stored, logged', async () => {
		await registerKey(store.db, { gemeente: 'GM0344', key: utrechtKey.publicKey, actor: 'cli' });
		const r = await receivePackage(store.db, forged(), UTRECHT_BEHEERDER);
		expect(r).toEqual({
			ok: false,
			status: 403,
			message: "Pakket geweigerd: Het pakket is van 's-Gravenhage; die gemeente valt buiten uw bereik."
		});
		expect(await listPackages(store.db, { all: true })).toEqual([]);
		expect(await logged()).toEqual([
			{ actor: 'beheer@utrecht.example.nl', object: expect.stringContaining('(GM0518)'), result: 'geweigerd' }
		]);
	});

	it('refuses the forged package by signature for an importer of every municipality', async () => {
		// 's-Gravenhage without a key registered.
		const none = await receivePackage(store.db, forged(), LANDELIJK_BEHEERDER);
		expect(none).toMatchObject({ ok: false, status: 400 });
		expect(!none.ok && none.message).toMatch(/Voor 's-Gravenhage is geen publieke sleutel geregistreerd/);
		// With its own key registered.
		await registerKey(store.db, { gemeente: 'GM0518', key: denHaagKey.publicKey, actor: 'cli' });
		const other = await receivePackage(store.db, forged(), LANDELIJK_BEHEERDER);
		expect(!other.ok && other.message).toBe(
			"Pakket geweigerd: Het pakket is ondertekend met een andere sleutel dan die voor 's-Gravenhage is geregistreerd."
		);
		// With Utrecht's key wrongly registered for it, the signature still covers Utrecht's sha256.
		await registerKey(store.db, { gemeente: 'GM0518', key: utrechtKey.publicKey, actor: 'cli' });
		const wrong = await receivePackage(store.db, forged(), LANDELIJK_BEHEERDER);
		expect(!wrong.ok && wrong.message).toBe(
			"Pakket geweigerd: De handtekening van het pakket klopt niet met de geregistreerde sleutel van 's-Gravenhage."
		);
		expect(await listPackages(store.db, { all: true })).toEqual([]);
		expect((await logged()).map((e) => e.result)).toEqual(['geweigerd', 'geweigerd', 'geweigerd']);
	});

	it('reads a version 1 package only with unsigned (the CLI), never otherwise', async () => {
		const { signature: _, ...rest } = utrecht;
		const v1 = { ...rest, version: 1 as const, sha256: '' };
		const text = JSON.stringify({ ...v1, sha256: packageHash(v1) });
		const web = await receivePackage(store.db, text, LANDELIJK_BEHEERDER);
		expect(!web.ok && web.message).toMatch(
			/^Pakket geweigerd: Het pakket is van versie 1 en niet ondertekend/
		);
		expect(await listPackages(store.db, { all: true })).toEqual([]);
		const cli = await receivePackage(store.db, text, {
			...LANDELIJK_BEHEERDER,
			actor: 'cli',
			unsigned: true
		});
		expect(cli).toMatchObject({ ok: true, period: '2025' });
		// Unsigned reads version 1 only: a version 2 package's signature is still checked.
		const unsignedV2 = await receivePackage(store.db, forged(), { ...LANDELIJK_BEHEERDER, unsigned: true });
		expect(unsignedV2.ok).toBe(false);
	});
});

describe('registered keys', () => {
	it('are validated, kept one per municipality, listed within reach and logged', async () => {
		const reach = { all: false, gemeenten: ['GM0344'] } as const;
		expect(parseKeyRequest('Utrecht', ` ${utrechtKey.publicKey} `, reach)).toEqual({
			ok: true,
			gemeente: 'GM0344',
			naam: 'Utrecht',
			key: utrechtKey.publicKey
		});
		expect(parseKeyRequest('GM0518', utrechtKey.publicKey, reach)).toMatchObject({ ok: false, status: 403 });
		expect(parseKeyRequest('GM9999', utrechtKey.publicKey, { all: true })).toMatchObject({
			ok: false,
			field: 'gemeente'
		});
		expect(parseKeyRequest('GM0344', 'abc=', reach)).toMatchObject({ ok: false, status: 400, field: 'key' });
		expect(
			await registerKey(store.db, { gemeente: 'GM0344', key: denHaagKey.publicKey, actor: 'a' })
		).toEqual({
			replaced: false
		});
		expect(
			await registerKey(store.db, { gemeente: 'GM0344', key: utrechtKey.publicKey, actor: 'b' })
		).toEqual({
			replaced: true
		});
		await registerKey(store.db, { gemeente: 'GM0518', key: denHaagKey.publicKey, actor: 'c' });
		expect(await registeredKey(store.db, 'GM0344')).toBe(utrechtKey.publicKey);
		expect((await listKeys(store.db, reach)).map((k) => [k.gemeente, k.key, k.registeredBy])).toEqual([
			['GM0344', utrechtKey.publicKey, 'b']
		]);
		expect((await listKeys(store.db, { all: true })).map((k) => k.naam)).toEqual([
			"'s-Gravenhage",
			'Utrecht'
		]);
		const audit = await store.db.all<{ object: string }>(
			`SELECT object FROM audit_log WHERE action = 'pakketsleutel registreren' ORDER BY id`
		);
		expect(audit.map((a) => a.object)).toEqual([
			`GM0344 ${denHaagKey.publicKey}`,
			`GM0344 ${utrechtKey.publicKey} (vervangt de vorige)`,
			`GM0518 ${denHaagKey.publicKey}`
		]);
	});
});
