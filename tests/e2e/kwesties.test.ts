/** Signalen and a kwestie page in Chromium: the 3x list, picking a kwestie up through its workflow, notes, reach and roles, axe. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginCookie, request, sampleExport } from '../support/server';
import { expectAxeClean } from '../support/browser';
import { openBrowserPortal, type BrowserPortal } from '../support/portal';

const KWALITEIT = 'kwaliteit@leeuwarden.example.nl';
const BELEID = 'beleid@leeuwarden.example.nl';
const COLLEGE = 'college@leeuwarden.example.nl';
const UTRECHT = 'kwaliteit@utrecht.example.nl';
const BEHEERDER = 'beheer@leeuwarden.example.nl';
const LANDELIJK = 'programma@landelijk.example.nl';
const LIST = '/signalen?as_of=2025-12-31&window_months=24';

/** Two Leeuwarden cases without a kwestie that name the same article, knelpunt and organisation. */
const ALIKE = [
	'casus_id;gemeente;aangemeld_op;status;leefgebieden;wetten;knelpunt;organisaties;samenvatting',
	'GY-1;Leeuwarden;2025-10-01;open;financiën;Pw art. 18;2A;UWV;Uitkering gestopt na een te late inlichting',
	'GY-2;Leeuwarden;2025-11-01;open;financiën;Pw art. 18;2A;UWV;Boete op de bijstand na een vergeten formulier'
].join('\n');

/** Three Leeuwarden cases solved alike, without a kwestie: a recurring solution, written in two ways. */
const SOLVED = [
	'casus_id;gemeente;aangemeld_op;status;leefgebieden;oplossing;instrument;binnen_kaders',
	'OP-1;Leeuwarden;2025-04-01;open;financiën;Voorschot bijstand;voorschot;nee',
	'OP-2;Leeuwarden;2025-05-01;open;financiën;voorschot  bijstand;voorschot|overbruggingsprocedure;ja',
	'OP-3;Leeuwarden;2025-06-01;open;financiën;Voorschot bijstand;voorschot;nee'
].join('\n');

let portal: BrowserPortal;

beforeAll(async () => {
	portal = await openBrowserPortal('e2e-kwesties', {
		exports: [sampleExport, { name: 'gelijk.csv', text: ALIKE }, { name: 'oplossingen.csv', text: SOLVED }],
		users: [
			{ email: KWALITEIT, role: 'kwaliteitsteam', gemeente: ['GM0080'] },
			{ email: BELEID, role: 'beleid', gemeente: ['GM0080'] },
			{ email: COLLEGE, role: 'college', gemeente: ['GM0080'] },
			{ email: UTRECHT, role: 'kwaliteitsteam', gemeente: ['GM0344'] },
			{ email: BEHEERDER, role: 'beheerder', gemeente: ['GM0080'] },
			{ email: LANDELIJK, role: 'landelijk' }
		],
		tokens: [KWALITEIT]
	});
});

afterAll(() => portal?.close());

/** The signal list's rows as [kwestie, cases, status]. */
async function signalRows(page: Page): Promise<string[][]> {
	return page.locator('#signalen-lijst tbody tr').evaluateAll((trs) =>
		trs.map((tr) => {
			const cells = Array.from(tr.children).map((c) => (c as HTMLElement).innerText.trim());
			return [cells[0].replace(/\s*Nieuw$/, ''), cells[1], cells[8]];
		})
	);
}

/** Opens the kwestie page of a signal through its municipality's link. */
async function openKwestie(page: Page, label: string): Promise<string> {
	await page.goto(LIST);
	await page
		.locator('#signalen-lijst tbody tr', { hasText: label })
		.getByRole('link', { name: /Leeuwarden/ })
		.click();
	await page.waitForURL((url) => url.pathname.startsWith('/kwesties/'));
	return new URL(page.url()).pathname;
}

