/** The home per role in a real browser: each role's blocks with figures from the Leeuwarden sample and a 2026 export, every link opening, Tab reaching every block link in order and Enter following it, axe, no console errors, under 2,500 pixels at 1,366 wide; a full-page screenshot per role in /tmp. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginCookie, postAction, request, sampleExport } from '../support/server';
import { openBrowserPortal, type BrowserPortal } from '../support/portal';
import { consoleErrors, expectAxeClean, keyFigures } from '../support/browser';

const KWALITEIT = 'kwaliteit@leeuwarden.example.nl';
const BELEID = 'beleid@leeuwarden.example.nl';
const COLLEGE = 'college@leeuwarden.example.nl';
const LANDELIJK = 'programma@landelijk.example.nl';
const BEHEER = 'beheer@landelijk.example.nl';

/** Whole days before today as the export writes a date, `dd-mm-jjjj`. */
function daysAgo(n: number): string {
	const date = new Date();
	date.setUTCDate(date.getUTCDate() - n);
	const iso = date.toISOString().slice(0, 10);
	return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
}

const HEADER =
	'casus_id;gemeente;aangemeld_op;status;leefgebieden;wetten;kwestie;oplossing;binnen_kaders;besluit_door;fonds;kosten_oplossing;besparing_laag;besparing_hoog';
const NATIONAL = 'Kostendelersnorm bij inwonend kind';
const RENT = 'Huurachterstand door toeslagterugvordering';
const UTRECHT_ONLY = 'Utrechtse wachtlijst beschermd wonen';

/** The kwestie three municipalities report (a national signal), two of a second kwestie in Leeuwarden, and one only Utrecht has. */
const EXPORT_2026 = [
	HEADER,
	...[90, 80, 70].map(
		(d, i) =>
			`HA-${i + 1};GM0080;${daysAgo(d)};open;financiën|wonen;Pw;${NATIONAL};Voorschot bijstand;${i < 2 ? 'nee' : 'ja'};omo_functionaris;maatwerkbudget;800,00;1.500,00;4.000,00`
	),
	...[60, 50].map((d, i) => `HA-${i + 4};GM0080;${daysAgo(d)};open;financiën;;${RENT};;;;;;;`),
	...[88, 78, 68].map((d, i) => `HB-${i + 1};GM0344;${daysAgo(d)};open;financiën;Pw;${NATIONAL};;;;;;;`),
	...[45, 44, 43].map(
		(d, i) => `HB-${i + 4};GM0344;${daysAgo(d)};open;wonen;Wmo 2015;${UTRECHT_ONLY};;;;;;;`
	),
	...[85, 75, 65].map((d, i) => `HC-${i + 1};GM0363;${daysAgo(d)};open;financiën;Pw;${NATIONAL};;;;;;;`)
].join('\n');

/** The third case of the second kwestie, read in after the kwaliteitsteam's previous sign-in: a new signal. */
const LATER_EXPORT = [HEADER, `HA-6;GM0080;${daysAgo(5)};open;financiën;;${RENT};;;;;;;`].join('\n');

let portal: BrowserPortal;

/** Each role's account and the block headings its home shows, in order. */
const HOMES = {
	kwaliteitsteam: {
		email: KWALITEIT,
		blocks: [
			'Nieuwe signalen',
			'Kwesties die op u wachten',
			'Terugkerende oplossingen',
			'Imports',
			'Kerncijfers'
		]
	},
	beleid: { email: BELEID, blocks: ['Op de agenda van beleid', 'Vaakst opzijgezette regels', 'Kerncijfers'] },
	college: { email: COLLEGE, blocks: ['Laatste rapportage', 'Geld in één oogopslag', 'Kerncijfers'] },
	landelijk: { email: LANDELIJK, blocks: ['Vergelijking', 'Landelijke agenda'] },
	beheerder: {
		email: BEHEER,
		blocks: ['Gebruikers', 'Imports', 'Back-ups', 'Landelijke pakketten', 'Kerncijfers']
	}
} as const;
type HomeRole = keyof typeof HOMES;

