/** Password hashing with argon2id at explicit parameters (OWASP minimum: 19 MiB, 2 passes, 1 lane). */
import { hash, verify } from '@node-rs/argon2';
import { isCommonPassword } from './common-passwords';

/** `Algorithm.Argon2id`; the package declares it as a const enum, which isolated modules cannot read. */
const ARGON2ID = 2;

const PARAMETERS = {
	algorithm: ARGON2ID,
	memoryCost: 19456,
	timeCost: 2,
	parallelism: 1,
	outputLen: 32
} as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
	return hash(password, PARAMETERS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** A hash of a random password, verified against when the e-mail is unknown, so both answers take as long. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
	dummy ??= hashPassword(crypto.randomUUID());
	return dummy;
}

/** A Dutch message when a new password does not meet the rules, or null. */
export function passwordProblem(password: string): string | null {
	if (password.length < PASSWORD_MIN_LENGTH) {
		return `Een wachtwoord heeft minstens ${PASSWORD_MIN_LENGTH} tekens.`;
	}
	if (password.length > PASSWORD_MAX_LENGTH) {
		return `Een wachtwoord heeft hoogstens ${PASSWORD_MAX_LENGTH} tekens.`;
	}
	if (isCommonPassword(password)) {
		return 'Dit wachtwoord staat op de lijst van veelgebruikte wachtwoorden; kies een langere zin van eigen woorden.';
	}
	return null;
}
