/** The default demo in Chromium at 1,366 px wide: every page each demo account may open is at most 4,000 px tall with its sections closed, axe clean and free of console errors; a section opens from the keyboard and stays open in the URL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { loginInBrowser } from '../support/browser';
import {
	DEMO_ACCOUNTS,
	DEMO_PASSWORD,
	openDemoPortal,
	type DemoAccount,
	type DemoPortal
} from '../support/demo';
import { addressOf, axeProblems, routePages, signedInPages, visit } from '../support/pages';

/** The screen the page heights are measured on. */
const VIEWPORT = { width: 1366, height: 900 };

/** The tallest a page may be with its sections closed. */
const MAX_HEIGHT = 4000;

/** The dynamic pages, and the links on other pages that lead to one of them. */
const DYNAMIC: Record<string, RegExp> = {
	'/kwesties/[id]': /^\/kwesties\/(\d+)$/,
	'/budget/casus/[id]': /^\/budget\/casus\/(\d+)$/,
	'/rapportage/[id]': /^\/rapportage\/(\d+)$/
};

const ROUTES = routePages();
/** Static pages first, so that each account has met the links to the dynamic ones before it opens them. */
const ACCOUNT_PAGES = [
	...signedInPages(ROUTES).filter((r) => !r.includes('[')),
	...ROUTES.filter((r) => r.includes('['))
];

/** What one account saw of one page. */
interface Seen {
	address: string;
	status: number;
	height: number;
}

let demo: DemoPortal;
const contexts: BrowserContext[] = [];
/** One signed-in page per demo account, reused for every page it opens. */
const pages = new Map<string, Page>();
/** Console errors and uncaught exceptions per account, since its page was last emptied. */
const consoleErrors = new Map<string, string[]>();
/** The ids of the dynamic pages as the beheerder (who reaches every municipality) found them, for accounts that meet none. */
const beheerderIds: Record<string, string> = {};
/** Per account, per route: what it saw. */
const seen = new Map<string, Record<string, Seen>>();

/** A signed-in page at 1,366 x 900 for a demo account, its console errors collected. */
async function signedIn(account: DemoAccount): Promise<Page> {
	const context = await demo.browser.newContext({
		locale: 'nl-NL',
		baseURL: demo.server.url,
		viewport: VIEWPORT
	});
	contexts.push(context);
	const page = await context.newPage();
	const errors: string[] = [];
	consoleErrors.set(account.email, errors);
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
	});
	page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
	await loginInBrowser(page, demo.server.url, account.email, DEMO_PASSWORD);
	return page;
}

/** The first link of the page that leads to each dynamic route, as `{ route: id }`. */
async function dynamicLinks(page: Page): Promise<Record<string, string>> {
	const hrefs = await page
		.locator('a[href]')
		.evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
	const found: Record<string, string> = {};
	for (const [route, pattern] of Object.entries(DYNAMIC)) {
		const id = hrefs.map((href) => pattern.exec(href)?.[1]).find(Boolean);
		if (id) found[route] = id;
	}
	return found;
}

/** The document's height once the charts have drawn (two frames after hydration). */
function documentHeight(page: Page): Promise<number> {
	return page.evaluate(async () => {
		await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
		return document.documentElement.scrollHeight;
	});
}

/**
 * Saves the report of the last ended quarter through /rapportage's own form, as rapportage.test.ts saves
 * one, for a municipality when given; the account's saved list then links to it.
 */
async function saveReport(page: Page, gemeente?: string): Promise<void> {
	expect(await visit(page, gemeente ? `/rapportage?gemeente=${gemeente}` : '/rapportage')).toBe(200);
	await page.getByLabel('Wat leren we van deze periode?').fill('De lokale tafel lost het meeste op.');
	await page.getByRole('button', { name: 'Rapportage opslaan' }).click();
	await page.waitForURL(/\/rapportage\/\d+\?opgeslagen=1$/);
}

beforeAll(async () => {
	demo = await openDemoPortal('e2e-demo-pages');
	for (const account of DEMO_ACCOUNTS) pages.set(account.email, await signedIn(account));
	const beheerder = pages.get('beheerder@demo.example')!;
	const utrecht = pages.get('kwaliteitsteam@utrecht.demo.example')!;
	// A saved report for Leeuwarden (which the college reaches) and one for Utrecht.
	await saveReport(beheerder, 'GM0080');
	await saveReport(utrecht);
	for (const address of ['/signalen', '/budget', '/rapportage']) {
		expect(await visit(beheerder, address)).toBe(200);
		Object.assign(beheerderIds, await dynamicLinks(beheerder));
	}
	expect(Object.keys(beheerderIds).sort()).toEqual(Object.keys(DYNAMIC).sort());
}, 600_000);

