/** The year report of the demo data as the server prints it to PDF in Chromium: a table shorter than a page on one page, a longer one breaking with its header row repeated, and the year before shown once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateDemoCases, toSemicolonCsv } from '../../scripts/demo/generate';
import { openBrowserPortal, type BrowserPortal } from '../support/portal';
import { keyFigures } from '../support/browser';
import { readPdf } from '../support/pdf';

const COLLEGE = 'college@leeuwarden.example.nl';
const BEHEERDER = 'beheerder@alle.example.nl';
const GRONINGEN = 'kwaliteit@groningen.example.nl';

/** A4 less the report's margins (18 and 20 mm high, 16 mm each side), in CSS pixels. */
const PAGE_WIDTH = Math.round(((210 - 32) / 25.4) * 96);
const PAGE_HEIGHT = ((297 - 38) / 25.4) * 96;
/** The same for a landscape page, which a table too wide for portrait gets. */
const WIDE_PAGE_WIDTH = Math.round(((297 - 32) / 25.4) * 96);
const WIDE_PAGE_HEIGHT = ((210 - 38) / 25.4) * 96;

/** Groningen (GM0014) in 2025: 45 kwesties of 3 cases each, so its year report lists more signals than a page holds. */
const SIGNALS = 45;
const GRONINGEN_EXPORT = [
	'casus_id;gemeente;aangemeld_op;status;leefgebieden;kwestie',
	...Array.from({ length: SIGNALS }, (_, k) =>
		[1, 2, 3].map(
			(n) =>
				`G${k}-${n};GM0014;2025-${String(1 + (k % 12)).padStart(2, '0')}-${String(n * 7).padStart(2, '0')};open;wonen;` +
				`Regel ${k + 1} van de uitvoering houdt het huishouden vast tussen twee loketten`
		)
	).flat()
].join('\n');

let portal: BrowserPortal;

beforeAll(async () => {
	// The demo as `npm run demo` generates it, at a fixed date so that the pages come out the same each run.
	const demo = toSemicolonCsv(generateDemoCases({ cases: 2500, seed: 2026, endDate: '2026-11-23' }));
	portal = await openBrowserPortal('e2e-rapport-print', {
		exports: [
			{ name: 'demo-casussen.csv', text: demo },
			{ name: 'groningen.csv', text: GRONINGEN_EXPORT }
		],
		users: [
			{ email: COLLEGE, role: 'college', gemeente: ['GM0080'] },
			{ email: BEHEERDER, role: 'beheerder', gemeente: ['alle'] },
			{ email: GRONINGEN, role: 'kwaliteitsteam', gemeente: ['GM0014'] }
		]
	});
});

afterAll(() => portal?.close());

/** Text without white space: a cell's text wraps in print, and the PDF's text then has a space at the wrap. */
const squeeze = (text: string) => text.replace(/\s+/g, '');

interface PrintedTable {
	id: string;
	caption: string;
	/** The column headers, in order. */
	head: string;
	/** The first cell of each body row. */
	rows: string[];
	/** Height in print at the width of its A4 page's text, caption included. */
	height: number;
	/** The height of the page it is printed on: landscape for a wide table. */
	pageHeight: number;
}

/** Every table of the report as the print stylesheet lays it out at the width of A4. */
async function printedTables(page: Page): Promise<PrintedTable[]> {
	await page.emulateMedia({ media: 'print' });
	const measure = async (width: number, wide: boolean) => {
		await page.setViewportSize({ width, height: 1000 });
		const all = await page.locator('.rapport table[id]').evaluateAll((all) =>
			all.map((table) => ({
				id: table.id,
				wide: table.closest('.rapport-breed') !== null,
				caption: table.querySelector('caption')?.textContent ?? '',
				head: [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? '').join(''),
				rows: [...table.querySelectorAll('tbody tr')].map((tr) => tr.firstElementChild?.textContent ?? ''),
				height: table.getBoundingClientRect().height
			}))
		);
		return all.filter((t) => t.wide === wide);
	};
	const tables = [
		...(await measure(PAGE_WIDTH, false)).map((t) => ({ ...t, pageHeight: PAGE_HEIGHT })),
		...(await measure(WIDE_PAGE_WIDTH, true)).map((t) => ({ ...t, pageHeight: WIDE_PAGE_HEIGHT }))
	];
	await page.emulateMedia({ media: 'screen' });
	return tables.map(({ wide: _wide, ...t }) => ({
		...t,
		caption: squeeze(t.caption),
		head: squeeze(t.head),
		rows: t.rows.map(squeeze)
	}));
}

