/** Crash safety: the server killed (SIGKILL) in the middle of a large web import leaves the whole import or none of it, and opens cleanly. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/lib/server/db';
import { addUser, freshDb, loginCookie, removeDb, startServer, type RunningServer } from '../support/server';

const db = freshDb('crash');
const ROWS = 400_000;
let server: RunningServer | undefined;

afterAll(async () => {
	server?.kill();
	removeDb(db);
});

/** A large, valid export of one municipality. */
function largeExport(file: string): void {
	const lines = ['casus_id;gemeente;aangemeld_op;status;leefgebieden;wetten;samenvatting'];
	for (let i = 0; i < ROWS; i++) {
		lines.push(
			`CR-${i};GM0080;2025-${String((i % 12) + 1).padStart(2, '0')}-01;open;financiën|wonen;Pw;Casus ${i} zonder bijzonderheden`
		);
	}
	fs.writeFileSync(file, lines.join('\n'));
}

describe('a crash during an import', () => {
	it('keeps all or nothing, and the database opens after the restart', { timeout: 180_000 }, async () => {
		addUser(db, { email: 'beheer@leeuwarden.example', role: 'beheerder', gemeente: ['GM0080'] });
		const file = path.join(path.dirname(db), 'groot.csv');
		largeExport(file);
		server = await startServer({ db, env: { BODY_SIZE_LIMIT: '200M' } });
		const cookie = await loginCookie(server, 'beheer@leeuwarden.example');
		const form = new FormData();
		form.set('bestand', new Blob([fs.readFileSync(file)], { type: 'text/csv' }), 'groot.csv');
		form.set('source', 'standaard');
		const started = Date.now();
		const upload = fetch(`${server.url}/import?/importeren`, {
			method: 'POST',
			headers: { cookie, origin: server.url, accept: 'application/json' },
			body: form
		}).then(
			() => 'answered' as const,
			() => 'cut off' as const
		);
		// Long enough for the upload to arrive and the import to be under way, not long enough to finish.
		await new Promise((resolve) => setTimeout(resolve, 2000));
		server.kill();
		const outcome = await upload;
		server = undefined;
		expect(outcome, `the import answered within ${Date.now() - started} ms; make it larger`).toBe('cut off');

		const reopened = await openStore(db, { create: false });
		try {
			const { cases, imports } = (await reopened.one<{ cases: number; imports: number }>(
				`SELECT (SELECT count(*) FROM cases)::INTEGER AS cases,
					(SELECT count(*) FROM imports WHERE status = 'imported')::INTEGER AS imports`
			))!;
			expect([0, ROWS]).toContain(cases);
			expect(imports).toBe(cases === 0 ? 0 : 1);
		} finally {
			reopened.close();
		}
		// And the server starts on it again.
		server = await startServer({ db });
		expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
		await server.stop();
		server = undefined;
	});

	it(
		'refuses an upload above the configured limit with a clear Dutch message',
		{ timeout: 60_000 },
		async () => {
			server = await startServer({ db, env: { BODY_SIZE_LIMIT: '1M' } });
			const cookie = await loginCookie(server, 'beheer@leeuwarden.example');
			const form = new FormData();
			form.set(
				'bestand',
				new Blob([fs.readFileSync(path.join(path.dirname(db), 'groot.csv'))], { type: 'text/csv' }),
				'groot.csv'
			);
			const response = await fetch(`${server.url}/import?/importeren`, {
				method: 'POST',
				headers: { cookie, origin: server.url, accept: 'application/json' },
				body: form
			});
			const text = await response.text();
			expect(text).toContain('groter dan deze server aanneemt (1M)');
			await server.stop();
			server = undefined;
		}
	);
});
