/** Ed25519 signatures of national packages (version 2) and of the national agenda file: the signature is over the UTF-8 bytes of the document's sha256 hex string, made with the installation's key and checked against a registered key. */
import crypto, { type KeyObject } from 'node:crypto';
import type { KeyPair } from './installation-key';
import { packageHash, PACKAGE_VERSION, type NationalPackage, type PackageSignature } from './package';

export const SIGNATURE_ALG = 'Ed25519' as const;

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

/** A document that carries a seal and a signature. */
export interface Sealed {
	sha256: string;
	signature: PackageSignature;
}

/**
 * The document sealed and signed with `pair`: `sha256` over the document with both `sha256` and
 * `signature` empty, and the signature over that hex string. Keys stay in document order.
 */
export function sealAndSign<T extends Sealed>(doc: T, pair: KeyPair): T {
	const blank: T = { ...doc, sha256: '', signature: { alg: SIGNATURE_ALG, key: pair.publicKey, value: '' } };
	const sha256 = packageHash(blank);
	const value = crypto.sign(null, Buffer.from(sha256, 'utf8'), pair.privateKey).toString('base64');
	return { ...blank, sha256, signature: { alg: SIGNATURE_ALG, key: pair.publicKey, value } };
}

/** Whether the seal holds: `sha256` is the hash of the document with `sha256` and `signature` empty. */
export function sealHolds(doc: Sealed): boolean {
	return typeof doc.sha256 === 'string' && packageHash(doc) === doc.sha256;
}

/**
 * Whether `signature` is a signature over `sha256` by `publicKey` (base64 of 32 bytes). Only the one
 * canonical base64 writing of 64 bytes counts: node's decoder skips what is not base64.
 */
export function signatureHolds(sha256: string, signature: PackageSignature, publicKey: string): boolean {
	const key = parsePublicKey(publicKey);
	const bytes = Buffer.from(signature.value, 'base64');
	const canonical = bytes.length === SIGNATURE_BYTES && bytes.toString('base64') === signature.value;
	return (
		key !== null &&
		canonical &&
		signature.alg === SIGNATURE_ALG &&
		crypto.verify(null, Buffer.from(sha256, 'utf8'), key, bytes)
	);
}

/** The package as version 2, sealed and signed with `pair` (see `sealAndSign`). */
export function signPackage(pkg: NationalPackage, pair: KeyPair): NationalPackage {
	const { gemeente, from, to, tables, figures, kwestieStatus } = pkg;
	const doc: NationalPackage & Sealed = {
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
	return sealAndSign(doc, pair);
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
	if (!signatureHolds(pkg.sha256, pkg.signature, registered)) {
		return `De handtekening van het pakket klopt niet met de geregistreerde sleutel van ${naam}.`;
	}
	return null;
}
