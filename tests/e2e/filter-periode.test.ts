/** The filter bar's period in a real browser: landelijk chooses whole periods from one select; other roles type dates as dd-mm-jjjj, which reach the URL as ISO, and a date that is no date gets a Dutch message while the other filters stay; no console errors, axe. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sampleExport } from '../support/server';
import { openBrowserPortal, type BrowserPortal } from '../support/portal';
import { consoleErrors, expectAxeClean, tableRows } from '../support/browser';

const LANDELIJK = 'programma@landelijk.example.nl';
const KWALITEIT = 'kwaliteit@leeuwarden.example.nl';

let portal: BrowserPortal;

beforeAll(async () => {
	portal = await openBrowserPortal('e2e-filter-periode', {
		exports: [sampleExport],
		users: [
			{ email: LANDELIJK, role: 'landelijk' },
			{ email: KWALITEIT, role: 'kwaliteitsteam', gemeente: ['GM0080'] }
		]
	});
});

afterAll(() => portal?.close());

const filterBar = (page: Page) => page.getByRole('form', { name: 'Filters' });

describe("landelijk's filter bar", () => {
	it('offers whole periods only, and a chosen one lands in the URL of a page that answers 200', async () => {
		await portal.asUser(LANDELIJK, async (page) => {
			const errors = consoleErrors(page);
			const first = await page.goto('/leefgebieden', { waitUntil: 'networkidle' });
			expect(first?.status()).toBe(200);
			await expect(filterBar(page).locator('input').count()).resolves.toBe(0);
			await expect(page.getByLabel('Aangemeld vanaf').count()).resolves.toBe(0);

			const select = filterBar(page).getByLabel('Periode', { exact: true });
			const options = await select
				.locator('option')
				.evaluateAll((all) => all.map((o) => [(o as HTMLOptionElement).value, o.textContent!.trim()]));
			// The sample spans 2024 and 2025: all data, then each year with its halves and quarters, newest first.
			expect(options.slice(0, 9)).toEqual([
				['', 'Alle gegevens'],
				['2025', 'Heel 2025'],
				['2025-H2', 'Tweede halfjaar 2025'],
				['2025-H1', 'Eerste halfjaar 2025'],
				['2025-Q4', 'Vierde kwartaal 2025'],
				['2025-Q3', 'Derde kwartaal 2025'],
				['2025-Q2', 'Tweede kwartaal 2025'],
				['2025-Q1', 'Eerste kwartaal 2025'],
				['2024', 'Heel 2024']
			]);
			expect(options.map(([value]) => value).slice(9)).toEqual([
				'2024-H2',
				'2024-H1',
				'2024-Q4',
				'2024-Q3',
				'2024-Q2',
				'2024-Q1'
			]);
			await expect(select.inputValue()).resolves.toBe('');
			await expectAxeClean(page, '/leefgebieden (landelijk)');

			// By keyboard: focus the select, choose, then submit with Enter on the button.
			await select.focus();
			await select.selectOption('2025-Q2');
			await page.getByRole('button', { name: 'Filter toepassen' }).press('Enter');
			await page.waitForURL((url) => url.searchParams.get('periode') === '2025-Q2');
			await page.waitForLoadState('networkidle');
			await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Leefgebieden');
			await expect(filterBar(page).getByLabel('Periode', { exact: true }).inputValue()).resolves.toBe(
				'2025-Q2'
			);
			const url = new URL(page.url());
			expect(url.searchParams.has('from')).toBe(false);
			expect(url.searchParams.has('to')).toBe(false);

			// The same address loaded afresh, as without JavaScript: 200, the period still chosen.
			const again = await page.goto(url.pathname + url.search, { waitUntil: 'networkidle' });
			expect(again?.status()).toBe(200);
			await expect(filterBar(page).getByLabel('Periode', { exact: true }).inputValue()).resolves.toBe(
				'2025-Q2'
			);
			// A quick choice (from/to of a whole period) shows as that period in the select.
			const quick = await page.goto('/leefgebieden?from=2024-07-01&to=2024-12-31', {
				waitUntil: 'networkidle'
			});
			expect(quick?.status()).toBe(200);
			await expect(filterBar(page).getByLabel('Periode', { exact: true }).inputValue()).resolves.toBe(
				'2024-H2'
			);
			await expectAxeClean(page, '/leefgebieden?from=2024-07-01&to=2024-12-31 (landelijk)');
			expect(errors).toEqual([]);
		});
	});

	it('answers a period it does not know, or a period beside dates, with 400', async () => {
		await portal.asUser(LANDELIJK, async (page) => {
			const bad = await page.goto('/leefgebieden?periode=2025-Q5');
			expect(bad?.status()).toBe(400);
			await expect(
				page.getByText('kies een jaar (2025), een halfjaar (2025-H1) of een kwartaal').count()
			).resolves.toBe(1);
			const both = await page.goto('/leefgebieden?periode=2025-Q1&from=2025-01-01&to=2025-03-31');
			expect(both?.status()).toBe(400);
			// Dates in either form are taken only as a whole period; any other range is refused.
			const dutch = await page.goto('/leefgebieden?from=01-04-2025&to=30-06-2025', {
				waitUntil: 'networkidle'
			});
			expect(dutch?.status()).toBe(200);
			await expect(filterBar(page).getByLabel('Periode', { exact: true }).inputValue()).resolves.toBe(
				'2025-Q2'
			);
			const days = await page.goto('/leefgebieden?from=01-04-2025&to=15-06-2025');
			expect(days?.status()).toBe(400);
			await expect(page.getByText('kwartaal').count()).resolves.toBeGreaterThan(0);
		});
	});
});

describe("the kwaliteitsteam's filter bar", () => {
	const from = (page: Page) => filterBar(page).getByLabel('Aangemeld vanaf', { exact: true });
	const to = (page: Page) => filterBar(page).getByLabel('Aangemeld tot en met', { exact: true });
	const perCase = (page: Page) => tableRows(page, 'leefgebieden-per-casus');

	it('shows the dates as dd-mm-jjjj text, with the hint, and no period select', async () => {
		await portal.asUser(KWALITEIT, async (page) => {
			await page.goto('/leefgebieden?from=2025-03-03', { waitUntil: 'networkidle' });
			await expect(from(page).getAttribute('type')).resolves.toBe('text');
			await expect(from(page).getAttribute('inputmode')).resolves.toBe('numeric');
			await expect(from(page).inputValue()).resolves.toBe('03-03-2025');
			await expect(to(page).inputValue()).resolves.toBe('');
			await expect(filterBar(page).getByText('dd-mm-jjjj', { exact: true }).count()).resolves.toBe(2);
			// The browser applies the pattern: a Dutch date and an ISO one pass, other text does not.
			const valid = await from(page).evaluate((input: HTMLInputElement) =>
				['01-10-2025', '1-2-2025', '2025-10-01', '1 oktober'].map((text) => {
					input.value = text;
					return input.validity.valid;
				})
			);
			expect(valid).toEqual([true, true, true, false]);
			await expect(filterBar(page).locator('select[name="periode"]').count()).resolves.toBe(0);
		});
	});

	it('takes 01-10-2025 typed by keyboard to the ISO address and its figures', async () => {
		await portal.asUser(KWALITEIT, async (page) => {
			const errors = consoleErrors(page);
			await page.goto('/leefgebieden?from=2025-10-01&to=2025-12-31', { waitUntil: 'networkidle' });
			const quarter = await perCase(page);
			await page.goto('/leefgebieden', { waitUntil: 'networkidle' });
			const all = await perCase(page);
			expect(quarter.length).toBeGreaterThan(0);
			expect(quarter).not.toEqual(all);

			await from(page).focus();
			await page.keyboard.type('01-10-2025');
			await page.keyboard.press('Tab');
			await expect(to(page).evaluate((input) => input === document.activeElement)).resolves.toBe(true);
			await page.keyboard.type('31-12-2025');
			await page.keyboard.press('Enter');
			await page.waitForURL(
				(url) => url.searchParams.get('from') === '2025-10-01' && url.searchParams.get('to') === '2025-12-31'
			);
			await page.waitForLoadState('networkidle');
			await expect(from(page).inputValue()).resolves.toBe('01-10-2025');
			await expect(to(page).inputValue()).resolves.toBe('31-12-2025');
			expect(await perCase(page)).toEqual(quarter);

			// Without JavaScript the typed address answers the same way: sent on to the ISO one.
			const typed = await page.request.get('/leefgebieden?from=1-10-2025&to=31-12-2025', { maxRedirects: 0 });
			expect(typed.status()).toBe(307);
			expect(typed.headers().location).toBe('/leefgebieden?from=2025-10-01&to=2025-12-31');
			await expectAxeClean(page, '/leefgebieden?from=2025-10-01&to=2025-12-31');
			expect(errors).toEqual([]);
		});
	});

	it('says in Dutch why 31-04-2025 is no date, keeps it and the other filters, and leaves it out of the figures', async () => {
		await portal.asUser(KWALITEIT, async (page) => {
			const errors = consoleErrors(page);
			await page.goto('/leefgebieden?status=afgerond', { waitUntil: 'networkidle' });
			const completed = await perCase(page);
			await from(page).fill('31-04-2025');
			await filterBar(page).getByRole('button', { name: 'Filter toepassen' }).press('Enter');
			await page.waitForURL((url) => url.searchParams.get('from') === '31-04-2025');
			await page.waitForLoadState('networkidle');
			const message = '31-04-2025 bestaat niet: april heeft 30 dagen.';
			await expect(filterBar(page).getByText(message).count()).resolves.toBe(1);
			await expect(from(page).getAttribute('aria-invalid')).resolves.toBe('true');
			await expect(from(page).inputValue()).resolves.toBe('31-04-2025');
			await expect(filterBar(page).getByLabel('Status').inputValue()).resolves.toBe('afgerond');
			expect(new URL(page.url()).searchParams.get('status')).toBe('afgerond');
			expect(await perCase(page)).toEqual(completed);
			await expectAxeClean(page, '/leefgebieden?from=31-04-2025&status=afgerond');

			// Loaded afresh, as without JavaScript: 200 with the same message.
			const again = await page.goto('/leefgebieden?from=29-02-2025&to=&status=afgerond', {
				waitUntil: 'networkidle'
			});
			expect(again?.status()).toBe(200);
			await expect(
				filterBar(page).getByText('29-02-2025 bestaat niet: februari 2025 heeft 28 dagen.').count()
			).resolves.toBe(1);
			// The API keeps answering a bad date with 400.
			const api = await page.request.get('/api/v1/counts?dimension=leefgebieden&from=31-04-2025');
			expect(api.status()).toBe(400);
			expect(errors).toEqual([]);
		});
	});
});
