/** The process's single database instance: opened once from DATABASE_PATH, migrated, reference lists synced. */
import fs from 'node:fs';
import { config } from '../config';
import { syncReference } from '../reference';
import { Database } from './database';

export { Database, type Queryable, type Params, type Param } from './database';
export { DatabaseLockedError, DatabaseUnreadableError } from './errors';

/** Opens a database file ready for use: schema migrated and reference tables current. */
export async function openStore(file: string, options: { create?: boolean } = {}): Promise<Database> {
	const db = await Database.open(file, options);
	try {
		await syncReference(db);
	} catch (error) {
		db.close();
		throw error;
	}
	return db;
}

let opening: Promise<Database> | undefined;

/**
 * The shared database; every caller in this process gets the same instance. The server's database
 * reads files only in the import folder and writes only backups: no query can reach /etc/passwd.
 */
export function getDb(): Promise<Database> {
	opening ??= openStore(config.databasePath).then(async (db) => {
		await fs.promises.mkdir(config.importDir, { recursive: true, mode: 0o700 });
		await db.lockDown([config.importDir, config.backupDir]);
		return db;
	});
	return opening;
}

/** Closes the shared database (at shutdown, or between tests that switch files). */
export async function closeDb(): Promise<void> {
	if (!opening) return;
	const db = await opening.catch(() => undefined);
	opening = undefined;
	db?.close();
}