afterAll(async () => {
	for (const context of contexts) await context.close();
	await demo?.close();
});

describe('every page of the default demo at 1,366 px wide, for every demo account', () => {
	for (const account of DEMO_ACCOUNTS) {
		it.concurrent(
			`as ${account.email} (${account.role}): at most ${MAX_HEIGHT} px tall with the sections closed, axe clean, no console errors`,
			async ({ expect }) => {
				const page = pages.get(account.email)!;
				const errors = consoleErrors.get(account.email)!;
				const own: Record<string, string> = {};
				const results: Record<string, Seen> = {};
				const problems: string[] = [];
				for (const route of ACCOUNT_PAGES) {
					const address = addressOf(route, {
						[route]: () => own[route] ?? beheerderIds[route]
					});
					errors.length = 0;
					const status = await visit(page, address);
					if (new URL(page.url()).pathname === '/login') problems.push(`${address}: sent to /login`);
					if (![200, 403, 404].includes(status)) problems.push(`${address}: HTTP ${status}`);
					const height = await documentHeight(page);
					results[route] = { address, status, height };
					if (height > MAX_HEIGHT) problems.push(`${address}: ${height} px tall (at most ${MAX_HEIGHT})`);
					if (status === 200) for (const [r, id] of Object.entries(await dynamicLinks(page))) own[r] ??= id;
					// A refused page's own document is logged as a failed load; anything else is a fault.
					const faults = errors.filter(
						(e) =>
							status === 200 ||
							!/Failed to load resource: the server responded with a status of 40[34]/.test(e)
					);
					problems.push(...faults.map((e) => `console error: ${e}`));
					problems.push(...(await axeProblems(page, `${address} as ${account.email} (HTTP ${status})`)));
				}
				seen.set(account.email, results);
				expect(problems, problems.join('\n\n')).toEqual([]);
				// It did see its pages: a made-up address is 404, and most pages opened for it.
				expect(results['/bestaat-niet'].status).toBe(404);
				expect(Object.values(results).filter((r) => r.status === 200).length).toBeGreaterThan(5);
			},
			// Twenty-odd pages with an axe scan each while the other accounts do the same: on a busy machine that takes a while.
			900_000
		);
	}

	it('covered every page for every account, and every dynamic page for some account', () => {
		for (const account of DEMO_ACCOUNTS) {
			expect(Object.keys(seen.get(account.email) ?? {}).sort(), account.email).toEqual(
				[...ACCOUNT_PAGES].sort()
			);
		}
		for (const route of ROUTES) {
			if (route === '/login') continue;
			const opened = DEMO_ACCOUNTS.filter((a) => seen.get(a.email)?.[route]?.status === 200);
			expect(opened.length, `${route} opened for no demo account`).toBeGreaterThan(0);
		}
		// The measured heights, for the record.
		const lines = ACCOUNT_PAGES.map(
			(route) =>
				`${route.padEnd(32)} ${DEMO_ACCOUNTS.map((a) => {
					const r = seen.get(a.email)![route];
					return r.status === 200 ? String(r.height).padStart(6) : `(${r.status})`.padStart(6);
				}).join(' ')}`
		);
		console.log(
			`Page heights at ${VIEWPORT.width} px wide, sections closed, per account:\n` +
				`${''.padEnd(32)} ${DEMO_ACCOUNTS.map((a) => a.role.slice(0, 6).padStart(6)).join(' ')}\n` +
				lines.join('\n')
		);
	});
});

/** A fresh context with the session of a demo account's page (no second login), optionally without JavaScript. */
async function sameSession(email: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
	const context = await demo.browser.newContext({
		locale: 'nl-NL',
		baseURL: demo.server.url,
		viewport: VIEWPORT,
		storageState: await pages.get(email)!.context().storageState(),
		...options
	});
	contexts.push(context);
	return context.newPage();
}

/** The name of the focused element and whether it is a summary, as the keyboard walk checks it. */
function focusedSummary(page: Page): Promise<{ summary: boolean; text: string }> {
	return page.evaluate(() => {
		const el = document.activeElement;
		return { summary: el?.tagName === 'SUMMARY', text: (el?.textContent ?? '').replace(/\s+/g, ' ').trim() };
	});
}

/** The opening tag of the <details> whose summary holds the heading with this id, as the server wrote it. */
function detailsTag(html: string, id: string): string | undefined {
	return new RegExp(`(<details[^>]*>)\\s*<summary[^>]*>(?:\\s|<!--[^>]*-->)*<h2[^>]*id="${id}"`).exec(
		html
	)?.[1];
}

