/** Upgrading a database made by an earlier release: what it stored survives, and a server stopped hard right after the upgrade leaves a file that opens. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { Database } from './database';
import { migrations } from './migrations';

let dir: string | undefined;
afterEach(() => {
	if (dir) fs.rmSync(dir, { recursive: true, force: true });
	dir = undefined;
});

/** A new file as a release with migrations 1 to `version` left it, with what `fill` writes, checkpointed and closed. */
async function fileAtSchema(version: number, fill: (c: DuckDBConnection) => Promise<void> = async () => {}) {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrate-'));
	const file = path.join(dir, 'portal.duckdb');
	const instance = await DuckDBInstance.create(file);
	const c = await instance.connect();
	await c.run(`CREATE TABLE schema_migrations (
		version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)`);
	for (const m of migrations.filter((m) => m.version <= version)) {
		await c.run(m.sql);
		await c.run(`INSERT INTO schema_migrations (version, name) VALUES (${m.version}, '${m.name}')`);
	}
	await fill(c);
	await c.run('CHECKPOINT');
	c.closeSync();
	instance.closeSync();
	return file;
}

/** A file as the previous release left it: migrations 1 to 5 applied, with tokens, profiles and visits in it. */
async function previousRelease(): Promise<string> {
	return fileAtSchema(5, async (c) => {
		await c.run(`INSERT INTO users (id, email, password_hash, role, gemeenten) VALUES
		(1, 'a@gemeente.nl', 'x', 'beheerder', ['GM0344']), (2, 'b@gemeente.nl', 'x', 'college', ['GM0344'])`);
		await c.run(`INSERT INTO api_tokens (id, secret_hash, user_id, name, created_at, last_used_at) VALUES
		('slp_a', 'h1', 1, 'rapportage', TIMESTAMP '2026-01-01 10:00:00', NULL),
		('slp_b', 'h2', 1, 'rapportage', TIMESTAMP '2026-02-01 10:00:00', TIMESTAMP '2026-03-01 09:00:00'),
		('slp_c', 'h3', 2, 'rapportage', TIMESTAMP '2026-01-05 10:00:00', NULL)`);
		await c.run(
			`INSERT INTO mapping_profiles (name, mapping) VALUES ('mijnsysteem', '{"Dossier":"casus_id"}')`
		);
		await c.run(`INSERT INTO sessions VALUES ('s1', 'h', 1, 1, 1, true)`);
		await c.run(`INSERT INTO signal_visits VALUES (1, TIMESTAMP '2026-03-01 09:00:00')`);
	});
}

describe('migration 6 on a database of the previous release', () => {
	it('keeps every token, gives it 90 days from the upgrade and makes names unique per user', async () => {
		const db = await Database.open(await previousRelease());
		try {
			const tokens = await db.all<{ id: string; name: string; days: number; last: string | null }>(
				`SELECT id, name, date_diff('day', current_timestamp::TIMESTAMP, expires_at) AS days,
				        strftime(last_used_at, '%Y-%m-%d') AS last
				 FROM api_tokens ORDER BY id`
			);
			expect(tokens.map((t) => [t.id, t.name, t.last])).toEqual([
				['slp_a', 'rapportage', null],
				['slp_b', 'rapportage (slp_b)', '2026-03-01'],
				['slp_c', 'rapportage', null]
			]);
			for (const t of tokens) expect(t.days).toBeGreaterThanOrEqual(89);
			for (const t of tokens) expect(t.days).toBeLessThanOrEqual(90);
			await expect(
				db.run(
					`INSERT INTO api_tokens (id, secret_hash, user_id, name, expires_at)
					 VALUES ('slp_d', 'h', 2, 'rapportage', current_timestamp)`
				)
			).rejects.toThrow(/constraint|duplicate/i);
		} finally {
			db.close();
		}
	});

	it("keeps a global column mapping as the installation's and lets municipalities keep their own of the same name", async () => {
		const db = await Database.open(await previousRelease());
		try {
			expect(await db.all('SELECT scope, name, mapping::VARCHAR AS mapping FROM mapping_profiles')).toEqual([
				{ scope: '*', name: 'mijnsysteem', mapping: '{"Dossier":"casus_id"}' }
			]);
			await db.run(
				`INSERT INTO mapping_profiles (scope, name, mapping) VALUES ('GM0344', 'mijnsysteem', '{}')`
			);
			await expect(
				db.run(`INSERT INTO mapping_profiles (scope, name, mapping) VALUES ('GM0344', 'mijnsysteem', '{}')`)
			).rejects.toThrow(/constraint|duplicate/i);
		} finally {
			db.close();
		}
	});

	it('keeps sessions and users, and is recorded once', async () => {
		const file = await previousRelease();
		const db = await Database.open(file);
		try {
			expect(await db.one('SELECT count(*)::INTEGER AS n FROM users')).toEqual({ n: 2 });
			expect(await db.one('SELECT id, previous_login_at FROM sessions')).toEqual({
				id: 's1',
				previous_login_at: null
			});
			expect(await db.one('SELECT max(version) AS v FROM schema_migrations')).toEqual({
				v: migrations.at(-1)!.version
			});
		} finally {
			db.close();
		}
		const again = await Database.open(file);
		again.close();
	});
});

