/** Second-factor secrets at rest: AES-256-GCM with a key kept outside the database (SECRET_KEY_PATH), so a backup alone gives no one's second factor. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const FORMAT = 1;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The key file is missing or unusable while the database holds secrets sealed with it. */
export class SecretKeyError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SecretKeyError';
	}
}

const keys = new Map<string, Buffer>();

function readKey(file: string): Buffer {
	const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
	if (key.length !== KEY_BYTES) {
		throw new SecretKeyError(
			`${file} is geen geldige sleutel (32 bytes in base64). Zet het sleutelbestand terug dat bij deze database hoort.`
		);
	}
	return key;
}

/**
 * The key at `file`, read once per process. With `create`, a missing file is made with 32 random bytes
 * and mode 0600; without it, a missing file is an error (the secrets it sealed could not be opened).
 */
export function secretKey(file: string, options: { create: boolean }): Buffer {
	const known = keys.get(file);
	if (known) return known;
	if (!fs.existsSync(file)) {
		if (!options.create) {
			throw new SecretKeyError(
				`Het sleutelbestand ${file} (SECRET_KEY_PATH) ontbreekt, maar de database bevat tweede factoren die ermee versleuteld zijn. Zet het bestand terug dat bij deze database hoort (het hoort bij elke back-up apart bewaard te worden), of herstel de tweede factor van elke gebruiker met "npm run cli -- user reset-2fa".`
			);
		}
		fs.mkdirSync(path.dirname(file), { recursive: true });
		try {
			// 'wx': of two processes creating it at once, one writes and the other reads what it wrote.
			fs.writeFileSync(file, crypto.randomBytes(KEY_BYTES).toString('base64') + '\n', {
				mode: 0o600,
				flag: 'wx'
			});
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
	}
	const key = readKey(file);
	keys.set(file, key);
	return key;
}

/** Whether a stored value is sealed by `seal` (a version byte, nonce, ciphertext of a 20-byte key, tag), not a plain key. */
export function isSealed(stored: Uint8Array, plainLength = 20): boolean {
	return stored.length === 1 + IV_BYTES + plainLength + TAG_BYTES && stored[0] === FORMAT;
}

/** Encrypts `plain`, bound to `context` (the row it belongs to), so a sealed value moved to another row does not open. */
export function seal(key: Buffer, plain: Uint8Array, context: string): Uint8Array {
	const iv = crypto.randomBytes(IV_BYTES);
	const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
	cipher.setAAD(Buffer.from(context, 'utf8'));
	const body = Buffer.concat([cipher.update(plain), cipher.final()]);
	return new Uint8Array(Buffer.concat([Buffer.from([FORMAT]), iv, body, cipher.getAuthTag()]));
}

/** Decrypts what `seal` made for the same context; throws when the key, the context or a byte differs. */
export function unseal(key: Buffer, sealed: Uint8Array, context: string): Uint8Array {
	if (sealed[0] !== FORMAT || sealed.length < 1 + IV_BYTES + TAG_BYTES) {
		throw new SecretKeyError('Onbekend formaat van een versleuteld geheim.');
	}
	const bytes = Buffer.from(sealed);
	const iv = bytes.subarray(1, 1 + IV_BYTES);
	const tag = bytes.subarray(bytes.length - TAG_BYTES);
	const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
	decipher.setAAD(Buffer.from(context, 'utf8'));
	decipher.setAuthTag(tag);
	return new Uint8Array(
		Buffer.concat([decipher.update(bytes.subarray(1 + IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()])
	);
}
