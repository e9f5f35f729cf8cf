/** Every chart drawn in Chromium from fixed data and compared pixel by pixel with its stored screenshot, as LayerChart tests its own examples; the gallery, with every colour of every scale, passes axe. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';
import type { Browser, Page } from 'playwright-core';
import { expectAxeClean, launchBrowser } from '../support/browser';
import { projectDir } from '../support/server';
import { CASES } from './gallery/cases';

const galleryDir = path.join(projectDir, 'tests', 'charts', 'gallery');
const screenshotDir = path.join(projectDir, 'tests', 'charts', 'screenshots');
/** With UPDATE_SCREENSHOTS=1 a missing or different screenshot is (re)written instead of failing. */
const update = process.env.UPDATE_SCREENSHOTS === '1';
/** Pixels may differ a little in colour (anti-aliasing), and one in ten thousand outright. */
const PIXEL_THRESHOLD = 0.1;
const MAX_DIFFERENT_PIXELS = 0.0001;

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.css': 'text/css'
};

let outDir: string;
let server: http.Server;
let browser: Browser;
let page: Page;
const errors: string[] = [];

/** Serves the built gallery from `dir` on a free loopback port. */
function serve(dir: string): Promise<{ server: http.Server; url: string }> {
	const root = path.resolve(dir);
	const s = http.createServer((req, res) => {
		const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
		const file = path.resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
		if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
			res.writeHead(404).end();
			return;
		}
		res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
		fs.createReadStream(file).pipe(res);
	});
	return new Promise((resolve) =>
		s.listen(0, '127.0.0.1', () =>
			resolve({ server: s, url: `http://127.0.0.1:${(s.address() as AddressInfo).port}` })
		)
	);
}

beforeAll(async () => {
	outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-charts-'));
	await build({
		configFile: false,
		root: galleryDir,
		logLevel: 'error',
		plugins: [svelte({ configFile: false })],
		resolve: { alias: { $lib: path.join(projectDir, 'src', 'lib') } },
		build: { outDir, emptyOutDir: true, minify: false }
	});
	const served = await serve(outDir);
	server = served.server;
	browser = await launchBrowser();
	const context = await browser.newContext({
		viewport: { width: 1000, height: 900 },
		deviceScaleFactor: 1,
		locale: 'nl-NL',
		reducedMotion: 'reduce'
	});
	page = await context.newPage();
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(error.message));
	await page.goto(served.url, { waitUntil: 'load' });
	// Drawn once every figure of a drawing chart holds LayerChart's marks, and the fonts are in.
	await page.waitForFunction(() =>
		Array.from(document.querySelectorAll('[data-drawn="marks"] figure')).every(
			(figure) => figure.querySelector('.lc-root-container svg :is(path, rect, line, circle)') !== null
		)
	);
	await page.evaluate(() => document.fonts.ready.then(() => undefined));
	// Every box starts on a whole pixel, so a case's pixels do not change when a case above it grows.
	await page.evaluate(() => {
		for (const block of Array.from(document.querySelectorAll<HTMLElement>('main > *'))) {
			block.style.blockSize = `${Math.ceil(block.getBoundingClientRect().height)}px`;
		}
	});
	// Two frames after the last change, so the layout has settled.
	await page.evaluate(
		() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())))
	);
});

