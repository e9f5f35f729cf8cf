/** Against the built server: the landelijk role sees aggregates only; no page or endpoint under src/routes shows it a case row. */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	addToken,
	addUser,
	cli,
	freshDb,
	importExport,
	loginCookie,
	projectDir,
	removeDb,
	request,
	sampleExport,
	startServer,
	type RunningServer
} from '../support/server';

const db = freshDb('landelijk');
let server: RunningServer;
let token = '';
let cookie = '';
let kwaliteitCookie = '';

/** A second municipality, with a summary text that must never reach the landelijk role either. */
const SECRET_SUMMARY = 'Vertrouwelijke-samenvatting-Utrecht';
const UTRECHT_EXPORT = [
	'casus_id;gemeente;aangemeld_op;status;leefgebieden;organisaties;kwestie;samenvatting',
	...Array.from(
		{ length: 9 },
		(_, i) => `UT-${i + 1};GM0344;0${i + 1}-03-2025;open;financiën|wonen;UWV;Geen postadres;${SECRET_SUMMARY}`
	)
].join('\n');

/** Every casus_id of the exports this portal holds. */
function casusIds(): string[] {
	const sample = fs
		.readFileSync(sampleExport, 'utf8')
		.split('\n')
		.slice(1)
		.filter(Boolean)
		.map((line) => line.split(';')[0]);
	return [...sample, ...Array.from({ length: 9 }, (_, i) => `UT-${i + 1}`)];
}

/** Page and endpoint addresses under src/routes, read from the tree: route groups dropped, one address per parameter value. */
function routeAddresses(): string[] {
	const root = path.join(projectDir, 'src', 'routes');
	const found: string[] = [];
	const walk = (dir: string, segments: string[]) => {
		const files = fs.readdirSync(dir, { withFileTypes: true });
		if (files.some((f) => f.isFile() && /^\+(page\.svelte|page\.server\.ts|server\.ts)$/.test(f.name))) {
			found.push('/' + segments.join('/'));
		}
		for (const f of files.filter((f) => f.isDirectory())) {
			walk(path.join(dir, f.name), /^\(.*\)$/.test(f.name) ? segments : [...segments, f.name]);
		}
	};
	walk(root, []);
	const pages = [...new Set(found)];
	// The views a download may name: every top-level page, and the views without one.
	const views = [
		...new Set([
			...pages.map((p) => p.split('/')[1]).filter((p) => p && !p.startsWith('[')),
			'dashboard',
			'kwestie',
			'audit'
		])
	];
	const values: Record<string, string[]> = { id: ['1', '2', '3'], view: views };
	const expand = (address: string): string[] => {
		const match = /\[([^\]]+)\]/.exec(address);
		if (!match) return [address];
		return (values[match[1]] ?? ['1']).flatMap((v) =>
			expand(address.replace(match[0], encodeURIComponent(v)))
		);
	};
	return pages.filter((p) => p !== '/logout' && p !== '/login').flatMap(expand);
}

/** The queries tried on every address: none, a matrix cell (the drill-down), kwestie and download variants. */
const PROBES = [
	'',
	'?cel=financi%C3%ABn%7Cwonen',
	'?cel=UWV%7CUWV',
	'?dimension=leefgebieden&cell=financi%C3%ABn%7Cwonen',
	'?dimension=organisaties&cell=UWV%7CUWV&limit=100',
	'?format=csv',
	'?format=xlsx',
	'?format=json',
	'?format=html',
	'?kwestie=1&format=xlsx',
	'?period=2025'
];

/** The text of a response, with an Excel workbook's cells read out. */
async function bodyText(r: { text: string; headers: Headers }, raw: ArrayBuffer): Promise<string> {
	if (!(r.headers.get('content-type') ?? '').includes('spreadsheetml')) return r.text;
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(raw);
	const cells: string[] = [];
	workbook.eachSheet((sheet) =>
		sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? ''))))
	);
	return cells.join('\n');
}

async function fetchAll(auth: { token?: string; cookie?: string }, address: string) {
	const headers = new Headers();
	if (auth.token) headers.set('authorization', `Bearer ${auth.token}`);
	if (auth.cookie) headers.set('cookie', auth.cookie);
	const response = await fetch(server.url + address, { redirect: 'manual', headers });
	const raw = await response.arrayBuffer();
	const text = new TextDecoder().decode(raw);
	return { status: response.status, text: await bodyText({ text, headers: response.headers }, raw) };
}

