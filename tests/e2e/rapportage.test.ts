/** The period report in Chromium: the API's figures, the A4 PDF and its text, the XLSX annex, the page with axe and print, and saved reports that keep their figures. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { openBrowserPortal, type BrowserPortal } from '../support/portal';
import { expectAxeClean, keyFigures } from '../support/browser';
import { loginCookie, request } from '../support/server';
import { readPdf } from '../support/pdf';

const KWALITEIT = 'kwaliteit@leeuwarden.example.nl';
const COLLEGE = 'college@leeuwarden.example.nl';
const LANDELIJK = 'landelijk@example.nl';

/*
 * Leeuwarden around the third quarter of 2025, as in src/lib/server/reports/report.test.ts: in Q3
 * A, B, D, G, K are registered; B, C, D are solved (D without afgerond_op counts on its aangemeld_op);
 * F is withdrawn; A, G, J, L are open on 30 September. Q2: C, E, F in; E withdrawn; C, F, J, L open.
 */
/** Case Z1, alone in 2023, names every leefgebied: the first quarter of 2023 prints the widest matrix. */
const ALL_LEEFGEBIEDEN = [
	'financiën',
	'wonen',
	'psychische gezondheid',
	'verblijf',
	'werk en activiteiten',
	'sociale relaties',
	'zingeving',
	'onderwijs',
	'lichamelijke gezondheid',
	'opvoeden en opgroeien',
	'verslaving',
	'veiligheid en justitie',
	'zelfzorg'
].join('|');

const LEEUWARDEN_EXPORT = `casus_id;gemeente;aangemeld_op;afgerond_op;status;uitkomst;leefgebieden;escalatie;kwestie;fonds;kosten_oplossing;besparing_laag;besparing_hoog;baten_bij
A;GM0080;2025-07-10;;open;;wonen|financiën;;Huurtoeslag stopt bij adresonderzoek;;;;;
B;GM0080;2025-08-01;2025-09-15;afgerond;opgelost;financiën;lokale_tafel;Huurtoeslag stopt bij adresonderzoek;maatwerkbudget;100,00;400,00;1000,00;gemeente|zorgverzekeraar
C;GM0080;2025-05-01;2025-07-20;afgerond;deels_opgelost;wonen;maatwerkcoach;;maatwerkbudget;70,00;300,00;600,00;
D;GM0080;2025-08-20;;afgerond;opgelost;wonen;;;maatwerkbudget;50,50;200,00;300,00;gemeente
E;GM0080;2025-04-10;;ingetrokken;;wonen;;;;;;;
F;GM0080;2025-06-01;2025-08-05;ingetrokken;;wonen;;;;;;;
G;GM0080;2025-09-30;;open;;financiën;;Huurtoeslag stopt bij adresonderzoek;;;;;
H;GM0080;2025-10-01;;open;;wonen;;;;;;;
I;GM0080;2024-08-15;2024-09-01;afgerond;opgelost;wonen;;;;;;;
J;GM0080;2024-09-20;;open;;wonen;;;;;;;
K;GM0080;2025-07-01;2025-08-01;afgerond;niet_opgelost;wonen|financiën;bestuurlijk;;;;;;
L;GM0080;2025-03-01;2025-10-15;afgerond;opgelost;wonen;;;;;;;
U1;GM0344;2025-07-05;;open;;wonen;;;;;;;
Z1;GM0080;2023-02-01;2023-03-01;afgerond;opgelost;${ALL_LEEFGEBIEDEN};;;;;;;
`;

const KEY_SENTENCE =
	'In het derde kwartaal 2025 zijn 5 casussen aangemeld; 3 zijn (deels) opgelost en 1 ingetrokken. Aan het eind van de periode waren 4 casussen open.';
const LESSONS = 'De lokale tafel lost het meeste op.\nHuurtoeslag agenderen bij het Rijk.';

let portal: BrowserPortal;

beforeAll(async () => {
	portal = await openBrowserPortal('e2e-rapportage', {
		exports: [{ name: 'leeuwarden.csv', text: LEEUWARDEN_EXPORT }],
		users: [
			{ email: KWALITEIT, role: 'kwaliteitsteam', gemeente: ['GM0080'] },
			{ email: COLLEGE, role: 'college', gemeente: ['GM0080'] },
			{ email: LANDELIJK, role: 'landelijk' }
		],
		tokens: [COLLEGE, LANDELIJK]
	});
});

