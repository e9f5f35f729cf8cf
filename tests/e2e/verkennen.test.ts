/** Verkennen in Chromium: the default chart drawn for every role, choices that change address and chart, a link that reproduces them, downloads, saved views with and without JavaScript (and not deleted by another user), the keyboard alone, axe and a quiet console. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginCookie, postAction, request, sampleExport } from '../support/server';
import { postForm } from '../support/form-login';
import { openBrowserPortal, type BrowserPortal } from '../support/portal';
import { consoleErrors, expectAxeClean, tableRows } from '../support/browser';

const ZWOLLE = path.resolve('src/lib/server/ingest/fixtures/zwolle-2025-v11.csv');
const USERS = {
	beheerder: 'beheer@zwolle.example.nl',
	kwaliteitsteam: 'kwaliteit@zwolle.example.nl',
	beleid: 'beleid@zwolle.example.nl',
	college: 'college@zwolle.example.nl',
	landelijk: 'programma@landelijk.example.nl'
} as const;
/** A second beleid user of the same municipality, who tries to delete the first one's view. */
const OTHER = 'beleid2@zwolle.example.nl';
const ROLES = Object.keys(USERS) as (keyof typeof USERS)[];
const TABLE = 'verkennen-tabel';

let portal: BrowserPortal;

beforeAll(async () => {
	portal = await openBrowserPortal('e2e-verkennen', {
		exports: [sampleExport, ZWOLLE],
		users: [
			...ROLES.map((role) => ({
				email: USERS[role],
				role,
				...(role === 'landelijk' ? {} : { gemeente: ['GM0193', 'GM0080'] })
			})),
			{ email: OTHER, role: 'beleid' as const, gemeente: ['GM0193'] }
		]
	});
});

afterAll(() => portal?.close());

/** The chart's drawing, once Plot has put it in the page. */
const drawing = (page: Page) => page.locator('figure.portal-plot svg').last();

/** Waits until the chart is drawn and returns the number of bars and lines in it. */
async function drawn(page: Page): Promise<{ bars: number; lines: number; summary: string }> {
	await drawing(page).waitFor();
	const figure = page.locator('figure.portal-plot');
	return {
		bars: await figure.locator('g[data-mark="bar"] rect').count(),
		lines: await figure.locator('g[data-mark="line"] path').count(),
		summary: (await figure.getAttribute('aria-label')) ?? ''
	};
}

/** Chooses an option of a select by its label and waits for the address to show `param=value`. */
async function choose(page: Page, label: string, option: string, param: string, value: string) {
	const field = page.getByLabel(label, { exact: true });
	await field.focus();
	await field.selectOption({ label: option });
	await page.waitForURL((url) => url.searchParams.get(param) === value);
}

/** The cells of the numbers of the table's body rows (all but the first column), as numbers where they are. */
async function figures(page: Page): Promise<string[][]> {
	return (await tableRows(page, TABLE)).map((row) => row.slice(1));
}

