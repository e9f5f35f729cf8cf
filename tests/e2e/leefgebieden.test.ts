/** /leefgebieden in Chromium: the heatmap against the API, both diagonals, a cell's cases by keyboard, the full list as a stream, axe. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, sampleExport } from '../support/server';
import { openBrowserPortal, type BrowserPortal } from '../support/portal';
import { expectAxeClean } from '../support/browser';

const KWALITEIT = 'kt@leeuwarden.example';
const COLLEGE = 'college@leeuwarden.example';
/** More cases than the page lists under a cell. */
const MANY = 230;

/** Heerenveen's cases naming financiën and wonen, more than the page lists under a cell. */
const HEERENVEEN_EXPORT = [
	'casus_id;gemeente;aangemeld_op;status;leefgebieden',
	...Array.from(
		{ length: MANY },
		(_, i) => `HV-${i + 1};Heerenveen;2025-${String((i % 12) + 1).padStart(2, '0')}-15;open;financiën|wonen`
	)
].join('\n');

let portal: BrowserPortal;
let token: string;

beforeAll(async () => {
	portal = await openBrowserPortal('e2e-leefgebieden', {
		exports: [sampleExport, { name: 'heerenveen.csv', text: HEERENVEEN_EXPORT }],
		users: [
			{ email: KWALITEIT, role: 'kwaliteitsteam', gemeente: ['GM0080', 'GM0074'] },
			{ email: COLLEGE, role: 'college', gemeente: ['GM0080'] }
		],
		tokens: [KWALITEIT]
	});
	token = portal.tokens[KWALITEIT];
});

afterAll(() => portal?.close());

describe('/leefgebieden', () => {
	it('shows the matrix the API gives, with both diagonal readings and the totals row, axe clean', async () => {
		const api = (
			await request(portal.server, '/api/v1/cooccurrence?dimension=leefgebieden&gemeente=GM0080', { token })
		).body as { labels: string[]; matrix: number[][]; totals: Record<string, number> };
		await portal.asUser(KWALITEIT, async (page) => {
			await page.goto('/leefgebieden?gemeente=GM0080');
			const heatmap = page
				.locator('table', { has: page.locator('caption', { hasText: 'paar leefgebieden' }) })
				.first();
			// The visible number of each cell: its link, or the figure beside the sentence read out.
			const cells = await heatmap
				.locator('tbody tr')
				.evaluateAll((trs) =>
					trs.map((tr) =>
						Array.from(tr.querySelectorAll('td')).map((td) =>
							td.querySelector('a, [aria-hidden="true"]')!.textContent!.trim()
						)
					)
				);
			expect(cells).toEqual(api.matrix.map((row) => row.map(String)));
			const totals = await heatmap.locator('tfoot td').allInnerTexts();
			expect(totals).toEqual(api.labels.map((l) => String(api.totals[l])));
			await expectAxeClean(page, '/leefgebieden');

			await page.getByRole('link', { name: 'totaal', exact: true }).click();
			await page.waitForURL((url) => url.searchParams.get('diagonal') === 'total');
			const diagonal = await heatmap
				.locator('tbody tr')
				.evaluateAll((trs) =>
					trs.map((tr, i) =>
						tr.querySelectorAll('td')[i].querySelector('a, [aria-hidden="true"]')!.textContent!.trim()
					)
				);
			expect(diagonal).toEqual(api.labels.map((l) => String(api.totals[l])));
		});
	});

	it('lists the cases of a cell reached by keyboard, and the whole list through the Arrow stream', async () => {
		await portal.asUser(KWALITEIT, async (page) => {
			await page.goto('/leefgebieden?gemeente=GM0074');
			const cell = page.getByRole('link', { name: 'Financiën en Wonen: 230 casussen' });
			await cell.focus();
			await page.keyboard.press('Enter');
			await page.waitForURL((url) => url.searchParams.has('cel'));
			const list = page.locator('#casussen');
			await expect(list.getByText('230 casussen; de nieuwste 200 staan hieronder').count()).resolves.toBe(1);
			await expect(list.locator('tbody tr').count()).resolves.toBe(200);
			await list.getByRole('button', { name: 'Toon alle 230 casussen' }).click();
			await expect.poll(() => list.locator('tbody tr').count(), { timeout: 10_000 }).toBe(MANY);
			await expect(list.getByRole('button').count()).resolves.toBe(0);
			await expectAxeClean(page, '/leefgebieden with a cell');
		});
	});

	it('walks every cell by keyboard for roles that see aggregates only, without a case list', async () => {
		await portal.asUser(COLLEGE, async (page) => {
			await page.goto('/leefgebieden');
			await expect(page.locator('.portal-heatmap a').count()).resolves.toBe(0);
			const focusable = page.locator('.portal-heatmap [tabindex="0"]');
			expect(await focusable.count()).toBeGreaterThan(0);
			await focusable.first().focus();
			const spoken = await page.evaluate(() => document.activeElement?.textContent ?? '');
			expect(spoken).toMatch(/casussen$/);
			await page.goto('/leefgebieden?cel=financi%C3%ABn%7Cwonen');
			await expect(page.locator('#casussen').count()).resolves.toBe(0);
			await expectAxeClean(page, '/leefgebieden as college');
		});
	});

	it('shows an empty state when the filter matches nothing', async () => {
		await portal.asUser(KWALITEIT, async (page) => {
			await page.goto('/leefgebieden?from=2030-01-01');
			await expect(page.getByText('Er zijn geen casussen bij deze selectie').count()).resolves.toBe(1);
			await expectAxeClean(page, '/leefgebieden empty');
		});
	});
});
