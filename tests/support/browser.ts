/** Browser helpers for the end-to-end tests: headless Chromium, logging in through the form, and axe checks. */
import { AxeBuilder } from '@axe-core/playwright';
import type { AxeResults } from 'axe-core';
import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { defaultPassword } from './server';
import { nextTotpCode, rememberAuthenticator } from './form-login';

/** The WCAG 2.1 A and AA rule sets the portal must pass. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Launches headless Chromium (`CHROMIUM_PATH`, default `/usr/bin/chromium`) without network side traffic. */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			'--disable-quic'
		]
	});
}

/** Logs in through the real `/login` form in this page, then gives the second factor (setting up the app first when needed), and waits until the browser is in the portal. */
export async function loginInBrowser(
	page: Page,
	baseUrl: string,
	email: string,
	password: string = defaultPassword
): Promise<void> {
	// Wait for hydration: a field filled before it may be reset when Svelte takes over the page.
	await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord').fill(password);
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await page.waitForURL((url) => url.pathname !== '/login');
	await giveSecondFactor(page, baseUrl, email);
}

/** On the second factor's pages: sets up the app (remembering its key) or types the next code, as a person would. */
export async function giveSecondFactor(page: Page, baseUrl: string, email: string): Promise<void> {
	const { pathname } = new URL(page.url());
	if (pathname === '/login/tweede-factor/instellen') {
		await page.waitForLoadState('networkidle');
		rememberAuthenticator(baseUrl, email, await page.locator('#totp-sleutel').innerText());
		await page.getByLabel('Code uit uw app').fill(await nextTotpCode(baseUrl, email));
		await page.getByRole('button', { name: 'Bevestigen' }).click();
		await page.getByRole('link', { name: 'Ik heb de codes bewaard, verder' }).click();
	} else if (pathname === '/login/tweede-factor') {
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Code uit uw app').fill(await nextTotpCode(baseUrl, email));
		await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
	} else {
		return;
	}
	await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** One axe violation in a form a person can read in a test failure. */
export interface ReadableViolation {
	rule: string;
	impact: string | null | undefined;
	help: string;
	helpUrl: string;
	nodes: { target: string; html: string; summary: string | undefined }[];
}

/** Runs axe (WCAG 2.1 A/AA tags) on a page of a `browser.newContext()` context as it is now; returns the violations readably. */
export async function axeViolations(page: Page): Promise<ReadableViolation[]> {
	const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
	return readableViolations(results.violations);
}

/** Axe's violations (from AxeBuilder or from axe.run in the page) in the readable form. */
export function readableViolations(violations: AxeResults['violations']): ReadableViolation[] {
	return violations.map((v) => ({
		rule: v.id,
		impact: v.impact,
		help: v.help,
		helpUrl: v.helpUrl,
		nodes: v.nodes.map((n) => ({
			target: n.target.map(String).join(' '),
			html: n.html,
			summary: n.failureSummary
		}))
	}));
}

/** Formats axe violations as plain text, one block per rule, for a failure message or the console. */
export function formatViolations(pageName: string, violations: ReadableViolation[]): string {
	if (violations.length === 0) return `${pageName}: no axe violations`;
	const blocks = violations.map((v) =>
		[
			`- ${v.rule} (${v.impact ?? 'impact unknown'}): ${v.help}`,
			`  ${v.helpUrl}`,
			...v.nodes.map(
				(n) => `    at ${n.target}\n      ${n.html}\n      ${(n.summary ?? '').replace(/\n/g, '\n      ')}`
			)
		].join('\n')
	);
	return `${pageName}: ${violations.length} axe violation(s)\n${blocks.join('\n')}`;
}

/** Fails with a readable list when axe finds any WCAG 2.1 A/AA violation on the page as it is now. */
export async function expectAxeClean(page: Page, pageName: string): Promise<void> {
	const violations = await axeViolations(page);
	expect(violations, formatViolations(pageName, violations)).toEqual([]);
}

/** Runs `fn` with a page in a fresh Dutch browser context (no cookies) on `baseURL`, closed afterwards. */
export async function withPage<T>(
	browser: Browser,
	baseURL: string,
	fn: (page: Page, context: BrowserContext) => Promise<T>
): Promise<T> {
	const context = await browser.newContext({ locale: 'nl-NL', baseURL });
	const page = await context.newPage();
	try {
		return await fn(page, context);
	} finally {
		await context.close();
	}
}

/** Sessions kept per portal and e-mail, so a test file logs each user in once (a login costs argon2 and a TOTP step). */
const keptSessions = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();

/**
 * Runs `fn` with a page of a fresh context in which `email` is logged in, on `/`: through the form the
 * first time, after that with the session that login made, as long as the portal still accepts it.
 */
export async function asUser<T>(
	browser: Browser,
	baseURL: string,
	email: string,
	fn: (page: Page) => Promise<T>
): Promise<T> {
	const slot = `${baseURL}|${email}`;
	const context = await browser.newContext({
		locale: 'nl-NL',
		baseURL,
		storageState: keptSessions.get(slot)
	});
	const page = await context.newPage();
	try {
		// As after a login through the form: on `/`, hydrated.
		await page.goto(`${baseURL}/`, { waitUntil: 'networkidle' });
		if (new URL(page.url()).pathname.startsWith('/login')) {
			await loginInBrowser(page, baseURL, email);
			keptSessions.set(slot, await context.storageState());
		}
		return await fn(page);
	} finally {
		await context.close();
	}
}

/** The body rows of the table with this id, as the text of their cells. */
export function tableRows(page: Page, id: string): Promise<string[][]> {
	return page
		.locator(`table#${id} tbody tr`)
		.evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((c) => c.textContent!.trim())));
}

/** The terms and values of the first <dl> on the page (or inside `within`, a CSS selector) as `{ term: value }`. */
export function keyFigures(page: Page, within = 'body'): Promise<Record<string, string>> {
	return page
		.locator(within)
		.locator('dl')
		.first()
		.evaluate((dl) =>
			Object.fromEntries(
				Array.from(dl.querySelectorAll('dt')).map((dt) => [
					dt.textContent!.trim(),
					dt.nextElementSibling?.textContent?.trim() ?? ''
				])
			)
		);
}

/** Collects what the page reports as an error in its console or throws uncaught, from now on. */
export function consoleErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(error.message));
	return errors;
}
