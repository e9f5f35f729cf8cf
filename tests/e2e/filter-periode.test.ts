/** Landelijk's filter bar in a real browser: one select of whole periods in place of the date fields, a chosen period in the URL, no console errors, axe; other roles keep the dates. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sampleExport } from '../support/server';
import { openBrowserPortal, type BrowserPortal } from '../support/portal';
import { expectAxeClean } from '../support/browser';

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

/** Collects what the page reports as an error in its console or throws uncaught, from now on. */
function consoleErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(error.message));
	return errors;
}

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
		});
	});
});

describe("the kwaliteitsteam's filter bar", () => {
	it('keeps the date fields and has no period select', async () => {
		await portal.asUser(KWALITEIT, async (page) => {
			await page.goto('/leefgebieden', { waitUntil: 'networkidle' });
			await expect(page.getByLabel('Aangemeld vanaf').getAttribute('type')).resolves.toBe('date');
			await expect(page.getByLabel('Aangemeld tot en met').getAttribute('type')).resolves.toBe('date');
			await expect(filterBar(page).locator('select[name="periode"]').count()).resolves.toBe(0);
		});
	});
});
