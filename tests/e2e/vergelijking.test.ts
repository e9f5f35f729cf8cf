/** The national packages and the comparison in a real browser: a signed export, the installation's key registered, a refused and an accepted import, the opt-in, per-10,000 figures, the period selector, without JavaScript, and axe. */
import fs from 'node:fs';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { sampleExport } from '../support/server';
import { openBrowserPortal, type BrowserPortal } from '../support/portal';
import { expectAxeClean, loginInBrowser, tableRows } from '../support/browser';

const BEHEERDER = 'beheer@leeuwarden.example.nl';
const LANDELIJK = 'programma@landelijk.example.nl';

/** Nine Utrecht cases in 2025: published as 10. */
const UTRECHT_EXPORT = [
	'casus_id;gemeente;aangemeld_op;status;leefgebieden;kwestie',
	...Array.from(
		{ length: 9 },
		(_, i) => `UT-${i + 1};GM0344;0${i + 1}-03-2025;open;financiën|wonen;Geen postadres`
	)
].join('\n');

let portal: BrowserPortal;
/** The package of Leeuwarden over 2025 as the page downloaded it. */
let packageText = '';

beforeAll(async () => {
	portal = await openBrowserPortal('e2e-vergelijking', {
		exports: [sampleExport, { name: 'utrecht.csv', text: UTRECHT_EXPORT }],
		users: [
			{ email: BEHEERDER, role: 'beheerder', gemeente: ['GM0080'] },
			{ email: LANDELIJK, role: 'landelijk' }
		]
	});
});

afterAll(() => portal?.close());

/** Chooses a file for the package upload from text. */
function choosePackage(page: Page, name: string, text: string) {
	return page
		.getByLabel('Pakketbestand (JSON)')
		.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

describe('a beheerder', () => {
	it('sees that the comparison is off until the municipality opts in', async () => {
		await portal.asUser(BEHEERDER, async (page) => {
			await page.goto('/vergelijking');
			await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Vergelijking');
			await expect(page.getByRole('status').first().textContent()).resolves.toContain(
				'staat voor uw gemeente uit'
			);
			await expectAxeClean(page, '/vergelijking (uit)');
		});
	});

	it('downloads the package of its municipality for a period, sealed and signed', async () => {
		await portal.asUser(BEHEERDER, async (page) => {
			await page.goto('/beheer');
			await page.getByRole('link', { name: 'Landelijke pakketten en vergelijking' }).click();
			await page.waitForURL((url) => url.pathname === '/beheer/pakketten');
			await expectAxeClean(page, '/beheer/pakketten');
			await page.getByLabel('Gemeente', { exact: true }).selectOption('GM0080');
			await page.getByLabel('Periode').selectOption('2025');
			const [download] = await Promise.all([
				page.waitForEvent('download'),
				page.getByRole('button', { name: 'Pakket downloaden (JSON)' }).click()
			]);
			expect(download.suggestedFilename()).toBe('pakket-GM0080-2025.json');
			packageText = fs.readFileSync((await download.path())!, 'utf8');
			const pkg = JSON.parse(packageText);
			expect(pkg).toMatchObject({ version: 2, gemeente: 'GM0080', from: '2025-01-01', to: '2025-12-31' });
			expect(pkg.sha256).toMatch(/^[0-9a-f]{64}$/);
			expect(pkg.signature).toMatchObject({
				alg: 'Ed25519',
				key: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/)
			});
			expect(pkg.tables.uitkomst.total).toBe(20);
			// No casus_id travels in a package.
			expect(packageText).not.toMatch(/LW-20\d\d-\d{3}/);
		});
	});

	it('has a tampered package refused, an unregistered one refused, its key registered, a real one imported, and opts in to the comparison', async () => {
		await portal.asUser(BEHEERDER, async (page) => {
			await page.goto('/beheer/pakketten', { waitUntil: 'networkidle' });
			// The download made the installation's key pair: the page shows its public key, the one the package names.
			const key = await page.getByLabel('Publieke sleutel (Ed25519)').inputValue();
			expect(key).toBe(JSON.parse(packageText).signature.key);
			await choosePackage(page, 'vervalst.json', packageText.replace('"total": 20', '"total": 25'));
			await page.getByRole('button', { name: 'Inlezen', exact: true }).click();
			const alert = page.getByRole('alert');
			await alert.waitFor();
			await expect(alert.textContent()).resolves.toContain(
				'Pakket geweigerd: Het pakket is na het maken gewijzigd: de SHA-256 klopt niet met de inhoud.'
			);
			await expect(page.getByText('Er zijn nog geen pakketten ingelezen.').count()).resolves.toBe(1);

			await choosePackage(page, 'pakket.json', packageText);
			await page.getByRole('button', { name: 'Inlezen', exact: true }).click();
			await page
				.getByText('Pakket geweigerd: Voor Leeuwarden is geen publieke sleutel geregistreerd')
				.waitFor();

			await page.getByLabel('Gemeente van de sleutel').selectOption('GM0080');
			await page.getByLabel('Publieke sleutel (base64, 44 tekens)').fill(key);
			await page.getByRole('button', { name: 'Sleutel registreren' }).click();
			await page.getByText('De publieke sleutel van Leeuwarden is geregistreerd.').waitFor();
			const keys = page.locator('table', {
				has: page.locator('caption', { hasText: 'Geregistreerde sleutels binnen uw bereik' })
			});
			await expect(keys.locator('tbody tr th').textContent()).resolves.toBe('Leeuwarden (GM0080)');

			await choosePackage(page, 'pakket.json', packageText);
			await page.getByRole('button', { name: 'Inlezen', exact: true }).click();
			await page.getByText('Het pakket van Leeuwarden over 2025 is ingelezen.').waitFor();
			const list = page.locator('table', {
				has: page.locator('caption', { hasText: 'Ingelezen pakketten' })
			});
			await expect(list.locator('tbody tr th').textContent()).resolves.toBe('Leeuwarden (GM0080)');
			await expectAxeClean(page, '/beheer/pakketten (ingelezen)');

			await page.getByLabel('Vergelijking met andere gemeenten tonen').check();
			await page.getByRole('button', { name: 'Opslaan' }).click();
			await page.getByText('De vergelijking met andere gemeenten staat aan').waitFor();
			await page.goto('/vergelijking');
			const rows = await tableRows(page, 'vergelijking-gemeenten');
			// The municipality's own figures are those of its imported package.
			expect(rows).toEqual([
				['Leeuwarden', '100.000 tot 150.000 inwoners', '128.810', 'Geïmporteerd pakket', '20', '1,6']
			]);
		});
	});
});

