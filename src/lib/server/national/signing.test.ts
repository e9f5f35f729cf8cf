/** Signed national packages: the key file (0600, made once and reused), signing and verifying, and every change to a signed package refused, resealed or not. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	installationKey,
	installationPublicKey,
	loadOrCreateKeyPair,
	type KeyPair
} from './installation-key';
import { isPublicKeyText, parsePublicKey, signatureFault, signPackage } from './signing';
import { packageHash, verifyPackage, type NationalPackage } from './package';
import { FIXTURES, closeTempStore, openTempStore, runImport, type Store } from '../ingest/fixtures/helpers';
import { buildPackage } from './package';
import { parsePeriod } from './period';

let dir: string;
let store: Store;
let own: KeyPair;
let other: KeyPair;
/** Leeuwarden's package of 2025 from the sample, signed with `own`. */
let signed: NationalPackage;

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pakket-handtekening-'));
	own = loadOrCreateKeyPair(path.join(dir, 'eigen', 'package-key.pem'));
	other = loadOrCreateKeyPair(path.join(dir, 'ander', 'package-key.pem'));
	store = await openTempStore();
	await runImport(store, path.join(FIXTURES, 'leeuwarden-2024-2025.csv'));
	signed = signPackage(await buildPackage(store.db, 'GM0080', parsePeriod('2025')!), own);
});

afterAll(() => {
	closeTempStore(store);
	fs.rmSync(dir, { recursive: true, force: true });
});

/** The package's content and seal hold, and its signature against `registered`: 'ok', or why not. */
function check(doc: unknown, registered: string | null = own.publicKey): string {
	const verified = verifyPackage(JSON.stringify(doc));
	if (!verified.ok) return verified.message;
	return signatureFault(verified.package, registered, 'Leeuwarden') ?? 'ok';
}

/** The document with its sha256 recomputed, as an attacker who changed it would do. */
function reseal<T extends object>(doc: T): T {
	return { ...doc, sha256: packageHash(doc) };
}

