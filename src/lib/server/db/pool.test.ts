/** Pooled connections and their prepared statements give the same answers as a fresh connection would. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from './database';
import { ConnectionPool } from './pool';

let dir: string;
let db: Database;

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pool-'));
	db = await Database.open(path.join(dir, 'portal.duckdb'));
	await db.run('CREATE TABLE t (id INTEGER, naam VARCHAR)');
	await db.run("INSERT INTO t VALUES (1, 'een'), (2, 'twee')");
});

afterAll(() => {
	db?.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

const byId = 'SELECT naam FROM t WHERE id = $id';

describe('the connection pool', () => {
	it('lends the same connection again once a statement is done', async () => {
		const instance = await DuckDBInstance.create(':memory:');
		const pool = new ConnectionPool(instance, 2);
		const first = await pool.use(async (c) => c);
		const second = await pool.use(async (c) => c);
		expect(second).toBe(first);
		const [a, b, c] = await Promise.all([1, 2, 3].map(() => pool.use(async (x) => x)));
		expect(new Set([a, b, c]).size).toBe(3);
		pool.close();
		instance.closeSync();
	});

	it('binds each call anew: a repeated statement answers for its own parameters', async () => {
		expect(await db.one(byId, { id: 1 })).toEqual({ naam: 'een' });
		expect(await db.one(byId, { id: 2 })).toEqual({ naam: 'twee' });
		expect(await db.one(byId, { id: 3 })).toBeUndefined();
	});

	it('fails on a parameter left out instead of reusing the one bound before', async () => {
		expect(await db.one('SELECT $a::INTEGER + $b::INTEGER AS n', { a: 1, b: 2 })).toEqual({ n: 3 });
		await expect(db.one('SELECT $a::INTEGER + $b::INTEGER AS n', { a: 1 })).rejects.toThrow(/b/);
	});

	it('sees every committed write, also of a transaction on another connection', async () => {
		await db.run('INSERT INTO t VALUES ($id, $naam)', { id: 3, naam: 'drie' });
		expect(await db.one(byId, { id: 3 })).toEqual({ naam: 'drie' });
		await db.transaction((tx) => tx.run("UPDATE t SET naam = 'DRIE' WHERE id = 3"));
		expect(await db.one(byId, { id: 3 })).toEqual({ naam: 'DRIE' });
	});

	it('reads a table replaced after its statement was prepared, as an import replaces one', async () => {
		expect(await db.all('SELECT * FROM t WHERE id <= $max ORDER BY id', { max: 1 })).toEqual([
			{ id: 1, naam: 'een' }
		]);
		await db.transaction(async (tx) => {
			await tx.run('DROP TABLE t');
			await tx.run("CREATE TABLE t AS SELECT 1 AS id, 'nieuw' AS naam, 7 AS extra");
		});
		expect(await db.all('SELECT * FROM t WHERE id <= $max ORDER BY id', { max: 1 })).toEqual([
			{ id: 1, naam: 'nieuw', extra: 7 }
		]);
		expect(await db.one(byId, { id: 1 })).toEqual({ naam: 'nieuw' });
	});

	it('runs text of several statements, and keeps working after a statement fails', async () => {
		expect(
			await db.all("UPDATE t SET naam = 'één' WHERE id = 1; SELECT naam || $m AS naam FROM t", { m: '!' })
		).toEqual([{ naam: 'één!' }]);
		await expect(db.all('SELECT * FROM bestaat_niet WHERE id = $id', { id: 1 })).rejects.toThrow(
			/bestaat_niet/
		);
		expect(await db.one(byId, { id: 1 })).toEqual({ naam: 'één' });
	});
});
