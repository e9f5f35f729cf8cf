/**
 * Backups as the operator and the beheerder make them: the server's button while it runs (at most one per 10
 * minutes, and only for a beheerder whose reach covers every municipality with cases), the CLI's backup and
 * restore while it is stopped.
 */
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

/** Presses the beheer page's backup button as the page's own script does; the action's JSON result. */
async function pressBackup(
	running: RunningServer,
	cookie: string
): Promise<{ type: string; status?: number; data?: string }> {
	const response = await fetch(`${running.url}/beheer?/backup`, {
		method: 'POST',
		headers: {
			cookie,
			origin: running.url,
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'application/json'
		},
		body: ''
	});
	expect(response.status).toBe(200);
	return (await response.json()) as { type: string; status?: number; data?: string };
}

afterAll(async () => {
	await server?.stop();
	removeDb(db);
});

describe('backups', () => {
	it('the running server makes one on the beheerder’s button, once per 10 minutes, and the CLI may not restore meanwhile', async () => {
		importExport(db);
		addUser(db, { email: 'beheer@leeuwarden.example', role: 'beheerder', gemeente: ['GM0080'] });
		server = await startServer({ db });
		const cookie = await loginCookie(server, 'beheer@leeuwarden.example');
		const first = await pressBackup(server, cookie);
		expect(first.type, first.data).toBe('success');
		expect(first.data).toContain('Back-up gemaakt');
		// Kept apart from the scheduled backups (backup-…), which BACKUP_KEEP counts.
		const made = fs.readdirSync(backups);
		expect(made).toHaveLength(1);
		expect(made[0]).toMatch(/^handmatig-\d{8}T\d{6}Z$/);

		const second = await pressBackup(server, cookie);
		expect(second).toMatchObject({ type: 'failure', status: 429 });
		expect(second.data).toContain('Een volgende handmatige back-up kan vanaf');
		expect(fs.readdirSync(backups)).toEqual(made);
		// The page says so too, beside a button that cannot be pressed.
		const page = await (await fetch(`${server.url}/beheer`, { headers: { cookie } })).text();
		expect(page).toContain('Een volgende handmatige back-up kan vanaf');
		expect(page).toMatch(/<button[^>]*disabled[^>]*>Nu een back-up maken/);
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

	it('refuses a region beheerder when the installation holds cases of a municipality outside its reach', async () => {
		const utrecht = path.join(path.dirname(db), 'utrecht.csv');
		fs.writeFileSync(
			utrecht,
			'casus_id;gemeente;aangemeld_op;status;leefgebieden;wetten;samenvatting\nU-1;GM0344;2025-03-01;open;wonen;Pw;Een casus van Utrecht\n'
		);
		importExport(db, utrecht);
		const before = fs.readdirSync(backups);
		server = await startServer({ db });
		const cookie = await loginCookie(server, 'beheer@leeuwarden.example');
		const page = await (await fetch(`${server.url}/beheer`, { headers: { cookie } })).text();
		expect(page).toContain('Alleen een beheerder met alle gemeenten met casussen in zijn bereik');
		expect(page).toMatch(/<button[^>]*disabled[^>]*>Nu een back-up maken/);

		const refused = await pressBackup(server, cookie);
		expect(refused).toMatchObject({ type: 'failure', status: 403 });
		expect(refused.data).toContain('Alleen een beheerder met alle gemeenten met casussen in zijn bereik');
		expect(fs.readdirSync(backups)).toEqual(before);
		await server.stop();
		server = undefined;
	});
});