/** Posts a form action with a session and fails with the answer unless it succeeded. */
async function act(cookie: string, address: string, fields: Record<string, string>): Promise<string> {
	const r = await postAction(portal.server, address, fields, { cookie });
	if (r.status !== 200 || (!r.text.includes('"type":"success"') && !r.text.includes('"type":"redirect"')))
		throw new Error(`${address}: HTTP ${r.status} ${r.text.slice(0, 500)}`);
	return r.text;
}

/** The id of the kwestie the signal list links for this label (the link names the municipality, then the label, hidden). */
function kwestieId(html: string, label: string): string {
	const id = new RegExp(`href="/kwesties/(\\d+)"[^>]*>[^<]*<span[^>]*>: ${label}<`).exec(html)?.[1];
	if (!id) throw new Error(`no link to the kwestie ${label}`);
	return id;
}

beforeAll(async () => {
	portal = await openBrowserPortal('e2e-home', {
		exports: [sampleExport, { name: 'home-2026.csv', text: EXPORT_2026 }],
		users: [
			{ email: KWALITEIT, role: 'kwaliteitsteam', gemeente: ['GM0080'] },
			{ email: BELEID, role: 'beleid', gemeente: ['GM0080'] },
			{ email: COLLEGE, role: 'college', gemeente: ['GM0080'] },
			{ email: LANDELIJK, role: 'landelijk' },
			{ email: BEHEER, role: 'beheerder', gemeente: ['alle'] }
		]
	});
	// The kwaliteitsteam's work before this visit: its previous sign-in, a kwestie in analysis, one on the
	// agenda of beleid, a saved report, and an export read in after that sign-in.
	const kt = await loginCookie(portal.server, KWALITEIT);
	const signals = await request(portal.server, '/signalen?as_of=2026-12-31&window_months=36', { cookie: kt });
	await act(kt, `/kwesties/${kwestieId(signals.text, 'Wlz afgewezen wegens niveau 1-diploma')}?/bijwerken`, {
		status: 'in_analyse',
		owner: 'Team Leeuwarden'
	});
	await act(kt, `/kwesties/${kwestieId(signals.text, NATIONAL)}?/bijwerken`, {
		status: 'geagendeerd',
		agenda: 'beleid'
	});
	await act(kt, '/rapportage?/opslaan', {
		periode: '2025',
		gemeente: 'GM0080',
		lessons: 'Wat we leren van 2025.'
	});
	const form = new FormData();
	form.set('bestand', new Blob([LATER_EXPORT], { type: 'text/csv' }), 'later.csv');
	form.set('source', 'standaard');
	const upload = await fetch(`${portal.server.url}/import?/importeren`, {
		method: 'POST',
		headers: { cookie: kt, origin: portal.server.url, accept: 'application/json' },
		body: form
	});
	expect(await upload.text()).toContain('"type":"success"');
	// The beheerder's: a budget for the fund, and a backup.
	const beheer = await loginCookie(portal.server, BEHEER);
	await act(beheer, '/beheer/fondsen?/opslaan', {
		gemeente: 'GM0080',
		naam: 'maatwerkbudget',
		jaar: '2026',
		budget: '10.000,00'
	});
	await act(beheer, '/beheer?/backup', {});
});

afterAll(() => portal?.close());

/** The home at 1,366 pixels wide, hydrated. */
async function openHome(page: Page): Promise<void> {
	await page.setViewportSize({ width: 1366, height: 900 });
	const response = await page.goto('/', { waitUntil: 'networkidle' });
	expect(response?.status()).toBe(200);
}

/** The figures of the block with this heading, `{ label: value }`. */
const figuresOf = (page: Page, kind: string) => keyFigures(page, `section[aria-labelledby="home-${kind}"]`);

