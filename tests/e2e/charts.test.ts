/** The analysis pages draw their LayerChart charts in Chromium from the sample, each figure with its marks, without an error in the console. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleExport } from '../support/server';
import { openBrowserPortal, type BrowserPortal } from '../support/portal';

const KWALITEIT = 'kt@leeuwarden.example';

/** The pages with charts, and how many LayerChart drawings each shows at least with the Leeuwarden sample (which records no decisions, so /besluiten draws none). */
const PAGES: [string, number][] = [
	['/leefgebieden', 2],
	['/organisaties', 3],
	['/wetten', 3],
	['/escalatie', 3],
	['/budget', 3]
];

let portal: BrowserPortal;

beforeAll(async () => {
	portal = await openBrowserPortal('e2e-charts', {
		exports: [sampleExport],
		users: [{ email: KWALITEIT, role: 'kwaliteitsteam', gemeente: ['GM0080'] }]
	});
});

afterAll(() => portal?.close());

describe('the charts on the analysis pages', () => {
	it('are drawn once the page has loaded, with marks in every drawing, and log no errors', async () => {
		await portal.asUser(KWALITEIT, async (page) => {
			const errors: string[] = [];
			page.on('console', (message) => {
				if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
			});
			page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
			for (const [address, least] of PAGES) {
				await page.goto(address, { waitUntil: 'networkidle' });
				const drawings = page.locator('figure svg.lc-layout-svg');
				await expect
					.poll(() => drawings.count(), { message: `${address}: drawings` })
					.toBeGreaterThanOrEqual(least);
				const empty = await drawings.evaluateAll(
					(svgs) => svgs.filter((svg) => svg.querySelector('path, rect, line, circle') === null).length
				);
				expect(empty, `${address}: drawings without marks`).toBe(0);
			}
			expect(errors).toEqual([]);
		});
	});
});
