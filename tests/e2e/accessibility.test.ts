/** Accessibility in Chromium: every page of the routes tree axe clean and reflowing at 320 px for every role (error pages too), and the main tasks done with the keyboard alone. */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ROLES, capabilities, type Role } from '$lib/domain/roles';
import { openBrowserPortal, type BrowserPortal } from '../support/portal';
import { expectAxeClean, loginInBrowser } from '../support/browser';
import { addressOf as pageAddress, axeProblems, routePages, signedInPages, visit } from '../support/pages';
import { defaultPassword, sampleExport } from '../support/server';
import { nextTotpCode } from '../support/form-login';

/** One account per role, all with Leeuwarden in reach (landelijk sees every municipality). */
const USERS: Record<Role, string> = {
	beheerder: 'beheer@leeuwarden.example.nl',
	kwaliteitsteam: 'kwaliteit@leeuwarden.example.nl',
	beleid: 'beleid@leeuwarden.example.nl',
	college: 'college@leeuwarden.example.nl',
	landelijk: 'programma@landelijk.example.nl'
};

/** Two Leeuwarden cases without a kwestie that look alike, so /signalen shows the kwaliteitsteam a suggestion too. */
const ALIKE = [
	'casus_id;gemeente;aangemeld_op;status;leefgebieden;wetten;knelpunt;organisaties;samenvatting',
	'GY-1;GM0080;2025-10-01;open;financiën;Pw art. 18;2A;UWV;Uitkering gestopt na een te late inlichting',
	'GY-2;GM0080;2025-11-01;open;financiën;Pw art. 18;2A;UWV;Boete op de bijstand na een vergeten formulier'
].join('\n');

/** The signal list over the whole sample, as kwesties.test.ts reads it: reading it registers the kwesties. */
const SIGNALS = '/signalen?as_of=2025-12-31&window_months=24';

/** A matrix cell of the sample (financiën and wonen), opened on the leefgebieden page. */
const LEEFGEBIEDEN_CELL = '/leefgebieden?cel=financi%C3%ABn%7Cwonen';

/** Pages a visitor without a session may open. */
const PUBLIC_PAGES = ['/login', '/toegankelijkheid'];

/** Real ids in the test database, found in setup. */
const ids = { kwestie: '', casus: '', rapport: '' };

/** The value of every dynamic page's parameter; a new dynamic page fails the scan until it has one here. */
const PARAM_VALUES: Record<string, () => string> = {
	'/kwesties/[id]': () => ids.kwestie,
	'/budget/casus/[id]': () => ids.casus,
	'/rapportage/[id]': () => ids.rapport
};

/** A page's address with its parameters filled in. */
const addressOf = (route: string) => pageAddress(route, PARAM_VALUES);

const ROUTES = routePages();
/** The pages each role visits, /logout last and a made-up address for the 404 of an unknown page. */
const ROLE_PAGES = signedInPages(ROUTES);

let portal: BrowserPortal;
/** One logged-in page per role, reused for every scan. */
const pages = {} as Record<Role, Page>;
const contexts: BrowserContext[] = [];
/** How many pages were scanned per role. */
const scanned: Partial<Record<Role, number>> = {};

/** A new Dutch browser context on the portal; closed after the file. */
async function newPage(): Promise<Page> {
	const context = await portal.browser.newContext({ locale: 'nl-NL', baseURL: portal.server.url });
	contexts.push(context);
	return context.newPage();
}

/**
 * WCAG 1.4.10 (reflow): at 320 CSS pixels wide, as a 1280-pixel screen at 400% zoom, the page itself does
 * not scroll sideways; a wide table scrolls in its own box. Two frames let the charts follow the new width.
 */
async function reflowProblems(page: Page, name: string): Promise<string[]> {
	const size = page.viewportSize()!;
	await page.setViewportSize({ width: 320, height: 800 });
	const width = await page.evaluate(async () => {
		await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
		return document.documentElement.scrollWidth;
	});
	await page.setViewportSize(size);
	return width > 320 ? [`${name}: at 320 px wide the page is ${width} px wide (WCAG 1.4.10, reflow)`] : [];
}

