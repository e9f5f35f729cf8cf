/** The portal in a real browser: login, the home's key figures, downloads, logout, keyboard use and axe (WCAG 2.1 AA). */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { request, sampleExport, defaultPassword } from '../support/server';
import { expectAxeClean, keyFigures, loginInBrowser } from '../support/browser';
import { openBrowserPortal, type BrowserPortal } from '../support/portal';
import { nextTotpCode } from '../support/form-login';

const LEEUWARDEN = 'kwaliteit@leeuwarden.example.nl';
const UTRECHT = 'kwaliteit@gm0344.example.nl';

let portal: BrowserPortal;

beforeAll(async () => {
	portal = await openBrowserPortal('e2e-portal', {
		exports: [sampleExport],
		users: [
			{ email: LEEUWARDEN, role: 'kwaliteitsteam', gemeente: ['GM0080'] },
			{ email: UTRECHT, role: 'kwaliteitsteam', gemeente: ['GM0344'] }
		]
	});
});

afterAll(() => portal?.close());

/** Runs `fn` with a page in a fresh browser context (no cookies), closed afterwards. */
const withPage = <T>(fn: (page: Page, context: BrowserContext) => Promise<T>) => portal.withPage(fn);

/** The focused element, described by tag, id, name attribute and text. */
function focused(page: Page) {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		return {
			tag: el?.tagName.toLowerCase() ?? null,
			id: el?.id ?? '',
			name: el?.getAttribute('name') ?? '',
			text: el?.textContent?.trim() ?? ''
		};
	});
}

/** The key figures block of the home. */
const KERNCIJFERS = 'section[aria-labelledby="home-kerncijfers"]';

describe('login and the home', () => {
	it('logs in with the form and shows the key figures of GM0080 on the home', async () => {
		await withPage(async (page) => {
			await loginInBrowser(page, portal.server.url, LEEUWARDEN);
			expect(new URL(page.url()).pathname).toBe('/');
			await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Start');
			const figures = await keyFigures(page, KERNCIJFERS);
			expect(figures['Casussen']).toBe('30');
			expect(figures['Nog open']).toBe('7');
			await expect(page.getByText('Er zijn nog geen casussen in uw bereik').count()).resolves.toBe(0);
		});
	});

	it("offers the key figures' tables (the registry view `dashboard`) as CSV (200, text/csv) and Excel", async () => {
		await withPage(async (page, context) => {
			await loginInBrowser(page, portal.server.url, LEEUWARDEN);
			const csv = await context.request.get(
				new URL('/download/dashboard?format=csv&tabel=dashboard-jaren', page.url()).toString()
			);
			expect(csv.status()).toBe(200);
			expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
			const body = await csv.text();
			expect(body).toMatch(/2024;12/);
			expect(body).toMatch(/2025;18/);

			const xlsx = await context.request.get(
				new URL('/download/dashboard?format=xlsx', page.url()).toString()
			);
			expect(xlsx.status()).toBe(200);
			expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
		});
	});

	it('logs out with the header button and lands on /login; the old session no longer opens /', async () => {
		await withPage(async (page) => {
			await loginInBrowser(page, portal.server.url, LEEUWARDEN);
			await page.getByRole('button', { name: 'Uitloggen' }).click();
			await page.waitForURL((url) => url.pathname === '/login');
			await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Inloggen');
			await page.goto('/');
			expect(new URL(page.url()).pathname).toBe('/login');
		});
	});

	it('sends a visitor without a session from / to /login', async () => {
		const plain = await request(portal.server, '/');
		expect(plain.status).toBe(303);
		expect(plain.headers.get('location')).toBe('/login?terug=%2F');
		await withPage(async (page) => {
			await page.goto('/');
			const url = new URL(page.url());
			expect(url.pathname).toBe('/login');
			expect(url.searchParams.get('terug')).toBe('/');
			await expect(page.getByLabel('E-mailadres').count()).resolves.toBe(1);
		});
	});

	it('shows the Dutch alert on a wrong password and stays on /login', async () => {
		await withPage(async (page) => {
			// Wait for hydration: a field filled before it may be reset when Svelte takes over the page.
			await page.goto('/login', { waitUntil: 'networkidle' });
			await page.getByLabel('E-mailadres').fill(LEEUWARDEN);
			await page.getByLabel('Wachtwoord').fill('wrong-password-123456');
			await page.getByRole('button', { name: 'Inloggen' }).click();
			const alert = page.getByRole('alert');
			await alert.waitFor();
			await expect(alert.textContent()).resolves.toContain('Het e-mailadres of het wachtwoord klopt niet.');
			expect(new URL(page.url()).pathname).toBe('/login');
		});
	});

	it('shows a GM0344 user no cases of GM0080, with the empty-state text', async () => {
		await withPage(async (page) => {
			await loginInBrowser(page, portal.server.url, UTRECHT);
			expect(new URL(page.url()).pathname).toBe('/');
			await expect(page.locator(KERNCIJFERS).locator('dl').count()).resolves.toBe(0);
			await expect(page.getByText('Er zijn nog geen casussen in uw bereik').count()).resolves.toBe(1);
			await expectAxeClean(page, 'home (empty state, GM0344)');
		});
	});
});

