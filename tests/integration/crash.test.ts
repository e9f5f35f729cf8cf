/**
 * Crash safety: the server killed (SIGKILL) while a large web import holds its transaction open leaves none of it,
 * killed just after the commit keeps all of it, and the database opens cleanly either way. The server is held at
 * each moment by a test pause (PORTAL_TEST_PAUSE) and killed once its log says it is there, never after a sleep.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/lib/server/db';
import type { PausePoint } from '../../src/lib/server/test-pause';
import { addUser, freshDb, loginCookie, removeDb, startServer, type RunningServer } from '../support/server';

const db = freshDb('crash');
const file = path.join(path.dirname(db), 'groot.csv');
// Large enough that DuckDB writes row groups of the open transaction to the file before the commit.
const ROWS = 400_000;
let server: RunningServer | undefined;

beforeAll(() => {
	addUser(db, { email: 'beheer@leeuwarden.example', role: 'beheerder', gemeente: ['GM0080'] });
	const lines = ['casus_id;gemeente;aangemeld_op;status;leefgebieden;wetten;samenvatting'];
	for (let i = 0; i < ROWS; i++) {
		lines.push(
			`CR-${i};GM0080;2025-${String((i % 12) + 1).padStart(2, '0')}-01;open;financiën|wonen;Pw;Casus ${i} zonder bijzonderheden`
		);
	}
	fs.writeFileSync(file, lines.join('\n'));
}, 120_000);

afterAll(async () => {
	server?.kill();
	removeDb(db);
});

/** Posts the large export to the import page. */
function upload(running: RunningServer, cookie: string): Promise<'answered' | 'cut off'> {
	const form = new FormData();
	form.set('bestand', new Blob([fs.readFileSync(file)], { type: 'text/csv' }), 'groot.csv');
	form.set('source', 'standaard');
	return fetch(`${running.url}/import?/importeren`, {
		method: 'POST',
		headers: { cookie, origin: running.url, accept: 'application/json' },
		body: form
	}).then(
		async (response) => {
			await response.text().catch(() => undefined);
			return 'answered' as const;
		},
		() => 'cut off' as const
	);
}

/** Resolves once the server's log says it holds at `point`; rejects if the upload is answered first. */
async function reached(
	running: RunningServer,
	point: PausePoint,
	outcome: Promise<string>,
	timeoutMs = 150_000
): Promise<void> {
	const line = `[testpauze] ${point}`;
	let settled: string | undefined;
	void outcome.then((o) => (settled = o));
	const deadline = Date.now() + timeoutMs;
	while (!running.log().includes(line)) {
		if (settled)
			throw new Error(`the upload was ${settled} before the server reached ${point}:\n${running.log()}`);
		if (Date.now() > deadline) throw new Error(`the server did not reach ${point}:\n${running.log()}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/** Cases and successful imports in the database file, opened as the restarted server would. */
async function stored(): Promise<{ cases: number; imports: number }> {
	const reopened = await openStore(db, { create: false });
	try {
		return (await reopened.one<{ cases: number; imports: number }>(
			`SELECT (SELECT count(*) FROM cases)::INTEGER AS cases,
				(SELECT count(*) FROM imports WHERE status = 'imported')::INTEGER AS imports`
		))!;
	} finally {
		reopened.close();
	}
}

/** Uploads the export, kills the server once it holds at `point`, and checks that the upload was cut off. */
async function killAt(point: PausePoint): Promise<void> {
	server = await startServer({ db, env: { BODY_SIZE_LIMIT: '200M', PORTAL_TEST_PAUSE: point } });
	const cookie = await loginCookie(server, 'beheer@leeuwarden.example');
	const outcome = upload(server, cookie);
	try {
		await reached(server, point, outcome);
	} finally {
		server.kill();
	}
	expect(await outcome).toBe('cut off');
	server = undefined;
}

/** The server starts on the database again and answers. */
async function restarts(): Promise<void> {
	server = await startServer({ db });
	expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
	await server.stop();
	server = undefined;
}

describe('a crash during an import', () => {
	it(
		'with the transaction open keeps nothing, and the database opens after the restart',
		{ timeout: 240_000 },
		async () => {
			await killAt('import-transaction');
			expect(await stored()).toEqual({ cases: 0, imports: 0 });
			await restarts();
		}
	);

	it(
		'just after the commit keeps every row, and the database opens after the restart',
		{ timeout: 240_000 },
		async () => {
			await killAt('import-committed');
			expect(await stored()).toEqual({ cases: ROWS, imports: 1 });
			await restarts();
		}
	);

	it(
		'refuses an upload above the configured limit with a clear Dutch message',
		{ timeout: 60_000 },
		async () => {
			server = await startServer({ db, env: { BODY_SIZE_LIMIT: '1M' } });
			const cookie = await loginCookie(server, 'beheer@leeuwarden.example');
			const form = new FormData();
			form.set('bestand', new Blob([fs.readFileSync(file)], { type: 'text/csv' }), 'groot.csv');
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
