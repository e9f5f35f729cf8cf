/** One DuckDB file behind a small typed query helper: bound parameters only, plain JS rows out. */
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DatabaseLockedError, DatabaseUnreadableError, isLockError } from './errors';
import { migrate } from './migrate';
import { ConnectionPool } from './pool';
import { bind, plain, rowsOf, timed, type Params, type Queryable } from './statements';
import { config } from '../config';

export { bind, type Param, type Params, type Queryable } from './statements';

/** The query helper over one connection (temp tables of an import live on one connection). */
export function queryable(connection: DuckDBConnection): Queryable {
	return {
		async all<T>(sql: string, params?: Params): Promise<T[]> {
			const { values, types } = bind(params);
			const result = await timed(sql, () => connection.run(sql, values, types));
			return rowsOf(result).map((row) => plain(row) as T);
		},
		async one<T>(sql: string, params?: Params): Promise<T | undefined> {
			return (await this.all<T>(sql, params))[0];
		},
		async run(sql: string, params?: Params): Promise<number> {
			const { values, types } = bind(params);
			const result = await timed(sql, () => connection.run(sql, values, types));
			return Number(result.rowsChanged);
		}
	};
}

/** A bookkeeping write (`Database.writeBookkeeping`) on the database, or part of a transaction's work. */
export function writeBookkeeping(q: Queryable, sql: string, params?: Params): Promise<number> {
	return q instanceof Database ? q.writeBookkeeping(sql, params) : q.run(sql, params);
}

export class Database implements Queryable {
	private committed = 0;
	private readonly commitListeners = new Set<() => void>();
	private readonly pool: ConnectionPool;

	private constructor(
		private readonly instance: DuckDBInstance,
		readonly path: string
	) {
		this.pool = new ConnectionPool(instance);
	}

	/** Opens (or creates) the file and applies pending migrations (unless `migrate: false`, for a restore). */
	static async open(file: string, options: { create?: boolean; migrate?: boolean } = {}): Promise<Database> {
		const memory = file === ':memory:';
		if (!memory) {
			const exists = fs.existsSync(file);
			if (!exists && options.create === false) {
				throw new DatabaseUnreadableError(file, new Error('het bestand bestaat niet'));
			}
			fs.mkdirSync(path.dirname(file), { recursive: true });
		}
		let instance: DuckDBInstance;
		try {
			instance = await DuckDBInstance.create(file);
		} catch (error) {
			if (isLockError(error)) throw new DatabaseLockedError(file);
			throw new DatabaseUnreadableError(file, error);
		}
		const db = new Database(instance, file);
		// Stored times are UTC whatever the server's zone; pages show them in Europe/Amsterdam.
		await db.writeBookkeeping("SET GLOBAL TimeZone = 'UTC'");
		await db.writeBookkeeping(`SET GLOBAL memory_limit = '${config.duckdbMemoryLimit}'`);
		if (options.migrate !== false) await migrate(db);
		return db;
	}

	/** A fresh connection for one unit of work; DuckDB connections are cheap (about 0.1 ms). */
	private async withConnection<T>(work: (q: Queryable, c: DuckDBConnection) => Promise<T>): Promise<T> {
		const connection = await this.instance.connect();
		try {
			return await work(queryable(connection), connection);
		} finally {
			connection.closeSync();
		}
	}

	/**
	 * A single statement in autocommit mode, on a pooled connection that keeps it prepared for the
	 * next call. Temporary tables and macros belong on a connection of their own (`connection()`).
	 */
	async all<T>(sql: string, params?: Params): Promise<T[]> {
		const rows = await timed(sql, () => this.pool.use((c) => c.rows(sql, params)));
		return rows.map((row) => plain(row) as T);
	}

	async one<T>(sql: string, params?: Params): Promise<T | undefined> {
		return (await this.all<T>(sql, params))[0];
	}

	/**
	 * A statement that changes no data (CHECKPOINT, EXPORT DATABASE) or belongs to a test's setup: data
	 * is written inside `transaction()`, with `write` or with `writeBookkeeping`, so that no kept answer
	 * outlives what it read.
	 */
	run(sql: string, params?: Params): Promise<number> {
		return timed(sql, () => this.pool.use((c) => c.run(sql, params)));
	}

	/**
	 * One statement that changes data, in autocommit mode: it counts as a committed write, so kept
	 * answers are recomputed after it, as after a transaction.
	 */
	async write(sql: string, params?: Params): Promise<number> {
		const rows = await this.run(sql, params);
		this.changed();
		return rows;
	}

	/**
	 * One statement in autocommit mode that writes only what no kept answer reads (sessions, API
	 * tokens, the audit log, second-factor state, sign-in times) or sets a setting: kept answers stay,
	 * as these run on every sign-in and many requests.
	 */
	writeBookkeeping(sql: string, params?: Params): Promise<number> {
		return this.run(sql, params);
	}

	/** Runs `work` in one transaction: everything it wrote is kept, or nothing is. */
	transaction<T>(work: (tx: Queryable, connection: DuckDBConnection) => Promise<T>): Promise<T> {
		return this.withConnection(async (q, connection) => {
			await q.run('BEGIN TRANSACTION');
			try {
				const result = await work(q, connection);
				await q.run('COMMIT');
				this.changed();
				return result;
			} catch (error) {
				await q.run('ROLLBACK').catch(() => undefined);
				throw error;
			}
		});
	}

	/**
	 * Counts committed writes of this process (transactions, `write`, imports), the only writer of the
	 * file: a figure cached with the count it was computed at stays valid while the count is the same.
	 */
	get generation(): number {
		return this.committed;
	}

	/** Records a write committed outside `transaction()` (the import commits on its own connection). */
	changed(): void {
		this.committed++;
		for (const listener of this.commitListeners) listener();
	}

	/** Calls `listener` after every committed write transaction; the answer stops it. */
	onCommit(listener: () => void): () => void {
		this.commitListeners.add(listener);
		return () => this.commitListeners.delete(listener);
	}

	/**
	 * Closes the database off for the server: files may be read only below `allowed` (uploads, backups),
	 * no extension loads, and no query can change that again (lock_configuration).
	 */
	async lockDown(allowed: string[]): Promise<void> {
		const dirs = allowed.map((d) => d.replace(/\/?$/, '/'));
		await this.writeBookkeeping(`SET allowed_directories = $dirs`, { dirs });
		await this.writeBookkeeping('SET enable_external_access = false');
		await this.writeBookkeeping('SET lock_configuration = true');
	}

	/** Direct access for bulk work (appenders, file readers) that the helper does not cover. */
	connection<T>(work: (connection: DuckDBConnection, q: Queryable) => Promise<T>): Promise<T> {
		return this.withConnection((q, c) => work(c, q));
	}

	async checkpoint(): Promise<void> {
		await this.run('CHECKPOINT');
	}

	close(): void {
		this.pool.close();
		this.instance.closeSync();
	}
}