describe('a beheerder without JavaScript', () => {
	it('replaces the key of its municipality with the plain form', async () => {
		const context = await portal.browser.newContext({
			locale: 'nl-NL',
			baseURL: portal.server.url,
			javaScriptEnabled: false
		});
		const page = await context.newPage();
		try {
			await loginInBrowser(page, portal.server.url, BEHEERDER);
			await page.goto('/beheer/pakketten', { waitUntil: 'networkidle' });
			const key = await page.getByLabel('Publieke sleutel (Ed25519)').inputValue();
			await expect(page.getByRole('button', { name: 'Sleutel kopiëren' }).count()).resolves.toBe(0);
			await page.getByLabel('Publieke sleutel (base64, 44 tekens)').fill(key.slice(1));
			await page.getByRole('button', { name: 'Sleutel registreren' }).click();
			await page.getByRole('alert').waitFor();
			await expect(page.getByRole('alert').textContent()).resolves.toContain('base64 van 32 bytes');
			await page.getByLabel('Publieke sleutel (base64, 44 tekens)').fill(key);
			await page.getByRole('button', { name: 'Sleutel registreren' }).click();
			await page
				.getByText('De publieke sleutel van Leeuwarden is geregistreerd en vervangt de vorige.')
				.waitFor();
		} finally {
			await context.close();
		}
	});
});