afterAll(() => portal?.close());

const asCollege = { token: '' };
beforeAll(() => {
	asCollege.token = portal.tokens[COLLEGE];
});

/** The text of an element with its runs of white space folded. */
const folded = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

describe('GET /api/v1/report', () => {
	it('answers the interfaces JSON for a known quarter, and refuses a bad period, another gemeente and landelijk', async () => {
		const r = await request(portal.server, '/api/v1/report?period=2025-Q3', asCollege);
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({
			period: '2025-Q3',
			from: '2025-07-01',
			to: '2025-09-30',
			cases: { in: 5, solved: 3, open: 4, withdrawn: 1 },
			previous: { in: 3, solved: 0, open: 4, withdrawn: 1 },
			spent: 150.5,
			savingsLow: 600,
			savingsHigh: 1300,
			signals: 1
		});
		const year = await request(portal.server, '/api/v1/report?period=2025&format=json', asCollege);
		expect((year.body as { cases: unknown }).cases).toEqual({ in: 10, solved: 4, open: 4, withdrawn: 2 });

		const bad = await request(portal.server, '/api/v1/report?period=2025-Q5', asCollege);
		expect(bad.status).toBe(400);
		expect(bad.body).toMatchObject({
			message: expect.stringContaining('kwartaal (2025-Q1 tot en met 2025-Q4)')
		});
		const format = await request(portal.server, '/api/v1/report?period=2025-Q3&format=docx', asCollege);
		expect(format.status).toBe(400);
		const elsewhere = await request(
			portal.server,
			'/api/v1/report?period=2025-Q3&gemeente=GM0344',
			asCollege
		);
		expect(elsewhere.status).toBe(403);
		const landelijk = await request(portal.server, '/api/v1/report?period=2025-Q3', {
			token: portal.tokens[LANDELIJK]
		});
		expect(landelijk.status).toBe(403);
		expect((await request(portal.server, '/api/v1/report?period=2025-Q3')).status).toBe(401);
	});

	it('prints an A4 PDF whose text holds the key figures, and an XLSX annex with every table', async () => {
		const r = await fetch(`${portal.server.url}/api/v1/report?period=2025-Q3&format=pdf`, {
			headers: { authorization: `Bearer ${asCollege.token}` }
		});
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toBe('application/pdf');
		expect(r.headers.get('content-disposition')).toBe(
			'attachment; filename="rapportage-2025-Q3-leeuwarden.pdf"'
		);
		const pdf = Buffer.from(await r.arrayBuffer());
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const { title, pages } = readPdf(pdf);
		expect(title).toBe('Rapportage derde kwartaal 2025 · Leeuwarden');
		// A4 is 595.28 × 841.89 pt; Chromium rounds its page box up to whole CSS pixels. Portrait, but for
		// the settlement proposal's landscape pages (rapportage-print.test.ts checks which those are).
		expect(pages.length).toBeGreaterThanOrEqual(7);
		expect(pages[0].width).toBeLessThan(pages[0].height);
		for (const page of pages) {
			const [short, long] = [page.width, page.height].sort((a, b) => a - b);
			expect(Math.abs(short - 595.28)).toBeLessThan(1.5);
			expect(Math.abs(long - 841.89)).toBeLessThan(1.5);
		}
		const text = pages.map((p) => p.text).join(' ');
		expect(pages[0].text).toContain('Rapportage derde kwartaal 2025 Leeuwarden');
		expect(text).toContain(KEY_SENTENCE);
		expect(text).toContain('Aangemeld 5 periode ervoor 3 · jaar eerder 2');
		expect(text).toContain('Besteed aan oplossingen € 150,50');
		expect(pages[0].text).toContain(`Pagina 1 van ${pages.length}`);
		expect(pages.at(-1)!.text).toContain(`Pagina ${pages.length} van ${pages.length}`);

		const x = await fetch(`${portal.server.url}/api/v1/report?period=2025-Q3&format=xlsx`, {
			headers: { authorization: `Bearer ${asCollege.token}` }
		});
		expect(x.headers.get('content-type')).toBe(
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(await x.arrayBuffer());
		expect(workbook.worksheets).toHaveLength(15);
		const kerncijfers = workbook.worksheets[1];
		expect(kerncijfers.getRow(1).getCell(1).value).toBe(
			'Kerncijfers derde kwartaal 2025 tegen de periode ervoor en een jaar eerder'
		);
		expect(kerncijfers.getRow(3).values).toEqual([undefined, 'Aangemeld', 5, 3, 2]);
	});
});

describe('/rapportage', () => {
	it('shows the college the key figures against the periods before, passes axe, and prints without navigation', async () => {
		await portal.asUser(COLLEGE, async (page) => {
			await page.goto('/rapportage');
			expect(new URL(page.url()).searchParams.get('periode')).toMatch(/^\d{4}-Q[1-4]$/);
			await page.goto('/rapportage?periode=2025-Q3', { waitUntil: 'networkidle' });
			await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
				'Rapportage derde kwartaal 2025'
			);
			const figures = Object.fromEntries(
				Object.entries(await keyFigures(page)).map(([k, v]) => [k, folded(v)])
			);
			expect(figures).toEqual({
				Aangemeld: '5 periode ervoor 3 · jaar eerder 2',
				'Opgelost of deels opgelost': '3 periode ervoor 0 · jaar eerder 1',
				Ingetrokken: '1 periode ervoor 1 · jaar eerder 0',
				'Open aan het eind': '4 periode ervoor 4 · jaar eerder 1',
				'Mediane doorlooptijd': '45 dagen periode ervoor n.v.t. · jaar eerder 17 dagen'
			});
			await expect(page.locator('#rapport-lessen').count()).resolves.toBe(0);
			await expect(page.getByRole('link', { name: 'Rapportage', exact: true }).count()).resolves.toBe(1);
			await expectAxeClean(page, '/rapportage');

			await page.emulateMedia({ media: 'print' });
			await expect(page.locator('nav.portal-nav').isVisible()).resolves.toBe(false);
			await expect(page.locator('header.portal-header').isVisible()).resolves.toBe(false);
			await expect(page.locator('.rapport-tools').isVisible()).resolves.toBe(false);
			await expect(page.getByRole('heading', { name: 'Budget en besparing' }).isVisible()).resolves.toBe(
				true
			);
			const breaks = await page
				.locator('.rapport-section')
				.evaluateAll((sections) => sections.map((s) => getComputedStyle(s).breakBefore));
			expect(breaks.every((b) => b === 'page')).toBe(true);
			// On A4 (210 mm less two margins of 16 mm: 673 CSS pixels) the whole matrix fits, its names read upwards.
			await page.goto('/rapportage?periode=2023-Q1', { waitUntil: 'networkidle' });
			await page.setViewportSize({ width: 673, height: 1000 });
			const matrix = await page.locator('.rapport .portal-heatmap').evaluate((box) => ({
				columns: box.querySelectorAll('thead th').length,
				overflow: box.scrollWidth - box.clientWidth
			}));
			expect(matrix.columns).toBe(13);
			expect(matrix.overflow).toBeLessThanOrEqual(0);
		});
	});

	it('keeps a saved report with its text as it was after a new import, with a banner', async () => {
		let savedPath = '';
		await portal.asUser(KWALITEIT, async (page) => {
			await page.goto('/rapportage?periode=2025-Q3', { waitUntil: 'networkidle' });
			await page.getByRole('button', { name: 'Rapportage opslaan' }).click();
			await page.getByRole('alert').filter({ hasText: 'Schrijf eerst wat we leren' }).waitFor();
			await page.getByLabel('Wat leren we van deze periode?').fill(LESSONS);
			await page.getByRole('button', { name: 'Rapportage opslaan' }).click();
			await page.waitForURL(/\/rapportage\/\d+\?opgeslagen=1$/);
			savedPath = new URL(page.url()).pathname;
			await page.getByRole('status').filter({ hasText: 'De rapportage is opgeslagen.' }).waitFor();
			await expect(
				page.getByText('De actuele cijfers zijn gelijk aan deze opgeslagen rapportage.').count()
			).resolves.toBe(1);
			await expectAxeClean(page, savedPath);
		});

		// A new export of the same source: one more case in the quarter, and A corrected to withdrawn.
		const cookie = await loginCookie(portal.server, KWALITEIT);
		const form = new FormData();
		const newer = `casus_id;gemeente;aangemeld_op;afgerond_op;status;leefgebieden
M;GM0080;2025-09-01;;open;wonen
A;GM0080;2025-07-10;2025-09-10;ingetrokken;wonen|financiën
`;
		form.set('bestand', new Blob([newer], { type: 'text/csv' }), 'leeuwarden-nieuw.csv');
		const imported = await request(
			portal.server,
			'/import?/importeren',
			{ cookie },
			{
				method: 'POST',
				body: form,
				headers: { accept: 'text/html', origin: portal.server.url }
			}
		);
		expect(imported.status).toBe(200);
		const live = await request(portal.server, '/api/v1/report?period=2025-Q3', asCollege);
		expect((live.body as { cases: unknown }).cases).toEqual({ in: 6, solved: 3, open: 4, withdrawn: 2 });

		await portal.asUser(COLLEGE, async (page) => {
			await page.goto(savedPath, { waitUntil: 'networkidle' });
			const banner = page
				.getByRole('status')
				.filter({ hasText: 'De actuele cijfers zijn sinds het opslaan veranderd.' });
			await expect(banner.count()).resolves.toBe(1);
			expect(folded((await keyFigures(page)).Aangemeld)).toBe('5 periode ervoor 3 · jaar eerder 2');
			await expect(page.locator('.rapport-lessons__text').first().textContent()).resolves.toContain(LESSONS);
			await expectAxeClean(page, `${savedPath} with banner`);
			await page.goto('/rapportage?periode=2025-Q3');
			await expect(page.locator('#rapport-opgeslagen-lijst a').first().getAttribute('href')).resolves.toBe(
				savedPath
			);
		});

		// The saved report's PDF still says what the college received.
		const pdf = await fetch(`${portal.server.url}${savedPath}/download?format=pdf`, {
			headers: { cookie: await loginCookie(portal.server, COLLEGE) }
		});
		expect(pdf.status).toBe(200);
		const text = readPdf(Buffer.from(await pdf.arrayBuffer()))
			.pages.map((p) => p.text)
			.join(' ');
		expect(text).toContain(KEY_SENTENCE);
		expect(text).toContain('De lokale tafel lost het meeste op. Huurtoeslag agenderen bij het Rijk.');
	});

	it('saves without JavaScript, answers a missing text with 400, and keeps the college and landelijk out', async () => {
		const cookie = await loginCookie(portal.server, KWALITEIT);
		const post = (fields: Record<string, string>, who = cookie) =>
			request(
				portal.server,
				`/rapportage?periode=${fields.periode}&/opslaan`,
				{ cookie: who },
				{
					method: 'POST',
					body: new URLSearchParams(fields).toString(),
					headers: {
						accept: 'text/html',
						'content-type': 'application/x-www-form-urlencoded',
						origin: portal.server.url
					}
				}
			);
		const empty = await post({ periode: '2025-Q3', gemeente: '', lessons: '  ' });
		expect(empty.status).toBe(400);
		expect(empty.text).toContain('Schrijf eerst wat we leren van deze periode.');
		const badPeriod = await post({ periode: '2025-Q9', gemeente: '', lessons: 'Iets' });
		expect(badPeriod.status).toBe(400);
		const saved = await post({ periode: '2025-H2', gemeente: '', lessons: 'Halfjaar zonder JavaScript.' });
		expect(saved.status).toBe(303);
		expect(saved.headers.get('location')).toMatch(/^\/rapportage\/\d+\?opgeslagen=1$/);

		const college = await post(
			{ periode: '2025-Q3', gemeente: '', lessons: 'Mag niet.' },
			await loginCookie(portal.server, COLLEGE)
		);
		expect(college.status).toBe(403);
		const landelijk = await request(portal.server, '/rapportage?periode=2025-Q3', {
			cookie: await loginCookie(portal.server, LANDELIJK)
		});
		expect(landelijk.status).toBe(403);
	});
});
