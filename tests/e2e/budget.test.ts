/** Budget & besparing in a real browser: a beheerder sets fund budgets with and without JavaScript, the sample's figures, the kassabon of one case for case-level roles only, downloads and axe. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { request, sampleExport } from '../support/server';
import { openBrowserPortal, type BrowserPortal } from '../support/portal';
import { expectAxeClean, loginInBrowser, tableRows } from '../support/browser';

const BEHEERDER = 'beheer@leeuwarden.example.nl';
const TEAM = 'kwaliteit@leeuwarden.example.nl';
const COLLEGE = 'college@leeuwarden.example.nl';
const UTRECHT = 'kwaliteit@utrecht.example.nl';

/** Utrecht cases with every side of the kassabon: monitoring, a missing estimate, an advance, an estimate without cost. */
const UTRECHT_EXPORT = `casus_id;gemeente;aangemeld_op;status;leefgebieden;uitkomst;fonds;kosten_oplossing;besparing_laag;besparing_hoog;baten_bij;monitoring;voorgeschoten;terug_van;terugbetaald
UT-1;GM0344;2025-01-15;afgerond;wonen;opgelost;OMO-fonds;1.000,00;3.000,00;6.000,00;gemeente|woningcorporatie|zorgverzekeraar;duurzaam;;;
UT-2;GM0344;2025-02-15;afgerond;wonen;opgelost;OMO-fonds;2.000,00;1.000,00;2.000,00;woningcorporatie;terugval;2.000,00;UWV;500,00
UT-3;GM0344;2025-03-15;afgerond;wonen;deels_opgelost;voorkom-erger-potje;250,00;;;;onbekend;;;
UT-4;GM0344;2025-04-15;open;wonen;;;;100;100;;;;;
`;

let portal: BrowserPortal;
/** The id of the Leeuwarden case whose kassabon the tests open, as the page links it. */
let leeuwardenCase: string;

beforeAll(async () => {
	portal = await openBrowserPortal('e2e-budget', {
		exports: [sampleExport, { name: 'utrecht.csv', text: UTRECHT_EXPORT }],
		users: [
			{ email: BEHEERDER, role: 'beheerder', gemeente: ['GM0080'] },
			{ email: TEAM, role: 'kwaliteitsteam', gemeente: ['GM0080'] },
			{ email: COLLEGE, role: 'college', gemeente: ['GM0080'] },
			{ email: UTRECHT, role: 'kwaliteitsteam', gemeente: ['GM0344'] }
		]
	});
});

afterAll(() => portal?.close());

/** Intl writes a no-break space after the euro sign; the tests compare plain text. */
const plain = (rows: string[][]) => rows.map((r) => r.map((c) => c.replace(/\u00a0/g, ' ')));
const rowsOf = async (page: Page, id: string) => plain(await tableRows(page, id));
const text = async (page: Page, selector: string) =>
	((await page.locator(selector).first().textContent()) ?? '')
		.replace(/\s+/g, ' ')
		.replace(/\u00a0/g, ' ')
		.trim();

/** The budget form of /beheer/fondsen (the page has forms for contributions and rules too). */
const budgetForm = (page: Page) => page.locator('form[action="?/opslaan"]');

/** Fills and posts the fund form; the page keeps what the server answered. */
async function setFund(page: Page, fund: { naam: string; jaar: string; budget: string }): Promise<void> {
	const form = budgetForm(page);
	await form.getByLabel('Naam van het fonds').fill(fund.naam);
	await form.getByLabel('Jaar', { exact: true }).fill(fund.jaar);
	await form.getByLabel('Budget in euro').fill(fund.budget);
	await form.getByRole('button', { name: 'Opslaan' }).click();
}

/** The ledger of /beheer/fondsen without its repaid column: fund, gemeente, year, budget, contributions, spent, balance, cases. */
const ledgerRows = async (page: Page) =>
	(await rowsOf(page, 'fondsen-grootboek')).map((r) => [...r.slice(0, 5), ...r.slice(6)]);

/** Opens every section of the page, as a reader who wants the detail does. */
const openSections = (page: Page) =>
	page
		.locator('details:not([open]) > summary')
		.evaluateAll((all) => all.forEach((s) => ((s.parentElement as HTMLDetailsElement).open = true)));