describe('keyboard only', () => {
	it('completes the login form with the keyboard; on the home Tab reaches "Naar de inhoud" first', async () => {
		await withPage(async (page) => {
			// Wait for hydration: a field filled before it may be reset when Svelte takes over the page.
			await page.goto('/login', { waitUntil: 'networkidle' });
			await page.keyboard.press('Tab');
			expect(await focused(page)).toMatchObject({ tag: 'input', name: 'email' });
			await page.keyboard.type(LEEUWARDEN);
			await page.keyboard.press('Tab');
			expect(await focused(page)).toMatchObject({ tag: 'input', name: 'password' });
			await page.keyboard.type(defaultPassword);
			await page.keyboard.press('Tab');
			expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Inloggen' });
			await page.keyboard.press('Enter');
			// The second factor: the account set up its app in the first test, so the portal asks for a code.
			await page.waitForURL((url) => url.pathname === '/login/tweede-factor');
			await page.waitForLoadState('networkidle');
			await page.keyboard.press('Tab');
			expect(await focused(page)).toMatchObject({ tag: 'input', name: 'code' });
			await page.keyboard.type(await nextTotpCode(portal.server.url, LEEUWARDEN));
			await page.keyboard.press('Enter');
			await page.waitForURL((url) => url.pathname === '/');
			await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Start');

			// From the top of a freshly loaded page, the first Tab lands on the skip link.
			await page.goto('/');
			await page.keyboard.press('Tab');
			expect(await focused(page)).toMatchObject({ tag: 'a', text: 'Naar de inhoud' });
			const box = await page.getByRole('link', { name: 'Naar de inhoud' }).boundingBox();
			expect(box, 'the focused skip link is on screen').not.toBeNull();
			expect(box!.y).toBeGreaterThanOrEqual(0);
			await page.keyboard.press('Enter');
			await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('inhoud');
		});
	});
});

describe('accessibility (axe, WCAG 2.1 A and AA)', () => {
	it('has no violations on /login', async () => {
		await withPage(async (page) => {
			await page.goto('/login');
			await expectAxeClean(page, '/login');
		});
	});

	it('has no violations on /login showing the error alert', async () => {
		await withPage(async (page) => {
			// Wait for hydration: a field filled before it may be reset when Svelte takes over the page.
			await page.goto('/login', { waitUntil: 'networkidle' });
			await page.getByLabel('E-mailadres').fill('niemand@example.nl');
			await page.getByLabel('Wachtwoord').fill('wrong-password-123456');
			await page.getByRole('button', { name: 'Inloggen' }).click();
			await page.getByRole('alert').waitFor();
			await expectAxeClean(page, '/login (with error)');
		});
	});

	it('has no violations on the home /', async () => {
		await withPage(async (page) => {
			await loginInBrowser(page, portal.server.url, LEEUWARDEN);
			await page.getByRole('heading', { name: 'Start', exact: true }).waitFor();
			await expectAxeClean(page, '/ (home)');
		});
	});

	it('has no violations on /toegankelijkheid (public)', async () => {
		await withPage(async (page) => {
			await page.goto('/toegankelijkheid');
			expect(new URL(page.url()).pathname).toBe('/toegankelijkheid');
			await expectAxeClean(page, '/toegankelijkheid');
		});
	});
});
