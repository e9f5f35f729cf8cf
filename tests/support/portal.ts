/** A browser test file's portal: a fresh database with its exports and users, the built server and Chromium, all removed afterwards. */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
	addToken,
	addUser,
	freshDb,
	importExport,
	removeDb,
	startServer,
	type RunningServer,
	type TestUser
} from './server';
import { asUser, launchBrowser, withPage } from './browser';

/** An export to load: a file's path, or a file written from text into the database's folder first. */
export type ExportSource = string | { name: string; text: string };

export interface BrowserPortal {
	db: string;
	server: RunningServer;
	browser: Browser;
	/** An API token per e-mail address of `setup.tokens`. */
	tokens: Record<string, string>;
	/** Runs `fn` with a page of a fresh context in which `email` has logged in. */
	asUser<T>(email: string, fn: (page: Page) => Promise<T>): Promise<T>;
	/** Runs `fn` with a page of a fresh context without a session. */
	withPage<T>(fn: (page: Page, context: BrowserContext) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}

export async function openBrowserPortal(
	label: string,
	setup: { exports?: ExportSource[]; users: TestUser[]; tokens?: string[] }
): Promise<BrowserPortal> {
	const db = freshDb(label);
	for (const source of setup.exports ?? []) {
		if (typeof source === 'string') {
			importExport(db, source);
			continue;
		}
		const file = path.join(path.dirname(db), source.name);
		fs.writeFileSync(file, source.text);
		importExport(db, file);
	}
	for (const user of setup.users) addUser(db, user);
	const tokens = Object.fromEntries((setup.tokens ?? []).map((email) => [email, addToken(db, email)]));
	const server = await startServer({ db });
	const browser = await launchBrowser().catch(async (error: unknown) => {
		await server.stop();
		throw error;
	});
	return {
		db,
		server,
		browser,
		tokens,
		asUser: (email, fn) => asUser(browser, server.url, email, fn),
		withPage: (fn) => withPage(browser, server.url, fn),
		async close() {
			await browser.close();
			await server.stop();
			removeDb(db);
		}
	};
}
