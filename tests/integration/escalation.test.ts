/** Against the built server: the melding of a kwestie to the national programme as JSON and printable HTML, by reach and role, audited. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { openStore } from '$lib/server/db';
import { changeKwestie, kwestieKey, NATIONAL_SCOPE, registerKwesties } from '$lib/server/kwesties/kwesties';
import type { EscalationDocument } from '$lib/server/kwesties/escalation';
import { expectAxeClean, launchBrowser } from '../support/browser';
import {
	freshDb,
	importExport,
	loginCookie,
	removeDb,
	request,
	startServer,
	userWithToken,
	type RunningServer
} from '../support/server';

const LABEL = 'Huur & <toeslag> bij "vorige" bewoner';
const QUOTED = '"Huur & <toeslag> bij ""vorige"" bewoner"';

const EXPORT = [
	'casus_id;gemeente;aangemeld_op;status;leefgebieden;organisaties;wetten;knelpunt;kwestie;escalatie;uitkomst;oplossing;kosten_oplossing;samenvatting',
	`HT-101;GM0080;2025-01-10;afgerond;wonen|financiën;Belastingdienst;Wht art. 7;2B;${QUOTED};maatwerkloket;niet_opgelost;voorschot;1.200,00;Toeslag teruggevorderd na verhuizing.`,
	`HT-102;GM0080;2025-03-02;open;wonen;Belastingdienst|woningcorporatie;Wht;2B;${QUOTED};lokale_tafel;;;;Vorige bewoner nog ingeschreven.`,
	`HT-103;GM0080;2025-05-20;afgerond;financiën;;Wht art. 7|Awir;4;${QUOTED};team;opgelost;voorschot|kwijtschelding;300,50;`,
	`HT-201;GM0344;2025-02-14;open;wonen;Belastingdienst;Wht;2B;${QUOTED};let;;;;Utrechtse casus.`,
	'HT-104;GM0080;2025-04-01;open;wonen;;;;Iets anders;team;;;;Andere kwestie.'
].join('\n');

const db = freshDb('melding');
let server: RunningServer;
let local: number;
let national: number;
const tokens: Record<string, string> = {};
let cookie: string;

beforeAll(async () => {
	const file = path.join(path.dirname(db), 'huur.csv');
	fs.writeFileSync(file, EXPORT);
	importExport(db, file);
	tokens.kt = userWithToken(db, {
		email: 'kt@leeuwarden.example',
		role: 'kwaliteitsteam',
		gemeente: ['GM0080']
	});
	tokens.college = userWithToken(db, {
		email: 'college@leeuwarden.example',
		role: 'college',
		gemeente: ['GM0080']
	});
	tokens.utrecht = userWithToken(db, {
		email: 'kt@utrecht.example',
		role: 'kwaliteitsteam',
		gemeente: ['GM0344']
	});
	tokens.landelijk = userWithToken(db, { email: 'l@programma.example', role: 'landelijk' });
	// Kwesties are registered when the signal list is read; here directly, before the server holds the file.
	const store = await openStore(db);
	try {
		const key = kwestieKey(LABEL);
		const ids = await registerKwesties(store, [
			{ scope: 'GM0080', key, label: LABEL },
			{ scope: NATIONAL_SCOPE, key, label: LABEL }
		]);
		local = ids.get(`GM0080|${key}`)!;
		national = ids.get(`${NATIONAL_SCOPE}|${key}`)!;
		const kt = {
			id: 1,
			email: 'kt@leeuwarden.example',
			role: 'kwaliteitsteam' as const,
			reach: { all: false as const, gemeenten: ['GM0080'] }
		};
		expect(
			await changeKwestie(store, kt, local, {
				status: 'geagendeerd',
				owner: null,
				urgency: 'hoog',
				agenda: 'landelijk',
				rule: 'Wht art. 7',
				measure: null,
				measureOn: null
			})
		).toBe('changed');
	} finally {
		store.close();
	}
	server = await startServer({ db });
	cookie = await loginCookie(server, 'kt@leeuwarden.example');
});

afterAll(async () => {
	await server?.stop();
	removeDb(db);
});

const melding = (id: number | string, auth: { token?: string; cookie?: string }, query = '') =>
	request(server, `/kwesties/${id}/melding${query}`, auth);

describe('the melding download', () => {
	it('gives the kwaliteitsteam the JSON document as an attachment, with figures of its own cases only', async () => {
		const r = await melding(local, { token: tokens.kt }, '?format=json');
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toMatch(/^application\/json/);
		expect(r.headers.get('content-disposition')).toBe(
			`attachment; filename="kwestie-${local}-landelijk.json"`
		);
		expect(r.headers.get('cache-control')).toBe('no-store');
		const doc = r.body as EscalationDocument;
		expect(doc).toMatchObject({
			version: 1,
			kwestie: {
				label: LABEL,
				status: 'geagendeerd',
				statusName: 'Geagendeerd',
				agenda: 'landelijk',
				rule: 'Wht art. 7'
			},
			gemeente: { code: 'GM0080', naam: 'Leeuwarden' },
			period: { first: '2025-01-10', last: '2025-05-20' },
			cases: 3,
			gemeenten: 1,
			money: { spent: 1500.5, savingsLow: 0, savingsHigh: 0 },
			generatedBy: 'kwaliteitsteam'
		});
		expect(doc.laws.map((l) => [l.code, l.cases])).toEqual([
			['Wht', 3],
			['Awir', 1]
		]);
		expect(doc.articles).toEqual([{ code: 'Wht art. 7', cases: 2 }]);
		expect(doc.knelpunten.map((k) => [k.code, k.niveau, k.cases])).toEqual([
			['2B', 'macro', 2],
			['4', 'meso', 1]
		]);
		expect(doc.triedLocally.oplossingen).toEqual([
			{ oplossing: 'voorschot', cases: 2 },
			{ oplossing: 'kwijtschelding', cases: 1 }
		]);
		expect(doc.triedLocally.escalatieSteps.filter((s) => s.cases > 0).map((s) => s.code)).toEqual([
			'team',
			'lokale_tafel',
			'maatwerkloket'
		]);
		// Two of the three cases have a summary; the one that reached the Maatwerkloket comes first.
		expect(doc.examples).toEqual([
			{
				aangemeld_op: '2025-01',
				escalatie: 'maatwerkloket',
				samenvatting: 'Toeslag teruggevorderd na verhuizing.'
			},
			{ aangemeld_op: '2025-03', escalatie: 'lokale_tafel', samenvatting: 'Vorige bewoner nog ingeschreven.' }
		]);
		expect(r.text).not.toMatch(/HT-\d|Utrechtse|GM0344|kt@leeuwarden/);
	});

	it('shows the printable HTML inline by default, the label escaped and the figures in Dutch formats', async () => {
		const r = await melding(local, { cookie });
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(r.headers.get('content-disposition')).toBe(`inline; filename="kwestie-${local}-landelijk.html"`);
		expect(r.headers.get('cache-control')).toBe('no-store');
		expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
		expect(r.text).toMatch(/^<!DOCTYPE html>\n<html lang="nl">/);
		expect(r.text).toContain('Huur &amp; &lt;toeslag&gt; bij &quot;vorige&quot; bewoner');
		expect(r.text).not.toContain('<toeslag>');
		expect(r.text).toContain('<dt>Casussen</dt><dd>3</dd>');
		expect(r.text).toMatch(/<dd>€\s1\.500,50<\/dd>/);
		expect(r.text).toContain('10-01-2025 tot en met 20-05-2025');
		expect(r.text).toContain('januari 2025');
		expect(r.text).toContain('Voorbeeld 2');
	});

	it('passes axe in Chromium and prints to A4 with its own style', async () => {
		let browser: Browser | undefined;
		try {
			browser = await launchBrowser();
			const context = await browser.newContext({ locale: 'nl-NL', extraHTTPHeaders: { cookie } });
			const page = await context.newPage();
			const response = await page.goto(`${server.url}/kwesties/${local}/melding`);
			expect(response?.status()).toBe(200);
			expect(await page.locator('h1').textContent()).toBe(`Melding aan het landelijk programma: ${LABEL}`);
			// The inline style is applied under the document's own content security policy.
			expect(
				await page
					.locator('h2')
					.first()
					.evaluate((h) => getComputedStyle(h).borderBottomWidth)
			).toBe('2px');
			await expectAxeClean(page, 'melding');
			await page.emulateMedia({ media: 'print' });
			const pdf = Buffer.from(await page.pdf({ preferCSSPageSize: true }));
			expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
			// A4 is 595 × 842 points; Chromium writes 594.96 × 841.92.
			const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)];
			expect(boxes.length).toBeGreaterThan(0);
			for (const [, width, height] of boxes) {
				expect(Math.abs(Number(width) - 595)).toBeLessThan(1);
				expect(Math.abs(Number(height) - 842)).toBeLessThan(1);
			}
			await context.close();
		} finally {
			await browser?.close();
		}
	});

	it('refuses an unknown format with 400', async () => {
		const r = await melding(local, { token: tokens.kt }, '?format=pdf');
		expect(r.status).toBe(400);
	});

	it('answers 404 for another municipality’s user, a kwestie that does not exist and a malformed id', async () => {
		expect((await melding(local, { token: tokens.utrecht }, '?format=json')).status).toBe(404);
		expect((await melding(local, { token: tokens.utrecht })).status).toBe(404);
		expect((await melding(999_999, { token: tokens.kt }, '?format=json')).status).toBe(404);
		expect((await melding('abc', { token: tokens.kt }, '?format=json')).status).toBe(404);
		// A municipality's kwestie is not the national programme's, and the national one is not a municipality's.
		expect((await melding(local, { token: tokens.landelijk }, '?format=json')).status).toBe(404);
		expect((await melding(national, { token: tokens.kt }, '?format=json')).status).toBe(404);
	});

	it('gives the college the figures without examples', async () => {
		const r = await melding(local, { token: tokens.college }, '?format=json');
		expect(r.status).toBe(200);
		const doc = r.body as EscalationDocument;
		expect(doc.cases).toBe(3);
		expect(doc.examples).toEqual([]);
		expect(doc.generatedBy).toBe('college');
		const html = await melding(local, { token: tokens.college });
		expect(html.text).not.toContain('Voorbeeld 1');
		expect(html.text).not.toContain('Toeslag teruggevorderd');
	});

	it('gives the national programme its own kwestie over every municipality, as aggregates only', async () => {
		const r = await melding(national, { token: tokens.landelijk }, '?format=json');
		expect(r.status).toBe(200);
		expect(r.body).toMatchObject({
			gemeente: null,
			cases: 4,
			gemeenten: 2,
			examples: [],
			generatedBy: 'landelijk'
		});
	});

	it('audits each download and each refusal of an existing kwestie', async () => {
		await server.stop();
		const store = await openStore(db);
		try {
			const rows = await store.all<{ actor: string; object: string; result: string }>(
				`SELECT actor, object, result FROM audit_log WHERE action = 'kwestie melding downloaden' ORDER BY id`
			);
			const count = (actor: string, object: string, result: string) =>
				rows.filter((r) => r.actor === actor && r.object === object && r.result === result).length;
			// JSON and HTML by token, HTML by cookie, HTML in Chromium; the 400 is not a download.
			expect(count('kt@leeuwarden.example', `kwestie ${local}`, 'ok')).toBe(3);
			expect(count('kt@utrecht.example', `kwestie ${local}`, 'geweigerd')).toBe(2);
			expect(count('l@programma.example', `kwestie ${local}`, 'geweigerd')).toBe(1);
			expect(count('kt@leeuwarden.example', `kwestie ${national}`, 'geweigerd')).toBe(1);
			expect(count('college@leeuwarden.example', `kwestie ${local}`, 'ok')).toBe(2);
			expect(count('l@programma.example', `kwestie ${national}`, 'ok')).toBe(1);
			expect(rows.length).toBe(10);
		} finally {
			store.close();
		}
	});
});
