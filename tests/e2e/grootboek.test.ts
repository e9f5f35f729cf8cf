/** The fund ledger in a real browser: contributions and fund rules on Beheer → Fondsen with and without JavaScript, refused outside the reach, audited; the cases past a limit on Besluiten; the budget page's four lead figures. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sampleExport } from '../support/server';
import { openBrowserPortal, type BrowserPortal } from '../support/portal';
import { expectAxeClean, keyFigures, loginInBrowser, tableRows } from '../support/browser';

const BEHEERDER = 'beheer@leeuwarden.example.nl';
const TEAM = 'kwaliteit@leeuwarden.example.nl';
const COLLEGE = 'college@leeuwarden.example.nl';
const UTRECHT = 'beheer@utrecht.example.nl';

let portal: BrowserPortal;

beforeAll(async () => {
	portal = await openBrowserPortal('e2e-grootboek', {
		exports: [sampleExport],
		users: [
			{ email: BEHEERDER, role: 'beheerder', gemeente: ['GM0080'] },
			{ email: TEAM, role: 'kwaliteitsteam', gemeente: ['GM0080'] },
			{ email: COLLEGE, role: 'college', gemeente: ['GM0080'] },
			{ email: UTRECHT, role: 'beheerder', gemeente: ['GM0344'] }
		]
	});
});

afterAll(() => portal?.close());

const plain = (text: string) =>
	text
		.replace(/\u00a0/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
const rowsOf = async (page: Page, id: string) =>
	(await tableRows(page, id)).map((r) => r.map((c) => plain(c)));
const text = async (page: Page, selector: string) =>
	plain((await page.locator(selector).first().textContent()) ?? '');

/** Fills and posts the contribution form; the page keeps what the server answered. */
async function contribute(page: Page, c: { fonds: string; jaar: string; partij: string; bedrag: string }) {
	const form = page.locator('form[action="?/bijdragen"]');
	await form.getByLabel('Fonds').fill(c.fonds);
	await form.getByLabel('Jaar').fill(c.jaar);
	await form.getByLabel('Partij die bijdraagt').selectOption({ label: c.partij });
	await form.getByLabel('Bedrag in euro').fill(c.bedrag);
	await form.getByRole('button', { name: 'Bijdrage boeken' }).click();
}

