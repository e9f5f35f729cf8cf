/** Connections kept open between single statements, each holding its prepared statements by SQL text. */
import type {
	DuckDBConnection,
	DuckDBInstance,
	DuckDBMaterializedResult,
	DuckDBPreparedStatement,
	JS
} from '@duckdb/node-api';
import { bind, rowsOf, type Params } from './statements';

/**
 * One open connection and the statements prepared on it. Every page view asks the same few
 * statements (the session and its user first): opening a connection and parsing and planning the
 * statement again each time cost the server about a third of a millisecond per statement, on the
 * thread that renders pages. A prepared statement stays valid when a table it reads is replaced,
 * as an import does: DuckDB binds it again.
 */
class PooledConnection {
	/** By SQL text; null when the text holds several statements, which are run as before. */
	private readonly statements = new Map<string, DuckDBPreparedStatement | null>();

	constructor(
		readonly connection: DuckDBConnection,
		private readonly keep: number
	) {}

	private async statement(sql: string): Promise<DuckDBPreparedStatement | null> {
		const known = this.statements.get(sql);
		if (known !== undefined) {
			// Most recently used last, so the first entry is the one to drop.
			this.statements.delete(sql);
			this.statements.set(sql, known);
			return known;
		}
		const extracted = await this.connection.extractStatements(sql);
		const statement = extracted.count === 1 ? await extracted.prepare(0) : null;
		this.statements.set(sql, statement);
		if (this.statements.size > this.keep) {
			const [oldest, dropped] = this.statements.entries().next().value!;
			this.statements.delete(oldest);
			dropped?.destroySync();
		}
		return statement;
	}

	/** Runs `sql` with `params`; statements without parameters are not prepared. */
	private async result(sql: string, params: Params | undefined): Promise<DuckDBMaterializedResult> {
		const { values, types } = bind(params);
		const statement = values ? await this.statement(sql) : null;
		if (!statement) return this.connection.run(sql, values, types);
		// Cleared first, so a parameter left out fails as it would on a fresh statement.
		statement.clearBindings();
		statement.bind(values!, types);
		return statement.run();
	}

	/** Every row of `sql`, as JS values. */
	async rows(sql: string, params: Params | undefined): Promise<Record<string, JS>[]> {
		return rowsOf(await this.result(sql, params));
	}

	/** How many rows `sql` changed. */
	async run(sql: string, params: Params | undefined): Promise<number> {
		return Number((await this.result(sql, params)).rowsChanged);
	}

	close(): void {
		this.statements.clear();
		// Destroys the statements prepared on it as well.
		this.connection.closeSync();
	}
}

export type { PooledConnection };

/**
 * Lends connections to single statements in autocommit mode and takes them back. Transactions and
 * imports keep using a fresh connection of their own: temporary tables and an open transaction never
 * reach a pooled connection, and the only settings the server changes are global ones.
 */
export class ConnectionPool {
	private readonly idle: PooledConnection[] = [];
	private closed = false;

	constructor(
		private readonly instance: DuckDBInstance,
		/** Idle connections kept; more may be open at once while statements run. */
		private readonly size = 8,
		/** Prepared statements kept per connection. */
		private readonly statementsPerConnection = 64
	) {}

	async use<T>(work: (connection: PooledConnection) => Promise<T>): Promise<T> {
		const connection =
			this.idle.pop() ?? new PooledConnection(await this.instance.connect(), this.statementsPerConnection);
		let result: T;
		try {
			result = await work(connection);
		} catch (error) {
			// A failed statement may leave its connection in any state: it is not lent again.
			connection.close();
			throw error;
		}
		if (this.closed || this.idle.length >= this.size) connection.close();
		else this.idle.push(connection);
		return result;
	}

	/** Closes the idle connections; connections in use close when their statement ends. */
	close(): void {
		this.closed = true;
		for (const connection of this.idle.splice(0)) connection.close();
	}
}
