/** The default demo of `npm run demo` in a test: a fresh database filled by fillDemo, the built server in demo mode, and Chromium. */
import type { Browser } from 'playwright-core';
import { openStore } from '$lib/server/db';
import { fillDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../scripts/demo/fill';
import { launchBrowser } from './browser';
import { freshDb, keyEnv, removeDb, startServer, type RunningServer } from './server';

export { DEMO_ACCOUNTS, DEMO_PASSWORD };

/** A demo account as scripts/demo/fill.ts makes it. */
export type DemoAccount = (typeof DEMO_ACCOUNTS)[number];

export interface DemoPortal {
	db: string;
	server: RunningServer;
	browser: Browser;
	close(): Promise<void>;
}

/**
 * Fills a database in a temporary folder as `npm run demo` does (its number of cases and seed, ending
 * today), then starts the built server on it with DEMO_MODE=1, so that demo accounts without a second
 * factor are not asked for one. The installation's key files are those of the temporary folder.
 */
export async function openDemoPortal(label: string): Promise<DemoPortal> {
	const db = freshDb(label);
	const keys = keyEnv(db);
	const saved = Object.fromEntries(Object.keys(keys).map((name) => [name, process.env[name]]));
	Object.assign(process.env, keys);
	try {
		const store = await openStore(db);
		try {
			await fillDemo(store, { cases: 2500, seed: 2026 });
		} finally {
			store.close();
		}
	} finally {
		for (const [name, value] of Object.entries(saved)) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
	}
	const server = await startServer({ db, env: { DEMO_MODE: '1' } });
	const browser = await launchBrowser().catch(async (error: unknown) => {
		await server.stop();
		throw error;
	});
	return {
		db,
		server,
		browser,
		async close() {
			await browser.close();
			await server.stop();
			removeDb(db);
		}
	};
}
