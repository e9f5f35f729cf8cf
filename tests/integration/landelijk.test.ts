/** Against the built server: the landelijk role sees aggregates only; no page or endpoint under src/routes shows it a case row; national packages come in only within reach and signed with the registered key. */
import { createHash } from 'node:crypto';
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
/** This installation's public package key, as `aggregate key` prints it. */
let installationKey = '';
const UTRECHT_BEHEERDER = 'beheer@utrecht.example';
const ALLE_BEHEERDER = 'beheer@alle.example';

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
	// Signed with this installation's own key, which is registered for Leeuwarden.
	const pkg = path.join(path.dirname(db), 'pakket.json');
	installationKey = (cli(['aggregate', 'key', '--json'], { db }).json as { key: string }).key;
	expect(cli(['aggregate', 'trust', '--gemeente', 'GM0080', '--key', installationKey], { db }).code).toBe(0);
	expect(cli(['aggregate', 'export', pkg, '--gemeente', 'GM0080', '--period', '2025'], { db }).code).toBe(0);
	expect(cli(['aggregate', 'import', pkg], { db }).code).toBe(0);
	addUser(db, { email: UTRECHT_BEHEERDER, role: 'beheerder', gemeente: ['GM0344'] });
	addUser(db, { email: ALLE_BEHEERDER, role: 'beheerder', gemeente: ['alle'] });
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

/** Posts a form action as `use:enhance` does; returns SvelteKit's JSON action result. */
async function action(
	cookie: string,
	name: string,
	body: FormData
): Promise<{ type: string; status: number; text: string }> {
	const r = await request(
		server,
		`/beheer/pakketten?/${name}`,
		{ cookie },
		{ method: 'POST', headers: { accept: 'application/json', origin: server.url }, body }
	);
	const result = (typeof r.body === 'object' && r.body ? r.body : {}) as { type?: string; status?: number };
	return { type: String(result.type ?? r.status), status: Number(result.status ?? r.status), text: r.text };
}