beforeAll(async () => {
	portal = await openBrowserPortal('e2e-a11y', {
		exports: [sampleExport, { name: 'gelijk.csv', text: ALIKE }],
		users: ROLES.map((role) => ({
			email: USERS[role],
			role,
			...(role === 'landelijk' ? {} : { gemeente: ['GM0080'] })
		}))
	});
	// Each role logs in once, side by side; its page is reused for every scan (a login costs an argon2 hash).
	await Promise.all(
		ROLES.map(async (role) => {
			pages[role] = await newPage();
			await loginInBrowser(pages[role], portal.server.url, USERS[role]);
		})
	);
	await Promise.all([
		(async () => {
			const team = pages.kwaliteitsteam;
			// Reading the signal list registers the sample's kwesties, which get a page each.
			expect(await visit(team, SIGNALS)).toBe(200);
			ids.kwestie = /\/kwesties\/(\d+)$/.exec(
				(await team.locator('a[href^="/kwesties/"]').first().getAttribute('href')) ?? ''
			)![1];
			expect(await visit(team, '/budget')).toBe(200);
			ids.casus = /\/budget\/casus\/(\d+)$/.exec(
				(await team.locator('a[href^="/budget/casus/"]').first().getAttribute('href')) ?? ''
			)![1];
			// A saved report, through the page's own form as rapportage.test.ts saves one.
			expect(await visit(team, '/rapportage?periode=2025-Q3')).toBe(200);
			await team.getByLabel('Wat leren we van deze periode?').fill('De lokale tafel lost het meeste op.');
			await team.getByRole('button', { name: 'Rapportage opslaan' }).click();
			await team.waitForURL(/\/rapportage\/\d+\?opgeslagen=1$/);
			ids.rapport = /\/rapportage\/(\d+)/.exec(team.url())![1];
		})(),
		(async () => {
			// A national package of Leeuwarden, made and read in by the beheerder, so /vergelijking compares it.
			const beheer = pages.beheerder;
			const pkg = await beheer.request.get('/beheer/pakketten/pakket?gemeente=GM0080&period=2025');
			expect(pkg.status()).toBe(200);
			await uploadPackage(beheer, await pkg.body());
		})()
	]);
});

afterAll(async () => {
	for (const context of contexts) await context.close();
	await portal?.close();
});

/**
 * Reads a national package in through the /beheer/pakketten form and waits for the page's answer; first
 * registers this installation's own public key for Leeuwarden, as a receiving portal registers the
 * key of each municipality that sends it packages.
 */
async function uploadPackage(page: Page, body: Buffer): Promise<void> {
	expect(await visit(page, '/beheer/pakketten')).toBe(200);
	const key = await page.getByLabel('Publieke sleutel (Ed25519)').inputValue();
	await page.getByLabel('Gemeente van de sleutel').selectOption('GM0080');
	await page.getByLabel('Publieke sleutel (base64, 44 tekens)').fill(key);
	await page.getByRole('button', { name: 'Sleutel registreren' }).click();
	// A second upload in the same test replaces the key with itself.
	await page.getByText(/^De publieke sleutel van Leeuwarden is geregistreerd/).waitFor();
	await page
		.getByLabel('Pakketbestand (JSON)')
		.setInputFiles({ name: 'pakket-GM0080-2025.json', mimeType: 'application/json', buffer: body });
	await page.getByRole('button', { name: 'Inlezen', exact: true }).click();
	await page.getByRole('status').filter({ hasText: 'Het pakket van Leeuwarden' }).waitFor();
}

describe('the routes tree', () => {
	it('is read at test time, holds the known pages, and every dynamic page has a real id', () => {
		for (const page of ['/', '/leefgebieden', '/rapportage/[id]', '/kwesties/[id]', '/beheer/fondsen']) {
			expect(ROUTES).toContain(page);
		}
		expect(ROUTES).not.toContain('/download/[view]');
		for (const route of ROUTES.filter((r) => r.includes('['))) {
			expect(addressOf(route), route).toMatch(/^\/.*\/\d+$/);
		}
	});
});

