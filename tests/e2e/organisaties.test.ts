/** The organisaties & ministeries screen in Chromium: sample figures, diagonal switch, drill-down, empty state, partners' answer times, ministries per case, axe, roles. */
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { projectDir, sampleExport } from '../support/server';
import { openBrowserPortal, type BrowserPortal } from '../support/portal';
import { expectAxeClean, keyFigures, tableRows } from '../support/browser';

const KWALITEIT = 'kwaliteit@leeuwarden.example.nl';
const COLLEGE = 'college@leeuwarden.example.nl';
const ZWOLLE = 'kwaliteit@zwolle.example.nl';
const UTRECHT = 'kwaliteit@utrecht.example.nl';

/** The public sample of version 1.1: questions to UWV, SVB and the Belastingdienst. */
const ZWOLLE_EXPORT = path.join(
	projectDir,
	'src',
	'lib',
	'server',
	'ingest',
	'fixtures',
	'zwolle-2025-v11.csv'
);
/** Utrecht's cases with 0, 1, 2, 2, 3 and 4 ministries. */
const MINISTRIES_EXPORT = {
	name: 'utrecht-ministeries.csv',
	text: [
		'casus_id;gemeente;aangemeld_op;status;leefgebieden;ministeries',
		'UT-1;GM0344;2025-01-06;open;wonen;',
		'UT-2;GM0344;2025-01-07;open;wonen;SZW',
		'UT-3;GM0344;2025-01-08;open;wonen;SZW|FIN',
		'UT-4;GM0344;2025-01-09;open;wonen;VWS|JenV',
		'UT-5;GM0344;2025-01-10;open;wonen;SZW|FIN|VWS',
		'UT-6;GM0344;2025-01-13;open;wonen;SZW|FIN|VWS|JenV'
	].join('\n')
};

let portal: BrowserPortal;

beforeAll(async () => {
	portal = await openBrowserPortal('e2e-organisaties', {
		exports: [sampleExport, ZWOLLE_EXPORT, MINISTRIES_EXPORT],
		users: [
			{ email: KWALITEIT, role: 'kwaliteitsteam', gemeente: ['GM0080'] },
			{ email: COLLEGE, role: 'college', gemeente: ['GM0080'] },
			{ email: ZWOLLE, role: 'kwaliteitsteam', gemeente: ['GM0193'] },
			{ email: UTRECHT, role: 'kwaliteitsteam', gemeente: ['GM0344'] }
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
			// The sample names no ministry, nor a question to a partner: said in words, not as an empty chart.
			await expect(page.getByText('Geen van deze casussen noemt een ministerie.').count()).resolves.toBe(2);
			await expect(page.getByText('Deze casussen noemen geen vragen aan partners.').count()).resolves.toBe(1);
			await expect(page.getByText(EMPTY).count()).resolves.toBe(0);
			const charts = page.locator('figure[role="img"]');
			await expect(charts.count()).resolves.toBe(3);
			await expect(charts.first().getAttribute('aria-label')).resolves.toContain('3 of meer 0');
			await expectAxeClean(page, '/organisaties');
		});
	});

	it('switches the diagonal between single-organisation cases and every case', async () => {
		await asUser(KWALITEIT, async (page) => {
			// The matrices are in a section that opens; the address opens it, and the diagonal links keep it open.
			await page.goto('/organisaties?open=samen');
			const single = page.getByRole('link', { name: 'Belastingdienst, alleen deze organisatie: 3 casussen' });
			await expect(single.count()).resolves.toBe(1);
			await page
				.getByRole('navigation', { name: 'Diagonaal van de matrices' })
				.getByRole('link', { name: 'totaal' })
				.click();
			await page.waitForURL((url) => url.searchParams.get('diagonal') === 'total');
			expect(new URL(page.url()).searchParams.get('open')).toBe('samen');
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
			await page.goto('/organisaties?open=samen');
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

describe('partners and ministries', () => {
	it("shows partners' answer times against the promise, the answer first", async () => {
		await asUser(ZWOLLE, async (page) => {
			await page.goto('/organisaties');
			await page.getByRole('heading', { level: 2, name: 'Reactietijden van partners' }).waitFor();
			await expect(
				page
					.getByText(
						'UWV beantwoordde 2 van de 3 vragen binnen de beloofde 2 werkdagen; 1 vraag staat open over de termijn.'
					)
					.count()
			).resolves.toBe(1);
			expect(await tableRows(page, 'organisaties-reactietijden')).toEqual([
				['Belastingdienst', '1', '1', '1', '1', '2', '0'],
				['Sociale Verzekeringsbank', '1', '1', '1', '1', '2', '0'],
				['Uitvoeringsinstituut Werknemersverzekeringen', '4', '3', '2', '2', '2', '1']
			]);
			const chart = page.locator('figure[role="img"][aria-label^="Vragen aan partners per organisatie"]');
			await expect(chart.getAttribute('aria-label')).resolves.toContain(
				'UWV 4 (Binnen de termijn beantwoord 2, Later beantwoord 1, Open over de termijn 1)'
			);
			await expect(
				page.locator('a[href*="/download/organisaties"][href*="tabel=organisaties-reactietijden"]').count()
			).resolves.toBe(1);
			await expectAxeClean(page, '/organisaties with answer times');
		});
	});

	it('counts cases per number of ministries', async () => {
		await asUser(UTRECHT, async (page) => {
			await page.goto('/organisaties?open=ministeries');
			await page.getByRole('heading', { level: 3, name: 'Ministeries per casus' }).waitFor();
			expect(await tableRows(page, 'organisaties-ministeries-per-casus')).toEqual([
				['0', '1'],
				['1', '1'],
				['2', '2'],
				['3', '1'],
				['4 of meer', '1']
			]);
			await expectAxeClean(page, '/organisaties with ministries per case');
		});
	});
});
