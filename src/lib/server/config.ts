/** Settings read from the environment once, with the defaults of the interfaces document. */
import os from 'node:os';
import path from 'node:path';

function positiveNumber(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value <= 0) {
		throw new Error(`${name} moet een positief getal zijn, niet "${raw}".`);
	}
	return value;
}

/** Single sign-on with the municipality's identity provider (OpenID Connect); null when OIDC_* is unset. */
export interface OidcSettings {
	issuer: URL;
	clientId: string;
	clientSecret: string;
	/** How long a portal session started through the identity provider lasts at most. */
	sessionHours: number;
	/** The ID token claim that lists the user's groups. */
	groupsClaim: string;
}

/** Hosts where the identity provider may be spoken to over plain HTTP (a test or a developer's machine). */
export function isLoopback(url: URL): boolean {
	return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

function oidcSettings(): OidcSettings | null {
	const issuer = process.env.OIDC_ISSUER?.trim() ?? '';
	const clientId = process.env.OIDC_CLIENT_ID?.trim() ?? '';
	const clientSecret = process.env.OIDC_CLIENT_SECRET ?? '';
	if (!issuer && !clientId && !clientSecret) return null;
	if (!issuer || !clientId || !clientSecret) {
		throw new Error(
			'Inloggen via de identiteitsprovider vraagt OIDC_ISSUER, OIDC_CLIENT_ID en OIDC_CLIENT_SECRET alle drie; zet ze samen of laat ze alle drie leeg.'
		);
	}
	let url: URL;
	try {
		url = new URL(issuer);
	} catch {
		throw new Error(`OIDC_ISSUER is geen adres: "${issuer}".`);
	}
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url))) {
		throw new Error(`OIDC_ISSUER begint met https:// (http:// alleen op localhost), niet "${issuer}".`);
	}
	const groupsClaim = process.env.OIDC_GROUPS_CLAIM?.trim() || 'groups';
	return {
		issuer: url,
		clientId,
		clientSecret,
		sessionHours: positiveNumber('OIDC_SESSION_HOURS', 8),
		groupsClaim
	};
}

export const config = {
	/** The DuckDB file; relative paths are taken from the working directory. */
	get databasePath(): string {
		return path.resolve(process.env.DATABASE_PATH || 'data/portal.duckdb');
	},
	/** Where the copied vocabularies and municipality lists live. */
	get referenceDir(): string {
		return path.resolve(process.env.REFERENCE_DIR || 'data');
	},
	/** Absolute lifetime of a session. */
	get sessionTtlDays(): number {
		return positiveNumber('SESSION_TTL_DAYS', 14);
	},
	/** A session unused this long ends. */
	get sessionIdleMinutes(): number {
		return positiveNumber('SESSION_IDLE_MINUTES', 120);
	},
	get backupDir(): string {
		return path.resolve(process.env.BACKUP_DIR || 'data/backups');
	},
	/** DuckDB's buffer limit; it spills to disk beyond it, keeping a million-case import under 2 GB. */
	get duckdbMemoryLimit(): string {
		const value = process.env.DUCKDB_MEMORY_LIMIT || '1GB';
		if (!/^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i.test(value)) {
			throw new Error(`DUCKDB_MEMORY_LIMIT is een grootte zoals 1GB of 512MB, niet "${value}".`);
		}
		return value;
	},
	/** The most an XLSX upload may unpack to, in megabytes: a zip is checked before it is read. */
	get xlsxMaxUncompressedMb(): number {
		return positiveNumber('XLSX_MAX_UNCOMPRESSED_MB', 2048);
	},
	/** How many backups the server keeps in BACKUP_DIR. */
	get backupKeep(): number {
		return positiveNumber('BACKUP_KEEP', 14);
	},
	/** Hours between the server's own backups; 0 turns them off. */
	get backupIntervalHours(): number {
		const raw = process.env.BACKUP_INTERVAL_HOURS;
		return raw === '0' ? 0 : positiveNumber('BACKUP_INTERVAL_HOURS', 24);
	},
	/**
	 * Where uploads and rewritten files wait for the import; the server's database may read files
	 * here (and write backups to BACKUP_DIR) and nowhere else.
	 */
	get importDir(): string {
		return path.resolve(process.env.IMPORT_DIR || path.join(os.tmpdir(), 'systeemleren-import'));
	},
	/** The installation's Ed25519 key pair for signing national packages; never in the database or a backup. */
	get packageKeyPath(): string {
		return path.resolve(process.env.PACKAGE_KEY_PATH || 'data/package-key.pem');
	},
	/** The AES-256 key that encrypts second-factor secrets at rest; never in the database or a backup. */
	get secretKeyPath(): string {
		return path.resolve(process.env.SECRET_KEY_PATH || 'data/secret-key');
	},
	/** Single sign-on (OpenID Connect), or null for local accounts only; throws on a half or wrong setting. */
	get oidc(): OidcSettings | null {
		return oidcSettings();
	},
	/** Demo mode shows the fictional-data banner and lets demo accounts skip the second factor. */
	get demoMode(): boolean {
		return process.env.DEMO_MODE === '1' || process.env.DEMO_MODE === 'true';
	}
};