describe('migration 7 on a database with more cases than one row group holds', () => {
	it('adds the version 1.1 columns to every case and version, empty lists by default, without failing', async () => {
		const file = await fileAtSchema(6, async (c) => {
			// A row group holds 122,880 rows: 130,000 cases make two, as ADD COLUMN ... DEFAULT [] failed on.
			await c.run(`INSERT INTO cases (id, gemeente, source, casus_id, aangemeld_op, status, leefgebieden, import_id)
				SELECT range, 'GM0080', 'export', 'C-' || range, DATE '2025-01-01', 'open', 1, 1 FROM range(130000)`);
			await c.run(`INSERT INTO case_versions SELECT 1, false, * FROM cases`);
		});

		const db = await Database.open(file);
		try {
			const counts = await db.one<Record<string, number>>(
				`SELECT count(*)::INTEGER AS cases,
					count(*) FILTER (WHERE stappen = [] AND reacties = [] AND vermeden_posten = [] AND instrumenten = 0)::INTEGER AS empty,
					(SELECT count(*) FILTER (WHERE len(stappen) = 0 AND len(vermeden_posten) = 0) FROM case_versions)::INTEGER AS versions
				 FROM cases`
			);
			expect(counts).toEqual({ cases: 130_000, empty: 130_000, versions: 130_000 });
			await db.write(`INSERT INTO cases (id, gemeente, source, casus_id, aangemeld_op, status, leefgebieden, import_id)
				VALUES (-1, 'GM0080', 'export', 'nieuw', DATE '2026-01-01', 'open', 1, 2)`);
			expect(await db.one(`SELECT stappen, reacties, vermeden_posten FROM cases WHERE id = -1`)).toEqual({
				stappen: [],
				reacties: [],
				vermeden_posten: []
			});
		} finally {
			db.close();
		}
	}, 120_000);
});

describe('a server stopped hard right after an upgrade', () => {
	it('leaves a file that opens: no migration is left in the write-ahead log', async () => {
		const file = await fileAtSchema(8);

		// Migration 9 adds a column to cost_posts, whose updated_at has a DEFAULT; the process then ends
		// without closing the database, as a killed server does.
		const script = path.join(path.dirname(file), 'upgrade.mts');
		fs.writeFileSync(
			script,
			`import { Database } from ${JSON.stringify(path.resolve('src/lib/server/db/database.ts'))};
			await Database.open(process.argv[2]);
			process.exit(0);`
		);
		execFileSync(path.resolve('node_modules/.bin/tsx'), [script, file], { cwd: path.resolve('.') });

		const db = await Database.open(file);
		try {
			const versions = await db.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY 1');
			expect(versions.map((v) => v.version)).toEqual(migrations.map((m) => m.version));
			expect(await db.one('SELECT count(*)::INTEGER AS n FROM cost_posts WHERE bron IS NULL')).toEqual({
				n: 0
			});
		} finally {
			db.close();
		}
	}, 60_000);
});