describe('the landelijk role', () => {
	it('compares municipalities per 10,000 inhabitants by size class, axe clean', async () => {
		await portal.asUser(LANDELIJK, async (page) => {
			await page.getByRole('link', { name: 'Vergelijking', exact: true }).click();
			await page.waitForURL((url) => url.pathname === '/vergelijking');
			await expect(page.getByLabel('Periode').inputValue()).resolves.toBe('2025');
			// Leeuwarden: 20 of 128.810 inhabitants; Utrecht, computed from its 9 cases: 10 of 374.238.
			expect(await tableRows(page, 'vergelijking-gemeenten')).toEqual([
				['Leeuwarden', '100.000 tot 150.000 inwoners', '128.810', 'Geïmporteerd pakket', '20', '1,6'],
				['Utrecht', '250.000 inwoners of meer', '374.238', 'Berekend uit de portal', '10', '0,3']
			]);
			expect(await tableRows(page, 'vergelijking-grootteklassen')).toEqual([
				['100.000 tot 150.000 inwoners', '1', '1', '128.810', '20', '1,6'],
				['250.000 inwoners of meer', '1', '1', '374.238', '10', '0,3']
			]);
			const profile = await tableRows(page, 'vergelijking-leefgebieden');
			// Utrecht: all 10 name financiën, so 100%; Leeuwarden 10 of 20; nationally 20 of 30.
			// Published 10 + 10 = 20 cases name it.
			expect(profile.find((r) => r[0] === 'Financiën')).toEqual(['Financiën', '20', '66,7', '50', '100']);
			await expect(page.locator('figure[role="img"]').count()).resolves.toBeGreaterThanOrEqual(5);

			// The caveat once, plainly, at the top.
			const caveat = page.getByRole('note', { name: 'Kanttekening' });
			await expect(caveat.count()).resolves.toBe(1);
			await expect(caveat.textContent()).resolves.toContain('de casussen zijn niet representatief');
			await expect(page.getByText('niet representatief').count()).resolves.toBe(1);

			// Eight quarters to the end of 2025, Leeuwarden first (by name); its quarters are computed from its 20 cases.
			const trend = await tableRows(page, 'vergelijking-trends');
			expect(trend.map((r) => r[0])).toEqual([
				'2024-Q1',
				'2024-Q2',
				'2024-Q3',
				'2024-Q4',
				'2025-Q1',
				'2025-Q2',
				'2025-Q3',
				'2025-Q4'
			]);
			// The trends are in a section that opens: open it as a user does, then choose a municipality.
			await page.locator('summary', { hasText: 'De laatste acht kwartalen' }).click();
			await page.waitForURL((url) => url.searchParams.get('open') === 'trends');
			await page.getByLabel('Gemeente', { exact: true }).selectOption('GM0344');
			await page.getByRole('button', { name: 'Trend tonen' }).click();
			await page.waitForURL((url) => url.searchParams.get('trend') === 'GM0344');
			await expect(page.locator('#vergelijking-trends caption').textContent()).resolves.toContain(
				'Utrecht tegen'
			);
			await expect(page.getByLabel('Periode').inputValue()).resolves.toBe('2025');
			// A new period keeps the municipality of the trends.
			await page.getByLabel('Periode').selectOption('2025-H2');
			await page.getByRole('button', { name: 'Toon', exact: true }).click();
			await page.waitForURL((url) => url.searchParams.get('period') === '2025-H2');
			expect(new URL(page.url()).searchParams.get('trend')).toBe('GM0344');
			await expect(page.locator('#vergelijking-trends caption').textContent()).resolves.toContain(
				'Utrecht tegen'
			);
			await page.goto('/vergelijking?period=2025&open=onderdelen');

			// Every other dimension one click away, with its table.
			for (const name of ['Organisaties', 'Knelpunten naar niveau', 'Besluiten binnen en buiten de kaders']) {
				await page.locator('summary').getByText(name, { exact: true }).click();
			}
			const levels = await tableRows(page, 'vergelijking-knelpunt-niveaus');
			expect(levels.map((r) => r[0])).toEqual([
				'Macro: wetgeving',
				'Meso: samenwerking',
				'Micro: uitvoering',
				'Geen knelpunt'
			]);
			await expect(
				page.getByText('Nog geen vergeleken gemeente levert deze cijfers').first().isVisible()
			).resolves.toBe(true);
			for (const heading of [
				'Leefgebieden tegen het landelijke profiel',
				'De laatste acht kwartalen',
				'Organisaties, wetten, knelpunten en besluiten',
				'Escalatie en afloop',
				'Landelijke signalen'
			]) {
				await expect(page.getByRole('heading', { level: 2, name: heading }).count()).resolves.toBe(1);
			}
			await expectAxeClean(page, '/vergelijking (landelijk)');
		});
	});

	it('changes the period with the selector; a quarter of three cases is all geheim', async () => {
		await portal.asUser(LANDELIJK, async (page) => {
			await page.goto('/vergelijking', { waitUntil: 'networkidle' });
			await page.getByLabel('Periode').selectOption('2025-Q3');
			await page.getByRole('button', { name: 'Toon' }).click();
			await page.waitForURL((url) => url.searchParams.get('period') === '2025-Q3');
			expect(await tableRows(page, 'vergelijking-gemeenten')).toEqual([
				[
					'Leeuwarden',
					'100.000 tot 150.000 inwoners',
					'128.810',
					'Berekend uit de portal',
					'geheim',
					'geheim'
				]
			]);
			await expectAxeClean(page, '/vergelijking (2025-Q3)');
		});
	});

	it('works without JavaScript: the period form and a refused import', async () => {
		const context = await portal.browser.newContext({
			locale: 'nl-NL',
			baseURL: portal.server.url,
			javaScriptEnabled: false
		});
		const page = await context.newPage();
		try {
			await loginInBrowser(page, portal.server.url, LANDELIJK);
			await page.goto('/vergelijking');
			await page.getByLabel('Periode').selectOption('2024');
			await page.getByRole('button', { name: 'Toon' }).click();
			await page.waitForURL((url) => url.searchParams.get('period') === '2024');
			// 2024: Leeuwarden's 12 cases, computed (the imported package is of 2025).
			expect(await tableRows(page, 'vergelijking-gemeenten')).toEqual([
				['Leeuwarden', '100.000 tot 150.000 inwoners', '128.810', 'Berekend uit de portal', '10', '0,8']
			]);
			await page.goto('/beheer/pakketten', { waitUntil: 'networkidle' });
			await choosePackage(page, 'kapot.json', '{"version": 1');
			await page.getByRole('button', { name: 'Inlezen', exact: true }).click();
			await page.getByRole('alert').waitFor();
			await expect(page.getByRole('alert').textContent()).resolves.toContain(
				'Pakket geweigerd: Het pakket is geen geldig JSON-bestand.'
			);
		} finally {
			await context.close();
		}
	});
});
