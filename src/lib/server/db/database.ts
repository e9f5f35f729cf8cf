/** One DuckDB file behind a small typed query helper: bound parameters only, plain JS rows out. */
import fs from 'node:fs';
import path from 'node:path';
import {
	DuckDBInstance,
	type DuckDBConnection,
	type DuckDBType,
	type DuckDBValue,
	BIGINT,
	DOUBLE,
	LIST,
	VARCHAR,
	listValue
} from '@duckdb/node-api';
import { DatabaseLockedError, DatabaseUnreadableError, isLockError } from './errors';
import { migrate } from './migrate';
import { config } from '../config';

/** A value a query may bind; arrays bind as lists (of VARCHAR unless they hold numbers). */
export type Param = string | number | bigint | boolean | null | readonly string[] | readonly number[];
export type Params = Record<string, Param>;

/** Runs statements on one connection; the same shape inside and outside a transaction. */
export interface Queryable {
	all<T>(sql: string, params?: Params): Promise<T[]>;
	one<T>(sql: string, params?: Params): Promise<T | undefined>;
	run(sql: string, params?: Params): Promise<number>;
}

export function bind(params: Params | undefined): {
	values?: Record<string, DuckDBValue>;
	types?: Record<string, DuckDBType>;
} {
	if (!params) return {};
	const values: Record<string, DuckDBValue> = {};
	const types: Record<string, DuckDBType> = {};
	for (const [name, value] of Object.entries(params)) {
		if (Array.isArray(value)) {
			const numeric = value.length > 0 && typeof value[0] === 'number';
			values[name] = listValue(value as DuckDBValue[]);
			types[name] = LIST(numeric ? (value.every(Number.isInteger) ? BIGINT : DOUBLE) : VARCHAR);
		} else {
			values[name] = value as DuckDBValue;
		}
	}
	return { values, types };
}

/** BIGINT and HUGEINT arrive as bigint: counts and cents fit a JS number, so rows carry numbers. */
function plain(value: unknown): unknown {
	if (typeof value === 'bigint') return Number(value);
	if (value instanceof Date) return value.toISOString();
	if (Array.isArray(value)) return value.map(plain);
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
	}
	return value;
}

/** With PORTAL_SQL_LOG_MS set, statements slower than that many milliseconds are logged to stderr. */
const slowLogMs = Number(process.env.PORTAL_SQL_LOG_MS || 0);

async function timed<T>(sql: string, work: () => Promise<T>): Promise<T> {
	if (!slowLogMs) return work();
	const start = performance.now();
	const result = await work();
	const ms = performance.now() - start;
	if (ms >= slowLogMs) console.error(`[sql ${ms.toFixed(0)} ms] ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
	return result;
}

/** The query helper over one connection (temp tables of an import live on one connection). */
export function queryable(connection: DuckDBConnection): Queryable {
	return {
		async all<T>(sql: string, params?: Params): Promise<T[]> {
			const { values, types } = bind(params);
			const reader = await timed(sql, () => connection.runAndReadAll(sql, values, types));
			return reader.getRowObjectsJS().map((row) => plain(row) as T);
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

export class Database implements Queryable {
	private committed = 0;

	private constructor(
		private readonly instance: DuckDBInstance,
		readonly path: string
	) {}

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
		await db.run("SET GLOBAL TimeZone = 'UTC'");
		await db.run(`SET GLOBAL memory_limit = '${config.duckdbMemoryLimit}'`);
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

	all<T>(sql: string, params?: Params): Promise<T[]> {
		return this.withConnection((q) => q.all<T>(sql, params));
	}

	one<T>(sql: string, params?: Params): Promise<T | undefined> {
		return this.withConnection((q) => q.one<T>(sql, params));
	}

	run(sql: string, params?: Params): Promise<number> {
		return this.withConnection((q) => q.run(sql, params));
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
	 * Counts committed write transactions of this process, the only writer of the file: a figure
	 * cached with the count it was computed at stays valid while the count is the same.
	 */
	get generation(): number {
		return this.committed;
	}

	/** Records a write committed outside `transaction()` (the import commits on its own connection). */
	changed(): void {
		this.committed++;
	}

	/**
	 * Closes the database off for the server: files may be read only below `allowed` (uploads, backups),
	 * no extension loads, and no query can change that again (lock_configuration).
	 */
	async lockDown(allowed: string[]): Promise<void> {
		await this.run(`SET allowed_directories = $dirs`, { dirs: allowed.map((d) => d.replace(/\/?$/, '/')) });
		await this.run('SET enable_external_access = false');
		await this.run('SET lock_configuration = true');
	}

	/** Direct access for bulk work (appenders, file readers) that the helper does not cover. */
	connection<T>(work: (connection: DuckDBConnection, q: Queryable) => Promise<T>): Promise<T> {
		return this.withConnection((q, c) => work(c, q));
	}

	async checkpoint(): Promise<void> {
		await this.run('CHECKPOINT');
	}

	close(): void {
		this.instance.closeSync();
	}
}