describe('/signalen', () => {
	it('lists the kwesties of the sample reported three times, new on the first sign-in, axe clean', async () => {
		await portal.asUser(KWALITEIT, async (page) => {
			await page.goto(LIST);
			expect(await signalRows(page)).toEqual([
				['Doorpakbudget te laag voor gymkleding', '3', 'Gesignaleerd'],
				['Wlz afgewezen wegens niveau 1-diploma', '3', 'Gesignaleerd']
			]);
			await expect(page.locator('.portal-new__badge').count()).resolves.toBe(2);
			await expectAxeClean(page, '/signalen');
			// Reading the list records nothing: new stays new until the next sign-in.
			await page.reload();
			await expect(page.locator('.portal-new__badge').count()).resolves.toBe(2);
			await page.getByLabel('Drempel (casussen)').first().fill('2');
			await page.getByRole('button', { name: 'Toon signalen' }).click();
			await page.waitForURL((url) => url.searchParams.get('threshold') === '2');
			expect((await signalRows(page)).map((r) => r[0])).toContain('Hbo-eis voor Wmo-hulpverlener');
		});
	});

	it('shows nothing new after the next sign-in, when no case came in since the previous one', async () => {
		const cookie = await loginCookie(portal.server, KWALITEIT);
		const list = await request(portal.server, LIST, { cookie });
		expect(list.status).toBe(200);
		expect(list.text).toContain('Doorpakbudget te laag voor gymkleding');
		expect(list.text).not.toMatch(/class="portal-new__badge/);
	});

	it('refuses a malformed threshold with a clear message', async () => {
		const cookie = await loginCookie(portal.server, KWALITEIT);
		const bad = await request(portal.server, '/signalen?threshold=nul', { cookie });
		expect(bad.status).toBe(400);
		expect(bad.text).toContain('De drempel is een geheel getal');
	});
});

describe('/kwesties/[id]', () => {
	it('takes a kwestie from gesignaleerd to a measure, with the trail and the API status following', async () => {
		await portal.asUser(KWALITEIT, async (page) => {
			const path = await openKwestie(page, 'Wlz afgewezen wegens niveau 1-diploma');
			await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
				'Wlz afgewezen wegens niveau 1-diploma'
			);
			await expectAxeClean(page, 'kwestie page');
			await page.getByLabel('Status').selectOption('maatregel');
			await page.getByRole('button', { name: 'Kwestie bijwerken' }).click();
			await page.getByRole('alert').filter({ hasText: 'Beschrijf de maatregel' }).waitFor();
			await page.getByLabel('Eigenaar').fill('Team Zorg');
			await page.getByLabel('Agenderen bij').selectOption('landelijk');
			await page.getByLabel('Maatregel', { exact: true }).fill('Casus voorgelegd aan het Maatwerkloket');
			await page.getByLabel('Maatregel ingegaan op').fill('2025-09-01');
			await page.getByRole('button', { name: 'Kwestie bijwerken' }).click();
			await page.getByRole('status').filter({ hasText: 'De kwestie is bijgewerkt.' }).waitFor();
			await page.reload();
			const changes = await page
				.locator('table', { has: page.locator('caption', { hasText: 'Wie wat wanneer' }) })
				.locator('tbody tr')
				.evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((c) => c.textContent!.trim())));
			expect(changes.map((c) => [c[1], c[2], c[3], c[4]])).toEqual(
				expect.arrayContaining([
					[KWALITEIT, 'Status', 'Gesignaleerd', 'Maatregel genomen'],
					[KWALITEIT, 'Eigenaar', '—', 'Team Zorg'],
					[KWALITEIT, 'Datum maatregel', '—', '2025-09-01']
				])
			);
			await expectAxeClean(page, 'kwestie page after a change');
			expect(path).toMatch(/^\/kwesties\/\d+$/);
		});
		const api = (
			await request(portal.server, '/api/v1/signals?as_of=2025-12-31&window_months=24', {
				token: portal.tokens[KWALITEIT]
			})
		).body as { signals: { kwestie: string; status: string }[] };
		expect(api.signals.find((s) => s.kwestie === 'Wlz afgewezen wegens niveau 1-diploma')?.status).toBe(
			'maatregel'
		);
	});

	it('lets beleid comment but not change, shows college no cases and no forms, and hides it from another municipality', async () => {
		let path = '';
		await portal.asUser(BELEID, async (page) => {
			path = await openKwestie(page, 'Doorpakbudget te laag voor gymkleding');
			await expect(page.getByRole('button', { name: 'Kwestie bijwerken' }).count()).resolves.toBe(0);
			await page.getByLabel('Nieuwe notitie').fill('Neem mee in de evaluatie van het doorpakbudget.');
			await page.getByRole('button', { name: 'Notitie opslaan' }).click();
			await page.getByText('Neem mee in de evaluatie van het doorpakbudget.').waitFor();
		});
		await portal.asUser(COLLEGE, async (page) => {
			await page.goto(path);
			await expect(page.getByText('Neem mee in de evaluatie').count()).resolves.toBe(1);
			await expect(page.locator('form[action="?/notitie"]').count()).resolves.toBe(0);
			await expect(page.getByRole('heading', { name: 'Casussen', exact: true }).count()).resolves.toBe(0);
			await expectAxeClean(page, 'kwestie page as college');
		});
		await portal.asUser(UTRECHT, async (page) => {
			const response = await page.goto(path);
			expect(response?.status()).toBe(404);
		});
	});
});

