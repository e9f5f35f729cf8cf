/** The server's database reads files in its import folder only, and no query can lift that. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from './database';

let dir: string;
let db: Database;

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockdown-'));
	fs.mkdirSync(path.join(dir, 'import'));
	fs.writeFileSync(path.join(dir, 'import', 'ok.csv'), 'a;b\n1;2\n');
	fs.writeFileSync(path.join(dir, 'elders.csv'), 'geheim\n42\n');
	db = await Database.open(path.join(dir, 'portal.duckdb'));
	await db.lockDown([path.join(dir, 'import'), path.join(dir, 'backups')]);
});

afterAll(() => {
	db?.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

describe('lockDown', () => {
	it('still reads a file in the import folder', async () => {
		const rows = await db.all<{ a: number }>(`SELECT a FROM read_csv($file)`, {
			file: path.join(dir, 'import', 'ok.csv')
		});
		expect(rows).toEqual([{ a: 1 }]);
	});

	it('refuses /etc/passwd and any other file outside it', async () => {
		await expect(db.all(`SELECT * FROM read_csv('/etc/passwd')`)).rejects.toThrow(
			/Permission Error|not allowed|disabled/i
		);
		await expect(
			db.all(`SELECT * FROM read_csv($file)`, { file: path.join(dir, 'elders.csv') })
		).rejects.toThrow();
		await expect(
			db.all(`SELECT * FROM read_csv($file)`, { file: path.join(dir, 'import', '..', 'elders.csv') })
		).rejects.toThrow();
		await expect(db.run(`COPY (SELECT 1) TO '/tmp/lockdown-escape.csv'`)).rejects.toThrow();
		expect(fs.existsSync('/tmp/lockdown-escape.csv')).toBe(false);
	});

	it('cannot be lifted by a query', async () => {
		await expect(db.run('SET enable_external_access = true')).rejects.toThrow(/lock|configuration/i);
		await expect(db.run(`SET allowed_directories = ['/']`)).rejects.toThrow(/lock|configuration/i);
		await expect(db.run('SET lock_configuration = false')).rejects.toThrow();
	});

	it('keeps working as a database', async () => {
		expect(await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM cases')).toEqual({ n: 0 });
	});
});
