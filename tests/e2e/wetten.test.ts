/** The Wetten screen in a real browser: the sample's laws and knelpunt levels, a knelpunt filter, articles, trends per quarter, reach, downloads, empty state, no console errors, axe. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { request, sampleExport } from '../support/server';
import { openBrowserPortal, type BrowserPortal } from '../support/portal';
import { consoleErrors, expectAxeClean, tableRows } from '../support/browser';

const LEEUWARDEN = 'kwaliteit@leeuwarden.example.nl';
const UTRECHT = 'kwaliteit@gm0344.example.nl';

/** Three Utrecht cases that name articles; Leeuwarden's user must never see them. */
const UTRECHT_EXPORT = [
	'casus_id;gemeente;aangemeld_op;status;leefgebieden;wetten;knelpunt',
	'UT-1;GM0344;2025-02-01;open;financiën;Pw art. 18|Pw art. 20;2B',
	'UT-2;GM0344;2025-03-01;open;financiën|wonen;Participatiewet artikel 18|Wht;4',
	'UT-3;GM0344;2025-04-01;open;verblijf;Vw 2000 art. 8;4',
	''
].join('\n');

let portal: BrowserPortal;

beforeAll(async () => {
	portal = await openBrowserPortal('e2e-wetten', {
		exports: [sampleExport, { name: 'utrecht.csv', text: UTRECHT_EXPORT }],
		users: [
			{ email: LEEUWARDEN, role: 'kwaliteitsteam', gemeente: ['GM0080'] },
			{ email: UTRECHT, role: 'kwaliteitsteam', gemeente: ['GM0344'] }
		]
	});
});

afterAll(() => portal?.close());

/** Runs `fn` with a page of a fresh context in which `email` has logged in. */
const asUser = <T>(email: string, fn: (page: Page) => Promise<T>) => portal.asUser(email, fn);

/** Law code and cases of the table of laws. */
async function casesPerWet(page: Page): Promise<[string, string][]> {
	return (await tableRows(page, 'wetten-wetten')).map((r) => [r[0], r[3]]);
}