describe('sections that open', () => {
	const team = 'kwaliteitsteam@utrecht.demo.example';

	it('open from the keyboard on /escalatie: Tab to a summary, Enter; the URL holds it, a reload keeps it open', async () => {
		const page = await sameSession(team);
		expect(await visit(page, '/escalatie')).toBe(200);
		const section = page.locator('details', { has: page.locator('#doorlooptijd') });
		await expect(section.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(false);
		let reached = false;
		for (let i = 0; i < 120 && !reached; i++) {
			await page.keyboard.press('Tab');
			const f = await focusedSummary(page);
			reached = f.summary && f.text.startsWith('Doorlooptijd');
		}
		expect(reached, 'the summary "Doorlooptijd" was reached with Tab').toBe(true);
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => url.searchParams.get('open') === 'doorlooptijd');
		await expect(section.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(true);
		// Another section opened after it joins the list; closing it leaves the first.
		await page.locator('summary', { has: page.locator('#afloop') }).click();
		await page.waitForURL((url) => url.searchParams.get('open') === 'doorlooptijd,afloop');
		await page.locator('summary', { has: page.locator('#afloop') }).click();
		await page.waitForURL((url) => url.searchParams.get('open') === 'doorlooptijd');
		// No navigation happened: the page did not scroll back to the top or lose the focus.
		await expect(focusedSummary(page)).resolves.toMatchObject({ summary: true });
		await page.reload();
		await page.waitForSelector('#svelte-announcer', { state: 'attached' });
		await expect(section.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(true);
		await expect(
			page
				.locator('details', { has: page.locator('#afloop') })
				.evaluate((d) => (d as HTMLDetailsElement).open)
		).resolves.toBe(false);
		// The server rendered it open: the page's HTML says so before any script runs.
		const html = await (await page.request.get('/escalatie?open=doorlooptijd')).text();
		expect(detailsTag(html, 'doorlooptijd')).toMatch(/\bopen\b/);
		expect(detailsTag(html, 'afloop')).not.toMatch(/\bopen\b/);
	});

	it('all open for print, and close again afterwards without touching the URL', async () => {
		const page = await sameSession(team);
		expect(await visit(page, '/budget?open=kassabon')).toBe(200);
		const states = () =>
			page
				.locator('.portal-fold > details')
				.evaluateAll((all) => all.map((d) => (d as HTMLDetailsElement).open));
		const before = await states();
		expect(before.length).toBeGreaterThan(3);
		expect(before.filter(Boolean)).toHaveLength(1);
		await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
		await expect(states()).resolves.toEqual(before.map(() => true));
		await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
		await expect(states()).resolves.toEqual(before);
		// Toggle events run after the handlers: the URL still names only the section that was open.
		await page.evaluate(() => new Promise((done) => setTimeout(done, 0)));
		expect(new URL(page.url()).searchParams.get('open')).toBe('kassabon');
	});

	it('show their content in print without JavaScript too', async () => {
		const page = await sameSession(team, { javaScriptEnabled: false });
		expect((await page.goto('/budget'))?.status()).toBe(200);
		const table = page.locator('#budget-monitoring');
		await expect(table.isVisible()).resolves.toBe(false);
		await page.emulateMedia({ media: 'print' });
		await expect(table.isVisible()).resolves.toBe(true);
	});

	it('keep /signalen short: the strongest ten suggestions, ten more with each "meer", without JavaScript', async () => {
		const page = await sameSession(team, { javaScriptEnabled: false });
		expect((await page.goto('/signalen'))?.status()).toBe(200);
		const total = Number(
			(await page.locator('.portal-figure', { hasText: 'Suggesties' }).locator('dd').textContent())!.replace(
				/\D/g,
				''
			)
		);
		expect(total, 'the demo has more than ten suggestions for Utrecht').toBeGreaterThan(10);
		const shown = page.locator('.portal-suggestions > li');
		await expect(shown.count()).resolves.toBe(10);
		// The section opens as details do, without a script; its "meer" link then shows the next ten.
		await page.locator('summary', { has: page.locator('#suggesties') }).click();
		await page.getByRole('link', { name: /^Toon meer suggesties/ }).click();
		await page.waitForURL((url) => url.searchParams.get('suggesties') === '20');
		expect(new URL(page.url()).searchParams.get('open')).toBe('suggesties');
		await expect(shown.count()).resolves.toBe(Math.min(20, total));
		await expect(shown.first().isVisible()).resolves.toBe(true);
	});
});