afterAll(async () => {
	await browser?.close();
	await new Promise((done) => (server ? server.close(done) : done(undefined)));
	if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

/** Compares a screenshot with the stored one; writes a missing or changed one only when updating. */
function compare(name: string, actual: Buffer): void {
	const stored = path.join(screenshotDir, `${name}.png`);
	if (!fs.existsSync(stored)) {
		expect(
			update,
			`No stored screenshot ${path.relative(projectDir, stored)}; run with UPDATE_SCREENSHOTS=1`
		).toBe(true);
		fs.mkdirSync(screenshotDir, { recursive: true });
		fs.writeFileSync(stored, actual);
		return;
	}
	const want = PNG.sync.read(fs.readFileSync(stored));
	const got = PNG.sync.read(actual);
	const sameSize = want.width === got.width && want.height === got.height;
	const diff = new PNG({ width: want.width, height: want.height });
	const different = sameSize
		? pixelmatch(want.data, got.data, diff.data, want.width, want.height, { threshold: PIXEL_THRESHOLD })
		: Infinity;
	const fraction = different / (want.width * want.height);
	if (update && fraction > 0) {
		fs.writeFileSync(stored, actual);
		return;
	}
	let where = '';
	if (fraction > MAX_DIFFERENT_PIXELS) {
		where = path.join(os.tmpdir(), `chart-${name}-`);
		fs.writeFileSync(`${where}actual.png`, actual);
		if (sameSize) fs.writeFileSync(`${where}diff.png`, PNG.sync.write(diff));
	}
	expect(
		{ width: got.width, height: got.height },
		`${name}: size differs from the stored screenshot (actual in ${where}actual.png)`
	).toEqual({ width: want.width, height: want.height });
	expect(
		fraction,
		`${name}: ${different} pixels differ (see ${where}actual.png and diff.png)`
	).toBeLessThanOrEqual(MAX_DIFFERENT_PIXELS);
}

/** The box of one gallery case. */
const box = (name: string) => page.locator(`[data-case="${name}"]`);
/** How many of these marks a case's chart drew. */
const marks = (name: string, selector: string) => box(name).locator(`.lc-root-container ${selector}`).count();

describe('the charts in Chromium', () => {
	for (const c of CASES) {
		it(`draws ${c.name} as its stored screenshot`, async () => {
			const drawn = box(c.name).locator('.lc-root-container svg').count();
			if (c.drawn === 'marks') await expect(drawn).resolves.toBeGreaterThan(0);
			else await expect(drawn).resolves.toBe(0);
			compare(c.name, await box(c.name).screenshot({ animations: 'disabled' }));
		});
	}

	it('shares one scale over the panels of small multiples', async () => {
		const panels = await box('small-multiples')
			.locator('figure')
			.evaluateAll((figures) =>
				figures.map((f) =>
					Array.from(f.querySelectorAll('.placement-left .lc-axis-tick-label')).map((t) => t.textContent)
				)
			);
		expect(panels).toEqual([
			['0', '12'],
			['0', '12'],
			['0', '12']
		]);
	});

	it('draws a range only where there is one, and a cost bar only for funds', async () => {
		await expect(marks('range-bars', '.lc-rule-y-line')).resolves.toBe(2);
		await expect(marks('range-bars', '.lc-bars-bar')).resolves.toBe(3);
		await expect(marks('range-bars-parties', '.lc-rule-y-line')).resolves.toBe(2);
		await expect(marks('range-bars-parties', '.lc-bars-bar')).resolves.toBe(0);
	});

	it('draws the budget and the projection only where they are set', async () => {
		await expect(marks('cumulative-line', 'path[stroke-dasharray="6 4"]')).resolves.toBe(1);
		await expect(marks('cumulative-line', 'path[stroke-dasharray="1 4"]')).resolves.toBe(1);
		await expect(marks('cumulative-line-empty', 'path[stroke-dasharray]')).resolves.toBe(0);
	});

	it('marks every known value and leaves hidden and missing ones out', async () => {
		// Leeuwarden's 8 quarters hold one hidden and one missing value.
		await expect(marks('trend-lines', '.lc-point')).resolves.toBe(6);
		// 20 shares of which 2 hidden and 1 missing; 3 national shares of 4.
		await expect(marks('profile-dots', 'path[transform]')).resolves.toBe(17);
		await expect(marks('profile-dots', '.lc-bars-bar')).resolves.toBe(3);
		await expect(
			box('grouped-bars').locator('.lc-root-container text', { hasText: 'geheim' }).count()
		).resolves.toBe(1);
		await expect(marks('grouped-bars-series', '.lc-bars-bar')).resolves.toBe(7);
	});

	it('draws a box for every row with cases', async () => {
		await expect(marks('lead-time-boxes', '.lc-boxplot-box')).resolves.toBe(3);
		await expect(marks('lead-time-boxes', '.lc-boxplot-median')).resolves.toBe(3);
	});

	it('passes axe with every colour of every scale on the page', async () => {
		await expectAxeClean(page, 'grafiekengalerij');
	});

	it('logs no errors in the browser', () => {
		expect(errors).toEqual([]);
	});
});
