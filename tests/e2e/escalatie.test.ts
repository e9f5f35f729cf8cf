/** The escalatie screen in a real browser: the sample's steps, afloop and open ages, lead times, time per step and the step mix, downloads, a filter, the empty state, landelijk's tables, no console errors and axe. */
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { request, sampleExport } from '../support/server';
import { openBrowserPortal, type BrowserPortal } from '../support/portal';
import { consoleErrors, expectAxeClean, tableRows } from '../support/browser';

const LEEUWARDEN = 'kwaliteit@leeuwarden.example.nl';
const UTRECHT = 'kwaliteit@utrecht.example.nl';
const ZWOLLE = 'kwaliteit@zwolle.example.nl';
const LANDELIJK = 'landelijk@programma.example.nl';
/** The public sample of version 1.1: 12 Zwolle cases (GM0193), most with their steps on the ladder. */
const ZWOLLE_EXPORT = path.resolve('src/lib/server/ingest/fixtures/zwolle-2025-v11.csv');
const STEPS = 'Casussen per hoogste escalatietrede: afgerond en opgelost';

/** Utrecht cases with known lead times: 10, 20, 30 and 40 days at the lokale tafel, 366 at the Maatwerkloket. */
const UTRECHT_EXPORT = `casus_id;gemeente;aangemeld_op;afgerond_op;status;leefgebieden;escalatie;uitkomst
UT-1;GM0344;2024-01-01;2024-01-11;afgerond;wonen;lokale_tafel;opgelost
UT-2;GM0344;2024-01-01;2024-01-21;afgerond;wonen;lokale_tafel;deels_opgelost
UT-3;GM0344;2024-01-01;2024-01-31;afgerond;wonen;lokale_tafel;niet_opgelost
UT-4;GM0344;2024-12-01;2025-01-10;afgerond;wonen;lokale_tafel;opgelost
UT-5;GM0344;2024-02-01;2025-02-01;afgerond;wonen;maatwerkloket;opgelost
`;

/** The aangemeld_op of the sample's seven open cases of GM0080 (tests/support/leeuwarden-2024-2025.csv). */
const OPEN_SINCE = [
	'2024-04-06',
	'2024-08-10',
	'2024-12-14',
	'2025-04-18',
	'2025-08-22',
	'2025-12-06',
	'2025-04-10'
];

let portal: BrowserPortal;

beforeAll(async () => {
	portal = await openBrowserPortal('e2e-escalatie', {
		exports: [sampleExport, { name: 'utrecht.csv', text: UTRECHT_EXPORT }, ZWOLLE_EXPORT],
		users: [
			{ email: LEEUWARDEN, role: 'kwaliteitsteam', gemeente: ['GM0080'] },
			{ email: UTRECHT, role: 'kwaliteitsteam', gemeente: ['GM0344'] },
			{ email: ZWOLLE, role: 'kwaliteitsteam', gemeente: ['GM0193'] },
			{ email: LANDELIJK, role: 'landelijk' }
		]
	});
});

afterAll(() => portal?.close());

/** Runs `fn` with a page of a fresh context in which `email` has logged in. */
const withPage = (fn: (page: Page) => Promise<void>, email = LEEUWARDEN) => portal.asUser(email, fn);

