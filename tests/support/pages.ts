/** Walking the portal's pages in Chromium: the page addresses of the routes tree, a visit that waits for hydration, and axe run in the page itself. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { formatViolations, readableViolations, wcagTags, type ReadableViolation } from './browser';
import { projectDir } from './server';

/**
 * The page addresses of src/routes, read from the tree at test time: folders with a +page.svelte, route
 * groups dropped, parameters left as `[name]`. Endpoints (+server.ts alone) return files and are not pages.
 */
export function routePages(): string[] {
	const root = path.join(projectDir, 'src', 'routes');
	const found: string[] = [];
	const walk = (dir: string, segments: string[]) => {
		const entries = fs.readdirSync(dir, { withFileTypes: true });
		if (entries.some((e) => e.isFile() && e.name === '+page.svelte')) found.push('/' + segments.join('/'));
		for (const e of entries.filter((e) => e.isDirectory())) {
			walk(path.join(dir, e.name), /^\(.*\)$/.test(e.name) ? segments : [...segments, e.name]);
		}
	};
	walk(root, []);
	return [...new Set(found)].sort();
}

/**
 * The pages a signed-in role visits: every page but /login (with a session it only redirects), a made-up
 * address for the 404 of an unknown page, and /logout last: GET only shows the confirmation button, but if
 * it ever logged out on GET, no page after it would be seen as the role.
 */
export function signedInPages(routes: string[] = routePages()): string[] {
	return [
		...routes.filter((r) => r !== '/login' && r !== '/logout'),
		'/bestaat-niet',
		...routes.filter((r) => r === '/logout')
	];
}

/** A page's address with its parameter filled in from `values` (route -> id); throws for a dynamic page without one. */
export function addressOf(route: string, values: Record<string, () => string>): string {
	if (!route.includes('[')) return route;
	const value = values[route];
	if (!value) throw new Error(`${route} has a parameter but no value: add a real id for it`);
	return route.replace(/\[[^\]]+\]/, encodeURIComponent(value()));
}

/**
 * Opens an address and waits until SvelteKit has hydrated it (its route announcer appears once the app has
 * mounted, on error pages too); returns the HTTP status.
 */
export async function visit(page: Page, address: string): Promise<number> {
	const response = await page.goto(address);
	await page.waitForSelector('#svelte-announcer', { state: 'attached' });
	return response?.status() ?? 0;
}

/** axe-core itself, the copy @axe-core/playwright runs. */
const axeSource = fs.readFileSync(
	createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright')).resolve(
		'axe-core/axe.min.js'
	),
	'utf8'
);

/**
 * The axe violations of the page as it is now, with every <details> opened so the tables in them count
 * too, and two frames later, once the page has followed the new sizes (a wide table that now scrolls
 * becomes focusable). The same WCAG 2.1 A/AA tags as expectAxeClean in tests/support/browser.ts, but axe.run is called
 * in the page itself: AxeBuilder opens a blank page for every scan, which makes a walk of a hundred-odd
 * pages several times slower.
 */
export async function axeScan(page: Page): Promise<ReadableViolation[]> {
	await page
		.locator('details:not([open])')
		.evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
	await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
	const violations = await page.evaluate(async (tags) => {
		const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
		const results = await axe.run(document, {
			runOnly: { type: 'tag', values: tags },
			resultTypes: ['violations']
		});
		return results.violations;
	}, wcagTags);
	return readableViolations(violations);
}

/** What is wrong with the page as it is now, as readable text for a failure message; empty when axe is content. */
export async function axeProblems(page: Page, name: string): Promise<string[]> {
	const violations = await axeScan(page);
	return violations.length === 0 ? [] : [formatViolations(name, violations)];
}
