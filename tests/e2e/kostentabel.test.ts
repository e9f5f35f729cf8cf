/** The avoided-cost table in a real browser: a beheerder sets, replaces and removes posts with and without JavaScript, within reach, audited; other roles are refused. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowserPortal, type BrowserPortal } from '../support/portal';
import { expectAxeClean, loginInBrowser, tableRows } from '../support/browser';
import { sampleExport } from '../support/server';

const BEHEERDER = 'beheer@leeuwarden.example.nl';
const TEAM = 'kwaliteit@leeuwarden.example.nl';

let portal: BrowserPortal;

beforeAll(async () => {
	portal = await openBrowserPortal('e2e-kostentabel', {
		exports: [sampleExport],
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

async function setPost(page: Page, post: { post: string; eenheid: string; laag: string; hoog: string }) {
	await page.getByLabel('Post', { exact: true }).fill(post.post);
	await page.getByLabel('Eenheid').fill(post.eenheid);
	await page.getByLabel('Besparing laag in euro').fill(post.laag);
	await page.getByLabel('Besparing hoog in euro').fill(post.hoog);
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
			await setPost(page, { post: 'opvang', eenheid: 'nacht', laag: '50', hoog: '80' });
			await page.getByRole('status').waitFor();
			expect((await rowsOf(page)).map((r) => r[0])).toContain('opvang');
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
});