/** The rows of a block as `label | value | note`. */
const rowsOf = (page: Page, kind: string) =>
	page.locator(`section[aria-labelledby="home-${kind}"] .portal-home-list li`).evaluateAll((lis) =>
		lis.map((li) =>
			Array.from(li.children)
				.map((span) => span.textContent!.replace(/\s+/g, ' ').trim())
				.join(' | ')
		)
	);

/** The links of the main content in document order, as their addresses. */
const mainLinks = (page: Page) =>
	page.locator('#inhoud a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));

/** Checks the blocks of a role's home, their links, the keyboard, axe and the height; saves the screenshot. */
async function checkHome(role: HomeRole, figures: (page: Page) => Promise<void>): Promise<void> {
	await portal.asUser(HOMES[role].email, async (page) => {
		const errors = consoleErrors(page);
		await openHome(page);
		await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Start');
		const headings = await page.locator('.portal-home h2').allTextContents();
		// The role's blocks, then the user's saved views of Verkennen.
		expect(headings.map((h) => h.trim())).toEqual([...HOMES[role].blocks, 'Bewaarde weergaven']);
		await figures(page);

		// Every block ends in its "Naar …" link; every link of the home opens.
		const blocks = page.locator('.portal-home section.portal-home-block');
		await expect(blocks.count()).resolves.toBe(HOMES[role].blocks.length);
		for (let i = 0; i < (await blocks.count()); i++) {
			await expect(blocks.nth(i).locator('.portal-home-link a').textContent()).resolves.toMatch(/^Naar /);
		}
		const links = await mainLinks(page);
		expect(links.length).toBeGreaterThanOrEqual(HOMES[role].blocks.length);
		for (const href of new Set(links)) {
			const opened = await page.request.get(href);
			expect(opened.status(), href).toBe(200);
		}

		await expectAxeClean(page, `/ (${role})`);
		const height = await page.evaluate(() => document.documentElement.scrollHeight);
		expect(height, 'the home at 1,366 pixels wide').toBeLessThan(2500);
		await page.screenshot({ path: `/tmp/home-${role}.png`, fullPage: true });
		// WCAG 1.4.10: at 320 pixels wide (400% zoom) the blocks reflow, nothing widens the page.
		await page.setViewportSize({ width: 320, height: 800 });
		await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(320);
		await page.setViewportSize({ width: 1366, height: 900 });

		// From the skip link into the content, Tab reaches every link of the blocks in order.
		await page.keyboard.press('Tab');
		await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Naar de inhoud');
		await page.keyboard.press('Enter');
		await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('inhoud');
		const reached: string[] = [];
		for (let i = 0; i < links.length; i++) {
			await page.keyboard.press('Tab');
			reached.push(await page.evaluate(() => document.activeElement?.getAttribute('href') ?? ''));
		}
		expect(reached).toEqual(links);
		// Enter follows the last block's "Naar …" link.
		const last = links.at(-1)!;
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => url.pathname + url.search + url.hash === last);
		await page.waitForLoadState('networkidle');
		await expect(page.getByRole('heading', { level: 1 }).count()).resolves.toBe(1);
		expect(errors).toEqual([]);
	});
}