describe('without a session', () => {
	for (const address of PUBLIC_PAGES) {
		it(`${address} is axe clean and reflows at 320 px`, async () => {
			const page = await newPage();
			expect(await visit(page, address)).toBe(200);
			expect(new URL(page.url()).pathname).toBe(address);
			const problems = [
				...(await axeProblems(page, `${address} without a session`)),
				...(await reflowProblems(page, `${address} without a session`))
			];
			expect(problems, problems.join('\n')).toEqual([]);
			// The same page through the shared helper, which runs axe through AxeBuilder.
			await expectAxeClean(page, `${address} without a session (AxeBuilder)`);
		});
	}

	it('/login with a refused login is axe clean, the message in an alert', async () => {
		const page = await newPage();
		await visit(page, '/login');
		await page.getByLabel('E-mailadres').fill('onbekend@leeuwarden.example.nl');
		await page.getByLabel('Wachtwoord').fill('Niet-het-goede-wachtwoord-1');
		await page.getByRole('button', { name: 'Inloggen' }).click();
		await page.getByRole('alert').filter({ hasText: 'klopt niet' }).waitFor();
		await expectAxeClean(page, '/login with a refused login');
	});
});

/** States that only appear after an interaction, per role: each leaves the page in the state to scan. */
const INTERACTIONS: Partial<Record<Role, { name: string; act: (page: Page) => Promise<void> }[]>> = {
	beheerder: [
		{
			name: '/beheer/fondsen with a refused amount',
			async act(page) {
				expect(await visit(page, '/beheer/fondsen')).toBe(200);
				await page.getByLabel('Naam van het fonds').fill('Maatwerkbudget');
				await page.getByLabel('Budget in euro').fill('heel veel');
				await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
				await page.getByRole('alert').waitFor();
				await expect(page.getByLabel('Budget in euro').getAttribute('aria-invalid')).resolves.toBe('true');
			}
		},
		{
			name: '/beheer/fondsen with a contribution, a rule and a refused contribution',
			async act(page) {
				// The rules and their form are in a section that opens; the address opens it.
				expect(await visit(page, '/beheer/fondsen?open=regels')).toBe(200);
				const contribution = page.locator('form[action="?/bijdragen"]');
				await contribution.getByLabel('Fonds').fill('Maatwerkbudget');
				await contribution.getByLabel('Partij die bijdraagt').selectOption('zorgverzekeraar');
				await contribution.getByLabel('Bedrag in euro').fill('1.000');
				await contribution.getByRole('button', { name: 'Bijdrage boeken' }).click();
				await page.getByRole('status').waitFor();
				const rule = page.locator('form[action="?/regel"]');
				await rule.getByLabel('Fonds').fill('Maatwerkbudget');
				await rule.getByLabel('Maximum per casus in euro').fill('500');
				await rule.getByLabel('Wie besluit boven het maximum').selectOption('college');
				await rule.getByRole('button', { name: 'Regel opslaan' }).click();
				await page.getByRole('status').filter({ hasText: 'De regel van' }).waitFor();
				// A booked form is emptied again: fill it anew, with an amount the server refuses.
				await contribution.getByLabel('Fonds').fill('Maatwerkbudget');
				await contribution.getByLabel('Jaar').fill('2025');
				await contribution.getByLabel('Partij die bijdraagt').selectOption('zorgverzekeraar');
				await contribution.getByLabel('Bedrag in euro').fill('nul');
				await contribution.getByRole('button', { name: 'Bijdrage boeken' }).click();
				await page.getByRole('alert').waitFor();
				await expect(contribution.getByLabel('Bedrag in euro').getAttribute('aria-invalid')).resolves.toBe(
					'true'
				);
			}
		},
		{
			name: '/beheer/kostentabel with a post in the table and a refused amount',
			async act(page) {
				expect(await visit(page, '/beheer/kostentabel')).toBe(200);
				await page.getByLabel('Post', { exact: true }).fill('maatschappelijke_opvang_maand');
				await page.getByLabel('Besparing laag in euro').fill('2.500');
				await page.getByLabel('Besparing hoog in euro').fill('3.100');
				await page.getByRole('button', { name: 'Opslaan' }).click();
				await page.locator('table#kostentabel').waitFor();
				await page.getByLabel('Post', { exact: true }).fill('huisuitzetting');
				await page.getByLabel('Besparing laag in euro').fill('6.000');
				await page.getByLabel('Besparing hoog in euro').fill('heel veel');
				await page.getByRole('button', { name: 'Opslaan' }).click();
				await page.getByRole('alert').waitFor();
			}
		},
		{
			name: '/beheer/pakketten after reading a package in',
			async act(page) {
				const pkg = await page.request.get('/beheer/pakketten/pakket?gemeente=GM0080&period=2025');
				await uploadPackage(page, await pkg.body());
			}
		}
	],
	kwaliteitsteam: [
		{
			name: '/rapportage saved without a text',
			async act(page) {
				expect(await visit(page, '/rapportage?periode=2025-Q3')).toBe(200);
				// The form holds the text of the report saved in setup; emptied, it is refused.
				const lessons = page.getByLabel('Wat leren we van deze periode?');
				await lessons.fill('');
				await page.getByRole('button', { name: 'Rapportage opslaan' }).click();
				await page.getByRole('alert').filter({ hasText: 'Schrijf eerst wat we leren' }).waitFor();
				await expect(lessons.getAttribute('aria-invalid')).resolves.toBe('true');
			}
		},
		{
			name: '/rapportage/evaluatie with capacity and a refused amount',
			async act(page) {
				expect(await visit(page, '/rapportage/evaluatie?van=2025-Q1&tot=2025-Q4&open=capaciteit')).toBe(200);
				await page.getByLabel('Kwartaal', { exact: true }).selectOption('2025-Q3');
				await page.getByLabel('Eenheid').selectOption('fte');
				await page.getByLabel('Hoeveelheid').fill('0,8');
				await page.getByLabel('Uurtarief in euro').fill('87,35');
				await page.getByRole('button', { name: 'Capaciteit opslaan' }).click();
				await page.getByRole('status').filter({ hasText: 'Opgeslagen' }).waitFor();
				await page.getByLabel('Hoeveelheid').fill('0');
				await page.getByRole('button', { name: 'Capaciteit opslaan' }).click();
				await page.getByRole('alert').filter({ hasText: 'Geef de hoeveelheid' }).waitFor();
				await expect(page.getByLabel('Hoeveelheid').getAttribute('aria-invalid')).resolves.toBe('true');
			}
		},
		{
			name: '/beheer/maatwerkregister with a contact and a refused answer time',
			async act(page) {
				expect(await visit(page, '/beheer/maatwerkregister')).toBe(200);
				await page.getByLabel('Organisatie').selectOption('UWV');
				await page.getByLabel('Team of functie').fill('Regieteam');
				await page.getByLabel('Contact', { exact: true }).fill('regieteam@uwv.example');
				await page.getByRole('button', { name: 'Toevoegen' }).click();
				await page.getByRole('status').filter({ hasText: 'staat in het register' }).waitFor();
				// The form is empty again after a contact is added: the next one is refused for its answer time.
				await page.getByLabel('Organisatie').selectOption('SVB');
				await page.getByLabel('Team of functie').fill('Klantcontact');
				await page.getByLabel('Contact', { exact: true }).fill('klantcontact@svb.example');
				await page.getByLabel('Antwoordtermijn in werkdagen').fill('99');
				await page.getByRole('button', { name: 'Toevoegen' }).click();
				await page.getByRole('alert').filter({ hasText: 'Geef de antwoordtermijn' }).waitFor();
			}
		}
	]
};