describe('/wetten', () => {
	it("shows the sample's laws and knelpunt levels, and no articles, to Leeuwarden's kwaliteitsteam", async () => {
		await asUser(LEEUWARDEN, async (page) => {
			await page.goto('/wetten', { waitUntil: 'networkidle' });
			await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Wetten');
			expect(await casesPerWet(page)).toEqual([
				['Pw', '10'],
				['Wmo 2015', '10'],
				['Wlz', '10'],
				['Zvw', '10']
			]);
			await expect(
				page.getByRole('img', { name: /^Casussen per wet: Pw 10, Wmo 2015 10, Wlz 10, Zvw 10$/ }).count()
			).resolves.toBe(1);
			expect(await tableRows(page, 'wetten-niveaus')).toEqual([
				['Macro (wet- en regelgeving)', '8'],
				['Meso (samenwerking en systeem)', '8'],
				['Micro (professional en inwoner)', '14'],
				['Zonder knelpunt', '0']
			]);
			const knelpunten = await tableRows(page, 'wetten-knelpunten');
			expect(knelpunten.map((r) => [r[0], r[1], r[3]])).toEqual([
				['1', 'macro', '0'],
				['2A', 'macro', '8'],
				['2B', 'macro', '0'],
				['3', 'meso', '8'],
				['4', 'meso', '0'],
				['5', 'micro', '7'],
				['6', 'micro', '7']
			]);
			const wetNiveau = page.locator('table', {
				has: page.locator('caption', { hasText: 'Casussen per wet en niveau van het knelpunt' })
			});
			// The shaded cross table and its downloadable copy.
			await expect(wetNiveau.count()).resolves.toBe(2);
			expect(await tableRows(page, 'wetten-wet-niveau')).toEqual([
				['Participatiewet (Pw)', '3', '3', '4', '0', '10'],
				['Wet maatschappelijke ondersteuning 2015 (Wmo 2015)', '3', '2', '5', '0', '10'],
				['Wet langdurige zorg (Wlz)', '2', '3', '5', '0', '10'],
				['Zorgverzekeringswet (Zvw)', '2', '3', '5', '0', '10']
			]);
			const wetLeefgebied = await tableRows(page, 'wetten-wet-leefgebied');
			// Financiën, wonen, psychische gezondheid, werk en activiteiten, sociale relaties, lichamelijke gezondheid.
			expect(wetLeefgebied[2]).toEqual(['Wet langdurige zorg (Wlz)', '3', '6', '2', '3', '3', '1', '10']);
			await expect(
				page.getByText('Bij deze selectie is bij geen enkele wet een artikel genoemd.').count()
			).resolves.toBe(1);
			await expect(page.locator('table#wetten-artikelen').count()).resolves.toBe(0);
			const text = await page.locator('main').textContent();
			expect(text).not.toContain('Vreemdelingenwet');
			expect(text).not.toContain('huurtoeslag');
		});
	});

	it('changes the figures with the knelpunt filter, kept in the URL', async () => {
		await asUser(LEEUWARDEN, async (page) => {
			await page.goto('/wetten', { waitUntil: 'networkidle' });
			await page.getByLabel('Knelpunt', { exact: true }).selectOption('2A');
			await page.getByRole('button', { name: 'Filter toepassen' }).click();
			await page.waitForURL((url) => url.searchParams.get('knelpunt') === '2A');
			await page.locator('table#wetten-wetten').waitFor();
			expect(await casesPerWet(page)).toEqual([
				['Pw', '3'],
				['Wmo 2015', '3'],
				['Wlz', '2'],
				['Zvw', '2']
			]);
			expect((await tableRows(page, 'wetten-niveaus')).map((r) => r[1])).toEqual(['8', '0', '0', '0']);
			await expect(page.getByText('8 casussen, waarvan 8 met ten minste één wet').count()).resolves.toBe(1);
		});
	});

	it('lists the articles named, grouped under their law, for the gemeente that holds them', async () => {
		await asUser(UTRECHT, async (page) => {
			// The articles are in a section that opens; the address opens it.
			await page.goto('/wetten?open=artikelen', { waitUntil: 'networkidle' });
			expect(await casesPerWet(page)).toEqual([
				['Pw', '2'],
				['Wht', '1'],
				['Vw 2000', '1']
			]);
			expect(await tableRows(page, 'wetten-artikelen')).toEqual([
				['Pw art. 18', 'Participatiewet', '2'],
				['Pw art. 20', 'Participatiewet', '1'],
				['Vw 2000 art. 8', 'Vreemdelingenwet 2000', '1']
			]);
			const list = page.getByRole('region', { name: 'Genoemde artikelen' }).locator('ul').first();
			await expect(list.locator(':scope > li').allTextContents()).resolves.toEqual([
				expect.stringMatching(/^Participatiewet \(Pw\)\s*artikel 18: 2 casussen\s*artikel 20: 1 casus$/),
				expect.stringMatching(/^Vreemdelingenwet 2000 \(Vw 2000\)\s*artikel 8: 1 casus$/)
			]);
			await expectAxeClean(page, '/wetten (artikelen)');
		});
	});

	it('counts knelpunten and laws per quarter of aanmelding, offered as CSV and Excel', async () => {
		await asUser(UTRECHT, async (page) => {
			const errors = consoleErrors(page);
			await page.goto('/wetten?open=kwartalen', { waitUntil: 'networkidle' });
			// Knelpunten 2B and 4; laws Pw, Wht and Vw 2000, in vocabulary order.
			expect(await tableRows(page, 'wetten-knelpunten-kwartalen')).toEqual([
				['2025-Q1', '1', '1'],
				['2025-Q2', '0', '1']
			]);
			expect(await tableRows(page, 'wetten-wetten-kwartalen')).toEqual([
				['2025-Q1', '2', '1', '0'],
				['2025-Q2', '0', '0', '1']
			]);
			await expect(
				page
					.getByRole('img', { name: /^Casussen per wet per kwartaal van aanmelding, Participatiewet: / })
					.count()
			).resolves.toBe(1);
			const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
			for (const id of ['wetten-knelpunten-kwartalen', 'wetten-wetten-kwartalen']) {
				const csv = await request(portal.server, `/download/wetten?format=csv&tabel=${id}`, { cookie });
				expect(csv.status, id).toBe(200);
				expect(csv.text.split(/\r?\n/)[0], id).toContain('Kwartaal');
				const xlsx = await request(portal.server, `/download/wetten?format=xlsx&tabel=${id}`, { cookie });
				expect(xlsx.status, id).toBe(200);
				expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
			}
			await expectAxeClean(page, '/wetten (kwartalen)');
			expect(errors).toEqual([]);
		});
	});

	it('shows the empty state, not an error, when the filter matches nothing', async () => {
		await asUser(LEEUWARDEN, async (page) => {
			const response = await page.goto('/wetten?from=2030-01-01', { waitUntil: 'networkidle' });
			expect(response?.status()).toBe(200);
			await expect(
				page.getByRole('status').filter({ hasText: 'Er zijn geen casussen bij deze selectie' }).count()
			).resolves.toBe(1);
			await expect(page.locator('table#wetten-wetten').count()).resolves.toBe(0);
			await expectAxeClean(page, '/wetten (leeg)');
		});
	});

	it('passes axe (WCAG 2.1 A and AA) with the sample loaded', async () => {
		await asUser(LEEUWARDEN, async (page) => {
			await page.goto('/wetten', { waitUntil: 'networkidle' });
			await page.locator('table#wetten-wetten').waitFor();
			await expectAxeClean(page, '/wetten');
		});
	});
});