describe('the installation key file', () => {
	it('is made with mode 0600 in a folder made for it, and reused as it is', () => {
		const file = path.join(dir, 'nieuw', 'map', 'package-key.pem');
		const first = loadOrCreateKeyPair(file);
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		expect(fs.readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
		const text = fs.readFileSync(file, 'utf8');
		const again = loadOrCreateKeyPair(file);
		expect(again.publicKey).toBe(first.publicKey);
		expect(fs.readFileSync(file, 'utf8')).toBe(text);
		expect(fs.readdirSync(path.dirname(file))).toEqual(['package-key.pem']);
		expect(isPublicKeyText(first.publicKey)).toBe(true);
		expect(Buffer.from(first.publicKey, 'base64')).toHaveLength(32);
	});

	it('is PACKAGE_KEY_PATH for the installation, not made by asking for the public key', () => {
		const saved = process.env.PACKAGE_KEY_PATH;
		process.env.PACKAGE_KEY_PATH = path.join(dir, 'installatie', 'package-key.pem');
		try {
			expect(installationPublicKey()).toBeNull();
			expect(fs.existsSync(process.env.PACKAGE_KEY_PATH)).toBe(false);
			const pair = installationKey();
			expect(fs.statSync(process.env.PACKAGE_KEY_PATH).mode & 0o777).toBe(0o600);
			expect(installationPublicKey()).toBe(pair.publicKey);
			expect(loadOrCreateKeyPair(process.env.PACKAGE_KEY_PATH).publicKey).toBe(pair.publicKey);
		} finally {
			process.env.PACKAGE_KEY_PATH = saved;
		}
	});

	it('refuses a file that holds no Ed25519 key', () => {
		const file = path.join(dir, 'kapot.pem');
		fs.writeFileSync(file, 'geen sleutel\n', { mode: 0o600 });
		expect(() => loadOrCreateKeyPair(file)).toThrow(/PACKAGE_KEY_PATH/);
	});
});

describe('public keys as text', () => {
	it('accepts base64 of exactly 32 bytes, written one way only', () => {
		expect(parsePublicKey(own.publicKey)).not.toBeNull();
		const raw = Buffer.from(own.publicKey, 'base64');
		for (const bad of [
			'',
			own.publicKey.slice(0, -1),
			own.publicKey + '=',
			Buffer.concat([raw, Buffer.from([0])]).toString('base64'),
			raw.subarray(1).toString('base64'),
			raw.toString('base64url'),
			` ${own.publicKey}`
		]) {
			expect(isPublicKeyText(bad), bad).toBe(false);
			expect(parsePublicKey(bad), bad).toBeNull();
		}
	});
});

describe('a signed package', () => {
	it('holds against the key it was signed with', () => {
		expect(check(signed)).toBe('ok');
		expect(check(JSON.parse(JSON.stringify(signed, null, 2)))).toBe('ok');
	});

	it('is refused after any one value in it changes, with its sha256 recomputed or not', () => {
		/** Every path to a string or number in the document. */
		const leaves: (string | number)[][] = [];
		const walk = (value: unknown, at: (string | number)[]) => {
			if (typeof value === 'string' || typeof value === 'number') leaves.push(at);
			else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...at, i]));
			else if (value && typeof value === 'object')
				for (const [k, v] of Object.entries(value)) walk(v, [...at, k]);
		};
		walk(signed, []);
		expect(leaves.length).toBeGreaterThan(200);
		let tried = 0;
		for (const at of leaves) {
			const doc = structuredClone(signed) as unknown as Record<string | number, unknown>;
			const parent = at
				.slice(0, -1)
				.reduce<Record<string | number, unknown>>(
					(node, key) => node[key] as Record<string | number, unknown>,
					doc
				);
			const key = at[at.length - 1];
			const value = parent[key] as string | number;
			// A flipped bit: in the last character of a text, or a number one higher.
			parent[key] =
				typeof value === 'number'
					? value + 1
					: value.slice(0, -1) + String.fromCharCode(value.charCodeAt(value.length - 1) ^ 1);
			expect(check(doc), `${at.join('.')} changed`).not.toBe('ok');
			if (at[0] !== 'sha256') expect(check(reseal(doc)), `${at.join('.')} changed, resealed`).not.toBe('ok');
			tried++;
		}
		expect(tried).toBe(leaves.length);
	});

	it('is refused for another municipality when its gemeente is changed and its sha256 recomputed', () => {
		const forged = reseal({ ...signed, gemeente: 'GM0518' });
		expect(verifyPackage(JSON.stringify(forged)).ok).toBe(true);
		// 's-Gravenhage has no key registered here, or has its own.
		expect(check(forged, null)).toMatch(/^Voor Leeuwarden is geen publieke sleutel geregistreerd/);
		expect(check(forged, other.publicKey)).toBe(
			'Het pakket is ondertekend met een andere sleutel dan die voor Leeuwarden is geregistreerd.'
		);
		// Even where the forger's key were registered for it, the signature covers the old sha256.
		expect(check(forged, own.publicKey)).toBe(
			'De handtekening van het pakket klopt niet met de geregistreerde sleutel van Leeuwarden.'
		);
	});

	it('is refused when signed by another key than the registered one, whatever key it names', () => {
		const byOther = signPackage(signed, other);
		expect(check(byOther, other.publicKey)).toBe('ok');
		expect(check(byOther)).toBe(
			'Het pakket is ondertekend met een andere sleutel dan die voor Leeuwarden is geregistreerd.'
		);
		// It names the registered key but carries another key's signature.
		const named = reseal({ ...byOther, signature: { ...byOther.signature!, key: own.publicKey } });
		expect(check(named)).toBe(
			'De handtekening van het pakket klopt niet met de geregistreerde sleutel van Leeuwarden.'
		);
	});

	it('is refused without a signature, or with an empty one', () => {
		const { signature: _, ...unsigned } = signed;
		expect(check(reseal(unsigned))).toBe(
			'Het pakket is niet ondertekend: de handtekening (signature) ontbreekt.'
		);
		const empty = reseal({ ...signed, signature: { ...signed.signature!, value: '' } });
		expect(check(empty)).toBe(
			'De handtekening van het pakket klopt niet met de geregistreerde sleutel van Leeuwarden.'
		);
		const otherAlg = reseal({ ...signed, signature: { ...signed.signature!, alg: 'RS256' } });
		expect(check(otherAlg)).toBe('Het pakket is niet ondertekend: de handtekening (signature) ontbreekt.');
	});
});
