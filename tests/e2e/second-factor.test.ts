/** The second factor in Chromium: setting up the app with the QR code or the typed key, recovery codes, a code at the next login; axe clean, with and without JavaScript. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPassword } from '../support/server';
import { expectAxeClean } from '../support/browser';
import { nextTotpCode, rememberAuthenticator } from '../support/form-login';
import { openBrowserPortal, type BrowserPortal } from '../support/portal';

const TEAM = 'kt@leeuwarden.example';
const BELEID = 'beleid@leeuwarden.example';

let portal: BrowserPortal;

beforeAll(async () => {
	portal = await openBrowserPortal('e2e-second-factor', {
		users: [
			{ email: TEAM, role: 'kwaliteitsteam', gemeente: ['GM0080'] },
			{ email: BELEID, role: 'beleid', gemeente: ['GM0080'] }
		]
	});
});

afterAll(() => portal?.close());

describe('setting up the second factor', () => {
	it('shows the QR code and the key after the password, refuses a wrong code, then gives ten recovery codes', async () => {
		await portal.withPage(async (page) => {
			await page.goto('/login?terug=%2Fwetten', { waitUntil: 'networkidle' });
			await page.getByLabel('E-mailadres').fill(TEAM);
			await page.getByLabel('Wachtwoord').fill(defaultPassword);
			await page.getByRole('button', { name: 'Inloggen' }).click();
			await page.waitForURL((url) => url.pathname === '/login/tweede-factor/instellen');
			await page.waitForLoadState('networkidle');
			await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
				'Tweede factor instellen'
			);
			const qr = page.getByRole('img', { name: 'QR-code met de sleutel voor uw authenticator-app' });
			const box = await qr.locator('svg').boundingBox();
			expect(box!.width, 'the QR code is large enough to scan').toBeGreaterThanOrEqual(150);
			await expectAxeClean(page, '/login/tweede-factor/instellen');

			await page.getByLabel('Code uit uw app').fill('000000');
			await page.getByRole('button', { name: 'Bevestigen' }).click();
			await expect(page.getByRole('alert').textContent()).resolves.toContain('Deze code klopt niet');
			await expect(page.getByLabel('Code uit uw app').getAttribute('aria-invalid')).resolves.toBe('true');
			await expectAxeClean(page, '/login/tweede-factor/instellen (wrong code)');

			rememberAuthenticator(portal.server.url, TEAM, await page.locator('#totp-sleutel').innerText());
			await page.getByLabel('Code uit uw app').fill(await nextTotpCode(portal.server.url, TEAM));
			await page.getByRole('button', { name: 'Bevestigen' }).click();
			await page.getByRole('heading', { name: 'Bewaar uw herstelcodes' }).waitFor();
			const codes = await page.locator('#herstelcodes li').allInnerTexts();
			expect(codes).toHaveLength(10);
			const [download] = await Promise.all([
				page.waitForEvent('download'),
				page.getByRole('link', { name: 'Download de codes als tekstbestand' }).click()
			]);
			const text = await new Response(
				(await download.createReadStream()) as unknown as ReadableStream
			).text();
			for (const code of codes) expect(text).toContain(code);
			await expectAxeClean(page, 'recovery codes');
			await page.getByRole('link', { name: 'Ik heb de codes bewaard, verder' }).click();
			await page.waitForURL((url) => url.pathname === '/wetten');
		});
	});

	it('asks the next login for a code, with the recovery code as a way out; keyboard only', async () => {
		await portal.withPage(async (page) => {
			await page.goto('/login', { waitUntil: 'networkidle' });
			await page.keyboard.press('Tab');
			await page.keyboard.type(TEAM);
			await page.keyboard.press('Tab');
			await page.keyboard.type(defaultPassword);
			await page.keyboard.press('Enter');
			await page.waitForURL((url) => url.pathname === '/login/tweede-factor');
			await page.waitForLoadState('networkidle');
			await expectAxeClean(page, '/login/tweede-factor');
			await page.keyboard.press('Tab');
			await page.keyboard.type('123456');
			await page.keyboard.press('Enter');
			await expect(page.getByRole('alert').textContent()).resolves.toContain(
				'Deze code klopt niet of is al gebruikt'
			);
			await expectAxeClean(page, '/login/tweede-factor (wrong code)');
			// The recovery code form opens from its summary with the keyboard.
			await page.getByText('Geen toegang tot uw app? Gebruik een herstelcode').focus();
			await page.keyboard.press('Enter');
			await expect(page.getByLabel('Herstelcode').isVisible()).resolves.toBe(true);
			await expectAxeClean(page, '/login/tweede-factor (recovery code open)');
			await page.getByLabel('Code uit uw app').focus();
			await page.keyboard.press('Control+A');
			await page.keyboard.type(await nextTotpCode(portal.server.url, TEAM));
			await page.keyboard.press('Enter');
			await page.waitForURL((url) => url.pathname === '/');
		});
	});

	it('works without JavaScript, from the password to the portal', async () => {
		const context = await portal.browser.newContext({
			locale: 'nl-NL',
			baseURL: portal.server.url,
			javaScriptEnabled: false
		});
		try {
			const page = await context.newPage();
			await page.goto('/login?terug=%2Fescalatie', { waitUntil: 'networkidle' });
			await page.getByLabel('E-mailadres').fill(BELEID);
			await page.getByLabel('Wachtwoord').fill(defaultPassword);
			await page.getByRole('button', { name: 'Inloggen' }).click();
			await page.waitForURL((url) => url.pathname === '/login/tweede-factor/instellen');
			rememberAuthenticator(portal.server.url, BELEID, await page.locator('#totp-sleutel').innerText());
			await page.getByLabel('Code uit uw app').fill(await nextTotpCode(portal.server.url, BELEID));
			await page.getByRole('button', { name: 'Bevestigen' }).click();
			await page.getByRole('heading', { name: 'Bewaar uw herstelcodes' }).waitFor();
			await page.getByRole('link', { name: 'Ik heb de codes bewaard, verder' }).click();
			await page.waitForURL((url) => url.pathname === '/escalatie');
			await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/Escalatie/);
		} finally {
			await context.close();
		}
	});
});
