/** The import page in a real browser: check, import, refuse a file with a BSN, undo, the template; with and without JavaScript. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
	addUser,
	freshDb,
	loginCookie,
	projectDir,
	removeDb,
	request,
	sampleExport,
	startServer,
	type RunningServer
} from '../support/server';
import { axeViolations, formatViolations, launchBrowser, loginInBrowser } from '../support/browser';

const BEHEERDER = 'beheer@leeuwarden.example';
const COLLEGE = 'college@leeuwarden.example';
const refusedExport = path.join(projectDir, 'tests', 'support', 'refused-bsn.csv');

let db: string;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
	db = freshDb('e2e-import');
	addUser(db, { email: BEHEERDER, role: 'beheerder', gemeente: ['GM0080'] });
	addUser(db, { email: COLLEGE, role: 'college', gemeente: ['GM0080'] });
	server = await startServer({ db });
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
	removeDb(db);
});

async function page(javaScriptEnabled = true): Promise<Page> {
	const context = await browser.newContext({ locale: 'nl-NL', javaScriptEnabled });
	const p = await context.newPage();
	await loginInBrowser(p, server.url, BEHEERDER);
	await p.goto(`${server.url}/import`);
	return p;
}

/** The cases of the home's key figures; none where the block says there are no cases yet. */
async function casesOnDashboard(p: Page): Promise<string> {
	await p.goto(`${server.url}/`);
	const block = p.locator('section[aria-labelledby="home-kerncijfers"]');
	if ((await block.locator('dl').count()) === 0) return '0';
	return (await block
		.locator('.portal-figure', { has: p.getByText('Casussen', { exact: true }) })
		.locator('dd')
		.textContent())!.trim();
}

describe('import page', () => {
	it('checks a file without saving, then imports it, and is axe clean', async () => {
		const p = await page();
		expect(formatViolations('/import', await axeViolations(p))).toBe('/import: no axe violations');
		await p.setInputFiles('#bestand', sampleExport);
		await p.getByRole('button', { name: 'Alleen controleren' }).click();
		await p.getByRole('status').filter({ hasText: 'Gecontroleerd: alle 30 rijen zijn in orde.' }).waitFor();
		expect(
			await p
				.locator('table', { hasText: 'Eerste rijen zoals de portal ze leest' })
				.locator('tbody tr')
				.count()
		).toBe(5);
		expect(await casesOnDashboard(p)).toBe('0');

		await p.goto(`${server.url}/import`);
		await p.setInputFiles('#bestand', sampleExport);
		await p.getByRole('button', { name: 'Importeren' }).click();
		await p.getByText('Geïmporteerd: 30 rijen; 30 nieuw, 0 bijgewerkt, 0 verwijderd.').waitFor();
		expect(await p.locator('table', { hasText: 'De laatste imports' }).textContent()).toContain(
			'leeuwarden-2024-2025.csv'
		);
		expect(formatViolations('/import with result', await axeViolations(p))).toBe(
			'/import with result: no axe violations'
		);
		expect(await casesOnDashboard(p)).toBe('30');
		await p.context().close();
	});

	it('refuses a file with a BSN whole, lists the problem without the number, and offers it as CSV', async () => {
		const p = await page();
		await p.setInputFiles('#bestand', refusedExport);
		await p.getByRole('button', { name: 'Importeren' }).click();
		await p.getByRole('alert').filter({ hasText: 'Het bestand is geweigerd' }).waitFor();
		const problems = p.locator('table', { hasText: 'Problemen' });
		expect(await problems.textContent()).toContain('Rij 5, kwestie');
		expect(await p.content()).not.toContain('111222333');
		const link = await p.getByRole('link', { name: 'Download de problemen als CSV' }).getAttribute('href');
		const cookie = (await p.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
		const csv = await request(server, link!, { cookie });
		expect(csv.status).toBe(200);
		expect(csv.text).toContain('5;kwestie;');
		expect(csv.text).not.toContain('111222333');
		expect(formatViolations('/import refused', await axeViolations(p))).toBe(
			'/import refused: no axe violations'
		);
		expect(await casesOnDashboard(p), 'nothing of the refused file was written').toBe('30');
		await p.context().close();
	});

	it('works as a plain form post without JavaScript', async () => {
		const p = await page(false);
		await p.setInputFiles('#bestand', sampleExport);
		await p.getByRole('button', { name: 'Importeren' }).click();
		await p.getByText('Geïmporteerd: 30 rijen; 0 nieuw, 30 bijgewerkt, 0 verwijderd.').waitFor();
		expect(await p.locator('table', { hasText: 'De laatste imports' }).locator('tbody tr').count()).toBe(3);
		await p.context().close();
	});

	it('lets the beheerder undo the latest import of a source', async () => {
		const p = await page();
		await p
			.getByRole('button', { name: /Ongedaan maken/ })
			.first()
			.click();
		await p.getByText(/is ongedaan gemaakt: 30 casussen weg, 30 teruggezet/).waitFor();
		expect(await casesOnDashboard(p)).toBe('30');
		await p.context().close();
	});

	it('offers the template of version 1.1, which imports as it is; other roles get 403', async () => {
		const p = await page();
		const [download] = await Promise.all([
			p.waitForEvent('download'),
			p.getByRole('link', { name: 'CSV', exact: true }).click()
		]);
		expect(download.suggestedFilename()).toBe('sjabloon-casusexport-1.1.csv');
		const file = path.join(path.dirname(db), 'sjabloon-casusexport-1.1.csv');
		await download.saveAs(file);
		const text = fs.readFileSync(file, 'utf8');
		expect(text.charCodeAt(0)).toBe(0xfeff);
		expect(text.split('\r\n')[0]).toContain(
			';besluit_door;binnen_kaders;instrument;vier_ogen;stappen;reacties;'
		);
		await p.setInputFiles('#bestand', file);
		await p.locator('#source').fill('sjabloon');
		await p.getByRole('button', { name: 'Importeren' }).click();
		await p.getByText('Geïmporteerd: 3 rijen; 3 nieuw, 0 bijgewerkt, 0 verwijderd.').waitFor();
		await p.context().close();

		const beheerder = await loginCookie(server, BEHEERDER);
		const xlsx = await request(server, '/import/sjabloon?format=xlsx', { cookie: beheerder });
		expect(xlsx.status).toBe(200);
		expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
		const college = await loginCookie(server, COLLEGE);
		expect((await request(server, '/import/sjabloon', { cookie: college })).status).toBe(403);
	});
});