describe('the home per role', () => {
	it('kwaliteitsteam: new signals since its previous visit, kwesties waiting, solutions, imports', async () => {
		await checkHome('kwaliteitsteam', async (page) => {
			const block = page.locator('section[aria-labelledby="home-nieuwe-signalen"]');
			await expect(block.textContent()).resolves.toMatch(/Sinds uw vorige bezoek op \d{1,2} [a-z]+ \d{4}/);
			expect(await figuresOf(page, 'nieuwe-signalen')).toEqual({
				'Nieuw sinds uw vorige bezoek': '1',
				'Boven de drempel': '2',
				'Nog niet opgepakt': '1'
			});
			expect(await rowsOf(page, 'nieuwe-signalen')).toEqual([`${RENT} | 3 | Gesignaleerd`]);
			expect(await rowsOf(page, 'wachtende-kwesties')).toEqual([
				'Wlz afgewezen wegens niveau 1-diploma | 0 dagen | In analyse · eigenaar Team Leeuwarden'
			]);
			expect(await rowsOf(page, 'oplossingen')).toEqual(['Voorschot bijstand | 3 | 2 buiten de kaders']);
			// The sample and the later file; the 2026 export holds other municipalities too, so it is not Leeuwarden's.
			expect((await figuresOf(page, 'imports'))['Ingelezen in 30 dagen']).toBe('2');
			expect(await rowsOf(page, 'imports')).toEqual([
				expect.stringMatching(/^later\.csv \| \d\d-\d\d-\d{4} \d\d:\d\d \| 1 nieuw, 0 bijgewerkt$/),
				expect.stringMatching(/^leeuwarden-2024-2025\.csv \| .* \| 30 nieuw, 0 bijgewerkt$/)
			]);
			expect((await figuresOf(page, 'kerncijfers'))['Casussen']).toBe('36');
			// Utrecht's own kwestie is not Leeuwarden's to see.
			await expect(page.getByText(UTRECHT_ONLY).count()).resolves.toBe(0);
		});
	});

	it('beleid: the kwesties on its agenda and the rules set aside most often', async () => {
		await checkHome('beleid', async (page) => {
			expect(await rowsOf(page, 'beleidsagenda')).toEqual([`${NATIONAL} | 0 dagen | Geagendeerd`]);
			expect(await figuresOf(page, 'opzijgezette-regels')).toEqual({
				'Buiten de kaders': '2',
				'Besluiten met bekende kaders': '3',
				'Fondsregel overschreden': '0'
			});
			expect(await rowsOf(page, 'opzijgezette-regels')).toEqual([
				'Participatiewet (Pw) | 2 | buiten de kaders, van 3 met bekende kaders'
			]);
		});
	});

	it('college: the latest saved report and the money at a glance, no case', async () => {
		await checkHome('college', async (page) => {
			expect(await figuresOf(page, 'rapport')).toEqual({
				Aangemeld: '18',
				Opgelost: expect.any(String),
				Besteed: expect.stringMatching(/^€/)
			});
			const money = await figuresOf(page, 'geld');
			expect(Object.keys(money)).toEqual(['Budget en bijdragen', 'Besteed', 'Vermeden kosten', 'Saldo']);
			expect(money['Budget en bijdragen'].replace(/\s/g, ' ')).toBe('€ 10.000,00');
			const links = await mainLinks(page);
			expect(links.filter((href) => /^\/(kwesties|budget\/casus)\//.test(href))).toEqual([]);
		});
	});

	it('landelijk: the comparison and the national agenda, disclosure-controlled', async () => {
		await checkHome('landelijk', async (page) => {
			expect((await figuresOf(page, 'vergelijking'))['Gemeenten vergeleken']).toBe('3');
			expect(await figuresOf(page, 'landelijke-agenda')).toEqual({
				'Landelijke signalen': '1',
				'Nog zonder landelijke status': '1',
				'Maatregel genomen': '0'
			});
			expect(await rowsOf(page, 'landelijke-agenda')).toEqual([
				`${NATIONAL} | 3 | gemeenten · nog geen landelijke status`
			]);
			expect((await mainLinks(page)).filter((href) => href.startsWith('/kwesties/'))).toEqual([]);
		});
	});

	it('beheerder: users, imports, backups and packages', async () => {
		await checkHome('beheerder', async (page) => {
			expect((await figuresOf(page, 'gebruikers'))['Actieve accounts']).toBe('5');
			expect((await figuresOf(page, 'backups'))['Bewaard']).toBe('1');
			expect(await rowsOf(page, 'backups')).toEqual([
				expect.stringMatching(/^handmatig-\d{8}T\d{6}Z \| \d\d-\d\d-\d{4} \d\d:\d\d \| handmatige back-up$/)
			]);
			await expect(
				page.locator('section[aria-labelledby="home-pakketten"]').textContent()
			).resolves.toContain('Er is nog geen pakket ingelezen');
			expect((await figuresOf(page, 'kerncijfers'))['Casussen']).toBe('45');
		});
	});
});
