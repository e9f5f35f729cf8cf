/** The organisaties & ministeries screen in Chromium: sample figures, diagonal switch, drill-down, empty state, axe, roles. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { sampleExport } from '../support/server';
import { openBrowserPortal, type BrowserPortal } from '../support/portal';
import { expectAxeClean, keyFigures, tableRows } from '../support/browser';

const KWALITEIT = 'kwaliteit@leeuwarden.example.nl';
const COLLEGE = 'college@leeuwarden.example.nl';

let portal: BrowserPortal;

beforeAll(async () => {
	portal = await openBrowserPortal('e2e-organisaties', {
		exports: [sampleExport],
		users: [
			{ email: KWALITEIT, role: 'kwaliteitsteam', gemeente: ['GM0080'] },
			{ email: COLLEGE, role: 'college', gemeente: ['GM0080'] }
		]
	});
});

afterAll(() => portal?.close());

/** Runs `fn` with a page of a fresh context in which `email` has logged in. */
const asUser = <T>(email: string, fn: (page: Page) => Promise<T>) => portal.asUser(email, fn);

const EMPTY = 'Er zijn geen casussen bij deze selectie';

describe('/organisaties', () => {
	it('shows the sample figures: involvement, national agencies and the organisation matrix', async () => {
		await asUser(KWALITEIT, async (page) => {
			await page.goto('/organisaties');
			await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
				'Organisaties & ministeries'
			);
			expect(await keyFigures(page)).toEqual({
				Casussen: '30',
				'Met een landelijke uitvoerder': '15',
				'Met meer dan één landelijke uitvoerder': '2'
			});
			expect(await tableRows(page, 'organisaties-landelijk')).toEqual([
				['0', '15'],
				['1', '13'],
				['2', '2'],
				['3 of meer', '0']
			]);
			expect(await tableRows(page, 'organisaties-betrokkenheid')).toEqual([
				['Belastingdienst', 'Landelijke uitvoerder', '6'],
				['Sociale Verzekeringsbank', 'Landelijke uitvoerder', '6'],
				['Uitvoeringsinstituut Werknemersverzekeringen', 'Landelijke uitvoerder', '5'],
				['Zorgverzekeraar', 'Zorg', '7'],
				['Woningcorporatie', 'Wonen', '5']
			]);
			expect(await tableRows(page, 'organisaties-soort')).toEqual([
				['Landelijke uitvoerder', '15'],
				['Zorg', '7'],
				['Wonen', '5']
			]);
			// The sample names no ministry: said in words, not as an empty chart.
			await expect(page.getByText('Geen van deze casussen noemt een ministerie.').count()).resolves.toBe(2);
			await expect(page.getByText(EMPTY).count()).resolves.toBe(0);
			const charts = page.locator('figure[role="img"]');
			await expect(charts.count()).resolves.toBe(3);
			await expect(charts.first().getAttribute('aria-label')).resolves.toContain('3 of meer 0');
			await expectAxeClean(page, '/organisaties');
		});
	});

	it('switches the diagonal between single-organisation cases and every case', async () => {
		await asUser(KWALITEIT, async (page) => {
			await page.goto('/organisaties');
			const single = page.getByRole('link', { name: 'Belastingdienst, alleen deze organisatie: 3 casussen' });
			await expect(single.count()).resolves.toBe(1);
			await page
				.getByRole('navigation', { name: 'Diagonaal van de matrices' })
				.getByRole('link', { name: 'totaal' })
				.click();
			await page.waitForURL((url) => url.searchParams.get('diagonal') === 'total');
			const total = page.getByRole('link', {
				name: 'Belastingdienst, alle casussen met deze organisatie: 6 casussen'
			});
			await total.waitFor();
			await expect(
				page.getByRole('link', { name: 'Belastingdienst, alleen deze organisatie: 3 casussen' }).count()
			).resolves.toBe(0);
			const caption = await page.locator('table#organisaties-matrix caption').textContent();
			expect(caption).toContain('alle casussen met deze organisatie');
		});
	});

	it('lists the cases of a matrix cell for the kwaliteitsteam', async () => {
		await asUser(KWALITEIT, async (page) => {
			await page.goto('/organisaties');
			await page.getByRole('link', { name: 'UWV en Woningcorporatie: 2 casussen' }).click();
			await page.waitForURL((url) => url.searchParams.get('cel') === 'UWV|woningcorporatie');
			expect(new URL(page.url()).searchParams.get('matrix')).toBe('organisaties');
			const heading = page.getByRole('heading', {
				level: 4,
				name: 'Casussen: Uitvoeringsinstituut Werknemersverzekeringen en Woningcorporatie'
			});
			await heading.waitFor();
			const list = page.locator('#casussen-organisaties table tbody tr th');
			await expect(list.allTextContents()).resolves.toEqual(['LW-2024-010', 'LW-2024-006']);
			await expectAxeClean(page, '/organisaties with a cell open');
		});
	});

	it('refuses a cell of an unknown matrix with 400', async () => {
		await asUser(KWALITEIT, async (page) => {
			const response = await page.goto('/organisaties?cel=UWV|UWV&matrix=wetten');
			expect(response?.status()).toBe(400);
		});
	});

	it('shows the empty state, not an error, when the filter matches nothing', async () => {
		await asUser(KWALITEIT, async (page) => {
			const response = await page.goto('/organisaties?from=2030-01-01');
			expect(response?.status()).toBe(200);
			await expect(page.getByRole('status').filter({ hasText: EMPTY }).count()).resolves.toBe(1);
			await expect(page.locator('figure[role="img"]').count()).resolves.toBe(0);
			await expectAxeClean(page, '/organisaties (empty)');
		});
	});

	it('gives the college the figures but no case list and no cell links', async () => {
		await asUser(COLLEGE, async (page) => {
			const response = await page.goto('/organisaties?cel=UWV|woningcorporatie&matrix=organisaties');
			expect(response?.status()).toBe(200);
			expect((await keyFigures(page))['Met meer dan één landelijke uitvoerder']).toBe('2');
			await expect(page.getByRole('heading', { name: /^Casussen:/ }).count()).resolves.toBe(0);
			await expect(page.locator('#casussen-organisaties').count()).resolves.toBe(0);
			await expect(page.locator('.portal-heatmap a').count()).resolves.toBe(0);
			await expect(page.getByText('LW-2024-010').count()).resolves.toBe(0);
			// The numbers stay readable without links.
			await expect(page.getByText('UWV en Woningcorporatie: 2 casussen').count()).resolves.toBe(1);
		});
	});
});
