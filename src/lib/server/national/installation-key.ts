/** The installation's Ed25519 key pair for signing national packages: a PEM file at PACKAGE_KEY_PATH (mode 0600), made on first use, never in the database or a backup. */
import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../config';
import { publicKeyText } from './signing';

export interface KeyPair {
	privateKey: KeyObject;
	/** Base64 of the raw 32 bytes, as packages and `aggregate key` give it. */
	publicKey: string;
}

/** The key file cannot be read as an Ed25519 private key. */
export class PackageKeyError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PackageKeyError';
	}
}

function readKeyPair(file: string): KeyPair {
	let privateKey: KeyObject;
	try {
		privateKey = crypto.createPrivateKey(fs.readFileSync(file, 'utf8'));
	} catch (error) {
		throw new PackageKeyError(
			`Het sleutelbestand ${file} (PACKAGE_KEY_PATH) is niet te lezen als sleutel: ${(error as Error).message}`
		);
	}
	if (privateKey.asymmetricKeyType !== 'ed25519') {
		throw new PackageKeyError(`Het sleutelbestand ${file} (PACKAGE_KEY_PATH) bevat geen Ed25519-sleutel.`);
	}
	return { privateKey, publicKey: publicKeyText(crypto.createPublicKey(privateKey)) };
}

/**
 * The key pair at `file`, made when it is missing: written to a temporary file of mode 0600 and linked
 * into place, so that of two processes making it at once one wins and neither reads a half-written file.
 */
export function loadOrCreateKeyPair(file: string): KeyPair {
	if (!fs.existsSync(file)) {
		fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
		const { privateKey } = crypto.generateKeyPairSync('ed25519');
		const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
		const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
		fs.writeFileSync(temporary, pem, { mode: 0o600, flag: 'wx' });
		try {
			fs.linkSync(temporary, file);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		} finally {
			fs.rmSync(temporary, { force: true });
		}
	}
	return readKeyPair(file);
}

const pairs = new Map<string, KeyPair>();

/** This installation's key pair (PACKAGE_KEY_PATH), made on first use and read once per process. */
export function installationKey(): KeyPair {
	const file = config.packageKeyPath;
	const known = pairs.get(file);
	if (known) return known;
	const pair = loadOrCreateKeyPair(file);
	pairs.set(file, pair);
	return pair;
}

/** This installation's public key, or null while it has none yet: for pages, which make nothing on a GET. */
export function installationPublicKey(): string | null {
	const file = config.packageKeyPath;
	const known = pairs.get(file);
	if (known) return known.publicKey;
	return fs.existsSync(file) ? installationKey().publicKey : null;
}
