/** Secrets of the form `<id>.<secret>` (sessions and API tokens): only the secret's SHA-256 is stored. */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

const encoder = new TextEncoder();

/** 120 random bits, base32: an id or half a secret. */
export function randomPart(): string {
	const bytes = new Uint8Array(15);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** Hex SHA-256 of a secret, as stored. */
export function hashSecret(secret: string): string {
	return encodeHexLowerCase(sha256(encoder.encode(secret)));
}

/** A new token: the id to find its row, the hash to store, and the whole to hand out once. */
export function newToken(prefix = ''): { id: string; token: string; secretHash: string } {
	const id = prefix + randomPart();
	const secret = randomPart() + randomPart();
	return { id, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

export function splitToken(token: string): { id: string; secret: string } | null {
	if (token.length > 200) return null;
	const parts = token.split('.');
	if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
	return { id: parts[0], secret: parts[1] };
}

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
	const presented = encoder.encode(hashSecret(secret));
	const stored = encoder.encode(storedHash);
	return presented.length === stored.length && constantTimeEqual(presented, stored);
}