describe('every page, as every role', () => {
	// The roles run side by side, each in its own browser context; the pages of one role run in turn.
	for (const role of ROLES) {
		it.concurrent(
			`as ${role}: every page, refused ones too, and the open states are axe clean and reflow at 320 px`,
			async ({ expect }) => {
				const page = pages[role];
				const caseLevel = capabilities(role).caseLevel;
				const problems: string[] = [];
				const statuses: Record<string, number> = {};
				let menu: string[] = [];
				/** The cells of the organisation matrix that open a case list (none for aggregate-only roles). */
				let organisationCells: string[] = [];
				for (const route of ROLE_PAGES) {
					const address = addressOf(route);
					const status = await visit(page, address);
					statuses[route] = status;
					if (![200, 403, 404].includes(status)) problems.push(`${address}: HTTP ${status}`);
					if (new URL(page.url()).pathname === '/login') problems.push(`${address}: sent to /login`);
					if (route === '/') {
						menu = await page
							.locator('nav.portal-nav a')
							.evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
					}
					if (route === '/organisaties') {
						organisationCells = await page
							.locator('.portal-heatmap a[href*="cel="]')
							.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
					}
					problems.push(...(await axeProblems(page, `${address} as ${role} (HTTP ${status})`)));
					problems.push(...(await reflowProblems(page, `${address} as ${role}`)));
				}
				scanned[role] = ROLE_PAGES.length;

				// An open matrix cell: only the case-level roles get the list of its cases (and links to open one).
				expect(await visit(page, LEEFGEBIEDEN_CELL)).toBe(200);
				await expect(page.locator('#casussen').count()).resolves.toBe(caseLevel ? 1 : 0);
				expect(organisationCells.length > 0, 'organisation cells to open').toBe(caseLevel);
				if (caseLevel) {
					problems.push(...(await axeProblems(page, `${LEEFGEBIEDEN_CELL} as ${role}`)));
					problems.push(...(await reflowProblems(page, `${LEEFGEBIEDEN_CELL} as ${role}`)));
					const cell = new URL(organisationCells[0]);
					expect(await visit(page, cell.href)).toBe(200);
					await expect(page.locator(cell.hash).count()).resolves.toBe(1);
					problems.push(...(await axeProblems(page, `${cell.pathname}${cell.search} as ${role}`)));
				}
				for (const interaction of INTERACTIONS[role] ?? []) {
					await interaction.act(page);
					problems.push(...(await axeProblems(page, `${interaction.name} as ${role}`)));
				}

				expect(problems, problems.join('\n\n')).toEqual([]);
				// It did see its pages: every page of its menu answered 200, and a made-up address 404.
				expect(menu.length).toBeGreaterThan(5);
				for (const href of menu) expect(statuses[href], `${role} ${href}`).toBe(200);
				expect(statuses['/bestaat-niet']).toBe(404);
			},
			// A role scans twenty-odd pages while the other roles do the same; on a busy machine that takes a while.
			240_000
		);
	}

	it('covered every page for every role', () => {
		for (const role of ROLES) expect(scanned[role], role).toBe(ROLE_PAGES.length);
		expect(ROLE_PAGES.length).toBeGreaterThan(15);
	});
});