/** The body rows of the table whose caption is exactly this text (or matches this pattern), as cell texts. */
function captionedRows(page: Page, caption: string | RegExp): Promise<string[][]> {
	const hasText =
		typeof caption === 'string' ? new RegExp(`^${caption.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : caption;
	return page
		.locator('table', { has: page.locator('caption', { hasText }) })
		.locator('tbody tr')
		.evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((c) => c.textContent!.trim())));
}

/** The open cases per age class on today's date in Europe/Amsterdam, as the page counts them. */
function expectedOpenAges(): string[] {
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
	const bounds = [30, 90, 180, 365];
	const classes = [0, 0, 0, 0, 0];
	for (const since of OPEN_SINCE) {
		const days = (Date.parse(today) - Date.parse(since)) / 86_400_000;
		const i = bounds.findIndex((b) => days <= b);
		classes[i === -1 ? 4 : i]++;
	}
	return classes.map(String);
}

describe('escalatie', () => {
	it('shows the steps, the afloop and the open cases of the sample, and passes axe', async () => {
		await withPage(async (page) => {
			await page.goto('/escalatie', { waitUntil: 'networkidle' });
			await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Escalatie');
			const steps = await captionedRows(page, STEPS);
			expect(steps.map((r) => r.slice(0, 6))).toEqual([
				['1. Eigen team', '0', '0', '0', '0', '0'],
				['2. Maatwerkcoach', '0', '0', '0', '0', '0'],
				['3. Lokale doorbraaktafel', '24', '6', '18', '0', '18'],
				['4. Portefeuillehouder', '6', '1', '5', '0', '5'],
				['5. Landelijk Maatwerkloket Multiproblematiek', '0', '0', '0', '0', '0'],
				['6. Landelijk Escalatie Team', '0', '0', '0', '0', '0'],
				['Alle treden', '30', '7', '23', '0', '23']
			]);
			expect(steps[2][6]).toBe('100');
			const afloop = await captionedRows(page, 'Afloop per hoogste escalatietrede');
			expect(afloop.at(-1)).toEqual(['Alle treden', '23', '0', '0', '0', '0', '7', '30']);
			// The sample records no afgerond_op, so there are no lead times.
			await expect(page.getByText('Geen afgeronde casussen met een afrondingsdatum').count()).resolves.toBe(
				1
			);
			const open = await captionedRows(
				page,
				/^Open casussen naar leeftijd op \d\d-\d\d-\d{4}, per hoogste trede$/
			);
			expect(open.at(-1)).toEqual(['Alle treden', ...expectedOpenAges(), '7']);
			const figures = page.locator('figure[role="img"]');
			// Opgelost, afloop, open ages, and the step mix per route and per year (no stappen: no time per step).
			await expect(figures.count()).resolves.toBe(5);
			await expect(figures.first().getAttribute('aria-label')).resolves.toContain(
				'3. Lokale doorbraaktafel 18 (Opgelost 18)'
			);
			await expectAxeClean(page, '/escalatie');
		});
	});

	it('draws lead times per step and per year of afronding with their quartiles, and passes axe', async () => {
		await withPage(async (page) => {
			// The lead times are in a section that opens; the address opens it.
			await page.goto('/escalatie?open=doorlooptijd', { waitUntil: 'networkidle' });
			const lead = await captionedRows(
				page,
				'Doorlooptijd in dagen van aanmelding tot afronding, per hoogste trede (afgeronde casussen)'
			);
			expect(lead).toEqual([
				['3. Lokale doorbraaktafel', '4', '10', '17,5', '25', '32,5', '40', '3', '1', '0', '0', '0'],
				[
					'5. Landelijk Maatwerkloket Multiproblematiek',
					'1',
					'366',
					'366',
					'366',
					'366',
					'366',
					'0',
					'0',
					'0',
					'0',
					'1'
				],
				['Alle treden', '5', '10', '20', '30', '40', '366', '3', '1', '0', '0', '1']
			]);
			const years = await captionedRows(page, 'Doorlooptijd in dagen per jaar van afronding');
			expect(years.map((r) => r.slice(0, 7))).toEqual([
				['2024', '3', '10', '15', '20', '25', '30'],
				['2025', '2', '40', '121,5', '203', '284,5', '366']
			]);
			const boxes = page.getByRole('img', { name: /^Doorlooptijd per hoogste trede/ });
			await expect(boxes.getAttribute('aria-label')).resolves.toContain(
				'3. Lokale doorbraaktafel: mediaan 25 dagen, middelste helft 17,5 tot 32,5, kortste 10, langste 40 (4 casussen)'
			);
			// The boxes are drawn once the chart has mounted: wait for the third, then count.
			await boxes.locator('rect').nth(2).waitFor();
			await expect(boxes.locator('rect').count()).resolves.toBe(3);
			await expect(page.getByText('Geen open casussen op').count()).resolves.toBe(1);
			await expectAxeClean(page, '/escalatie (Utrecht)');
		}, UTRECHT);
	});

	it('shows the days per step and the highest step per route and per year of the Zwolle sample', async () => {
		await withPage(async (page) => {
			const errors = consoleErrors(page);
			await page.goto('/escalatie?open=trede-jaar', { waitUntil: 'networkidle' });
			// lokale_tafel: 7, 10 and 7 days; maatwerkcoach: 7, 4, 7, 5, 12 (ZW-06 is open at its only step).
			expect(await tableRows(page, 'escalatie-tijd-per-trede')).toEqual([
				['1. Eigen team', '2', '2', '2', '2'],
				['2. Maatwerkcoach', '6', '5', '7', '7'],
				['3. Lokale doorbraaktafel', '3', '3', '7', '8,5'],
				['4. Portefeuillehouder', '1', '1', '7', '7']
			]);
			expect(await tableRows(page, 'escalatie-trede-route')).toEqual([
				['Doorbraakteam', '0', '0', '4', '2', '6'],
				['Wijkteam Noord', '1', '2', '0', '0', '3'],
				['Wijkteam Zuid', '1', '2', '0', '0', '3']
			]);
			expect(await tableRows(page, 'escalatie-trede-jaar')).toEqual([['2025', '2', '4', '4', '2', '12']]);
			await expect(
				page
					.getByRole('img', {
						name: /^Aandeel per hoogste trede in procenten, per jaar van aanmelding: 2025 100 /
					})
					.count()
			).resolves.toBe(1);
			const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
			for (const id of ['escalatie-tijd-per-trede', 'escalatie-trede-route', 'escalatie-trede-jaar']) {
				const csv = await request(portal.server, `/download/escalatie?format=csv&tabel=${id}`, { cookie });
				expect(csv.status, id).toBe(200);
				expect(csv.text, id).toContain(id === 'escalatie-tijd-per-trede' ? 'Mediaan' : 'Totaal');
				const xlsx = await request(portal.server, `/download/escalatie?format=xlsx&tabel=${id}`, { cookie });
				expect(xlsx.status, id).toBe(200);
				expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
			}
			await expectAxeClean(page, '/escalatie (Zwolle)');
			expect(errors).toEqual([]);
		}, ZWOLLE);
	});

	it('gives landelijk the time per step and the mix per year after disclosure control, not the mix per route', async () => {
		await withPage(async (page) => {
			const errors = consoleErrors(page);
			await page.goto('/escalatie', { waitUntil: 'networkidle' });
			const times = await tableRows(page, 'escalatie-tijd-per-trede');
			// Zwolle's 2 cases at team: reach and days "geheim".
			expect(times[0]).toEqual(['1. Eigen team', 'geheim', 'geheim', 'geheim', 'geheim']);
			await expect(page.locator('table#escalatie-trede-jaar').count()).resolves.toBe(1);
			await expect(page.locator('table#escalatie-trede-route').count()).resolves.toBe(0);
			await expectAxeClean(page, '/escalatie (landelijk)');
			expect(errors).toEqual([]);
		}, LANDELIJK);
	});

	it('narrows the figures with the escalatie and status filters of the filter bar', async () => {
		await withPage(async (page) => {
			await page.goto('/escalatie', { waitUntil: 'networkidle' });
			await page.getByLabel('Hoogste trede', { exact: true }).selectOption('bestuurlijk');
			await page.getByRole('button', { name: 'Filter toepassen' }).click();
			await page.waitForURL((url) => url.searchParams.get('escalatie') === 'bestuurlijk');
			const steps = await captionedRows(page, STEPS);
			expect(steps.find((r) => r[0] === '3. Lokale doorbraaktafel')?.[1]).toBe('0');
			expect(steps.at(-1)?.slice(0, 6)).toEqual(['Alle treden', '6', '1', '5', '0', '5']);

			await page.goto('/escalatie?status=open', { waitUntil: 'networkidle' });
			const open = await captionedRows(page, STEPS);
			expect(open.at(-1)?.slice(0, 6)).toEqual(['Alle treden', '7', '7', '0', '0', '0']);
			await expect(page.getByLabel('Status', { exact: true }).inputValue()).resolves.toBe('open');
		});
	});

	it('shows the empty state, not an error, when the filter matches nothing', async () => {
		await withPage(async (page) => {
			const response = await page.goto('/escalatie?from=2030-01-01', { waitUntil: 'networkidle' });
			expect(response?.status()).toBe(200);
			await expect(page.getByRole('status').textContent()).resolves.toContain(
				'Er zijn geen casussen bij deze selectie'
			);
			await expect(page.locator('table').count()).resolves.toBe(0);
			await expectAxeClean(page, '/escalatie?from=2030-01-01');
		});
	});
});
