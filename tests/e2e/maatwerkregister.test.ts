/** The Maatwerkregister in Chromium: add, change and remove a contact, a refused answer time, the same without JavaScript, axe, and the menu per role. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowserPortal, type BrowserPortal } from '../support/portal';
import { expectAxeClean, tableRows } from '../support/browser';

const KWALITEIT = 'kwaliteit@zwolle.example.nl';
const BELEID = 'beleid@zwolle.example.nl';
const PAGE = '/beheer/maatwerkregister';

let portal: BrowserPortal;

beforeAll(async () => {
	portal = await openBrowserPortal('e2e-maatwerkregister', {
		users: [
			{ email: KWALITEIT, role: 'kwaliteitsteam', gemeente: ['GM0193'] },
			{ email: BELEID, role: 'beleid', gemeente: ['GM0193'] }
		]
	});
});

afterAll(() => portal?.close());

const asUser = <T>(email: string, fn: (page: Page) => Promise<T>) => portal.asUser(email, fn);

async function fillContact(
	page: Page,
	fields: { organisatie?: string; functie?: string; contact?: string; termijn?: string }
) {
	if (fields.organisatie) await page.getByLabel('Organisatie').selectOption(fields.organisatie);
	if (fields.functie !== undefined) await page.getByLabel('Team of functie').fill(fields.functie);
	if (fields.contact !== undefined) await page.getByLabel('Contact', { exact: true }).fill(fields.contact);
	if (fields.termijn !== undefined)
		await page.getByLabel('Antwoordtermijn in werkdagen').fill(fields.termijn);
}

describe('/beheer/maatwerkregister', () => {
	it('adds, changes and removes a contact, and says what is wrong with a refused one', async () => {
		await asUser(KWALITEIT, async (page) => {
			await page.getByRole('navigation').getByRole('link', { name: 'Maatwerkregister' }).click();
			await page.waitForURL((url) => url.pathname === PAGE);
			await page.getByText('Het register is nog leeg').waitFor();
			await expectAxeClean(page, `${PAGE} (empty)`);

			await fillContact(page, {
				organisatie: 'UWV',
				functie: 'Regieteam',
				contact: 'regie@uwv.example',
				termijn: '3'
			});
			await page.getByRole('button', { name: 'Toevoegen' }).click();
			await page
				.getByRole('status')
				.filter({ hasText: 'Regieteam bij UWV staat in het register.' })
				.waitFor();
			expect((await tableRows(page, 'contacten')).map((row) => row.slice(0, 5))).toEqual([
				['Uitvoeringsinstituut Werknemersverzekeringen', 'Regieteam', 'regie@uwv.example', '', '3']
			]);

			await fillContact(page, {
				organisatie: 'SVB',
				functie: 'Klantcontact',
				contact: 'svb@svb.example',
				termijn: '61'
			});
			await page.getByRole('button', { name: 'Toevoegen' }).click();
			await page.getByRole('alert').filter({ hasText: 'Geef de antwoordtermijn' }).waitFor();
			await expect(
				page.getByLabel('Antwoordtermijn in werkdagen').getAttribute('aria-invalid')
			).resolves.toBe('true');
			await expect(page.getByLabel('Team of functie').inputValue()).resolves.toBe('Klantcontact');
			await expectAxeClean(page, `${PAGE} with a refused answer time`);

			await page.getByRole('link', { name: 'Wijzigen: Regieteam bij UWV' }).click();
			await page.getByRole('heading', { name: 'Contact wijzigen' }).waitFor();
			await expect(page.getByLabel('Contact', { exact: true }).inputValue()).resolves.toBe(
				'regie@uwv.example'
			);
			await fillContact(page, { termijn: '5' });
			await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
			await page.getByRole('status').filter({ hasText: 'is gewijzigd' }).waitFor();
			expect((await tableRows(page, 'contacten'))[0][4]).toBe('5');
			await expectAxeClean(page, `${PAGE} with a contact`);

			await page.getByRole('button', { name: 'Verwijderen: Regieteam bij UWV' }).click();
			await page.getByRole('status').filter({ hasText: 'uit het register gehaald' }).waitFor();
			await page.getByText('Het register is nog leeg').waitFor();
		});
	});

	it('works without JavaScript', async () => {
		const state = await asUser(KWALITEIT, (page) => page.context().storageState());
		const context = await portal.browser.newContext({
			locale: 'nl-NL',
			baseURL: portal.server.url,
			storageState: state,
			javaScriptEnabled: false
		});
		try {
			const page = await context.newPage();
			await page.goto(PAGE);
			await fillContact(page, {
				organisatie: 'CAK',
				functie: 'Frontoffice',
				contact: '088 711 40 00',
				termijn: ''
			});
			await page.getByRole('button', { name: 'Toevoegen' }).click();
			await page
				.getByRole('status')
				.filter({ hasText: 'Frontoffice bij CAK staat in het register.' })
				.waitFor();
			// Left empty, the answer time is the default of 2 working days.
			const rows = await tableRows(page, 'contacten');
			expect(rows.find((row) => row[1] === 'Frontoffice')?.slice(0, 5)).toEqual([
				'Centraal Administratie Kantoor',
				'Frontoffice',
				'088 711 40 00',
				'',
				'2'
			]);
			await page.getByRole('button', { name: 'Verwijderen: Frontoffice bij CAK' }).click();
			await page.getByText('Het register is nog leeg').waitFor();
		} finally {
			await context.close();
		}
	});

	it('is not in the menu of beleid, and refused to it', async () => {
		await asUser(BELEID, async (page) => {
			await expect(
				page.getByRole('navigation').getByRole('link', { name: 'Maatwerkregister' }).count()
			).resolves.toBe(0);
			const response = await page.goto(PAGE);
			expect(response?.status()).toBe(403);
		});
	});
});