describe('fondsen', () => {
	it('lets a beheerder set a budget through the form with JavaScript, and passes axe', async () => {
		await portal.asUser(BEHEERDER, async (page) => {
			await page.goto('/beheer', { waitUntil: 'networkidle' });
			await page.getByRole('link', { name: 'Fondsen: budget per gemeente en jaar' }).click();
			await page.waitForURL('**/beheer/fondsen');
			await page.waitForLoadState('networkidle');
			await expectAxeClean(page, '/beheer/fondsen');
			// The sample names maatwerkbudget, which has no budget yet: no balance either.
			expect(await ledgerRows(page)).toEqual([
				['maatwerkbudget', 'Leeuwarden', '2025', '', '€ 0,00', '€ 12.087,50', '', '14'],
				['maatwerkbudget', 'Leeuwarden', '2024', '', '€ 0,00', '€ 2.587,50', '', '9']
			]);

			await setFund(page, { naam: 'Maatwerkbudget', jaar: '2024', budget: '10.000' });
			await page
				.getByRole('status')
				.filter({ hasText: 'Het budget van Maatwerkbudget (Leeuwarden, 2024)' })
				.waitFor();
			expect(await text(page, '[role="status"]')).toBe(
				'Het budget van Maatwerkbudget (Leeuwarden, 2024) is € 10.000,00.'
			);
			expect((await ledgerRows(page))[1]).toEqual([
				'Maatwerkbudget',
				'Leeuwarden',
				'2024',
				'€ 10.000,00',
				'€ 0,00',
				'€ 2.587,50',
				'€ 7.412,50',
				'9'
			]);

			await setFund(page, { naam: 'Maatwerkbudget', jaar: '2024', budget: '-5' });
			await page.getByRole('alert').waitFor();
			expect(await text(page, '[role="alert"]')).toContain('Geef het budget als bedrag van 0 of meer');
			await expect(budgetForm(page).getByLabel('Budget in euro').getAttribute('aria-invalid')).resolves.toBe(
				'true'
			);
			await expectAxeClean(page, '/beheer/fondsen with an error');
		});
	});

	it('works as a plain form post without JavaScript, and keeps what was typed on an error', async () => {
		const context = await portal.browser.newContext({
			locale: 'nl-NL',
			baseURL: portal.server.url,
			javaScriptEnabled: false
		});
		try {
			const page = await context.newPage();
			await loginInBrowser(page, portal.server.url, BEHEERDER);
			await page.goto('/beheer/fondsen', { waitUntil: 'networkidle' });
			await setFund(page, { naam: 'maatwerkbudget', jaar: '1999', budget: '12.500,50' });
			await page.getByRole('alert').waitFor();
			expect(await text(page, '[role="alert"]')).toBe('Geef een jaar van 2000 tot en met 2100.');
			await expect(
				budgetForm(page).getByLabel('Jaar', { exact: true }).getAttribute('aria-invalid')
			).resolves.toBe('true');
			await expect(budgetForm(page).getByLabel('Budget in euro').inputValue()).resolves.toBe('12.500,50');

			await setFund(page, { naam: 'maatwerkbudget', jaar: '2025', budget: '12.500,50' });
			await page.getByRole('status').waitFor();
			expect(await text(page, '[role="status"]')).toBe(
				'Het budget van maatwerkbudget (Leeuwarden, 2025) is € 12.500,50.'
			);
			expect((await ledgerRows(page))[0].slice(2, 7)).toEqual([
				'2025',
				'€ 12.500,50',
				'€ 0,00',
				'€ 12.087,50',
				'€ 413,00'
			]);
		} finally {
			await context.close();
		}
	});

	it('writes every change to the audit log and refuses roles that do not manage funds', async () => {
		await portal.asUser(BEHEERDER, async (page) => {
			await page.goto('/beheer/audit?action=fonds+instellen', { waitUntil: 'networkidle' });
			const body = await text(page, 'main');
			expect(body).toContain('GM0080 Maatwerkbudget 2024: 10000.00');
			expect(body).toContain('GM0080 maatwerkbudget 2025: 12500.50');
		});
		await portal.asUser(TEAM, async (page) => {
			const response = await page.goto('/beheer/fondsen');
			expect(response?.status()).toBe(403);
		});
	});
});