/** What the keyboard has focused, as the tests compare it. */
interface Focused {
	tag: string;
	/** The accessible name, near enough: aria-label, the label of a field, else the text. */
	name: string;
	href: string | null;
	id: string;
}

/** The element that has the focus now. */
function focused(page: Page): Promise<Focused> {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el) return { tag: '', name: '', href: null, id: '' };
		const labelled = el.getAttribute('aria-labelledby');
		const name =
			el.getAttribute('aria-label') ??
			(labelled ? document.getElementById(labelled)?.textContent : null) ??
			((el as HTMLInputElement).labels?.[0]?.textContent || null) ??
			el.innerText ??
			'';
		return {
			tag: el.tagName.toLowerCase(),
			name: name.replace(/\s+/g, ' ').trim(),
			href: el.getAttribute('href'),
			id: el.id
		};
	});
}

/** Presses Tab (or Shift+Tab) until the focused element matches, at most `maxTabs` times; returns it. */
async function tabTo(
	page: Page,
	predicate: (el: Focused) => boolean,
	maxTabs = 80,
	options: { backwards?: boolean; what?: string } = {}
): Promise<Focused> {
	const seen: string[] = [];
	for (let i = 0; i < maxTabs; i++) {
		await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
		const el = await focused(page);
		if (predicate(el)) return el;
		seen.push(`${el.tag}${el.id ? '#' + el.id : ''} "${el.name.slice(0, 40)}"`);
	}
	throw new Error(
		`${options.what ?? 'the element'} was not reached with ${maxTabs} presses of ${
			options.backwards ? 'Shift+Tab' : 'Tab'
		} on ${page.url()}; focus went through:\n  ${seen.join('\n  ')}`
	);
}

/** Fails unless the focused element is on screen and shows a focus indicator (an outline or a box shadow). */
async function expectVisibleFocus(page: Page, what: string): Promise<void> {
	const f = await page.evaluate(() => {
		const el = document.activeElement as HTMLElement;
		const box = el.getBoundingClientRect();
		const style = getComputedStyle(el);
		return {
			area: box.width * box.height,
			onScreen: box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
			visible: style.visibility !== 'hidden' && style.opacity !== '0',
			outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
			shadow: style.boxShadow !== 'none'
		};
	});
	expect(f.area, `${what}: the focused element has no size`).toBeGreaterThan(0);
	expect(f.onScreen, `${what}: the focused element is off screen`).toBe(true);
	expect(f.visible, `${what}: the focused element is hidden`).toBe(true);
	expect(f.outline || f.shadow, `${what}: no visible focus indicator`).toBe(true);
}

