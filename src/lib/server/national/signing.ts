/** Ed25519 signatures of national packages (version 2): the signature is over the UTF-8 bytes of the package's sha256 hex string, made with the installation's key and checked against the registered key of the package's municipality. */
import crypto, { type KeyObject } from 'node:crypto';
import type { KeyPair } from './installation-key';
import { packageHash, PACKAGE_VERSION, type NationalPackage } from './package';

export const SIGNATURE_ALG = 'Ed25519';

const RAW_KEY_BYTES = 32;
const SIGNATURE_BYTES = 64;

/** Standard base64 of exactly 32 bytes: 43 characters and one `=`. */
const KEY_PATTERN = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;

/** A public key as base64 of its raw 32 bytes. */
export function publicKeyText(key: KeyObject): string {
	const jwk = key.export({ format: 'jwk' });
	if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('Geen Ed25519-sleutel.');
	return Buffer.from(jwk.x, 'base64url').toString('base64');
}

/** Whether `text` is a public key as packages and `aggregate key` write it: base64 of 32 bytes. */
export function isPublicKeyText(text: string): boolean {
	return KEY_PATTERN.test(text) && Buffer.from(text, 'base64').length === RAW_KEY_BYTES;
}

/** The Ed25519 public key written as base64 of its raw 32 bytes, or null when it is not one. */
export function parsePublicKey(text: string): KeyObject | null {
	if (!isPublicKeyText(text)) return null;
	try {
		const x = Buffer.from(text, 'base64').toString('base64url');
		return crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
	} catch {
		return null;
	}
}

/**
 * The package as version 2, sealed and signed with `pair`: `sha256` over the document with both `sha256`
 * and `signature` empty, and the signature over that hex string. Keys stay in document order.
 */
export function signPackage(pkg: NationalPackage, pair: KeyPair): NationalPackage {
	const { gemeente, from, to, tables, figures, kwestieStatus } = pkg;
	const doc: NationalPackage = {
		version: PACKAGE_VERSION,
		gemeente,
		from,
		to,
		sha256: '',
		signature: { alg: SIGNATURE_ALG, key: pair.publicKey, value: '' },
		tables,
		figures,
		kwestieStatus
	};
	const sha256 = packageHash(doc);
	const value = crypto.sign(null, Buffer.from(sha256, 'utf8'), pair.privateKey).toString('base64');
	return { ...doc, sha256, signature: { alg: SIGNATURE_ALG, key: pair.publicKey, value } };
}

/**
 * Why a version 2 package's signature does not hold against `registered` (the key registered for its
 * municipality, null when none is), in Dutch, or null when it holds. The caller has checked the seal
 * (`verifyPackage`), so `sha256` is the hash of the content.
 */
export function signatureFault(pkg: NationalPackage, registered: string | null, naam: string): string | null {
	if (!pkg.signature) return 'Het pakket is niet ondertekend.';
	if (registered === null) {
		return `Voor ${naam} is geen publieke sleutel geregistreerd: registreer eerst de sleutel van de installatie die het pakket maakte.`;
	}
	if (pkg.signature.key !== registered) {
		return `Het pakket is ondertekend met een andere sleutel dan die voor ${naam} is geregistreerd.`;
	}
	const key = parsePublicKey(registered);
	const signature = Buffer.from(pkg.signature.value, 'base64');
	// Node's base64 decoder skips what is not base64: only the one canonical writing of 64 bytes counts.
	const canonical =
		signature.length === SIGNATURE_BYTES && signature.toString('base64') === pkg.signature.value;
	if (!key || !canonical || !crypto.verify(null, Buffer.from(pkg.sha256, 'utf8'), key, signature)) {
		return `De handtekening van het pakket klopt niet met de geregistreerde sleutel van ${naam}.`;
	}
	return null;
}