beforeAll(async () => {
	importExport(db, sampleExport);
	const utrecht = path.join(path.dirname(db), 'utrecht.csv');
	fs.writeFileSync(utrecht, UTRECHT_EXPORT);
	importExport(db, utrecht);
	// A package of Leeuwarden imported, so the comparison shows an imported package beside a computed one.
	const pkg = path.join(path.dirname(db), 'pakket.json');
	expect(cli(['aggregate', 'export', pkg, '--gemeente', 'GM0080', '--period', '2025'], { db }).code).toBe(0);
	expect(cli(['aggregate', 'import', pkg], { db }).code).toBe(0);
	addUser(db, { email: 'l@programma.example', role: 'landelijk' });
	token = addToken(db, 'l@programma.example');
	addUser(db, { email: 'kt@leeuwarden.example', role: 'kwaliteitsteam', gemeente: ['GM0080'] });
	server = await startServer({ db });
	cookie = await loginCookie(server, 'l@programma.example');
	kwaliteitCookie = await loginCookie(server, 'kt@leeuwarden.example');
	// Reading the signal list registers the municipality's kwesties, so /kwesties/<id> has pages to refuse.
	const list = await request(server, '/signalen?threshold=2&window_months=120&as_of=2025-12-31', {
		cookie: kwaliteitCookie
	});
	expect(list.status).toBe(200);
});

afterAll(async () => {
	await server?.stop();
	removeDb(db);
});

describe('the routes tree', () => {
	it('is read at test time and holds the pages this role uses', () => {
		const addresses = routeAddresses();
		for (const address of ['/', '/leefgebieden', '/vergelijking', '/beheer/pakketten', '/api/v1/counts']) {
			expect(addresses).toContain(address);
		}
		expect(addresses).toContain('/download/leefgebieden');
		expect(addresses).toContain('/kwesties/1');
	});
});

describe('a case-level role, for contrast', () => {
	it('does see casus ids in a drill-down, so the check below can find them', async () => {
		const r = await fetchAll(
			{ cookie: kwaliteitCookie },
			'/leefgebieden?cel=financi%C3%ABn%7Cfinanci%C3%ABn'
		);
		expect(r.status).toBe(200);
		expect(casusIds().some((id) => r.text.includes(id))).toBe(true);
	});
});

describe('the landelijk role', () => {
	const ids = casusIds();

	for (const [how, auth] of [
		['with a session', () => ({ cookie })],
		['with an API token', () => ({ token })]
	] as const) {
		it(`gets no casus_id nor a summary from any page or endpoint, ${how}`, async () => {
			let requests = 0;
			const ok: string[] = [];
			for (const address of routeAddresses()) {
				for (const probe of PROBES) {
					const r = await fetchAll(auth(), address + probe);
					requests++;
					expect(r.status, address + probe).toBeLessThan(500);
					if (r.status === 200) ok.push(address + probe);
					for (const id of ids) expect(r.text, `${address + probe} shows ${id}`).not.toContain(id);
					expect(r.text, address + probe).not.toContain(SECRET_SUMMARY);
				}
			}
			expect(requests).toBeGreaterThan(100);
			// It did get its aggregates: the pages answered, not a login redirect.
			expect(ok).toContain('/vergelijking');
			expect(ok).toContain('/leefgebieden');
			expect(ok).toContain('/api/v1/counts?dimension=leefgebieden&cell=financi%C3%ABn%7Cwonen');
		});
	}

	it('is refused every case-level endpoint with 403 or 404', async () => {
		for (const address of [
			'/api/v1/cooccurrence/cases?dimension=leefgebieden&cell=financi%C3%ABn%7Cwonen',
			'/import',
			'/import/1/problemen',
			'/kwesties/1',
			'/kwesties/1/melding?format=json',
			'/beheer'
		]) {
			for (const auth of [{ cookie }, { token }]) {
				const r = await request(server, address, auth);
				expect([403, 404], address).toContain(r.status);
			}
		}
	});

	it('sees the matrix without links to cases, and the comparison with the imported package', async () => {
		const matrix = await request(server, '/leefgebieden?cel=financi%C3%ABn%7Cwonen', { cookie });
		expect(matrix.status).toBe(200);
		expect(matrix.text).not.toContain('casussen-kop');
		const comparison = await request(server, '/vergelijking?period=2025', { cookie });
		expect(comparison.status).toBe(200);
		expect(comparison.text).toContain('Geïmporteerd pakket');
		expect(comparison.text).toContain('Berekend uit de portal');
		expect(comparison.text).toContain('Utrecht');
		const download = await request(
			server,
			'/download/vergelijking?period=2025&format=csv&tabel=vergelijking-gemeenten',
			{
				token
			}
		);
		expect(download.status).toBe(200);
		expect(download.text).toContain('Leeuwarden');
	});
});