describe('verkennen', () => {
	it.each(ROLES)(
		'draws the default choice before any pick for %s, with its table, axe clean',
		async (role) => {
			await portal.asUser(USERS[role], async (page) => {
				const errors = consoleErrors(page);
				const response = await page.goto('/verkennen', { waitUntil: 'networkidle' });
				expect(response?.status()).toBe(200);
				await expect(page.locator('h2#grafiek').textContent()).resolves.toBe(
					'Aantal casussen per leefgebied'
				);
				const chart = await drawn(page);
				const rows = await tableRows(page, TABLE);
				expect(rows.at(-1)![0]).toBe('Alle casussen');
				// One bar per leefgebied with a published count: landelijk's "geheim" ones are not drawn.
				const numeric = rows.slice(0, -1).filter((r) => /^\d/.test(r[1]));
				expect(chart.bars).toBe(numeric.length);
				expect(chart.bars).toBeGreaterThan(3);
				expect(chart.summary).toMatch(/^Staafdiagram: Aantal casussen per leefgebied\. /);
				if (role === 'landelijk') {
					expect(rows.some((r) => r[1] === 'geheim')).toBe(true);
					expect(chart.summary).toMatch(/(geheim cijfer is|geheime cijfers zijn) niet getekend\.$/);
					await expect(page.getByText('aantallen van 1 tot en met 7 casussen').count()).resolves.toBe(1);
				} else {
					// 42 cases: the 30 of Leeuwarden and the 12 of Zwolle.
					expect(rows.at(-1)![1]).toBe('42');
				}
				await expect(page.getByLabel('Maat', { exact: true }).inputValue()).resolves.toBe('casussen');
				await expectAxeClean(page, `/verkennen as ${role}`);
				expect(errors).toEqual([]);
			});
		}
	);

	it('changes the address and the chart with each choice, focus staying on the field', async () => {
		await portal.asUser(USERS.kwaliteitsteam, async (page) => {
			const errors = consoleErrors(page);
			await page.goto('/verkennen', { waitUntil: 'networkidle' });
			const before = await page.locator('figure.portal-plot').getAttribute('aria-label');

			await choose(page, 'Maat', 'Uitgaven aan oplossingen', 'maat', 'uitgaven');
			await page.locator('h2#grafiek', { hasText: 'Uitgaven aan oplossingen per leefgebied' }).waitFor();
			await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('keuze-maat');
			const money = await drawn(page);
			expect(money.summary).not.toBe(before);
			expect(money.summary).toContain('€');
			expect(money.bars).toBeGreaterThan(3);

			await choose(page, 'Per', 'Jaar van aanmelding', 'dimensie', 'jaar');
			await page.locator('h2#grafiek', { hasText: 'per jaar van aanmelding' }).waitFor();
			const line = await drawn(page);
			expect(line.summary).toMatch(/^Lijngrafiek: /);
			expect(line.lines).toBe(1);
			expect(line.bars).toBe(0);

			await choose(page, 'Uitgesplitst naar', 'Gemeente', 'uitsplitsing', 'gemeente');
			await page.locator('h2#grafiek', { hasText: 'per jaar van aanmelding en gemeente' }).waitFor();
			const split = await drawn(page);
			expect(split.lines).toBe(2);
			expect(split.summary).toContain('Leeuwarden');
			expect(split.summary).toContain('Zwolle');
			// The table: a group of columns per municipality and a total, a row per year and the total.
			const headers = await page
				.locator(`table#${TABLE} thead th`)
				.evaluateAll((ths) => ths.map((th) => th.textContent!.trim()));
			expect(headers).toEqual([
				'Jaar van aanmelding',
				'Leeuwarden: uitgaven',
				'Leeuwarden: casussen met kosten',
				'Zwolle: uitgaven',
				'Zwolle: casussen met kosten',
				'Totaal: uitgaven',
				'Totaal: casussen met kosten'
			]);
			expect((await figures(page)).length).toBe(3);

			// Grouped bars for a dimension that is not in time.
			await choose(page, 'Per', 'Hoogste escalatietrede', 'dimensie', 'escalatie');
			const grouped = await drawn(page);
			expect(grouped.summary).toMatch(/^Gegroepeerd staafdiagram: /);
			expect(grouped.bars).toBeGreaterThan(2);
			expect(new URL(page.url()).searchParams.get('uitsplitsing')).toBe('gemeente');
			expect(errors).toEqual([]);
		});
	});

	it('reproduces a choice from its address, and filtering keeps the choice', async () => {
		await portal.asUser(USERS.beleid, async (page) => {
			const errors = consoleErrors(page);
			await page.goto('/verkennen?maat=doorlooptijd&dimensie=escalatie&uitsplitsing=jaar&status=afgerond', {
				waitUntil: 'networkidle'
			});
			await expect(page.locator('h2#grafiek').textContent()).resolves.toBe(
				'Doorlooptijd in dagen (mediaan) per hoogste escalatietrede en jaar van aanmelding'
			);
			await expect(page.getByLabel('Maat', { exact: true }).inputValue()).resolves.toBe('doorlooptijd');
			await expect(page.getByLabel('Per', { exact: true }).inputValue()).resolves.toBe('escalatie');
			await expect(page.getByLabel('Uitgesplitst naar').inputValue()).resolves.toBe('jaar');
			await expect(page.getByLabel('Status', { exact: true }).inputValue()).resolves.toBe('afgerond');
			expect((await drawn(page)).bars).toBeGreaterThan(2);

			await page.getByLabel('Status', { exact: true }).selectOption('open');
			await page.getByRole('button', { name: 'Filter toepassen' }).click();
			await page.waitForURL((url) => url.searchParams.get('status') === 'open');
			const url = new URL(page.url());
			expect(url.searchParams.get('maat')).toBe('doorlooptijd');
			expect(url.searchParams.get('uitsplitsing')).toBe('jaar');
			await page.getByRole('link', { name: '2025', exact: true }).click();
			await page.waitForURL((u) => u.searchParams.get('from') === '2025-01-01');
			expect(new URL(page.url()).searchParams.get('dimensie')).toBe('escalatie');

			// An id outside the lists is refused in Dutch, not guessed at.
			const refused = await page.goto('/verkennen?maat=kosten', { waitUntil: 'networkidle' });
			expect(refused?.status()).toBe(400);
			await expect(page.getByText('maat is een van: casussen, uitgaven').count()).resolves.toBe(1);
			expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
		});
	});

	it('downloads the table on screen as CSV and Excel, with the same choice', async () => {
		await portal.asUser(USERS.kwaliteitsteam, async (page) => {
			await page.goto('/verkennen?maat=besparing&dimensie=jaar', { waitUntil: 'networkidle' });
			const rows = await tableRows(page, TABLE);
			const link = page.locator(`a[download][href*="tabel=${TABLE}"]`);
			await expect(link.getAttribute('href')).resolves.toContain('maat=besparing&dimensie=jaar');
			const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
			expect(download.suggestedFilename()).toMatch(/^verkennen-tabel-\d{4}-\d{2}-\d{2}\.csv$/);
			const lines = fs
				.readFileSync(await download.path(), 'utf8')
				.replace(/^\uFEFF/, '')
				.split('\r\n');
			expect(lines[0]).toBe(
				'Jaar van aanmelding;Vermeden kosten laag;Vermeden kosten hoog;Casussen met een schatting'
			);
			expect(lines[1].split(';')[0]).toBe(rows[0][0]);
			expect(lines.some((l) => l.startsWith('Alle casussen;'))).toBe(true);
			const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
			const xlsx = await request(
				portal.server,
				'/download/verkennen?maat=besparing&dimensie=jaar&format=xlsx',
				{
					cookie
				}
			);
			expect(xlsx.status).toBe(200);
			expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
			const bad = await request(portal.server, '/download/verkennen?dimensie=casus_id&format=csv', {
				cookie
			});
			expect(bad.status).toBe(400);
		});
	});

	it('saves a choice under a name, refuses a missing or taken name, opens it again and deletes it', async () => {
		await portal.asUser(USERS.college, async (page) => {
			const errors = consoleErrors(page);
			await page.goto('/verkennen?maat=uitgaven&dimensie=gemeente', { waitUntil: 'networkidle' });
			await expect(page.getByText('U hebt nog geen weergaven bewaard').count()).resolves.toBe(1);
			await page.getByRole('button', { name: 'Bewaar deze weergave' }).click();
			await page.getByRole('alert').filter({ hasText: 'Geef de weergave een naam.' }).waitFor();
			await expect(page.getByLabel('Naam van de weergave').getAttribute('aria-invalid')).resolves.toBe(
				'true'
			);

			await page.getByLabel('Naam van de weergave').fill('Geld per gemeente');
			await page.getByRole('button', { name: 'Bewaar deze weergave' }).click();
			await page
				.getByRole('status')
				.filter({ hasText: 'De weergave "Geld per gemeente" is bewaard' })
				.waitFor();
			const saved = page.getByRole('link', { name: 'Geld per gemeente', exact: true });
			await expect(saved.getAttribute('href')).resolves.toBe('/verkennen?maat=uitgaven&dimensie=gemeente');
			await page.getByLabel('Naam van de weergave').fill('geld per GEMEENTE');
			await page.getByRole('button', { name: 'Bewaar deze weergave' }).click();
			await page.getByRole('alert').filter({ hasText: 'U hebt al een weergave met de naam' }).waitFor();
			await expectAxeClean(page, '/verkennen with a refused name');

			// The home lists it, and opens it from there.
			await page.goto('/', { waitUntil: 'networkidle' });
			await page.getByRole('link', { name: 'Geld per gemeente', exact: true }).click();
			await page.waitForURL((url) => url.searchParams.get('maat') === 'uitgaven');
			await page.locator('h2#grafiek', { hasText: 'Uitgaven aan oplossingen per gemeente' }).waitFor();

			await page.getByRole('button', { name: 'Verwijder Geld per gemeente' }).click();
			await page
				.getByRole('status')
				.filter({ hasText: 'De weergave "Geld per gemeente" is verwijderd.' })
				.waitFor();
			await expect(page.getByRole('link', { name: 'Geld per gemeente', exact: true }).count()).resolves.toBe(
				0
			);
			expect(errors).toEqual([]);
		});
	});

	it('saves and deletes without JavaScript, keeping the choice on screen, and another user cannot delete the view', async () => {
		const cookie = await loginCookie(portal.server, USERS.beleid);
		const context = await portal.browser.newContext({
			locale: 'nl-NL',
			baseURL: portal.server.url,
			javaScriptEnabled: false
		});
		try {
			const [name, value] = cookie.split(/=(.*)/s);
			await context.addCookies([{ name, value, url: portal.server.url }]);
			const page = await context.newPage();
			await page.goto('/verkennen?maat=antwoordtijd&dimensie=organisatie');
			await expect(page.locator('figure.portal-plot svg').count()).resolves.toBe(0);
			await expect(page.locator('figure.portal-plot').getAttribute('aria-label')).resolves.toMatch(
				/^Staafdiagram: /
			);
			await page.getByLabel('Naam van de weergave').fill('Antwoordtijden');
			await page.getByRole('button', { name: 'Bewaar deze weergave' }).click();
			await page.getByRole('status').filter({ hasText: 'De weergave "Antwoordtijden" is bewaard' }).waitFor();
			await expect(page.getByLabel('Maat', { exact: true }).inputValue()).resolves.toBe('antwoordtijd');
			const href = await page.getByRole('link', { name: 'Antwoordtijden', exact: true }).getAttribute('href');
			expect(href).toBe('/verkennen?maat=antwoordtijd&dimensie=organisatie');
			const id = await page.locator('.portal-saved-views input[name="id"]').first().inputValue();

			// Another user of the same municipality, posting the id as a plain form and as a script would.
			const other = await loginCookie(portal.server, OTHER);
			const plain = await postForm(portal.server.url, '/verkennen?/verwijderen', { id }, other);
			expect(plain.status).toBe(404);
			const script = await postAction(portal.server, '/verkennen?/verwijderen', { id }, { cookie: other });
			expect(script.body).toMatchObject({ type: 'failure', status: 404 });
			await page.reload();
			await expect(page.getByRole('link', { name: 'Antwoordtijden', exact: true }).count()).resolves.toBe(1);

			// The choice in the address stays through a save's page, and the form without a script still changes it.
			await page.getByLabel('Per', { exact: true }).selectOption({ label: 'Gemeente' });
			await page.getByRole('button', { name: 'Toon grafiek' }).click();
			await page.waitForURL((url) => url.searchParams.get('dimensie') === 'gemeente');
			expect(new URL(page.url()).searchParams.get('maat')).toBe('antwoordtijd');

			await page.getByRole('button', { name: 'Verwijder Antwoordtijden' }).click();
			await page
				.getByRole('status')
				.filter({ hasText: 'De weergave "Antwoordtijden" is verwijderd.' })
				.waitFor();
			await expect(page.getByText('U hebt nog geen weergaven bewaard').count()).resolves.toBe(1);
			expect(new URL(page.url()).searchParams.get('dimensie')).toBe('gemeente');
		} finally {
			await context.close();
		}
	});

	it('is used with the keyboard alone: choose, save, open and delete', async () => {
		await portal.asUser(USERS.beheerder, async (page) => {
			await page.goto('/verkennen', { waitUntil: 'networkidle' });
			const focused = () =>
				page.evaluate(() => {
					const el = document.activeElement as HTMLElement | null;
					return { id: el?.id ?? '', text: (el?.textContent ?? '').replace(/\s+/g, ' ').trim() };
				});
			/** Presses Tab until the focused element matches. */
			const tabTo = async (match: (el: { id: string; text: string }) => boolean, what: string) => {
				const seen: string[] = [];
				for (let i = 0; i < 150; i++) {
					const el = await focused();
					if (match(el)) return;
					seen.push(`${el.id} "${el.text.slice(0, 40)}"`);
					await page.keyboard.press('Tab');
				}
				throw new Error(`${what} was not reached with Tab; focus went through:\n${seen.join('\n')}`);
			};
			await tabTo((el) => el.id === 'keuze-maat', 'Maat');
			await page.keyboard.press('ArrowDown');
			await page.waitForURL((url) => url.searchParams.get('maat') === 'uitgaven');
			await drawn(page);
			await expect(focused()).resolves.toMatchObject({ id: 'keuze-maat' });
			await page.keyboard.press('Tab');
			await expect(focused()).resolves.toMatchObject({ id: 'keuze-dimensie' });
			await page.keyboard.press('ArrowDown');
			await page.waitForURL((url) => url.searchParams.get('dimensie') === 'organisatie');
			await expect(focused()).resolves.toMatchObject({ id: 'keuze-dimensie' });

			await tabTo((el) => el.id === 'weergave-naam', 'the name field');
			await page.keyboard.type('Via het toetsenbord');
			await page.keyboard.press('Enter');
			await page.getByRole('status').filter({ hasText: 'is bewaard' }).waitFor();
			await tabTo((el) => el.text === 'Via het toetsenbord', 'the saved view');
			await page.keyboard.press('Enter');
			await page.waitForURL((url) => url.search === '?maat=uitgaven&dimensie=organisatie');
			await drawn(page);
			await tabTo((el) => el.text === 'Verwijder Via het toetsenbord', 'its delete button');
			await page.keyboard.press('Enter');
			await page.getByRole('status').filter({ hasText: 'is verwijderd' }).waitFor();
			await expect(page.getByRole('link', { name: 'Via het toetsenbord' }).count()).resolves.toBe(0);
		});
	});
});
