/** Backups round-trip a demo database table for table, keep a set number, and a restore keeps the old file aside. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Database } from './db';
import { backupDatabase, pruneBackups, readBackupMeta, restoreDatabase } from './backup';
import { fillDemo } from '../../../scripts/demo/fill';

let dir: string;
let source: Database;

/** Every table's rows as one hash, independent of row order. */
async function fingerprint(db: Database): Promise<Record<string, string>> {
	const tables = await db.all<{ name: string }>(
		`SELECT table_name AS name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY name`
	);
	const result: Record<string, string> = {};
	for (const { name } of tables) {
		const row = await db.one<{ h: string | null; n: number }>(
			`SELECT md5(string_agg(CAST(t AS VARCHAR), '|' ORDER BY CAST(t AS VARCHAR))) AS h, count(*)::INTEGER AS n FROM "${name}" t`
		);
		result[name] = `${row!.n}:${row!.h}`;
	}
	return result;
}

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-'));
	source = await openStore(path.join(dir, 'bron.duckdb'));
	await fillDemo(source, { cases: 400, seed: 3, endDate: '2026-11-23' });
}, 120_000);

afterAll(() => {
	source?.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
	it('restores every table exactly, sequences included', async () => {
		const { path: backup, meta } = await backupDatabase(
			source,
			path.join(dir, 'backups'),
			new Date('2026-11-23T10:00:00Z')
		);
		expect(path.basename(backup)).toBe('backup-20261123T100000Z');
		expect(meta.tables.cases).toBe(400);
		expect(meta.schemaVersion).toBeGreaterThanOrEqual(2);
		expect(fs.readdirSync(backup)).toEqual(
			expect.arrayContaining(['schema.sql', 'load.sql', 'cases.parquet', 'portal-backup.json'])
		);

		const target = path.join(dir, 'hersteld.duckdb');
		const { keptAside } = await restoreDatabase(backup, target);
		expect(keptAside).toBeNull();
		const restored = await openStore(target);
		try {
			expect(await fingerprint(restored)).toEqual(await fingerprint(source));
			const next = async (db: Database) =>
				(await db.one<{ n: number }>(`SELECT nextval('case_id_seq')::BIGINT AS n`))!.n;
			expect(Number(await next(restored))).toBe(Number(await next(source)));
		} finally {
			restored.close();
		}
	}, 120_000);

	it('keeps an existing database aside instead of overwriting it', async () => {
		const { path: backup } = await backupDatabase(
			source,
			path.join(dir, 'backups'),
			new Date('2026-11-23T11:00:00Z')
		);
		const target = path.join(dir, 'bestaand.duckdb');
		(await openStore(target)).close();
		const { keptAside } = await restoreDatabase(backup, target, new Date('2026-11-23T12:00:00Z'));
		expect(keptAside).toBe(`${target}.voor-herstel-20261123T120000Z`);
		expect(fs.existsSync(keptAside!)).toBe(true);
	}, 120_000);

	it('refuses a folder that is not a backup', async () => {
		fs.mkdirSync(path.join(dir, 'leeg'));
		await expect(readBackupMeta(path.join(dir, 'leeg'))).rejects.toThrow(/geen back-up/);
		await expect(restoreDatabase(path.join(dir, 'leeg'), path.join(dir, 'x.duckdb'))).rejects.toThrow(
			/geen back-up/
		);
		expect(fs.existsSync(path.join(dir, 'x.duckdb'))).toBe(false);
	});

	it('keeps only the newest backups, and removes unfinished ones', async () => {
		const keep = path.join(dir, 'rotatie');
		for (const hour of ['01', '02', '03']) {
			await backupDatabase(source, keep, new Date(`2026-11-24T${hour}:00:00Z`));
		}
		fs.mkdirSync(path.join(keep, 'backup-20261124T040000Z.deels'));
		const removed = await pruneBackups(keep, 2);
		expect(removed.sort()).toEqual(['backup-20261124T010000Z', 'backup-20261124T040000Z.deels']);
		expect(fs.readdirSync(keep).sort()).toEqual(['backup-20261124T020000Z', 'backup-20261124T030000Z']);
	}, 120_000);
});
