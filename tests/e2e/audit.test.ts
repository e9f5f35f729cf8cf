/** The audit log in Chromium and over HTTP: what is logged, who may read which part, the download and the access review; never a token. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPassword, loginCookie, projectDir, request, sampleExport } from '../support/server';
import { expectAxeClean, tableRows } from '../support/browser';
import { openBrowserPortal, type BrowserPortal } from '../support/portal';

const BEHEER = 'beheer@leeuwarden.example';
const KWALITEIT = 'kt@leeuwarden.example';
const UTRECHT = 'kt@utrecht.example';

let portal: BrowserPortal;
let token = '';

beforeAll(async () => {
	portal = await openBrowserPortal('e2e-audit', {
		exports: [sampleExport],
		users: [
			{ email: BEHEER, role: 'beheerder', gemeente: ['GM0080'] },
			{ email: KWALITEIT, role: 'kwaliteitsteam', gemeente: ['GM0080'] },
			{ email: UTRECHT, role: 'kwaliteitsteam', gemeente: ['GM0344'] }
		],
		tokens: [KWALITEIT]
	});
	token = portal.tokens[KWALITEIT];
	const kt = await loginCookie(portal.server, KWALITEIT);
	await request(portal.server, '/download/leefgebieden?format=csv', { cookie: kt });
	await request(portal.server, `/leefgebieden?cel=${encodeURIComponent('financiën|wonen')}`, { cookie: kt });
	await loginCookie(portal.server, UTRECHT);
	await fetch(`${portal.server.url}/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: portal.server.url },
		body: new URLSearchParams({ email: KWALITEIT, password: 'fout-wachtwoord-123' }).toString(),
		redirect: 'manual'
	});
});

afterAll(() => portal?.close());

describe('/beheer/audit', () => {
	it('shows the municipality’s logins, failures, exports and case views, and the access review, axe clean', async () => {
		await portal.asUser(BEHEER, async (page) => {
			await page.goto('/beheer/audit');
			const rows = await tableRows(page, 'audit-log');
			const seen = rows.map((r) => `${r[1]} ${r[2]} ${r[4]}`);
			expect(seen).toContain(`${KWALITEIT} exporteren ok`);
			expect(seen).toContain(`${KWALITEIT} casussen bekijken ok`);
			expect(seen).toContain(`${KWALITEIT} inloggen mislukt`);
			// Utrecht's account is not this beheerder's to review.
			expect(rows.some((r) => r[1] === UTRECHT)).toBe(false);
			expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(r[0]))).toBe(true);
			const review = await tableRows(page, 'toegangsoverzicht');
			expect(review.map((r) => r[0]).sort()).toEqual([BEHEER, KWALITEIT]);
			expect(review.find((r) => r[0] === KWALITEIT)?.[5]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
			await expectAxeClean(page, '/beheer/audit');
			await page.locator('#audit-action').selectOption('exporteren');
			await page.getByRole('button', { name: 'Filteren' }).click();
			await page.waitForURL((url) => url.searchParams.get('action') === 'exporteren');
			expect((await tableRows(page, 'audit-log')).every((r) => r[2] === 'exporteren')).toBe(true);
		});
	});

	it('offers the log as CSV without tokens or passwords, and refuses other roles', async () => {
		const cookie = await loginCookie(portal.server, BEHEER);
		const csv = await request(portal.server, '/download/audit?format=csv&tabel=audit-log', { cookie });
		expect(csv.status).toBe(200);
		expect(csv.text).toContain('exporteren');
		const secret = token.split('.')[1];
		expect(csv.text).not.toContain(secret);
		expect(csv.text).not.toContain(defaultPassword);
		expect(csv.text).not.toContain('fout-wachtwoord-123');
		const kt = await loginCookie(portal.server, KWALITEIT);
		expect((await request(portal.server, '/beheer/audit', { cookie: kt })).status).toBe(403);
		expect((await request(portal.server, '/download/audit?format=csv', { cookie: kt })).status).toBe(403);
	});

	it('is append-only: no code changes or deletes audit rows', () => {
		const offenders: string[] = [];
		const walk = (dir: string) => {
			for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
				const file = path.join(dir, entry.name);
				if (entry.isDirectory()) walk(file);
				else if (
					/\.(ts|svelte)$/.test(entry.name) &&
					/(UPDATE|DELETE FROM|TRUNCATE)\s+audit_log/i.test(fs.readFileSync(file, 'utf8'))
				) {
					offenders.push(path.relative(projectDir, file));
				}
			}
		};
		walk(path.join(projectDir, 'src'));
		walk(path.join(projectDir, 'scripts'));
		expect(offenders).toEqual([]);
	});
});