describe('budget', () => {
	it('shows the sample: budget against spend, the kassabon, who benefits; passes axe', async () => {
		await portal.asUser(TEAM, async (page) => {
			await page.goto('/budget', { waitUntil: 'networkidle' });
			await openSections(page);
			await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Budget & besparing');
			await expect(
				page.getByRole('link', { name: 'Budget', exact: true }).getAttribute('aria-current')
			).resolves.toBe('page');
			expect(await rowsOf(page, 'budget-fondsen')).toEqual([
				// The name as set for the latest year.
				['maatwerkbudget', 'Leeuwarden', '€ 22.500,50', '€ 0,00', '€ 14.675,00', '€ 7.825,50', '65,2', '23']
			]);
			expect((await rowsOf(page, 'budget-fondsen-jaren')).map((r) => r.slice(0, 6))).toEqual([
				['maatwerkbudget', 'Leeuwarden', '2024', '€ 10.000,00', '€ 0,00', '€ 2.587,50'],
				['maatwerkbudget', 'Leeuwarden', '2025', '€ 12.500,50', '€ 0,00', '€ 12.087,50']
			]);
			expect(await rowsOf(page, 'budget-kassabon')).toEqual([
				['Met kosten en schatting', '23', '€ 14.675,00', '€ 58.700,00', '€ 146.750,00', '4', '10'],
				['Met kosten, zonder schatting', '0', '€ 0,00', '', '', '', ''],
				['Met schatting, zonder kosten', '0', '', '€ 0,00', '€ 0,00', '', ''],
				['Totaal met kosten of schatting', '23', '€ 14.675,00', '€ 58.700,00', '€ 146.750,00', '', '']
			]);
			expect(await rowsOf(page, 'budget-baten')).toEqual([
				['Gemeente (andere afdeling of andere gemeente)', '23', '€ 39.950,00', '€ 99.875,00'],
				['Zorgverzekeraar', '15', '€ 18.750,00', '€ 46.875,00']
			]);
			expect((await rowsOf(page, 'budget-monitoring')).at(-1)).toEqual([
				'Nog niet gemonitord',
				'23',
				'€ 14.675,00',
				'€ 58.700,00',
				'€ 146.750,00',
				'100',
				'0'
			]);
			const label = async (name: RegExp) =>
				((await page.getByRole('img', { name }).getAttribute('aria-label')) ?? '').replace(/\u00a0/g, ' ');
			// The line runs to today and the budget to the end of this year, whatever today is.
			expect(await label(/^maatwerkbudget: besteed/)).toMatch(
				/^maatwerkbudget: besteed € 14\.675,00 tot en met \p{L}+ \d{4}; budget € 22\.500,50 tot en met december \d{4}$/u
			);
			expect(await label(/^Vermeden kosten per partij/)).toBe(
				'Vermeden kosten per partij: Gemeente (andere afdeling of andere gemeente): vermeden kosten € 39.950,00 tot € 99.875,00; Zorgverzekeraar: vermeden kosten € 18.750,00 tot € 46.875,00'
			);
			await expect(page.getByRole('heading', { name: 'Voorschotten' }).count()).resolves.toBe(0);
			const costliest = page.locator('table#budget-casussen tbody tr');
			await expect(costliest.count()).resolves.toBe(10);
			const first = costliest.first().getByRole('link');
			await expect(first.getAttribute('aria-label')).resolves.toBe('Kassabon van casus LW-2025-030');
			leeuwardenCase = (await first.getAttribute('href'))!.split('/').at(-1)!;
			await expectAxeClean(page, '/budget');
		});
	});

	it('narrows spend and budget to the period of the filter', async () => {
		await portal.asUser(TEAM, async (page) => {
			await page.goto('/budget?from=2024-01-01&to=2024-12-31', { waitUntil: 'networkidle' });
			expect(await rowsOf(page, 'budget-fondsen')).toEqual([
				['Maatwerkbudget', 'Leeuwarden', '€ 10.000,00', '€ 0,00', '€ 2.587,50', '€ 7.412,50', '25,9', '9']
			]);
			await page.goto('/budget?from=2030-01-01', { waitUntil: 'networkidle' });
			await expect(page.getByRole('status').textContent()).resolves.toContain(
				'Er zijn geen casussen bij deze selectie'
			);
			await expect(page.locator('table').count()).resolves.toBe(0);
		});
	});

	it('offers the tables as CSV through /download/budget with the same filter', async () => {
		await portal.asUser(TEAM, async (page) => {
			await page.goto('/budget?from=2024-01-01&to=2024-12-31', { waitUntil: 'networkidle' });
			await openSections(page);
			const href = await page
				.locator('table#budget-fondsen')
				.locator('xpath=../following-sibling::p[1]')
				.getByRole('link', { name: /Download CSV/ })
				.getAttribute('href');
			expect(href).toContain('/download/budget?');
			const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
			const csv = await request(portal.server, href!, { cookie });
			expect(csv.status).toBe(200);
			expect(csv.text).toContain('Maatwerkbudget;Leeuwarden;10000');
		});
	});

	it('opens the kassabon of one case for a case-level role, and passes axe', async () => {
		await portal.asUser(TEAM, async (page) => {
			await page.goto(`/budget/casus/${leeuwardenCase}`, { waitUntil: 'networkidle' });
			await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
				'Kassabon van casus LW-2025-030'
			);
			expect(await rowsOf(page, 'kassabon')).toEqual([
				['Kosten van de oplossing', '€ 1.187,50'],
				['Vermeden kosten, lage schatting', '€ 4.750,00'],
				['Vermeden kosten, hoge schatting', '€ 11.875,00'],
				['Vermeden kosten per bestede euro', '4 tot 10']
			]);
			expect(await rowsOf(page, 'kassabon-partijen')).toEqual([
				['Gemeente (andere afdeling of andere gemeente)', '100%', '€ 4.750,00', '€ 11.875,00']
			]);
			expect(await text(page, 'section:has(#fonds-monitoring) dl')).toContain(
				'maatwerkbudget: budget 2025 € 12.500,50, waarvan € 12.087,50 besteed'
			);
			await expectAxeClean(page, '/budget/casus/[id]');
		});
		await portal.asUser(BEHEERDER, async (page) => {
			await page.goto('/beheer/audit?action=kassabon+bekijken', { waitUntil: 'networkidle' });
			expect(await text(page, 'main')).toContain(`GM0080 LW-2025-030 (casus ${leeuwardenCase})`);
		});
	});

	it('shows monitoring, advances and a three-way split to Utrecht, and hides its cases from Leeuwarden', async () => {
		let utrechtCase = '';
		await portal.asUser(UTRECHT, async (page) => {
			await page.goto('/budget', { waitUntil: 'networkidle' });
			await openSections(page);
			expect(await rowsOf(page, 'budget-monitoring')).toEqual([
				['Duurzaam (hield stand)', '1', '€ 1.000,00', '€ 3.000,00', '€ 6.000,00', '73,2', '0'],
				['Terugval', '1', '€ 2.000,00', '€ 1.000,00', '€ 2.000,00', '24,4', '0'],
				['Onbekend', '1', '€ 250,00', '€ 0,00', '€ 0,00', '0', '1'],
				['Nog niet gemonitord', '1', '€ 0,00', '€ 100,00', '€ 100,00', '2,4', '0']
			]);
			expect((await rowsOf(page, 'budget-kassabon')).slice(1, 3)).toEqual([
				['Met kosten, zonder schatting', '1', '€ 250,00', '', '', '', ''],
				['Met schatting, zonder kosten', '1', '', '€ 100,00', '€ 100,00', '', '']
			]);
			// Advanced, repaid, forgiven, outstanding (its age bands follow today).
			expect((await rowsOf(page, 'budget-voorschotten')).map((r) => r.slice(0, 6))).toEqual([
				[
					'Uitvoeringsinstituut Werknemersverzekeringen',
					'1',
					'€ 2.000,00',
					'€ 500,00',
					'€ 0,00',
					'€ 1.500,00'
				],
				['Totaal', '1', '€ 2.000,00', '€ 500,00', '€ 0,00', '€ 1.500,00']
			]);
			await page.getByRole('link', { name: 'Kassabon van casus UT-1' }).click();
			await page.waitForURL('**/budget/casus/*');
			utrechtCase = page.url().split('/').at(-1)!;
			expect(await rowsOf(page, 'kassabon-partijen')).toEqual([
				['Gemeente (andere afdeling of andere gemeente)', '33%', '€ 1.000,00', '€ 2.000,00'],
				['Zorgverzekeraar', '33%', '€ 1.000,00', '€ 2.000,00'],
				['Woningcorporatie', '33%', '€ 1.000,00', '€ 2.000,00']
			]);
			await page.goto('/budget', { waitUntil: 'networkidle' });
			await openSections(page);
			await page.getByRole('link', { name: 'Kassabon van casus UT-2' }).click();
			await page.waitForURL('**/budget/casus/*');
			expect(await text(page, 'section:has(#fonds-monitoring) dl')).toContain(
				'€ 2.000,00 voorgeschoten, terug te betalen door Uitvoeringsinstituut Werknemersverzekeringen; € 500,00 terugbetaald, € 1.500,00 staat open'
			);
			const response = await page.goto(`/budget/casus/${leeuwardenCase}`);
			expect(response?.status()).toBe(404);
		});
		await portal.asUser(TEAM, async (page) => {
			const response = await page.goto(`/budget/casus/${utrechtCase}`);
			expect(response?.status()).toBe(404);
		});
	});

	it('gives the college the figures but no case list and no kassabon (404)', async () => {
		await portal.asUser(COLLEGE, async (page) => {
			await page.goto('/budget', { waitUntil: 'networkidle' });
			expect((await rowsOf(page, 'budget-fondsen'))[0][4]).toBe('€ 14.675,00');
			await expect(page.locator('table#budget-casussen').count()).resolves.toBe(0);
			await expect(page.locator('a[href^="/budget/casus/"]').count()).resolves.toBe(0);
			const response = await page.goto(`/budget/casus/${leeuwardenCase}`);
			expect(response?.status()).toBe(404);
			await expect(page.getByText('Deze casus bestaat niet of valt buiten uw bereik.').count()).resolves.toBe(
				1
			);
		});
	});
});
