/** Consistent backups of the whole database (Parquet of every table plus the schema and its version) and restoring one. */
import fs from 'node:fs';
import path from 'node:path';
import { Database } from './db/database';
import { schemaVersion } from './db/migrate';
import { DatabaseLockedError } from './db/errors';
import { audit } from './audit';

/** Folder name prefix of the scheduled backups (and the CLI's); BACKUP_KEEP counts only these. */
export const BACKUP_PREFIX = 'backup-';
/** Folder name prefix of backups a beheerder starts on the beheer page, kept apart (manual-backup.ts). */
export const MANUAL_PREFIX = 'handmatig-';
const META = 'portal-backup.json';

export interface BackupMeta {
	/** The schema version (highest migration) the backup holds. */
	schemaVersion: number;
	/** UTC time the backup was made. */
	madeAt: string;
	/** Rows per table, to check a restore against. */
	tables: Record<string, number>;
}

async function tableCounts(db: Database): Promise<Record<string, number>> {
	const tables = await db.all<{ name: string }>(
		`SELECT table_name AS name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary ORDER BY name`
	);
	const counts: Record<string, number> = {};
	for (const { name } of tables) {
		const row = await db.one<{ n: number }>(
			`SELECT count(*)::BIGINT AS n FROM "${name.replace(/"/g, '""')}"`
		);
		counts[name] = Number(row!.n);
	}
	return counts;
}

/** `20261123T100000Z`: a time as a backup folder names it. */
export function backupStamp(time: Date): string {
	return time
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d+Z$/, 'Z');
}

/** The time a backup folder name (`<prefix><stamp>`) carries; null for another name. */
export function backupTime(name: string, prefix: string): Date | null {
	if (!name.startsWith(prefix)) return null;
	const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(name.slice(prefix.length));
	return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : null;
}

/**
 * Writes `<dir>/<prefix><UTC time>/` (prefix `backup-` unless given): after a checkpoint, DuckDB's EXPORT DATABASE (schema.sql, load.sql
 * and one Parquet file per table, sequences at their current value) and portal-backup.json.
 */
export async function backupDatabase(
	db: Database,
	dir: string,
	now = new Date(),
	prefix = BACKUP_PREFIX
): Promise<{ path: string; meta: BackupMeta }> {
	await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
	const target = path.join(dir, `${prefix}${backupStamp(now)}`);
	if (fs.existsSync(target)) throw new Error(`De back-upmap ${target} bestaat al.`);
	await db.checkpoint();
	const meta: BackupMeta = {
		schemaVersion: await schemaVersion(db),
		madeAt: now.toISOString(),
		tables: await tableCounts(db)
	};
	const partial = `${target}.deels`;
	await db.run(`EXPORT DATABASE '${partial.replace(/'/g, "''")}' (FORMAT parquet)`);
	await fs.promises.writeFile(path.join(partial, META), JSON.stringify(meta, null, 2));
	// Only a finished backup carries the final name, so a crash mid-way never leaves one that looks whole.
	await fs.promises.rename(partial, target);
	return { path: target, meta };
}

/**
 * Keeps the newest `keep` backups of one kind (by folder prefix, `backup-` unless given) in `dir`, removing older
 * ones of that kind and its unfinished ones; backups of another kind are never touched.
 */
export async function pruneBackups(dir: string, keep: number, prefix = BACKUP_PREFIX): Promise<string[]> {
	if (!fs.existsSync(dir)) return [];
	const entries = (await fs.promises.readdir(dir)).filter((name) => name.startsWith(prefix)).sort();
	const unfinished = entries.filter((name) => name.endsWith('.deels'));
	const finished = entries.filter((name) => !name.endsWith('.deels'));
	const removed = [...unfinished, ...finished.slice(0, Math.max(0, finished.length - keep))];
	for (const name of removed) await fs.promises.rm(path.join(dir, name), { recursive: true, force: true });
	return removed;
}

/** A finished backup in BACKUP_DIR: made by the server (or the CLI) on schedule, or by a beheerder on the beheer page. */
export interface BackupEntry {
	name: string;
	kind: 'gepland' | 'handmatig';
	madeAt: Date;
}

/** The finished backups in `dir`, the newest first; none where the folder does not exist yet. Reads only. */
export async function listBackups(dir: string): Promise<BackupEntry[]> {
	if (!fs.existsSync(dir)) return [];
	const entries: BackupEntry[] = [];
	for (const name of await fs.promises.readdir(dir)) {
		const scheduled = backupTime(name, BACKUP_PREFIX);
		const manual = backupTime(name, MANUAL_PREFIX);
		if (scheduled) entries.push({ name, kind: 'gepland', madeAt: scheduled });
		else if (manual) entries.push({ name, kind: 'handmatig', madeAt: manual });
	}
	return entries.sort((a, b) => b.madeAt.getTime() - a.madeAt.getTime());
}

export async function readBackupMeta(dir: string): Promise<BackupMeta> {
	const file = path.join(dir, META);
	if (!fs.existsSync(file) || !fs.existsSync(path.join(dir, 'schema.sql'))) {
		throw new Error(`${dir} is geen back-up van de portal (portal-backup.json of schema.sql ontbreekt).`);
	}
	return JSON.parse(await fs.promises.readFile(file, 'utf8')) as BackupMeta;
}

/**
 * Restores a backup into `file`. An existing database there is kept aside as `<file>.voor-herstel-<time>`;
 * the restored tables are counted against the backup's own counts before the new file takes its place.
 */
export async function restoreDatabase(
	backup: string,
	file: string,
	now = new Date()
): Promise<{ meta: BackupMeta; keptAside: string | null }> {
	const meta = await readBackupMeta(backup);
	const fresh = `${file}.herstel`;
	for (const f of [fresh, `${fresh}.wal`]) fs.rmSync(f, { force: true });
	// Refuse while the server holds the file: opening it for writing fails then.
	if (fs.existsSync(file)) {
		try {
			(await Database.open(file, { create: false, migrate: false })).close();
		} catch (error) {
			if (error instanceof DatabaseLockedError) throw error;
		}
	}
	const db = await Database.open(fresh, { migrate: false });
	try {
		await db.run(`IMPORT DATABASE '${backup.replace(/'/g, "''")}'`);
		const counts = await tableCounts(db);
		for (const [table, rows] of Object.entries(meta.tables)) {
			if (counts[table] !== rows)
				throw new Error(`Tabel ${table} heeft na herstel ${counts[table] ?? 0} rijen, de back-up ${rows}.`);
		}
		await db.checkpoint();
	} finally {
		db.close();
	}
	let keptAside: string | null = null;
	if (fs.existsSync(file)) {
		keptAside = `${file}.voor-herstel-${backupStamp(now)}`;
		await fs.promises.rename(file, keptAside);
		if (fs.existsSync(`${file}.wal`)) await fs.promises.rename(`${file}.wal`, `${keptAside}.wal`);
	}
	await fs.promises.rename(fresh, file);
	return { meta, keptAside };
}

/** The server's scheduled backup: written to BACKUP_DIR, old scheduled ones pruned (BACKUP_KEEP), and the act logged. */
export async function serverBackup(db: Database, actor: string, dir: string, keep: number): Promise<string> {
	const { path: written } = await backupDatabase(db, dir);
	await pruneBackups(dir, keep);
	await audit(db, { actor, action: 'back-up maken', object: path.basename(written), result: 'ok' });
	return written;
}
