/** Applies the numbered migrations that a database file has not seen yet, each in its own transaction. */
import type { Database } from './database';
import { migrations } from './migrations';

export async function migrate(db: Database): Promise<number> {
	await db.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)`);
	const done = await db.all<{ version: number }>('SELECT version FROM schema_migrations');
	const applied = new Set(done.map((row) => row.version));
	let count = 0;
	for (const migration of migrations) {
		if (applied.has(migration.version)) continue;
		await db.transaction(async (tx) => {
			await tx.run(migration.sql);
			await tx.run('INSERT INTO schema_migrations (version, name) VALUES ($version, $name)', {
				version: migration.version,
				name: migration.name
			});
		});
		// DuckDB cannot replay an ALTER TABLE ... ADD COLUMN on a table with a DEFAULT expression from its
		// write-ahead log: a server stopped hard before the next checkpoint would leave a file that no longer
		// opens. Written into the file now, each migration is out of the log.
		await db.checkpoint();
		count++;
	}
	return count;
}

/** The highest migration applied, recorded in backups so a restore knows what it holds. */
export async function schemaVersion(db: Database): Promise<number> {
	const row = await db.one<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
	return row?.v ?? 0;
}