describe('recurring solutions on /signalen', () => {
	it('lists them beside the problems, axe clean, and the kwaliteitsteam opens a kwestie from one', async () => {
		await portal.asUser(KWALITEIT, async (page) => {
			// The solutions are in a section that opens; the address opens it.
			await page.goto(`${LIST}&open=oplossingen`);
			const row = page.locator('#signalen-oplossingen tbody tr', { hasText: 'Voorschot bijstand' });
			expect(
				await row.locator('td').evaluateAll((tds) => tds.map((td) => (td as HTMLElement).innerText.trim()))
			).toEqual([
				'3',
				'1',
				'01-04-2025',
				'01-06-2025',
				'Voorschot, Overbruggingsprocedure',
				'2',
				expect.any(String)
			]);
			await expectAxeClean(page, '/signalen with recurring solutions');
			await row.getByRole('button', { name: /Kwestie openen/ }).click();
			await page.waitForURL((url) => /^\/kwesties\/\d+$/.test(url.pathname));
			await page.getByText('Structurele oplossing: voorstel voor een vast mandaat of beleidsregel').waitFor();
			await expect(page.getByText('OP-2').count()).resolves.toBeGreaterThan(0);
			await expectAxeClean(page, 'a structural-solution kwestie');
			const kwestie = new URL(page.url()).pathname;
			await page.goto(`${LIST}&open=oplossingen`);
			await expect(row.getByRole('link', { name: /Kwestie bekijken/ }).getAttribute('href')).resolves.toBe(
				kwestie
			);
		});
	});

	it('offers beleid no button to open one', async () => {
		await portal.asUser(BELEID, async (page) => {
			await page.goto(LIST);
			await expect(page.locator('#signalen-oplossingen').count()).resolves.toBe(1);
			await expect(page.getByRole('button', { name: /Kwestie openen/ }).count()).resolves.toBe(0);
		});
	});
});

describe('suggestions on /signalen', () => {
	it('offers cases that look alike to the kwaliteitsteam, who gives them one kwestie', async () => {
		await portal.asUser(KWALITEIT, async (page) => {
			await page.goto(`${LIST}&open=suggesties`);
			const suggestion = page.locator('.portal-suggestions > li', { hasText: 'GY-1' });
			await expect(suggestion.getByText('Pw art. 18').count()).resolves.toBeGreaterThan(0);
			await expectAxeClean(page, '/signalen with suggestions');
			await suggestion.getByLabel('Gedeelde kwestie').fill('Boete na te late inlichting');
			await suggestion.getByRole('button', { name: 'Bevestigen' }).click();
			await page.getByText('2 casussen hebben nu de kwestie "Boete na te late inlichting".').waitFor();
			await page.goto(`${LIST}&threshold=2`);
			expect((await signalRows(page)).map((r) => r[0])).toContain('Boete na te late inlichting');
			await expect(page.locator('.portal-suggestions > li', { hasText: 'GY-1' }).count()).resolves.toBe(0);
		});
	});

	it('shows no suggestions, which quote summaries, to college', async () => {
		await portal.asUser(COLLEGE, async (page) => {
			await page.goto(LIST);
			await expect(page.getByRole('heading', { name: /Suggesties/ }).count()).resolves.toBe(0);
		});
	});

	it('shows landelijk the signals as aggregates only: no kwestie pages, no suggestions', async () => {
		const own = await request(portal.server, LIST, { cookie: await loginCookie(portal.server, KWALITEIT) });
		const id = own.text.match(/href="\/kwesties\/(\d+)"/)?.[1];
		expect(id).toBeTruthy();
		const cookie = await loginCookie(portal.server, LANDELIJK);
		// Landelijk's windows span 3, 6 or 12 months to a quarter's end, so they cannot be differenced.
		const wide = await request(portal.server, LIST, { cookie });
		expect(wide.status).toBe(400);
		expect(wide.text).toContain('3, 6 of 12 maanden');
		const list = await request(portal.server, '/signalen?as_of=2025-12-31&window_months=12&threshold=1', {
			cookie
		});
		expect(list.status).toBe(200);
		// Its two cases of 2025 stay under three, to which landelijk's threshold=1 is raised.
		expect(list.text).not.toContain('Doorpakbudget te laag voor gymkleding');
		expect(list.text).not.toMatch(/href="\/kwesties\//);
		expect(list.text).not.toContain('Suggesties');
		expect((await request(portal.server, `/kwesties/${id}`, { cookie })).status).toBe(404);
		expect((await request(portal.server, `/kwesties/${id}/melding?format=json`, { cookie })).status).toBe(
			404
		);
	});
});
