/** The national package on a real DuckDB file: periods, round trip, the seal and signature, suppression in the sample, comparison rates and the national signal list. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, closeTempStore, openTempStore, runImport, type Store } from '../ingest/fixtures/helpers';
import {
	CBS_RULES,
	protectTable,
	roundAmount,
	roundTo,
	type Published,
	type PublishedTable
} from './disclosure';
import { loadOrCreateKeyPair, type KeyPair } from './installation-key';
import { signPackage } from './signing';
import {
	buildPackage,
	importPackage,
	listPackages,
	packageHash,
	packagesOfPeriod,
	protectSymmetric,
	verifyPackage,
	PACKAGE_TABLES,
	type NationalPackage
} from './package';
import { parsePeriod, periodLabel, periodOf, periodsOfYear } from './period';
import { comparisonView, gemeenteRows, sizeClassRows } from './comparison';
import type { ComparedPackage } from './compared';
import { per10k, share } from './comparison-figures';
import { nationalSignals, signalSuggestions } from './national-signals';
import { mayCompare, setPeersEnabled } from './peers';
import type { SessionUser } from '$lib/domain/roles';

const EXACT = { minimum: 0, rounding: 1, publishZero: true, amountCents: 1 };

/** A key pair of its own in a temporary folder, as an installation has one. */
function testKeyPair(): KeyPair {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pakket-sleutel-'));
	try {
		return loadOrCreateKeyPair(path.join(dir, 'package-key.pem'));
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}
const pair = testKeyPair();

describe('periods', () => {
	it('turns a year, a half-year and a quarter into their first and last day', () => {
		expect(parsePeriod('2025')).toMatchObject({
			period: '2025',
			from: '2025-01-01',
			to: '2025-12-31',
			months: 12,
			name: 'jaar 2025'
		});
		expect(parsePeriod('2025-h2')).toMatchObject({
			period: '2025-H2',
			from: '2025-07-01',
			to: '2025-12-31',
			months: 6,
			name: 'tweede halfjaar 2025'
		});
		expect(parsePeriod('2024-Q1')).toMatchObject({ from: '2024-01-01', to: '2024-03-31', months: 3 });
		expect(parsePeriod('2024-Q3')).toMatchObject({ from: '2024-07-01', to: '2024-09-30' });
		expect(parsePeriod('2024-Q4')).toMatchObject({ to: '2024-12-31' });
	});

	it('refuses anything that is not one whole period', () => {
		for (const bad of ['2025-Q5', '2025-H3', '2025-07', '25', '2025-01-01', 'jaar', '']) {
			expect(parsePeriod(bad), bad).toBeNull();
		}
		expect(periodOf('2025-07-01', '2025-09-30')?.period).toBe('2025-Q3');
		expect(periodLabel('2025')).toBe('2025');
		expect(periodLabel('2025-Q3')).toBe('derde kwartaal 2025');
		expect(periodLabel('2025-h1')).toBe('eerste halfjaar 2025');
		expect(periodOf('2025-07-01', '2025-09-29')).toBeNull();
		expect(periodOf('2025-02-01', '2025-04-30')).toBeNull();
		expect(periodsOfYear(2025).map((p) => p.period)).toEqual([
			'2025',
			'2025-H1',
			'2025-H2',
			'2025-Q1',
			'2025-Q2',
			'2025-Q3',
			'2025-Q4'
		]);
	});
});

/** The published entries of a table with their exact counterparts, totals included. */
function entries(published: PublishedTable, exact: PublishedTable): [Published, number][] {
	const flat = (t: PublishedTable) => [...t.cells.flat(), ...t.rowTotals, ...t.colTotals, t.total];
	const exactValues = flat(exact) as number[];
	return flat(published).map((value, i) => [value, exactValues[i]]);
}

describe('package of the sample', () => {
	let store: Store;
	const y2025 = parsePeriod('2025')!;

	beforeEach(async () => {
		store = await openTempStore();
		const result = await runImport(store, path.join(FIXTURES, 'leeuwarden-2024-2025.csv'));
		expect(result.status).toBe('imported');
	});
	afterEach(() => closeTempStore(store));

	it('is sealed with the SHA-256 of its JSON with sha256 and signature empty, in document order, and signed', async () => {
		const pkg = signPackage(await buildPackage(store.db, 'GM0080', y2025), pair);
		expect(Object.keys(pkg)).toEqual([
			'version',
			'gemeente',
			'from',
			'to',
			'sha256',
			'signature',
			'tables',
			'figures',
			'kwestieStatus'
		]);
		expect(Object.keys(pkg.tables)).toEqual([...PACKAGE_TABLES]);
		const text = JSON.stringify(pkg)
			.replace(`"sha256":"${pkg.sha256}"`, '"sha256":""')
			.replace(JSON.stringify({ signature: pkg.signature }).slice(1, -1), '"signature":""');
		expect(text).toContain('"sha256":"","signature":"","tables"');
		expect(pkg.sha256).toBe(createHash('sha256').update(text).digest('hex'));
		expect(pkg).toMatchObject({ version: 2, gemeente: 'GM0080', from: '2025-01-01', to: '2025-12-31' });
		expect(pkg.signature).toEqual({ alg: 'Ed25519', key: pair.publicKey, value: expect.any(String) });
		expect(Buffer.from(pkg.signature!.value, 'base64')).toHaveLength(64);
	});

	it('publishes the 18 cases of 2025 as 20, zeros as 0, and hides every count from 1 to 7', async () => {
		const pkg = await buildPackage(store.db, 'GM0080', y2025);
		const exact = await buildPackage(store.db, 'GM0080', y2025, EXACT);
		expect(exact.tables.uitkomst.total).toBe(18);
		for (const name of PACKAGE_TABLES)
			// No kwestie reached the threshold in the sample: a table of no rows, whose total 0 is published.
			expect(pkg.tables[name].total, name).toBe(name === 'kwesties' ? 0 : 20);
		// 14 solved, 4 open: the open ones are hidden, the solved ones rounded to 15.
		const uitkomst = pkg.tables.uitkomst;
		expect(uitkomst.rows).toEqual([
			'opgelost',
			'deels_opgelost',
			'niet_opgelost',
			'zonder_uitkomst',
			'ingetrokken',
			'open'
		]);
		// The 4 open ones give away nothing with the column total: the smallest other row (a 0) is hidden too.
		expect(uitkomst.cells.map((c) => c[0])).toEqual([15, 'geheim', 0, 0, 0, 'geheim']);
		expect(pkg.tables.escalatie.cells[pkg.tables.escalatie.rows.indexOf('lokale_tafel')][0]).toBe(15);
		expect(pkg.tables.escalatie.cells[pkg.tables.escalatie.rows.indexOf('bestuurlijk')][0]).toBe('geheim');
		for (const name of PACKAGE_TABLES) {
			for (const [value, count] of entries(pkg.tables[name], exact.tables[name])) {
				if (count === 0) expect([0, 'geheim'], `${name}: ${count}`).toContain(value);
				else if (count < CBS_RULES.minimum) expect(value, `${name}: ${count}`).toBe('geheim');
				else if (value !== 'geheim')
					expect(value, `${name}: ${count}`).toBe(roundTo(count, CBS_RULES.rounding));
			}
		}
		// No end dates in the sample: lead times rest on no case and are hidden; amounts rest on 14 cases.
		expect(pkg.figures.leadTimeMedian).toBe('geheim');
		expect(exact.figures.spend).toBeGreaterThan(0);
		expect(exact.figures.spend).not.toBe(roundAmount(exact.figures.spend as number));
		expect(pkg.figures.spend).toBe(roundAmount(exact.figures.spend as number));
		expect((pkg.figures.spend as number) % 1000).toBe(0);
	});

	it('keeps the leefgebieden table equal to the margins of the pairs', async () => {
		const pkg = await buildPackage(store.db, 'GM0080', y2025);
		const paren = pkg.tables.leefgebieden_paren;
		expect(pkg.tables.leefgebieden.cells.map((c) => c[0])).toEqual(paren.rowTotals);
		expect(paren.colTotals).toEqual(paren.rowTotals);
		paren.cells.forEach((row, i) => row.forEach((value, j) => expect(value).toBe(paren.cells[j][i])));
	});

	it('hides every count of a quarter with 3 cases but the zeros', async () => {
		const pkg = await buildPackage(store.db, 'GM0080', parsePeriod('2025-Q3')!);
		const exact = await buildPackage(store.db, 'GM0080', parsePeriod('2025-Q3')!, EXACT);
		expect(exact.tables.escalatie.total).toBe(3);
		for (const name of PACKAGE_TABLES) {
			const t = pkg.tables[name];
			expect(
				[...t.cells.flat(), ...t.rowTotals, ...t.colTotals].every((v) => v === 'geheim' || v === 0),
				name
			).toBe(true);
			// The kwesties table has no row: no kwestie reached the threshold, which is 0 kwesties.
			expect(t.total, name).toBe(name === 'kwesties' ? 0 : 'geheim');
		}
		expect(Object.values(pkg.figures).every((v) => v === 'geheim')).toBe(true);
	});

	it('round trip: export, verify, import and read back the same tables; a second import replaces the first', async () => {
		const pkg = signPackage(await buildPackage(store.db, 'GM0080', y2025), pair);
		const file = JSON.stringify(pkg, null, 2);
		const verified = verifyPackage(file);
		expect(verified).toEqual({ ok: true, package: pkg });
		if (!verified.ok) return;
		expect(await importPackage(store.db, verified.package, 'beheer@example.nl')).toEqual({
			replaced: false,
			period: '2025'
		});
		expect(await importPackage(store.db, verified.package, 'beheer@example.nl')).toEqual({
			replaced: true,
			period: '2025'
		});
		const stored = await packagesOfPeriod(store.db, y2025);
		expect(stored).toHaveLength(1);
		expect(stored[0].pkg).toEqual(pkg);
		expect(await packagesOfPeriod(store.db, parsePeriod('2025-H1')!)).toEqual([]);
		const list = await listPackages(store.db, { all: true });
		expect(list.map((p) => [p.gemeente, p.naam, p.period, p.from, p.to, p.importedBy])).toEqual([
			['GM0080', 'Leeuwarden', '2025', '2025-01-01', '2025-12-31', 'beheer@example.nl']
		]);
		const logged = await store.db.all<{ action: string }>(
			"SELECT action FROM audit_log WHERE action = 'landelijk pakket importeren'"
		);
		expect(logged).toHaveLength(2);
	});

	it('lists only the packages of municipalities within reach', async () => {
		const leeuwarden = signPackage(await buildPackage(store.db, 'GM0080', y2025), pair);
		const utrecht = { ...leeuwarden, gemeente: 'GM0344' };
		await importPackage(store.db, leeuwarden, 'beheer@leeuwarden.example.nl');
		await importPackage(store.db, utrecht, 'beheer@utrecht.example.nl');
		const listed = async (gemeenten: string[]) =>
			(await listPackages(store.db, { all: false, gemeenten })).map((p) => [p.gemeente, p.importedBy]);
		expect(await listed(['GM0344'])).toEqual([['GM0344', 'beheer@utrecht.example.nl']]);
		expect(await listed(['GM0363'])).toEqual([]);
		expect((await listPackages(store.db, { all: true })).map((p) => p.gemeente)).toEqual([
			'GM0080',
			'GM0344'
		]);
	});

	it('refuses a package changed after sealing, with a Dutch message', async () => {
		const pkg = signPackage(await buildPackage(store.db, 'GM0080', y2025), pair);
		const tampered = structuredClone(pkg);
		tampered.tables.escalatie.cells[2][0] = 20;
		const result = verifyPackage(JSON.stringify(tampered));
		expect(result).toEqual({
			ok: false,
			message: 'Het pakket is na het maken gewijzigd: de SHA-256 klopt niet met de inhoud.'
		});
	});

	it('refuses malformed packages and counts no disclosure control produces, even when resealed', async () => {
		const pkg = signPackage(await buildPackage(store.db, 'GM0080', y2025), pair);
		const reseal = (change: (doc: Record<string, unknown> & NationalPackage) => void) => {
			const doc = structuredClone(pkg) as Record<string, unknown> & NationalPackage;
			change(doc);
			return JSON.stringify({ ...doc, sha256: packageHash(doc) });
		};
		const message = (input: string) => {
			const r = verifyPackage(input);
			return r.ok ? 'ok' : r.message;
		};
		expect(message('{"version": 2,')).toBe('Het pakket is geen geldig JSON-bestand.');
		expect(message('[]')).toBe('Het pakket is geen JSON-object.');
		expect(message(reseal((d) => Object.assign(d, { version: 3 })))).toMatch(/^Onbekende versie 3 /);
		expect(message(reseal((d) => delete d.signature))).toBe(
			'Het pakket is niet ondertekend: de handtekening (signature) ontbreekt.'
		);
		expect(message(reseal((d) => (d.figures.spend = 1234)))).toBe(
			"Het bedrag spend is niet afgerond op hele duizenden euro's."
		);
		expect(message(reseal((d) => (d.tables.uitkomst.cells[5][0] = 0)))).toBe('ok');
		expect(message(reseal((d) => (d.tables.uitkomst.cells[5][0] = 4)))).toBe(
			'Tabel uitkomst: het aantal 4 is niet afgerond op een veelvoud van 5.'
		);
		expect(message(reseal((d) => (d.tables.uitkomst.cells[5][0] = 5)))).toBe(
			'Tabel uitkomst: het aantal 5 is kleiner dan 8 en niet geheim.'
		);
		expect(message(reseal((d) => delete (d.tables as Partial<NationalPackage['tables']>).wetten))).toBe(
			'De tabel wetten ontbreekt.'
		);
		expect(message(reseal((d) => (d.to = '2025-11-30')))).toBe(
			'Het pakket dekt geen heel kwartaal, halfjaar of jaar.'
		);
		expect(message(reseal((d) => (d.gemeente = 'GM9999')))).toBe(
			'Het pakket noemt geen bekende gemeente (GMxxxx).'
		);
		expect(message(reseal((d) => (d.tables.wetten.cols = ['aantal', 'extra'])))).toBe(
			'De tabel wetten heeft één kolom "aantal".'
		);
		expect(message(reseal((d) => Object.assign(d, { casussen: [] })))).toBe(
			'Het pakket bevat een onbekend onderdeel "casussen".'
		);
		expect(message(reseal((d) => (d.figures.spend = 'veel' as unknown as number)))).toBe(
			'Het kengetal spend ontbreekt of is geen getal of "geheim".'
		);
		expect(message(reseal(() => {}))).toBe('ok');
	});
});

describe('protectSymmetric', () => {
	/** A pairs matrix read with the single-label diagonal: its rows add up to the cases per label. */
	const symmetric = (cells: number[][]) => {
		const totals = cells.map((row) => row.reduce((a, b) => a + b, 0));
		const labels = cells.map((_, i) => `l${i}`);
		return {
			rows: labels,
			cols: labels,
			cells,
			rowTotals: totals,
			colTotals: totals,
			total: totals.reduce((a, b) => a + b, 0)
		};
	};
	const grid = (p: PublishedTable) => [
		...p.cells.map((row, i) => [...row, p.rowTotals[i]]),
		[...p.colTotals, p.total]
	];

	it('hides the mirror image of a hidden pair, which protectTable alone may publish', () => {
		const table = symmetric([
			[27, 18, 3],
			[18, 3, 17],
			[3, 17, 9]
		]);
		// protectTable hides the pair (1, 2) but publishes the same 17 cases as (2, 1).
		const plain = protectTable(table);
		expect([plain.cells[1][2], plain.cells[2][1]]).toEqual(['geheim', 15]);
		const p = protectSymmetric(table);
		expect([p.cells[1][2], p.cells[2][1]]).toEqual(['geheim', 'geheim']);
	});

	it('is symmetric and keeps every line at zero or two or more hidden entries, over random tables', () => {
		let seed = 11;
		const next = () => {
			seed = (seed * 1103515245 + 12345) % 2147483648;
			return seed / 2147483648;
		};
		for (let round = 0; round < 2000; round++) {
			const n = 2 + Math.floor(next() * 5);
			const cells = Array.from({ length: n }, () => new Array<number>(n).fill(0));
			for (let i = 0; i < n; i++) {
				cells[i][i] = Math.floor(next() ** 2 * 30);
				for (let j = i + 1; j < n; j++)
					cells[i][j] = cells[j][i] = next() < 0.3 ? 0 : Math.floor(next() * 25);
			}
			const g = grid(protectSymmetric(symmetric(cells)));
			for (let i = 0; i <= n; i++) {
				for (let j = 0; j <= n; j++) expect(g[i][j] === 'geheim').toBe(g[j][i] === 'geheim');
			}
			const lines = [...g, ...g.map((_, j) => g.map((row) => row[j]))];
			for (const line of lines) expect(line.filter((v) => v === 'geheim').length).not.toBe(1);
		}
	});
});

/** A package with only what the comparison reads filled in. */
function fakePackage(
	gemeente: string,
	total: Published,
	kwesties: [string, Published][] = [],
	statuses: NationalPackage['kwestieStatus'] = []
): NationalPackage {
	const table = (rows: string[], cells: Published[]): PublishedTable => ({
		rows,
		cols: ['aantal'],
		cells: cells.map((c) => [c]),
		rowTotals: cells,
		colTotals: [total],
		total
	});
	const empty = table([], []);
	return {
		version: 1,
		gemeente,
		from: '2025-01-01',
		to: '2025-12-31',
		sha256: '',
		tables: {
			leefgebieden: table(['wonen'], [total]),
			leefgebieden_paren: empty,
			organisaties: empty,
			ministeries: empty,
			wetten: empty,
			knelpunten: empty,
			escalatie: empty,
			uitkomst: empty,
			kwesties: table(
				kwesties.map((k) => k[0]),
				kwesties.map((k) => k[1])
			)
		},
		figures: {
			spend: 'geheim',
			savingsLow: 'geheim',
			savingsHigh: 'geheim',
			leadTimeP25: 'geheim',
			leadTimeMedian: 'geheim',
			leadTimeP75: 'geheim'
		},
		kwestieStatus: statuses.length ? statuses : kwesties.map(() => 'gesignaleerd')
	};
}

const compared = (pkg: NationalPackage): ComparedPackage => ({ pkg, source: 'pakket', importedAt: null });

describe('rates and size classes', () => {
	it('counts per 10,000 inhabitants with one decimal and keeps hidden counts hidden', () => {
		expect(per10k(20, 125_000)).toBe(1.6);
		expect(per10k(35, 10_000)).toBe(35);
		expect(per10k(15, 7_000)).toBe(21.4);
		expect(per10k('geheim', 125_000)).toBe('geheim');
		expect(share(5, 20)).toBe(25);
		expect(share(10, 'geheim')).toBe('geheim');
		expect(share('geheim', 20)).toBe('geheim');
	});

	it('groups municipalities by the size class of gemeenten.csv, smallest first, and rates a class over its published counts', () => {
		// Leeuwarden and Utrecht from the reference data; Vlieland (<20k) hidden; Schiermonnikoog (<20k) 10.
		const rows = gemeenteRows([
			compared(fakePackage('GM0344', 400)),
			compared(fakePackage('GM0080', 20)),
			compared(fakePackage('GM0096', 'geheim')),
			compared(fakePackage('GM0088', 10))
		]);
		expect(rows.map((r) => [r.naam, r.grootteklasse])).toEqual([
			['Schiermonnikoog', '<20k'],
			['Vlieland', '<20k'],
			['Leeuwarden', '100k-150k'],
			['Utrecht', '>=250k']
		]);
		const utrecht = rows[3];
		expect(utrecht.rate).toBe(per10k(400, utrecht.inwoners));
		expect(rows[1].rate).toBe('geheim');
		const classes = sizeClassRows(rows);
		expect(classes.map((c) => [c.klasse, c.gemeenten, c.published])).toEqual([
			['<20k', 2, 1],
			['100k-150k', 1, 1],
			['>=250k', 1, 1]
		]);
		const schiermonnikoog = rows[0];
		expect(classes[0].rate).toBe(per10k(10, schiermonnikoog.inwoners));
		expect(classes[0].inwoners).toBe(rows[0].inwoners + rows[1].inwoners);
	});
});

describe('the national signal list', () => {
	const packages = [
		fakePackage('GM0080', 100, [
			['Wachttijd Wmo-indicatie', 10],
			['Geen postadres', 15]
		]),
		fakePackage(
			'GM0344',
			200,
			[
				['wachttijd  wmo-indicatie ', 'geheim'],
				['Geen postadres', 20]
			],
			['maatregel', 'gesignaleerd']
		),
		fakePackage('GM0363', 300, [['WACHTTÍJD WMO-INDICATIE', 25]])
	];

	it('lists kwesties in three or more packages, labels matched case- and accent-insensitively, with counts or geheim', () => {
		const list = nationalSignals(packages);
		expect(list).toHaveLength(1);
		expect(list[0]).toMatchObject({ key: 'wachttijd wmo-indicatie', cases: 35, hidden: 1 });
		expect(list[0].gemeenten.map((g) => [g.naam, g.cases, g.status])).toEqual([
			['Amsterdam', 25, 'gesignaleerd'],
			['Leeuwarden', 10, 'gesignaleerd'],
			['Utrecht', 'geheim', 'maatregel']
		]);
		// Every count hidden: the sum is hidden too, not 0.
		const hidden = nationalSignals(
			['GM0080', 'GM0344', 'GM0363'].map((g) => fakePackage(g, 100, [['Geen postadres', 'geheim']]))
		);
		expect(hidden).toMatchObject([{ kwestie: 'Geen postadres', cases: 'geheim', hidden: 3 }]);
		// Two packages are not enough.
		expect(nationalSignals(packages.slice(0, 2))).toEqual([]);
		expect(nationalSignals(packages, 2).map((s) => s.key)).toEqual([
			'wachttijd wmo-indicatie',
			'geen postadres'
		]);
	});

	it('suggests differently worded labels that together reach three municipalities', () => {
		const worded = [
			fakePackage('GM0080', 100, [['Geen postadres voor briefadres', 10]]),
			fakePackage('GM0344', 100, [['Geen postadres voor briefadres', 10]]),
			fakePackage('GM0363', 100, [['Postadres geen briefadres', 10]])
		];
		expect(nationalSignals(worded)).toEqual([]);
		const suggestions = signalSuggestions(worded);
		expect(suggestions).toEqual([
			{
				labels: expect.arrayContaining(['Geen postadres voor briefadres', 'Postadres geen briefadres']),
				gemeenten: 3
			}
		]);
	});
});

describe('comparison over the database', () => {
	let store: Store;
	beforeEach(async () => {
		store = await openTempStore();
		await runImport(store, path.join(FIXTURES, 'leeuwarden-2024-2025.csv'));
	});
	afterEach(() => closeTempStore(store));

	const landelijk: SessionUser = { id: 1, email: 'l@example.nl', role: 'landelijk', reach: { all: true } };
	const beheerder: SessionUser = {
		id: 2,
		email: 'b@utrecht.example.nl',
		role: 'beheerder',
		reach: { all: false, gemeenten: ['GM0344'] }
	};

	it('uses an imported package before the portal cases, and computes the others by the same code', async () => {
		const y2025 = parsePeriod('2025')!;
		let view = await comparisonView(store.db, landelijk, y2025);
		expect(view.gemeenten.map((g) => [g.code, g.source, g.cases])).toEqual([['GM0080', 'portal', 20]]);
		// An Utrecht package arrives: it is compared as published.
		const utrecht = { ...fakePackage('GM0344', 400) };
		utrecht.sha256 = packageHash(utrecht);
		await importPackage(store.db, utrecht, 'test');
		view = await comparisonView(store.db, landelijk, y2025);
		expect(view.gemeenten.map((g) => [g.code, g.source, g.cases])).toEqual([
			['GM0080', 'portal', 20],
			['GM0344', 'pakket', 400]
		]);
		const ids = view.tables.map((t) => t.id);
		expect(ids.every((id) => id.startsWith('vergelijking-'))).toBe(true);
		// A beheerder of Utrecht sees the packages, not Leeuwarden's portal cases.
		expect((await comparisonView(store.db, beheerder, y2025)).gemeenten.map((g) => g.code)).toEqual([
			'GM0344'
		]);
	});

	it('shows the amounts of a stored version 1 package rounded to whole thousands, as version 2 publishes them', async () => {
		const v1 = fakePackage('GM0344', 400);
		v1.figures = { ...v1.figures, spend: 1499.99, savingsLow: 1500, savingsHigh: 2500 };
		await importPackage(store.db, { ...v1, sha256: packageHash(v1) }, 'cli');
		const [stored] = await packagesOfPeriod(store.db, parsePeriod('2025')!);
		expect(stored.pkg.figures).toMatchObject({ spend: 1000, savingsLow: 2000, savingsHigh: 3000 });
		const view = await comparisonView(store.db, landelijk, parsePeriod('2025')!);
		expect(view.money.find((m) => m.code === 'GM0344')).toMatchObject({
			spend: 1000,
			savingsLow: 2000,
			savingsHigh: 3000
		});
	});

	it('lets a beheerder compare only after opting in; landelijk always', async () => {
		expect(await mayCompare(store.db, landelijk)).toBe(true);
		expect(await mayCompare(store.db, beheerder)).toBe(false);
		await setPeersEnabled(store.db, beheerder, true);
		expect(await mayCompare(store.db, beheerder)).toBe(true);
		await setPeersEnabled(store.db, beheerder, false);
		expect(await mayCompare(store.db, beheerder)).toBe(false);
		const college: SessionUser = { ...beheerder, role: 'college' };
		expect(await mayCompare(store.db, college)).toBe(false);
	});
});
