/** Statements as the database helper runs them: parameters bound as DuckDB values, rows made plain, slow ones logged. */
import {
	type DuckDBMaterializedResult,
	type DuckDBType,
	type DuckDBValue,
	type JS,
	BIGINT,
	DOUBLE,
	JSDuckDBValueConverter,
	LIST,
	VARCHAR,
	listValue
} from '@duckdb/node-api';

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

/**
 * The rows of a materialized result as JS values. Its chunks are read where they lie: a result
 * reader would fetch each one through the thread pool and back, two extra round trips for the
 * one-row answers most statements give.
 */
export function rowsOf(result: DuckDBMaterializedResult): Record<string, JS>[] {
	const names = result.deduplicatedColumnNames();
	const rows: Record<string, JS>[] = [];
	for (let c = 0, chunks = result.chunkCount; c < chunks; c++) {
		const chunk = result.getChunk(c);
		for (let r = 0, count = chunk.rowCount; r < count; r++) {
			const row: Record<string, JS> = {};
			chunk.visitRowValues(r, (value, _row, column, type) => {
				row[names[column]] = JSDuckDBValueConverter(value, type, JSDuckDBValueConverter);
			});
			rows.push(row);
		}
	}
	return rows;
}

/** BIGINT and HUGEINT arrive as bigint: counts and cents fit a JS number, so rows carry numbers. */
export function plain(value: unknown): unknown {
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

export async function timed<T>(sql: string, work: () => Promise<T>): Promise<T> {
	if (!slowLogMs) return work();
	const start = performance.now();
	const result = await work();
	const ms = performance.now() - start;
	if (ms >= slowLogMs) console.error(`[sql ${ms.toFixed(0)} ms] ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
	return result;
}
