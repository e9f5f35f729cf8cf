/** Backups as the operator and the beheerder make them: the server's button while it runs, the CLI's backup and restore while it is stopped. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
	addUser,
	cli,
	freshDb,
	importExport,
	loginCookie,
	removeDb,
	startServer,
	type RunningServer
} from '../support/server';

const db = freshDb('backup');
const backups = path.join(path.dirname(db), 'backups');
let server: RunningServer | undefined;

afterAll(async () => {
	await server?.stop();
	removeDb(db);
});

describe('backups', () => {
	it('the running server makes one on the beheerder’s button, and the CLI may not restore meanwhile', async () => {
		importExport(db);
		addUser(db, { email: 'beheer@leeuwarden.example', role: 'beheerder', gemeente: ['GM0080'] });
		server = await startServer({ db });
		const cookie = await loginCookie(server, 'beheer@leeuwarden.example');
		const response = await fetch(`${server.url}/beheer?/backup`, {
			method: 'POST',
			headers: {
				cookie,
				origin: server.url,
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'application/json'
			},
			body: ''
		});
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('Back-up gemaakt');
		const made = fs.readdirSync(backups).filter((name) => name.startsWith('backup-'));
		expect(made).toHaveLength(1);
		const meta = JSON.parse(fs.readFileSync(path.join(backups, made[0], 'portal-backup.json'), 'utf8'));
		expect(meta.tables.cases).toBe(30);

		const refused = cli(['restore', path.join(backups, made[0]), '--json'], { db });
		expect(refused.code).toBe(1);
		expect(refused.stderr).toMatch(/in gebruik|server/i);
		await server.stop();
		server = undefined;
	});

	it('the CLI backs up and restores while the server is stopped, keeping the old file aside', () => {
		const made = cli(['backup', path.join(path.dirname(db), 'cli-backups'), '--json'], { db });
		expect(made.code).toBe(0);
		const { path: written } = made.json as { path: string };
		expect(fs.existsSync(path.join(written, 'cases.parquet'))).toBe(true);

		const restored = cli(['restore', written, '--json'], { db });
		expect(restored.code).toBe(0);
		expect((restored.json as { keptAside: string }).keptAside).toMatch(/voor-herstel-/);
		// The restored database opens and holds the sample: importing it again updates, it adds nothing.
		const again = importExport(db);
		expect(again).toMatchObject({ inserted: 0, updated: 30 });

		const notABackup = cli(['restore', path.dirname(db), '--json'], { db });
		expect(notABackup.code).toBe(1);
		expect(notABackup.stderr).toContain('geen back-up');
	});
});
