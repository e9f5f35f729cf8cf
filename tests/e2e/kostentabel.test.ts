/** The avoided-cost table in a real browser: a beheerder sets, replaces and removes posts with their source with and without JavaScript, within reach, audited; other roles are refused; a case's kassabon prices its posts at the table. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowserPortal, type BrowserPortal } from '../support/portal';
import { expectAxeClean, loginInBrowser, tableRows } from '../support/browser';
import { sampleExport } from '../support/server';

const BEHEERDER = 'beheer@leeuwarden.example.nl';
const TEAM = 'kwaliteit@leeuwarden.example.nl';

/** Two Leeuwarden cases with posts (version 1.1): one without amounts of its own, one whose amounts differ from its posts. */
const POSTEN_EXPORT = `casus_id;gemeente;aangemeld_op;afgerond_op;status;leefgebieden;uitkomst;fonds;kosten_oplossing;besparing_laag;besparing_hoog;baten_bij;voorgeschoten;terug_van;terugbetaald;kwijtgescholden;vermeden_posten
LW-P-1;GM0080;2025-03-03;2025-04-01;afgerond;wonen;opgelost;maatwerkbudget;1.500,00;;;gemeente|woningcorporatie;;;;;Maatschappelijke Opvang Maand*6|huisuitzetting|daklozenzorg*2
LW-P-2;GM0080;2025-03-04;2025-04-02;afgerond;wonen;opgelost;maatwerkbudget;1.400,00;20.000;30.000;gemeente;1.000,00;inwoner;200,00;300,10;huisuitzetting*2
`;
const ILLUSTRATIEF = 'Illustratief (test): geen echte bedragen';

let portal: BrowserPortal;

beforeAll(async () => {
	portal = await openBrowserPortal('e2e-kostentabel', {
		exports: [sampleExport, { name: 'posten.csv', text: POSTEN_EXPORT }],
		users: [
			{ email: BEHEERDER, role: 'beheerder', gemeente: ['GM0080'] },
			{ email: TEAM, role: 'kwaliteitsteam', gemeente: ['GM0080'] }
		]
	});
});

afterAll(() => portal?.close());

/** Intl writes a no-break space after the euro sign; the tests compare plain text. */
const rowsOf = async (page: Page) =>
	(await tableRows(page, 'kostentabel')).map((r) => r.slice(0, 5).map((c) => c.replace(/\u00a0/g, ' ')));
const text = async (page: Page, selector: string) =>
	((await page.locator(selector).first().textContent()) ?? '')
		.replace(/\s+/g, ' ')
		.replace(/\u00a0/g, ' ')
		.trim();

async function setPost(
	page: Page,
	post: { post: string; eenheid: string; laag: string; hoog: string; bron?: string }
) {
	await page.getByLabel('Post', { exact: true }).fill(post.post);
	await page.getByLabel('Eenheid').fill(post.eenheid);
	await page.getByLabel('Besparing laag in euro').fill(post.laag);
	await page.getByLabel('Besparing hoog in euro').fill(post.hoog);
	await page.getByLabel('Bron', { exact: true }).fill(post.bron ?? '');
	await page.getByRole('button', { name: 'Opslaan' }).click();
}

