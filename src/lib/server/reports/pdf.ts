/** A4 PDF of an HTML document, printed by headless Chromium through playwright-core, one at a time. */
import fs from 'node:fs';

/** Said (as 503) when the server cannot make a PDF; the page itself still prints from the browser. */
export class PdfUnavailableError extends Error {}

/** The Chromium to use: `CHROMIUM_PATH`, else the Debian package's. */
export function chromiumPath(): string {
	return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

const FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

const TIMEOUT_MS = 60_000;
const PLAYWRIGHT = 'playwright-core';
const ADVICE =
	'Druk de pagina af vanuit de browser (Ctrl+P), of vraag de beheerder om Chromium te installeren.';

/**
 * Chromium draws this footer in the bottom margin of every page; `pageNumber` and `totalPages` are
 * filled in by Chromium itself. The footer has no page styles, so it sets its own font.
 */
function footer(text: string): string {
	const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	return `<div style="font-family: system-ui, Arial, sans-serif; font-size: 8pt; color: #535353; width: 100%;
		padding: 0 16mm; display: flex; justify-content: space-between;"><span>${escaped}</span>
		<span>Pagina <span class="pageNumber"></span> van <span class="totalPages"></span></span></div>`;
}

async function launch() {
	const executablePath = chromiumPath();
	if (!fs.existsSync(executablePath)) {
		throw new PdfUnavailableError(
			`Een PDF maken lukt niet: Chromium is niet geïnstalleerd op de server (gezocht: ${executablePath}; stel CHROMIUM_PATH in). ${ADVICE}`
		);
	}
	let chromium: typeof import('playwright-core').chromium;
	try {
		// Loaded from node_modules at run time, never bundled: playwright-core finds its own files beside it.
		({ chromium } = (await import(/* @vite-ignore */ PLAYWRIGHT)) as typeof import('playwright-core'));
	} catch {
		throw new PdfUnavailableError(
			`Een PDF maken lukt niet: playwright-core ontbreekt op de server. ${ADVICE}`
		);
	}
	try {
		return await chromium.launch({ executablePath, args: FLAGS, timeout: TIMEOUT_MS });
	} catch (error) {
		console.error('Chromium start niet:', error);
		throw new PdfUnavailableError(`Een PDF maken lukt niet: Chromium start niet op de server. ${ADVICE}`);
	}
}

/**
 * Prints the document as A4 with backgrounds (heatmap cells, bars) and page numbers. The document is
 * self-contained: scripts are off and every request it might make is refused, so nothing can load.
 */
async function print(html: string, footerText: string): Promise<Buffer> {
	const browser = await launch();
	try {
		const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
		const page = await context.newPage();
		page.setDefaultTimeout(TIMEOUT_MS);
		await page.route('**/*', (route) => route.abort());
		await page.setContent(html, { waitUntil: 'load', timeout: TIMEOUT_MS });
		const pdf = await page.pdf({
			format: 'A4',
			// A4 unless the document's own @page says otherwise (a landscape page for a wide appendix).
			preferCSSPageSize: true,
			printBackground: true,
			displayHeaderFooter: true,
			headerTemplate: '<span></span>',
			footerTemplate: footer(footerText),
			margin: { top: '18mm', right: '16mm', bottom: '20mm', left: '16mm' },
			outline: true,
			tagged: true
		});
		return Buffer.from(pdf);
	} finally {
		await browser.close();
	}
}

let queue: Promise<unknown> = Promise.resolve();

/** One Chromium at a time: each takes a few hundred MB, and a college report is not asked for in bulk. */
export function htmlToPdf(html: string, footerText: string): Promise<Buffer> {
	const next = queue.then(() => print(html, footerText));
	queue = next.catch(() => undefined);
	return next;
}
