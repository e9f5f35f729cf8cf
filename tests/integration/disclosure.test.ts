/** Against the built server: the leaks of issue 17 closed. Landelijk gets whole periods and protected counts only; college and landelijk get signals from 3 cases, by month. */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const ARROW = 'application/vnd.apache.arrow.stream';
const SUMMARY = 'Geheime-samenvatting-Q1';
const db = freshDb('disclosure');
let server: RunningServer;
const tokens: Record<string, string> = {};
const cookies: Record<string, string> = {};

/** One row of the export, in Leeuwarden. */
const row = (id: string, day: string, wet: string, kwestie: string) =>
	`${id};GM0080;${day};open;wonen|financiën;${wet};${kwestie};${SUMMARY} ${id}`;

/**
 * The first quarter of 2025 in Leeuwarden: 9 cases under the Pw ("Kwestie negen"), 3 under the Wmo
 * ("Kwestie drie"), 1 under the Wlz ("Kwestie een", in the week of 3 March) and 2 without a law
 * ("Kwestie twee").
 */
const EXPORT = [
	'casus_id;gemeente;aangemeld_op;status;leefgebieden;wetten;kwestie;samenvatting',
	...Array.from({ length: 9 }, (_, i) =>
		row(`P-${i + 1}`, `2025-0${1 + (i % 3)}-1${i}`, 'Pw', 'Kwestie negen')
	),
	...Array.from({ length: 3 }, (_, i) => row(`W-${i + 1}`, `2025-02-0${i + 1}`, 'Wmo 2015', 'Kwestie drie')),
	row('E-1', '2025-03-04', 'Wlz', 'Kwestie een'),
	row('T-1', '2025-02-10', '', 'Kwestie twee'),
	row('T-2', '2025-02-11', '', 'Kwestie twee')
].join('\n');

/** Every day on which a case came in. */
const DAYS = EXPORT.split('\n')
	.slice(1)
	.map((line) => line.split(';')[2]);

const QUARTER = 'from=2025-01-01&to=2025-03-31';
const WEEK = 'gemeente=GM0080&from=2025-03-03&to=2025-03-07';

beforeAll(async () => {
	const file = path.join(path.dirname(db), 'q1.csv');
	fs.writeFileSync(file, EXPORT);
	importExport(db, file);
	tokens.landelijk = userWithToken(db, { email: 'l@programma.example', role: 'landelijk' });
	tokens.college = userWithToken(db, {
		email: 'college@leeuwarden.example',
		role: 'college',
		gemeente: ['GM0080']
	});
	tokens.kwaliteit = userWithToken(db, {
		email: 'kt@leeuwarden.example',
		role: 'kwaliteitsteam',
		gemeente: ['GM0080']
	});
	server = await startServer({ db });
	cookies.landelijk = await loginCookie(server, 'l@programma.example');
	cookies.college = await loginCookie(server, 'college@leeuwarden.example');
});

afterAll(async () => {
	await server?.stop();
	removeDb(db);
});

/** Every number in a JSON answer, however deep. */
function numbers(value: unknown): number[] {
	if (typeof value === 'number') return [value];
	if (Array.isArray(value)) return value.flatMap(numbers);
	if (value && typeof value === 'object') return Object.values(value).flatMap(numbers);
	return [];
}

async function xlsxText(raw: ArrayBuffer): Promise<string> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(raw);
	const cells: string[] = [];
	workbook.eachSheet((sheet) =>
		sheet.eachRow((r) => r.eachCell((cell) => cells.push(String(cell.value ?? ''))))
	);
	return cells.join('\n');
}

describe('periods for landelijk', () => {
	it('refuse one municipality in one week with 400 and a Dutch message, on the API, a page and a download', async () => {
		const counts = await request(server, `/api/v1/counts?dimension=wetten&${WEEK}`, {
			token: tokens.landelijk
		});
		expect(counts.status).toBe(400);
		expect(counts.text).toContain('kwartaal, halfjaar of jaar');
		for (const address of [
			`/api/v1/cooccurrence?dimension=wetten&${WEEK}`,
			`/api/v1/signals?${WEEK}`,
			'/api/v1/counts?dimension=wetten&from=2025-01-01'
		]) {
			expect((await request(server, address, { token: tokens.landelijk })).status, address).toBe(400);
		}
		for (const address of [`/wetten?${WEEK}`, `/download/wetten?format=csv&${WEEK}`]) {
			expect((await request(server, address, { cookie: cookies.landelijk })).status, address).toBe(400);
		}
		// The same week stays open to the college, which sees its own municipality exactly.
		const college = await request(server, `/api/v1/counts?dimension=wetten&${WEEK}`, {
			token: tokens.college
		});
		expect(college.body).toMatchObject({ counts: [{ label: 'Wlz', cases: 1 }], cases: 1 });
	});
});