describe('the fund ledger', () => {
	it('books a contribution and a rule with JavaScript, balances the fund, shows each funder, and passes axe', async () => {
		await portal.asUser(BEHEERDER, async (page) => {
			// The rules and their form are in a section that opens; the address opens it.
			await page.goto('/beheer/fondsen?open=regels', { waitUntil: 'networkidle' });
			const budget = page.locator('form[action="?/opslaan"]');
			await budget.getByLabel('Naam van het fonds').fill('maatwerkbudget');
			await budget.getByLabel('Jaar', { exact: true }).fill('2025');
			await budget.getByLabel('Budget in euro').fill('10.000');
			await budget.getByRole('button', { name: 'Opslaan' }).click();
			await page.getByRole('status').filter({ hasText: 'Het budget van maatwerkbudget' }).waitFor();

			await contribute(page, {
				fonds: 'Maatwerkbudget',
				jaar: '2025',
				partij: 'Zorgverzekeraar',
				bedrag: '2.500,10'
			});
			await page.getByRole('status').filter({ hasText: 'Bijdrage van Zorgverzekeraar' }).waitFor();
			expect(await text(page, '[role="status"]')).toBe(
				'Bijdrage van Zorgverzekeraar aan Maatwerkbudget (Leeuwarden, 2025) geboekt: € 2.500,10.'
			);
			// 10.000 + 2.500,10 + nothing repaid - 12.087,50 spent by the sample's 2025 cases.
			expect((await rowsOf(page, 'fondsen-grootboek'))[0]).toEqual([
				'maatwerkbudget',
				'Leeuwarden',
				'2025',
				'€ 10.000,00',
				'€ 2.500,10',
				'€ 0,00',
				'€ 12.087,50',
				'€ 412,60',
				'14'
			]);
			expect((await rowsOf(page, 'fondsen-financiers')).slice(0, 2)).toEqual([
				['maatwerkbudget', 'Leeuwarden', '2025', 'Gemeente (budget)', '€ 10.000,00', '80'],
				['maatwerkbudget', 'Leeuwarden', '2025', 'Zorgverzekeraar', '€ 2.500,10', '20']
			]);

			const rule = page.locator('form[action="?/regel"]');
			await rule.getByLabel('Fonds').fill('maatwerkbudget');
			await rule.getByLabel('Maximum per casus in euro').fill('1.000');
			await rule.getByLabel('Wie besluit boven het maximum').selectOption('teamleider');
			await rule.getByRole('button', { name: 'Regel opslaan' }).click();
			await page.getByRole('status').filter({ hasText: 'De regel van maatwerkbudget' }).waitFor();
			expect((await rowsOf(page, 'regels-lijst'))[0].slice(0, 4)).toEqual([
				'maatwerkbudget',
				'Leeuwarden',
				'€ 1.000,00',
				'Teamleider of afdelingshoofd'
			]);
			await expectAxeClean(page, '/beheer/fondsen with a contribution and a rule');
		});
	});

	it('lists the cases past the limit on Besluiten for the kwaliteitsteam, audited, and not for the college', async () => {
		await portal.asUser(TEAM, async (page) => {
			await page.goto('/besluiten', { waitUntil: 'networkidle' });
			const rows = await rowsOf(page, 'besluiten-fondsregels');
			// The sample records no besluit_door: every case of maatwerkbudget above € 1.000 is listed.
			expect(rows.length).toBeGreaterThan(0);
			expect(rows.map((r) => r[0])).toContain('LW-2025-030');
			expect(
				rows.every((r) => r[2] === 'maatwerkbudget' && r[5] === '€ 1.000,00' && r[6] === 'niet vastgelegd')
			).toBe(true);
			await expectAxeClean(page, '/besluiten with cases past a fund limit');
		});
		await portal.asUser(COLLEGE, async (page) => {
			await page.goto('/besluiten', { waitUntil: 'networkidle' });
			await expect(page.locator('#besluiten-fondsregels').count()).resolves.toBe(0);
			await expect(page.locator('a[href^="/budget/casus/"]').count()).resolves.toBe(0);
		});
		await portal.asUser(BEHEERDER, async (page) => {
			await page.goto('/beheer/audit?action=casussen+bekijken', { waitUntil: 'networkidle' });
			expect(await text(page, 'main')).toContain('casussen boven het fondsmaximum op /besluiten');
		});
	});

	it('leads the budget page with spent against budget and contributions, the projection, avoided costs and advances', async () => {
		await portal.asUser(TEAM, async (page) => {
			await page.goto('/budget?from=2025-01-01&to=2025-12-31', { waitUntil: 'networkidle' });
			const figures = Object.fromEntries(
				Object.entries(await keyFigures(page)).map(([k, v]) => [k, plain(v)])
			);
			expect(Object.keys(figures)).toEqual([
				'Besteed',
				expect.stringMatching(/^Prognose \d{4}$/),
				'Vermeden kosten',
				'Openstaande voorschotten'
			]);
			// 12.087,50 of 12.500,10 = 96,7 %.
			expect(figures['Besteed']).toBe('€ 12.087,50 van € 12.500,10 budget en bijdragen (96,7%)');
			expect(figures['Openstaande voorschotten']).toBe('€ 0,00 niets staat open');
			// The detail opens by section, each with its heading in the summary; the address keeps what is open.
			const sections = page.locator('.portal-fold > details > summary');
			await expect(sections.first().textContent()).resolves.toContain(
				'Fondsen: budget, bijdragen en besteding'
			);
			await expect(page.locator('.portal-fold > details[open]').count()).resolves.toBe(0);
			await sections.first().focus();
			await page.keyboard.press('Enter');
			await expect(page.locator('.portal-fold > details').first().getAttribute('open')).resolves.toBe('');
			await page.waitForURL((url) => url.searchParams.get('open') === 'fondsen');
			expect(new URL(page.url()).searchParams.get('from')).toBe('2025-01-01');
			expect((await rowsOf(page, 'budget-verrekening')).map((r) => r.slice(0, 2))).toContainEqual([
				'Zorgverzekeraar',
				'2025'
			]);
		});
	});

	it('works without JavaScript: a refused contribution keeps what was typed, a good one is booked and can be removed', async () => {
		const context = await portal.browser.newContext({
			locale: 'nl-NL',
			baseURL: portal.server.url,
			javaScriptEnabled: false
		});
		try {
			const page = await context.newPage();
			await loginInBrowser(page, portal.server.url, BEHEERDER);
			await page.goto('/beheer/fondsen', { waitUntil: 'networkidle' });
			await contribute(page, {
				fonds: 'maatwerkbudget',
				jaar: '2025',
				partij: 'Woningcorporatie',
				bedrag: '0'
			});
			await page.getByRole('alert').waitFor();
			expect(await text(page, '[role="alert"]')).toBe(
				'Geef de bijdrage als bedrag boven 0, bijvoorbeeld 25.000 of 25.000,00.'
			);
			const form = page.locator('form[action="?/bijdragen"]');
			await expect(form.getByLabel('Bedrag in euro').getAttribute('aria-invalid')).resolves.toBe('true');
			await expect(form.getByLabel('Partij die bijdraagt').inputValue()).resolves.toBe('woningcorporatie');

			await contribute(page, {
				fonds: 'maatwerkbudget',
				jaar: '2025',
				partij: 'Woningcorporatie',
				bedrag: '0,20'
			});
			await page.getByRole('status').waitFor();
			expect((await rowsOf(page, 'bijdragen-lijst')).map((r) => r.slice(3, 5))).toEqual([
				['Zorgverzekeraar', '€ 2.500,10'],
				['Woningcorporatie', '€ 0,20']
			]);
			// The list is in a section that opens, as details do without a script.
			await page.locator('summary', { hasText: 'Bijdragen van partners' }).click();
			await page
				.getByRole('button', {
					name: /^Verwijderen\s*: bijdrage van Woningcorporatie aan maatwerkbudget \(2025\)/
				})
				.click();
			await page.getByRole('status').waitFor();
			expect(await text(page, '[role="status"]')).toBe(
				'De bijdrage aan maatwerkbudget (2025) is verwijderd.'
			);
			expect((await rowsOf(page, 'bijdragen-lijst')).length).toBe(1);
		} finally {
			await context.close();
		}
	});

	it("refuses a contribution outside the reach and the removal of another municipality's entry, as a script would send them", async () => {
		let utrechtEntry = '';
		await portal.asUser(UTRECHT, async (page) => {
			await page.goto('/beheer/fondsen', { waitUntil: 'networkidle' });
			await contribute(page, {
				fonds: 'OMO-fonds',
				jaar: '2025',
				partij: 'Uitvoeringsinstituut Werknemersverzekeringen',
				bedrag: '100'
			});
			await page.getByRole('status').waitFor();
			utrechtEntry = (await page.locator('#bijdragen-lijst input[name="id"]').first().getAttribute('value'))!;
		});
		await portal.asUser(BEHEERDER, async (page) => {
			const action = (name: string, form: Record<string, string>) =>
				page.request.post(`/beheer/fondsen?/${name}`, {
					form,
					headers: { accept: 'application/json', origin: portal.server.url }
				});
			const booked = await (
				await action('bijdragen', {
					gemeente: 'GM0344',
					fonds: 'OMO-fonds',
					jaar: '2025',
					organisatie: 'UWV',
					bedrag: '1'
				})
			).json();
			expect(booked).toMatchObject({ type: 'failure', status: 400 });
			expect(JSON.stringify(booked)).toContain('Utrecht valt buiten uw bereik.');
			const removed = await (await action('verwijderen', { id: utrechtEntry })).json();
			expect(removed).toMatchObject({ type: 'failure', status: 404 });
			const rule = await (
				await action('regelVerwijderen', { gemeente: 'GM0344', fonds: 'OMO-fonds' })
			).json();
			expect(rule).toMatchObject({ type: 'failure', status: 404 });
			await page.goto('/beheer/fondsen', { waitUntil: 'networkidle' });
			expect((await rowsOf(page, 'bijdragen-lijst')).map((r) => r[1])).not.toContain('Utrecht');
			expect(await text(page, '#fondsen-grootboek')).not.toContain('OMO-fonds');
			await page.goto('/beheer/audit?action=fondsbijdrage+verwijderen', { waitUntil: 'networkidle' });
			expect(await text(page, 'main')).toContain('geweigerd');
		});
		await portal.asUser(UTRECHT, async (page) => {
			await page.goto('/beheer/fondsen', { waitUntil: 'networkidle' });
			expect((await rowsOf(page, 'bijdragen-lijst')).map((r) => r[0])).toEqual(['OMO-fonds']);
		});
		await portal.asUser(TEAM, async (page) => {
			expect((await page.goto('/beheer/fondsen'))?.status()).toBe(403);
			expect((await page.goto('/download/fondsen?format=csv'))?.status()).toBe(403);
		});
	});
});