/**
 * Waits until SvelteKit has finished a client-side navigation whose address is already in the bar: it resets
 * the focus in a timer after rendering, and a frame and a timer later that has run.
 */
async function settled(page: Page): Promise<void> {
	await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

describe('keyboard only', () => {
	it('logs in with the second factor, filters, opens a matrix cell, downloads a CSV, and downloads and prints the report without a mouse', async () => {
		const page = await newPage();
		const url = () => new URL(page.url());

		// Log in: Tab to the e-mail field, type, Tab, type the password, Enter.
		await visit(page, '/login');
		await tabTo(page, (el) => el.tag === 'input' && el.name === 'E-mailadres', 10, { what: 'E-mailadres' });
		await expectVisibleFocus(page, 'the e-mail field');
		await page.keyboard.type(USERS.kwaliteitsteam);
		await page.keyboard.press('Tab');
		expect((await focused(page)).name).toBe('Wachtwoord');
		await page.keyboard.type(defaultPassword);
		await page.keyboard.press('Shift+Tab');
		expect((await focused(page)).name).toBe('E-mailadres');
		await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		// The second factor: this account set up its app during the scans, so the portal asks for a code.
		await page.waitForURL((u) => u.pathname === '/login/tweede-factor');
		await settled(page);
		await tabTo(page, (el) => el.tag === 'input' && el.name === 'Code uit uw app', 10, {
			what: 'the code field'
		});
		await expectVisibleFocus(page, 'the code field');
		await page.keyboard.type(await nextTotpCode(portal.server.url, USERS.kwaliteitsteam));
		await page.keyboard.press('Enter');
		await page.waitForURL((u) => u.pathname === '/');
		await settled(page);
		expect(url().pathname).toBe('/');

		// The skip link comes first, shows itself, and jumps to the content.
		const skip = await tabTo(page, () => true, 1);
		expect(skip.name).toBe('Naar de inhoud');
		await expectVisibleFocus(page, 'the skip link');
		await page.keyboard.press('Enter');
		await expect(focused(page)).resolves.toMatchObject({ tag: 'main', id: 'inhoud' });

		// Back up from the content into the main menu, to the leefgebieden.
		await tabTo(page, (el) => el.href === '/leefgebieden', 20, {
			backwards: true,
			what: 'the menu link Leefgebieden'
		});
		await expectVisibleFocus(page, 'the menu link Leefgebieden');
		await page.keyboard.press('Enter');
		await page.waitForURL((u) => u.pathname === '/leefgebieden');
		await settled(page);
		await expect(page.locator('h1').textContent()).resolves.toBe('Leefgebieden');

		// Filter: a status chosen with the arrow keys, applied with the button.
		await tabTo(page, (el) => el.tag === 'select' && el.name === 'Status', 30, { what: 'the Status filter' });
		await expectVisibleFocus(page, 'the Status filter');
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowDown');
		const status = await page.locator('#filter-status').inputValue();
		expect(status).not.toBe('');
		await tabTo(page, (el) => el.name === 'Filter toepassen', 5, { what: 'Filter toepassen' });
		await page.keyboard.press('Space');
		await page.waitForURL((u) => u.searchParams.get('status') === status);
		await settled(page);
		// And a period from the quick choices, which keeps the status.
		await tabTo(page, (el) => el.name === '2025' && el.href !== null, 60, { what: 'the quick choice 2025' });
		await expectVisibleFocus(page, 'the quick choice 2025');
		await page.keyboard.press('Enter');
		await page.waitForURL((u) => u.searchParams.get('from') === '2025-01-01');
		await settled(page);
		expect(url().searchParams.get('to')).toBe('2025-12-31');
		expect(url().searchParams.get('status')).toBe(status);

		// Open a cell of the matrix that joins two leefgebieden.
		const cell = await tabTo(
			page,
			(el) => el.href?.includes('cel=') === true && / en .*: \d+ casussen$/.test(el.name),
			120,
			{ what: 'a matrix cell of two leefgebieden' }
		);
		await expectVisibleFocus(page, 'a matrix cell');
		await page.keyboard.press('Enter');
		await page.waitForURL((u) => u.searchParams.has('cel'));
		await settled(page);
		const [pair, count] = cell.name.split(': ');
		await expect(page.locator('#casussen-kop').textContent()).resolves.toBe(`Casussen: ${pair}`);
		await expect(page.locator('#casussen [role="status"]').textContent()).resolves.toMatch(
			new RegExp(`^\\s*${count}`)
		);
		await expect(
			page.locator('.portal-heatmap a[aria-current="true"]').getAttribute('aria-label')
		).resolves.toBe(cell.name);
		// The focus moves to the list that opened, named after the cell, so a screen reader says what opened;
		// the keyboard carries on in that list, not at the top of the page.
		await expect(focused(page)).resolves.toMatchObject({ id: 'casussen', name: `Casussen: ${pair}` });
		await page.keyboard.press('Tab');
		await expect(page.evaluate(() => document.activeElement?.closest('#casussen') !== null)).resolves.toBe(
			true
		);
		await expectVisibleFocus(page, 'the first control of the case list');

		// Download a table as CSV: open the section after the list with the keyboard (the address keeps it
		// open), then its figures, then the link.
		const section = await tabTo(page, (el) => el.tag === 'summary', 20, { what: 'the summary of a section' });
		expect(section.name).toMatch(/^Per kwartaal\b/);
		await expectVisibleFocus(page, 'the summary of a section');
		await page.keyboard.press('Enter');
		await page.waitForURL((u) => u.searchParams.get('open') === 'trend');
		expect(url().searchParams.get('cel')).not.toBeNull();
		await tabTo(page, (el) => el.tag === 'summary' && el.name === 'De cijfers als tabel', 10, {
			what: 'a "De cijfers als tabel" summary'
		});
		await expectVisibleFocus(page, 'the summary');
		await page.keyboard.press('Enter');
		await expect(page.evaluate(() => document.activeElement?.closest('details')?.open)).resolves.toBe(true);
		const link = await tabTo(page, (el) => el.name.startsWith('Download CSV'), 5, { what: 'Download CSV' });
		const tableId = new URL(link.href!, page.url()).searchParams.get('tabel')!;
		const headers = await page
			.locator(`table#${tableId} thead th`)
			.evaluateAll((ths) => ths.map((th) => th.textContent!.trim()));
		const [csv] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
		expect(csv.suggestedFilename()).toMatch(new RegExp(`^${tableId}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
		const firstLine = fs
			.readFileSync(await csv.path(), 'utf8')
			.replace(/^\uFEFF/, '')
			.split('\r\n')[0];
		expect(firstLine).toBe(headers.join(';'));

		// The report: through the menu, another period with the arrow keys, then its PDF.
		await tabTo(page, (el) => el.href === '/rapportage', 300, {
			backwards: true,
			what: 'the menu link Rapportage'
		});
		await page.keyboard.press('Enter');
		await page.waitForURL((u) => u.pathname === '/rapportage' && u.searchParams.has('periode'));
		await settled(page);
		const before = url().searchParams.get('periode');
		await tabTo(page, (el) => el.tag === 'select' && el.name === 'Periode', 20, { what: 'Periode' });
		await expectVisibleFocus(page, 'the period choice');
		await page.keyboard.press('ArrowDown');
		expect(await page.locator('#rapport-periode').inputValue()).not.toBe(before);
		await tabTo(page, (el) => el.name === 'Toon rapportage', 5, { what: 'Toon rapportage' });
		await page.keyboard.press('Enter');
		await page.waitForURL((u) => u.searchParams.get('periode') !== before);
		await settled(page);
		const period = url().searchParams.get('periode')!;
		await tabTo(page, (el) => el.name === 'Download PDF', 20, { what: 'Download PDF' });
		await expectVisibleFocus(page, 'Download PDF');
		const [pdf] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
		// And printed: the button opens the browser's print dialogue (counted here, as headless has none).
		await page.evaluate(() => {
			const counted = window as unknown as { printed: number };
			counted.printed = 0;
			window.print = () => void counted.printed++;
		});
		await tabTo(page, (el) => el.tag === 'button' && el.name === 'Afdrukken', 5, {
			backwards: true,
			what: 'Afdrukken'
		});
		await expectVisibleFocus(page, 'Afdrukken');
		await page.keyboard.press('Enter');
		await expect(page.evaluate(() => (window as unknown as { printed: number }).printed)).resolves.toBe(1);
		expect(pdf.suggestedFilename()).toBe(`rapportage-${period}-leeuwarden.pdf`);
		expect(
			fs
				.readFileSync(await pdf.path())
				.subarray(0, 5)
				.toString('latin1')
		).toBe('%PDF-');
	});
});