describe('kostentabel', () => {
	it('lets a beheerder set, replace and remove a post with JavaScript, refusing low above high', async () => {
		await portal.asUser(BEHEERDER, async (page) => {
			await page.goto('/beheer', { waitUntil: 'networkidle' });
			await page.getByRole('link', { name: 'Kostentabel: vermeden kosten per post en gemeente' }).click();
			await page.waitForURL('**/beheer/kostentabel');
			await page.waitForLoadState('networkidle');
			expect(await text(page, 'main')).toContain('Er staan nog geen posten in de kostentabel.');

			await setPost(page, {
				post: 'Maatschappelijke Opvang Maand',
				eenheid: 'maand',
				laag: '2.500',
				hoog: '3.100,50'
			});
			await page.getByRole('status').filter({ hasText: 'maatschappelijke opvang maand' }).waitFor();
			expect(await text(page, '[role="status"]')).toBe(
				'Post maatschappelijke opvang maand (Leeuwarden) bespaart € 2.500,00 tot € 3.100,50 per maand.'
			);
			await setPost(page, { post: 'huisuitzetting', eenheid: '', laag: '6000', hoog: '8000' });
			await page.getByRole('status').filter({ hasText: 'huisuitzetting' }).waitFor();
			// Named again (other case and spaces): the amounts are replaced, not added.
			await setPost(page, { post: 'HUISUITZETTING ', eenheid: 'uitzetting', laag: '7000', hoog: '9000' });
			await page.getByRole('status').filter({ hasText: '€ 7.000,00' }).waitFor();
			expect(await rowsOf(page)).toEqual([
				['huisuitzetting', 'Leeuwarden', 'uitzetting', '€ 7.000,00', '€ 9.000,00'],
				['maatschappelijke opvang maand', 'Leeuwarden', 'maand', '€ 2.500,00', '€ 3.100,50']
			]);
			await expectAxeClean(page, '/beheer/kostentabel with posts');

			await setPost(page, { post: 'opvang', eenheid: '', laag: '300', hoog: '200' });
			await page.getByRole('alert').waitFor();
			expect(await text(page, '[role="alert"]')).toBe('Het lage bedrag is hoger dan het hoge.');
			await expect(page.getByLabel('Besparing hoog in euro').getAttribute('aria-invalid')).resolves.toBe(
				'true'
			);
			await expectAxeClean(page, '/beheer/kostentabel with an error');

			// The visually hidden part of the name follows the visible word as a block of its own.
			const remove = page.getByRole('button', {
				name: /^Verwijderen\s*: post huisuitzetting van Leeuwarden$/
			});
			await remove.click();
			await page.getByRole('status').filter({ hasText: 'uit de kostentabel gehaald' }).waitFor();
			expect((await rowsOf(page)).map((r) => r[0])).toEqual(['maatschappelijke opvang maand']);
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
			await page.goto('/beheer/kostentabel', { waitUntil: 'networkidle' });
			await setPost(page, { post: 'opvang*6', eenheid: 'nacht', laag: '50', hoog: '80' });
			await page.getByRole('alert').waitFor();
			expect(await text(page, '[role="alert"]')).toContain('bevat geen | of *');
			await expect(page.getByLabel('Post', { exact: true }).inputValue()).resolves.toBe('opvang*6');
			await expect(page.getByLabel('Besparing hoog in euro').inputValue()).resolves.toBe('80');
			await setPost(page, {
				post: 'opvang',
				eenheid: 'nacht',
				laag: '50',
				hoog: '80',
				bron: 'b'.repeat(201)
			});
			await page.getByRole('alert').waitFor();
			expect(await text(page, '[role="alert"]')).toBe('De bron is hoogstens 200 tekens.');
			await expect(page.getByLabel('Bron', { exact: true }).getAttribute('aria-invalid')).resolves.toBe(
				'true'
			);
			await setPost(page, {
				post: 'opvang',
				eenheid: 'nacht',
				laag: '50',
				hoog: '80',
				bron: 'Begroting 2025'
			});
			await page.getByRole('status').waitFor();
			const opvang = (await tableRows(page, 'kostentabel')).find((r) => r[0] === 'opvang');
			expect(opvang?.[5]).toBe('Begroting 2025');
		} finally {
			await context.close();
		}
	});

	it('refuses a post for, or the removal of a post of, a municipality outside the reach, as a script would send it', async () => {
		await portal.asUser(BEHEERDER, async (page) => {
			const action = (name: string, form: Record<string, string>) =>
				page.request.post(`/beheer/kostentabel?/${name}`, {
					form,
					headers: { accept: 'application/json', origin: portal.server.url }
				});
			const set = await (
				await action('opslaan', { gemeente: 'GM0344', post: 'opvang', eenheid: '', laag: '1', hoog: '2' })
			).json();
			expect(set).toMatchObject({ type: 'failure', status: 400 });
			expect(JSON.stringify(set)).toContain('Utrecht valt buiten uw bereik.');
			const removed = await action('verwijderen', { gemeente: 'GM0344', post: 'opvang' });
			expect(JSON.stringify(await removed.json())).toContain('Utrecht valt buiten uw bereik.');
			await page.goto('/beheer/kostentabel', { waitUntil: 'networkidle' });
			expect(await text(page, 'main')).not.toContain('Utrecht');
		});
	});

	it('writes every change to the audit log and refuses roles that do not manage funds', async () => {
		await portal.asUser(BEHEERDER, async (page) => {
			await page.goto('/beheer/audit?action=kostenpost+instellen', { waitUntil: 'networkidle' });
			const body = await text(page, 'main');
			expect(body).toContain('GM0080 huisuitzetting: 7000.00-9000.00');
			expect(body).toContain('GM0080 maatschappelijke opvang maand: 2500.00-3100.50');
			await page.goto('/beheer/audit?action=kostenpost+verwijderen', { waitUntil: 'networkidle' });
			expect(await text(page, 'main')).toContain('GM0080 huisuitzetting');
		});
		await portal.asUser(TEAM, async (page) => {
			const response = await page.goto('/beheer/kostentabel');
			expect(response?.status()).toBe(403);
		});
	});

	it('shows the source of each post and says so where a table is illustrative', async () => {
		await portal.asUser(BEHEERDER, async (page) => {
			await page.goto('/beheer/kostentabel', { waitUntil: 'networkidle' });
			await expect(page.locator('#kostentabel-illustratief').count()).resolves.toBe(0);
			await setPost(page, {
				post: 'huisuitzetting',
				eenheid: 'uitzetting',
				laag: '7000',
				hoog: '9000',
				bron: ILLUSTRATIEF
			});
			await page.getByRole('status').filter({ hasText: 'huisuitzetting' }).waitFor();
			const rows = await tableRows(page, 'kostentabel');
			expect(rows.map((r) => [r[0], r[5]])).toEqual([
				['huisuitzetting', ILLUSTRATIEF],
				['maatschappelijke opvang maand', 'niet vermeld'],
				['opvang', 'Begroting 2025']
			]);
			expect(await text(page, '#kostentabel-illustratief')).toBe(
				'Let op: 1 van de 3 posten hieronder is illustratief volgens de bron, geen echte bedragen. Vervang ze door bedragen uit de eigen begroting of uit onderzoek.'
			);
			await expectAxeClean(page, '/beheer/kostentabel with sources');
		});
	});

	it('prices the posts of a case on its kassabon, warns where they differ from its own amounts, and shows what was forgiven', async () => {
		await portal.asUser(TEAM, async (page) => {
			const errors: string[] = [];
			page.on('console', (m) => {
				if (m.type() === 'error') errors.push(m.text());
			});
			await page.goto('/budget', { waitUntil: 'networkidle' });
			await page.locator('summary', { hasText: 'Casussen met de hoogste kosten' }).click();
			await page.getByRole('link', { name: 'Kassabon van casus LW-P-1' }).click();
			await page.waitForURL('**/budget/casus/*');
			await page.waitForLoadState('networkidle');
			const plain = async (id: string) =>
				(await tableRows(page, id)).map((r) => r.map((c) => c.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ')));
			expect(await plain('kassabon')).toEqual([
				['Kosten van de oplossing', '€ 1.500,00'],
				['Vermeden kosten, lage schatting (geschat uit de posten)', '€ 22.000,00'],
				['Vermeden kosten, hoge schatting (geschat uit de posten)', '€ 27.603,00'],
				['Vermeden kosten per bestede euro', '14,7 tot 18,4']
			]);
			// 6 × € 2.500,00 + € 7.000,00 and 6 × € 3.100,50 + € 9.000,00; the unknown post counts for nothing.
			expect(await plain('kassabon-posten')).toEqual([
				[
					'maatschappelijke opvang maand',
					'6',
					'maand',
					'€ 2.500,00',
					'€ 3.100,50',
					'€ 15.000,00',
					'€ 18.603,00',
					'niet vermeld'
				],
				[
					'huisuitzetting',
					'1',
					'uitzetting',
					'€ 7.000,00',
					'€ 9.000,00',
					'€ 7.000,00',
					'€ 9.000,00',
					ILLUSTRATIEF
				],
				[
					'daklozenzorg',
					'2',
					'',
					'niet in de kostentabel',
					'niet in de kostentabel',
					'telt niet mee',
					'telt niet mee',
					''
				]
			]);
			const footer = await page
				.locator('table#kassabon-posten tfoot tr > *')
				.evaluateAll((cells) => cells.map((c) => c.textContent!.trim().replace(/\u00a0/g, ' ')));
			expect(footer).toEqual(['Totaal van de posten in de kostentabel', '€ 22.000,00', '€ 27.603,00', '']);
			expect(await text(page, '#kassabon-ontbrekend')).toContain(
				'de post daklozenzorg staat niet in de kostentabel van Leeuwarden en telt daarom niet mee'
			);
			await expect(page.locator('#kassabon-verschil').count()).resolves.toBe(0);
			expect(await plain('kassabon-partijen')).toEqual([
				['Gemeente (andere afdeling of andere gemeente)', '50%', '€ 11.000,00', '€ 13.801,50'],
				['Woningcorporatie', '50%', '€ 11.000,00', '€ 13.801,50']
			]);
			// The wide table scrolls as a region a keyboard user reaches with Tab.
			const region = page.getByRole('region', { name: 'Vermeden kosten per post van casus LW-P-1' });
			let reached = false;
			for (let i = 0; i < 100 && !reached; i++) {
				await page.keyboard.press('Tab');
				reached = await region.evaluate((el) => el === document.activeElement);
			}
			expect(reached).toBe(true);
			await expectAxeClean(page, '/budget/casus/[id] with posts');

			await page.goto('/budget', { waitUntil: 'networkidle' });
			await page.locator('summary', { hasText: 'Casussen met de hoogste kosten' }).click();
			await page.getByRole('link', { name: 'Kassabon van casus LW-P-2' }).click();
			await page.waitForURL('**/budget/casus/*');
			await page.waitForLoadState('networkidle');
			expect((await plain('kassabon')).slice(1, 3)).toEqual([
				['Vermeden kosten, lage schatting', '€ 20.000,00'],
				['Vermeden kosten, hoge schatting', '€ 30.000,00']
			]);
			expect(await text(page, 'section:has(#posten)')).toContain(
				'zoals die nu is. De casus geeft ook zelf een besparing op; die telt, en de posten specificeren haar.'
			);
			expect(await text(page, '#kassabon-verschil')).toBe(
				'Let op: de opgegeven besparing (€ 20.000,00 tot € 30.000,00) verschilt van het totaal van de posten (€ 14.000,00 tot € 18.000,00). De opgegeven besparing telt.'
			);
			expect(await text(page, 'section:has(#fonds-monitoring) dl')).toContain(
				'€ 1.000,00 voorgeschoten, terug te betalen door de inwoner; € 200,00 terugbetaald, € 300,10 kwijtgescholden, € 499,90 staat open'
			);
			await expectAxeClean(page, '/budget/casus/[id] with a difference');
			expect(errors).toEqual([]);
		});
	});
});