/** A package file in the field `pakket`, as the import form sends it. */
function packageForm(document: unknown, name = 'pakket.json'): FormData {
	const form = new FormData();
	form.set('pakket', new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' }), name);
	return form;
}

function keyForm(gemeente: string, key: string): FormData {
	const form = new FormData();
	form.set('gemeente', gemeente);
	form.set('key', key);
	return form;
}

describe('national packages on the beheer page', () => {
	let utrecht = '';
	let alle = '';
	/** Utrecht's package of 2025 as its beheerder downloaded it. */
	let own: Record<string, unknown> = {};
	/** The review's reproduction: that package with gemeente 's-Gravenhage and the unkeyed SHA-256 recomputed. */
	let forged: Record<string, unknown> = {};

	beforeAll(async () => {
		utrecht = await loginCookie(server, UTRECHT_BEHEERDER);
		alle = await loginCookie(server, ALLE_BEHEERDER);
		const download = await request(server, '/beheer/pakketten/pakket?gemeente=GM0344&period=2025', {
			cookie: utrecht
		});
		expect(download.status).toBe(200);
		own = download.body as Record<string, unknown>;
		const changed = { ...own, gemeente: 'GM0518' };
		const blank = JSON.stringify({ ...changed, sha256: '', signature: '' });
		forged = { ...changed, sha256: createHash('sha256').update(blank).digest('hex') };
	});

	it('downloads version 2, signed with the key of this installation', () => {
		expect(own).toMatchObject({ version: 2, gemeente: 'GM0344', from: '2025-01-01', to: '2025-12-31' });
		expect(own.signature).toEqual({ alg: 'Ed25519', key: installationKey, value: expect.any(String) });
		// Nine Utrecht cases: published as 10, not as 9.
		expect((own.tables as Record<string, { total: unknown }>).uitkomst.total).toBe(10);
	});

	it('refuses the forged package of a beheerder of Utrecht by reach, stores nothing and logs it', async () => {
		const r = await action(utrecht, 'importeren', packageForm(forged, 'vervalst.json'));
		expect(r.type).toBe('failure');
		expect(r.status).toBe(403);
		expect(r.text).toContain("Het pakket is van 's-Gravenhage; die gemeente valt buiten uw bereik.");
		expect(r.text).not.toContain('ingelezen');
	});

	it('refuses the forged package of a beheerder of every municipality by its signature', async () => {
		const none = await action(alle, 'importeren', packageForm(forged, 'vervalst.json'));
		expect(none.type).toBe('failure');
		expect(none.text).toContain("Voor 's-Gravenhage is geen publieke sleutel geregistreerd");
		// Even when this installation's key were registered for 's-Gravenhage, the signature is Utrecht's.
		const trusted = await action(alle, 'registreren', keyForm('GM0518', installationKey));
		expect(trusted.type, trusted.text).toBe('success');
		const signed = await action(alle, 'importeren', packageForm(forged, 'vervalst.json'));
		expect(signed.type).toBe('failure');
		expect(signed.text).toContain(
			"De handtekening van het pakket klopt niet met de geregistreerde sleutel van 's-Gravenhage."
		);
		// A version 1 package is never read through the web.
		const { signature: _, ...rest } = own;
		const v1 = { ...rest, version: 1, sha256: '' };
		const sealed = { ...v1, sha256: createHash('sha256').update(JSON.stringify(v1)).digest('hex') };
		const old = await action(alle, 'importeren', packageForm(sealed, 'versie1.json'));
		expect(old.type).toBe('failure');
		expect(old.text).toContain('Het pakket is van versie 1 en niet ondertekend');
	});

	it('lets a beheerder register keys only within its reach, and then import its own package', async () => {
		const outside = await action(utrecht, 'registreren', keyForm('GM0518', installationKey));
		expect(outside.type).toBe('failure');
		expect(outside.status).toBe(403);
		expect(outside.text).toContain("'s-Gravenhage valt buiten uw bereik.");
		const badKey = await action(utrecht, 'registreren', keyForm('GM0344', 'abc'));
		expect(badKey.type).toBe('failure');
		expect(badKey.text).toContain('base64 van 32 bytes');
		const noKey = await action(utrecht, 'importeren', packageForm(own));
		expect(noKey.text).toContain('Voor Utrecht is geen publieke sleutel geregistreerd');
		const registered = await action(utrecht, 'registreren', keyForm('GM0344', installationKey));
		expect(registered.type, registered.text).toBe('success');
		const imported = await action(utrecht, 'importeren', packageForm(own));
		expect(imported.type, imported.text).toBe('success');
		expect(imported.text).toContain('Het pakket van Utrecht over 2025 is ingelezen.');
	});

	it('shows a beheerder only the packages, importers and keys of its own municipalities', async () => {
		const page = await request(server, '/beheer/pakketten', { cookie: utrecht });
		expect(page.status).toBe(200);
		expect(page.text).toContain('Utrecht (GM0344)');
		expect(page.text).toContain(installationKey);
		expect(page.text).not.toContain('Leeuwarden');
		expect(page.text).not.toContain('GM0518');
		const all = await request(server, '/beheer/pakketten', { cookie: alle });
		expect(all.text).toContain('Leeuwarden (GM0080)');
		expect(all.text).toContain('Utrecht (GM0344)');
		expect(all.text).toContain(UTRECHT_BEHEERDER);
		expect(all.text).toContain('s-Gravenhage (GM0518)');
	});

	it('has logged every refusal', async () => {
		const log = await request(server, '/download/audit?format=csv', { cookie: alle });
		expect(log.status).toBe(200);
		const refused = log.text.split('\n').filter((line) => line.includes('geweigerd'));
		expect(
			refused.filter((line) => line.includes('landelijk pakket importeren')).length
		).toBeGreaterThanOrEqual(5);
		expect(
			refused.filter((line) => line.includes('pakketsleutel registreren')).length
		).toBeGreaterThanOrEqual(2);
	});
});