describe('counts for landelijk', () => {
	it('of one quarter hold no count from 1 to 7, as JSON', async () => {
		const counts = await request(server, `/api/v1/counts?dimension=wetten&${QUARTER}`, {
			token: tokens.landelijk
		});
		expect(counts.status).toBe(200);
		const body = counts.body as { counts: { label: string; cases: unknown }[]; cases: unknown };
		expect(Object.fromEntries(body.counts.map((c) => [c.label, c.cases]))).toEqual({
			Pw: 10,
			'Wmo 2015': 'geheim',
			Wlz: 'geheim'
		});
		expect(body.cases).toBe(15);
	});

	it('of one quarter hold no count from 1 to 7 in the co-occurrence matrix', async () => {
		const matrix = await request(server, `/api/v1/cooccurrence?dimension=wetten&${QUARTER}`, {
			token: tokens.landelijk
		});
		expect(matrix.status).toBe(200);
		const figures = numbers(matrix.body);
		expect(figures.filter((n) => n >= 1 && n <= 7)).toEqual([]);
		expect(JSON.stringify(matrix.body)).toContain('geheim');
	});

	it('of one quarter hold no count from 1 to 7 in the Arrow stream, and flag the secret nulls', async () => {
		const response = await fetch(`${server.url}/api/v1/counts?dimension=wetten&${QUARTER}`, {
			headers: { authorization: `Bearer ${tokens.landelijk}`, accept: ARROW }
		});
		expect(response.status).toBe(200);
		const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()));
		expect(table.schema.fields.map((f) => f.name)).toEqual(['label', 'cases', 'cases_geheim']);
		const rows = table
			.toArray()
			.map((r) => r.toJSON() as { label: string; cases: number | null; cases_geheim: boolean });
		expect(rows.filter((r) => r.cases !== null && r.cases >= 1 && r.cases <= 7)).toEqual([]);
		for (const r of rows) expect(r.cases === null).toBe(r.cases_geheim);
		expect(rows.find((r) => r.label === 'Pw')).toEqual({ label: 'Pw', cases: 10, cases_geheim: false });
		expect(table.schema.metadata.get('cases')).toBe('15');
	});
});

interface Signals {
	threshold: number;
	as_of: string;
	signals: { kwestie: string; cases: number | 'geheim'; first: string; last: string; gemeenten: number }[];
}

describe('signals for landelijk', () => {
	it('start at 3, say so, give months and protected counts', async () => {
		const r = await request(server, '/api/v1/signals?threshold=1&as_of=2025-03-31&window_months=3', {
			token: tokens.landelijk
		});
		expect(r.status).toBe(200);
		const body = r.body as Signals;
		expect(body.threshold).toBe(3);
		expect(body.signals.map((s) => [s.kwestie, s.cases, s.first, s.last, s.gemeenten])).toEqual([
			['Kwestie negen', 10, '2025-01', '2025-03', 1],
			['Kwestie drie', 'geheim', '2025-02', '2025-02', 1]
		]);
		for (const s of body.signals) expect([s.first, s.last].join(' ')).toMatch(/^\d{4}-\d{2} \d{4}-\d{2}$/);
	});

	it('end by default on a quarter and span 3, 6 or 12 months', async () => {
		const r = await request(server, '/api/v1/signals', { token: tokens.landelijk });
		expect(r.status).toBe(200);
		expect((r.body as Signals).as_of).toMatch(/-(03-31|06-30|09-30|12-31)$/);
		const wrong = await request(server, '/api/v1/signals?window_months=2&as_of=2025-03-31', {
			token: tokens.landelijk
		});
		expect(wrong.status).toBe(400);
		expect(wrong.text).toContain('3, 6 of 12 maanden');
		const page = await request(server, '/signalen?threshold=1&as_of=2025-03-31&window_months=3', {
			cookie: cookies.landelijk
		});
		expect(page.status).toBe(200);
		expect(page.text).toContain('Kwestie drie');
		expect(page.text).not.toContain('Kwestie een');
		expect(page.text).toContain('geheim');
	});
});

describe('signals for college', () => {
	const query = `threshold=1&${QUARTER}&as_of=2025-03-31&window_months=12`;

	it('in the API start at 3 and give months', async () => {
		const body = (await request(server, `/api/v1/signals?${query}`, { token: tokens.college }))
			.body as Signals;
		expect(body.threshold).toBe(3);
		expect(body.signals.every((s) => typeof s.cases === 'number' && s.cases >= 3)).toBe(true);
		expect(body.signals.map((s) => [s.kwestie, s.cases, s.first])).toEqual([
			['Kwestie negen', 9, '2025-01'],
			['Kwestie drie', 3, '2025-02']
		]);
		// The kwaliteitsteam keeps its own threshold, for contrast.
		const team = (await request(server, `/api/v1/signals?${query}`, { token: tokens.kwaliteit }))
			.body as Signals;
		expect(team.threshold).toBe(1);
		expect(team.signals.map((s) => s.kwestie)).toContain('Kwestie een');
	});

	it('in the download give no signal under 3 cases, no day and no case, as CSV and XLSX', async () => {
		const csv = await request(server, `/download/signalen?format=csv&${query}`, { cookie: cookies.college });
		expect(csv.status).toBe(200);
		const xlsx = await fetch(`${server.url}/download/signalen?format=xlsx&${query}`, {
			headers: { cookie: cookies.college }
		});
		expect(xlsx.status).toBe(200);
		for (const text of [csv.text, await xlsxText(await xlsx.arrayBuffer())]) {
			expect(text).toContain('Kwestie drie');
			expect(text).not.toContain('Kwestie een');
			expect(text).not.toContain('Kwestie twee');
			expect(text).not.toContain(SUMMARY);
			for (const day of DAYS) {
				expect(text).not.toContain(day);
				expect(text).not.toContain(day.split('-').reverse().join('-'));
			}
		}
	});

	it('on the page give no signal under 3 cases', async () => {
		const page = await request(server, `/signalen?${query}`, { cookie: cookies.college });
		expect(page.status).toBe(200);
		expect(page.text).toContain('Kwestie drie');
		expect(page.text).not.toContain('Kwestie een');
		expect(page.text).not.toContain('04-03-2025');
	});

	it('never reach the cases behind a cell, nor does landelijk', async () => {
		const cell = `/api/v1/cooccurrence/cases?dimension=wetten&cell=${encodeURIComponent('Pw|Pw')}`;
		expect((await request(server, cell, { token: tokens.college })).status).toBe(403);
		expect((await request(server, cell, { token: tokens.landelijk })).status).toBe(403);
	});
});