/** The page of the PDF on which the table's caption stands, and the page of each of its rows, found in order after it. */
function rowPages(pages: string[], table: PrintedTable): { caption: number; rows: number[] } {
	// Long captions are matched on their start: the PDF's text may order a wrapped line's words apart.
	const caption = table.caption.slice(0, 40);
	let page = pages.findIndex((text) => text.includes(caption));
	expect(page, `caption of ${table.id}`).toBeGreaterThanOrEqual(0);
	const start = page;
	let at = pages[page].indexOf(caption) + caption.length;
	const rows: number[] = [];
	for (const head of table.rows) {
		let found = pages[page].indexOf(head, at);
		while (found < 0 && page + 1 < pages.length) {
			page++;
			at = 0;
			found = pages[page].indexOf(head, at);
		}
		expect(found, `row ${head} of ${table.id}`).toBeGreaterThanOrEqual(0);
		at = found + head.length;
		rows.push(page);
	}
	return { caption: start, rows };
}

/**
 * Prints the year report the user sees on /rapportage to PDF through the server and checks each table
 * against its height in print: one shorter than a page is on one page; one that breaks is longer than a
 * page, and every page it continues on opens with its header row again. Returns the tables that broke.
 */
async function checkYearReport(page: Page, query: string): Promise<string[]> {
	await page.goto(`/rapportage?${query}`, { waitUntil: 'networkidle' });
	const tables = await printedTables(page);
	expect(tables.length).toBeGreaterThanOrEqual(10);
	const pdfHref = await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
	const response = await page.context().request.get(pdfHref!);
	expect(response.status()).toBe(200);
	const printed = readPdf(Buffer.from(await response.body())).pages;
	const pages = printed.map((p) => squeeze(p.text));
	// The settlement proposal's nine columns are wider than portrait A4: its pages, and only those, are landscape.
	const settlement = pages.findIndex((text) => text.includes(squeeze('Bijlage: verrekenvoorstel')));
	expect(settlement).toBeGreaterThan(0);
	const after = pages.findIndex(
		(text, i) => i > settlement && text.includes(squeeze('Gerealiseerd na monitoring'))
	);
	expect(after).toBeGreaterThan(settlement);
	printed.forEach((p, i) => {
		const landscape = p.width > p.height;
		expect(landscape, `page ${i + 1} landscape`).toBe(i >= settlement && i < after);
	});
	const broken: string[] = [];
	for (const table of tables) {
		const { caption, rows } = rowPages(pages, table);
		const spanned = [...new Set([caption, ...rows])];
		if (spanned.length === 1) continue;
		broken.push(table.id);
		expect(table.height, `${table.id} breaks over pages ${spanned.join(', ')}`).toBeGreaterThan(
			table.pageHeight
		);
		for (const next of spanned.slice(1)) {
			const first = table.rows[rows.indexOf(next)];
			const head = pages[next].indexOf(table.head);
			expect(head, `header row of ${table.id} repeated on page ${next + 1}`).toBeGreaterThanOrEqual(0);
			expect(head).toBeLessThan(pages[next].indexOf(first));
		}
	}
	return broken;
}

describe('the printed year report', () => {
	it("keeps each of Leeuwarden's short tables on one page and shows the year before once", async () => {
		await portal.asUser(COLLEGE, async (page) => {
			// The settlement proposal, on landscape pages, is longer than one of them.
			expect(await checkYearReport(page, 'periode=2025')).toEqual(['rapport-verrekening']);
			const figures = await keyFigures(page);
			expect(figures.Aangemeld.replace(/\s+/g, ' ').trim()).toMatch(/^[\d.]+ jaar ervoor [\d.]+$/);
			await expect(page.getByText('periode ervoor').count()).resolves.toBe(0);
			await expect(page.getByText('jaar eerder').count()).resolves.toBe(0);
			const head = await page
				.locator('#rapport-kerncijfers thead th')
				.evaluateAll((all) => all.map((th) => th.textContent?.trim()));
			expect(head).toEqual(['Kerncijfer', 'jaar 2025 (deze periode)', 'jaar 2024 (jaar ervoor)']);

			// A quarter keeps both: the quarter before and the same quarter a year earlier.
			await page.goto('/rapportage?periode=2025-Q3', { waitUntil: 'networkidle' });
			expect((await keyFigures(page)).Aangemeld.replace(/\s+/g, ' ').trim()).toMatch(
				/^[\d.]+ periode ervoor [\d.]+ · jaar eerder [\d.]+$/
			);
		});
	});

	it("keeps every short table of all municipalities on one page; only the settlement proposal and the signal list, with Groningen's 45, break", async () => {
		await portal.asUser(BEHEERDER, async (page) => {
			expect(await checkYearReport(page, 'periode=2025')).toEqual([
				'rapport-signalen',
				'rapport-verrekening'
			]);
		});
	});

	it('breaks a list longer than a page between rows, its header row repeated on the next page', async () => {
		await portal.asUser(GRONINGEN, async (page) => {
			expect(await checkYearReport(page, 'periode=2025')).toEqual(['rapport-signalen']);
		});
	});
});
