/** The besluiten screen in a real browser on the Zwolle sample of version 1.1: the answer, charts and tables for kwaliteitsteam and college, a download, the completed-cases preset, the empty states, no console errors and axe. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { request, sampleExport } from '../support/server';
import { openBrowserPortal, type BrowserPortal } from '../support/portal';
import { consoleErrors, expectAxeClean } from '../support/browser';

const ZWOLLE = path.resolve('src/lib/server/ingest/fixtures/zwolle-2025-v11.csv');
const KWALITEIT = 'kwaliteit@zwolle.example.nl';
const COLLEGE = 'college@zwolle.example.nl';
const LEEUWARDEN = 'kwaliteit@leeuwarden.example.nl';
const LANDELIJK = 'programma@landelijk.example.nl';
const ANSWER =
	'Van de 9 besluiten met bekende kaders vielen er 4 buiten de kaders; Pw werd het vaakst opzijgezet.';
const KADERS = 'Oplossingen binnen en buiten de kaders per besluitniveau';

let portal: BrowserPortal;

beforeAll(async () => {
	portal = await openBrowserPortal('e2e-besluiten', {
		exports: [sampleExport, ZWOLLE],
		users: [
			{ email: KWALITEIT, role: 'kwaliteitsteam', gemeente: ['GM0193'] },
			{ email: COLLEGE, role: 'college', gemeente: ['GM0193'] },
			{ email: LEEUWARDEN, role: 'kwaliteitsteam', gemeente: ['GM0080'] },
			{ email: LANDELIJK, role: 'landelijk' }
		]
	});
});

afterAll(() => portal?.close());

/** The body rows of the table with exactly this caption, as cell texts. */
function captionedRows(page: Page, caption: string): Promise<string[][]> {
	return page
		.locator('table', { has: page.locator('caption', { hasText: caption }) })
		.first()
		.locator('tbody tr')
		.evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((c) => c.textContent!.trim())));
}

describe('besluiten', () => {
	it.each([
		['kwaliteitsteam', KWALITEIT],
		['college', COLLEGE]
	])('shows the answer first, then charts with their tables, to the %s, and passes axe', async (_, email) => {
		await portal.asUser(email, async (page) => {
			const errors = consoleErrors(page);
			const response = await page.goto('/besluiten', { waitUntil: 'networkidle' });
			expect(response?.status()).toBe(200);
			await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Besluiten');
			await expect(page.locator('.portal-answer').textContent()).resolves.toContain(ANSWER);
			const kaders = await captionedRows(page, KADERS);
			// ZW-04, 09, 12 professional, all inside; the open and withdrawn ZW-06, 10, 11 record nothing.
			expect(kaders.find((r) => r[0] === 'De professional zelf')).toEqual([
				'De professional zelf',
				'3',
				'0',
				'0',
				'3',
				'0',
				'3'
			]);
			expect(kaders.at(-1)).toEqual(['Alle casussen', '5', '4', '3', '9', '44,4', '12']);
			const laws = await captionedRows(page, 'Oplossingen buiten de kaders per wet');
			expect(laws[0].slice(0, 3)).toEqual(['Participatiewet (Pw)', '2', '2']);
			await expect(page.locator('figure[role="img"]').count()).resolves.toBe(5);
			await expectAxeClean(page, `/besluiten (${email})`);
			expect(errors).toEqual([]);
		});
	});

	it('offers every table as CSV and Excel, and the CSV holds the figures of the page', async () => {
		await portal.asUser(KWALITEIT, async (page) => {
			// The table is in a section that opens; the address opens it.
			await page.goto('/besluiten?open=kaders', { waitUntil: 'networkidle' });
			const link = page.locator('a[download][href*="tabel=besluiten-kaders-niveau"]');
			await expect(link.textContent()).resolves.toContain('Download CSV');
			await link.focus();
			const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
			expect(download.suggestedFilename()).toMatch(/^besluiten-kaders-niveau-\d{4}-\d{2}-\d{2}\.csv$/);
			const text = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
			expect(text.split('\r\n')[0]).toBe(
				'Besluit door;Binnen de kaders;Buiten de kaders;Onbekend;Bekend (ja of nee);Buiten de kaders (% van bekend);Totaal'
			);
			expect(text).toContain('Alle casussen;5;4;3;9;');
			const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
			for (const id of [
				'besluiten-niveau-trede',
				'besluiten-kaders-niveau',
				'besluiten-instrumenten',
				'besluiten-wetten',
				'besluiten-vier-ogen'
			]) {
				const csv = await request(portal.server, `/download/besluiten?format=csv&tabel=${id}`, { cookie });
				expect(csv.status, id).toBe(200);
			}
			const xlsx = await request(portal.server, '/download/besluiten?format=xlsx', { cookie });
			expect(xlsx.status).toBe(200);
			expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
		});
	});

	it('narrows to completed cases with one keyboard-reachable link, shown as active', async () => {
		await portal.asUser(KWALITEIT, async (page) => {
			await page.goto('/besluiten', { waitUntil: 'networkidle' });
			const preset = page.getByRole('link', { name: 'Alleen afgeronde casussen' });
			await expect(preset.getAttribute('aria-current')).resolves.toBeNull();
			await preset.focus();
			await page.keyboard.press('Enter');
			await page.waitForURL((url) => url.searchParams.get('status') === 'afgerond');
			await page.waitForLoadState('networkidle');
			await expect(
				page.getByRole('link', { name: 'Alleen afgeronde casussen' }).getAttribute('aria-current')
			).resolves.toBe('true');
			await expect(page.getByLabel('Status', { exact: true }).inputValue()).resolves.toBe('afgerond');
			// The three cases without a decision are open or withdrawn: the nine completed ones remain.
			const kaders = await captionedRows(page, KADERS);
			expect(kaders.at(-1)).toEqual(['Alle casussen', '5', '4', '0', '9', '44,4', '9']);
			await page.getByRole('link', { name: 'Alle statussen' }).click();
			await page.waitForURL((url) => !url.searchParams.has('status'));
		});
	});

	it('says so in Dutch where the export has no decisions yet, and where the filter selects no cases', async () => {
		await portal.asUser(LEEUWARDEN, async (page) => {
			await page.goto('/besluiten', { waitUntil: 'networkidle' });
			await expect(page.getByRole('status').textContent()).resolves.toContain(
				'Deze export bevat nog geen besluitgegevens (versie 1.1 van de casusexport)'
			);
			await expect(page.locator('table').count()).resolves.toBe(0);
			await expectAxeClean(page, '/besluiten (zonder besluitgegevens)');
			await page.goto('/besluiten?from=2030-01-01', { waitUntil: 'networkidle' });
			await expect(page.getByRole('status').textContent()).resolves.toContain(
				'Er zijn geen casussen bij deze selectie'
			);
		});
	});

	it('gives landelijk the tables under disclosure control', async () => {
		await portal.asUser(LANDELIJK, async (page) => {
			await page.goto('/besluiten?gemeente=GM0193', { waitUntil: 'networkidle' });
			const kaders = await captionedRows(page, KADERS);
			// Every count of 1 to 7 is secret, and so is the share beside them: 44,4 % of the 9 known decisions
			// would give the hidden 4 back.
			expect(kaders.at(-1)).toEqual(['Alle casussen', 'geheim', 'geheim', 'geheim', '10', 'geheim', '10']);
			await expectAxeClean(page, '/besluiten (landelijk)');
		});
	});
});
