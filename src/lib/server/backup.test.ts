/**
 * Backups round-trip a demo database table for table, keep a set number, and a restore keeps the old file aside;
 * manual backups are limited to whom and how often, and kept apart so that they never push out a scheduled one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Database } from './db';
import { backupDatabase, pruneBackups, readBackupMeta, restoreDatabase } from './backup';
import { manualBackup, ManualBackupRefused, manualBackupState } from './manual-backup';
import { fillDemo } from '../../../scripts/demo/fill';
import { addContact } from './partners/contacts';

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
	// The Maatwerkregister holds staff contacts a restore must bring back too.
	const contact = { gemeente: 'GM0080', organisatie: 'UWV', functie: 'Regieteam', mandaat: null };
	await addContact(source, { ...contact, contact: 'regieteam@uwv.example', antwoordtermijn: 3 }, 'test');
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
		expect(meta.tables.contacts).toBeGreaterThan(0);
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

describe('manual backups', () => {
	const beheerder = { email: 'beheer@landelijk.example', reach: { all: true as const } };
	const at = (minutes: number) => new Date(Date.UTC(2026, 10, 25, 9, 0) + minutes * 60_000);

	it('pressed 7 times leave every scheduled backup and the newest 5 manual ones', async () => {
		const backups = path.join(dir, 'zeven');
		for (const hour of ['01', '02', '03']) {
			await backupDatabase(source, backups, new Date(`2026-11-25T${hour}:00:00Z`));
		}
		for (let press = 0; press < 7; press++) await manualBackup(source, beheerder, backups, at(press * 11));
		// The scheduled pruning (BACKUP_KEEP, here 3) counts scheduled backups only.
		expect(await pruneBackups(backups, 3)).toEqual([]);
		expect(fs.readdirSync(backups).sort()).toEqual([
			'backup-20261125T010000Z',
			'backup-20261125T020000Z',
			'backup-20261125T030000Z',
			'handmatig-20261125T092200Z',
			'handmatig-20261125T093300Z',
			'handmatig-20261125T094400Z',
			'handmatig-20261125T095500Z',
			'handmatig-20261125T100600Z'
		]);
	}, 180_000);

	it('refuses a second press within 10 minutes, saying from when it may again, and a restore takes a manual one', async () => {
		const backups = path.join(dir, 'tweemaal');
		const first = await manualBackup(source, beheerder, backups, at(0));
		const again = manualBackup(source, beheerder, backups, at(9));
		await expect(again).rejects.toBeInstanceOf(ManualBackupRefused);
		await expect(again).rejects.toMatchObject({
			status: 429,
			message:
				'Er is op 25-11-2026 10:00 al een back-up gemaakt. Een volgende handmatige back-up kan vanaf 25-11-2026 10:10.'
		});
		expect(await manualBackupState(source, beheerder.reach, backups, at(10))).toEqual({ allowed: true });
		expect(fs.readdirSync(backups)).toEqual([path.basename(first)]);

		const target = path.join(dir, 'uit-handmatig.duckdb');
		const { meta } = await restoreDatabase(first, target);
		expect(meta.tables.cases).toBe(400);
	}, 120_000);

	it('refuses a beheerder whose reach misses a municipality with cases, and lets one whose reach holds them all', async () => {
		const withCases = (
			await source.all<{ gemeente: string }>('SELECT DISTINCT gemeente FROM cases ORDER BY gemeente')
		).map((r) => r.gemeente);
		expect(withCases.length).toBeGreaterThan(1);
		const backups = path.join(dir, 'regio');
		const regio = {
			email: 'beheer@regio.example',
			reach: { all: false as const, gemeenten: withCases.slice(1) }
		};
		await expect(manualBackup(source, regio, backups, at(0))).rejects.toMatchObject({
			status: 403,
			message: expect.stringContaining('Alleen een beheerder met alle gemeenten met casussen in zijn bereik')
		});
		expect(fs.existsSync(backups)).toBe(false);
		const all = { all: false as const, gemeenten: [...withCases, 'GM0363'] };
		expect(await manualBackupState(source, all, backups, at(0))).toEqual({ allowed: true });
	});
});
