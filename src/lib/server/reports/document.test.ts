/** The report's HTML for the PDF: self-contained, titled, with the key figures and the lessons as text, never as markup. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeriodReport } from '$lib/domain/report';
import { caseRow, closeTempStore, importRows, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { reportHtml, reportTitle } from './document';
import { parsePeriod } from './period';
import { htmlToPdf, PdfUnavailableError } from './pdf';
import { periodReport } from './report';

let store: Store;
let report: PeriodReport;

beforeAll(async () => {
	store = await openTempStore();
	await importRows(store, [
		caseRow('A', { aangemeld_op: '2025-07-10' }),
		caseRow('B', { aangemeld_op: '2025-08-01', status: 'afgerond', uitkomst: 'opgelost' })
	]);
	report = await periodReport(
		store.db,
		{ reach: { all: false, gemeenten: ['GM0080'] } },
		parsePeriod('2025-Q3')!
	);
});

afterAll(() => closeTempStore(store));

describe('reportHtml', () => {
	it('holds the cover, the key figures and every section, without scripts', () => {
		const html = reportHtml(report, { stamp: 'Stand van 23-11-2026 10:00.', lessons: null });
		expect(reportTitle(report)).toBe('Rapportage derde kwartaal 2025 · Leeuwarden');
		expect(html).toContain('<title>Rapportage derde kwartaal 2025 · Leeuwarden</title>');
		expect(html).toContain('<html lang="nl">');
		expect(html).not.toMatch(/<script|<link/i);
		const text = html
			.replace(/<!--.*?-->/g, '')
			.replace(/<[^>]+>/g, ' ')
			.replace(/\s+/g, ' ');
		expect(text).toContain(
			'In het derde kwartaal 2025 zijn 2 casussen aangemeld; 1 is (deels) opgelost en 0 ingetrokken.'
		);
		expect(text).toContain('Aan het eind van de periode was 1 casus open.');
		for (const heading of [
			'Kerncijfers',
			'Escalatie',
			'Leefgebieden en organisaties',
			'Wetten en knelpunten',
			'Budget en besparing',
			'Signalen en kwesties',
			'Wat leren we'
		]) {
			expect(html).toContain(`>${heading}</h2>`);
		}
		expect(text).toContain('Het kwaliteitsteam heeft voor deze periode nog niets beschreven.');
	});

	it('writes the lessons as text', () => {
		const html = reportHtml(report, {
			stamp: 'Opgeslagen.',
			lessons: { text: 'Eerder <script>alert(1)</script> aan tafel & sneller.', note: 'Tekst van kwaliteit.' }
		});
		expect(html).toContain('Eerder &lt;script>alert(1)&lt;/script> aan tafel &amp; sneller.');
		expect(html).not.toContain('<script>');
	});
});

describe('htmlToPdf', () => {
	it('says in Dutch that no PDF can be made where Chromium is missing', async () => {
		const before = process.env.CHROMIUM_PATH;
		process.env.CHROMIUM_PATH = '/nergens/chromium';
		try {
			const failure = await htmlToPdf('<p>x</p>', 'voet').catch((e: unknown) => e);
			expect(failure).toBeInstanceOf(PdfUnavailableError);
			expect((failure as Error).message).toBe(
				'Een PDF maken lukt niet: Chromium is niet geïnstalleerd op de server (gezocht: /nergens/chromium; stel CHROMIUM_PATH in). Druk de pagina af vanuit de browser (Ctrl+P), of vraag de beheerder om Chromium te installeren.'
			);
		} finally {
			if (before === undefined) delete process.env.CHROMIUM_PATH;
			else process.env.CHROMIUM_PATH = before;
		}
	});
});
