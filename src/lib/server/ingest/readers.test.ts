/** Every accepted file format (CSV `;`/`,`, BOM, Windows-1252, XLSX, Parquet, JSON, NDJSON) yields the same cases. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import {
	FIXTURES,
	closeTempStore,
	openTempStore,
	readCases,
	runImport,
	writeCsv,
	writeJson,
	writeNdjson,
	writeParquet,
	writeXlsx,
	type CaseView,
	type Row,
	type Store
} from './fixtures/helpers';

/** The same three cases, written in every format below. */
const EXPECTED = [
	{
		casus_id: 'LW-2024-001',
		gemeente: 'GM0080',
		source: 'standaard',
		route: 'Wijktafel Oost',
		aangemeld_op: '2024-01-03',
		afgerond_op: '2024-02-10',
		status: 'afgerond',
		leefgebieden: ['financiën', 'wonen'],
		wetten: ['Pw'],
		wet_artikelen: ['Pw art. 18'],
		kosten_oplossing: '1234.56',
		besparing_laag: '400.00',
		besparing_hoog: '1000.00',
		samenvatting: 'Financiën op orde; € 250 voorschot, daarna "stabiel"'
	},
	{
		casus_id: 'LW-2024-002',
		gemeente: 'GM0080',
		source: 'standaard',
		route: 'Casusteam, stedelijk',
		aangemeld_op: '2024-06-15',
		afgerond_op: '2024-07-01',
		status: 'afgerond',
		leefgebieden: ['sociale relaties', 'lichamelijke gezondheid'],
		wetten: ['Wmo 2015'],
		wet_artikelen: [],
		kosten_oplossing: '137.50',
		besparing_laag: '550.00',
		besparing_hoog: '1375.00',
		samenvatting: 'Eerste regel\nTweede regel, met een komma'
	},
	{
		casus_id: 'LW-2024-003',
		gemeente: 'GM0080',
		source: 'standaard',
		route: null,
		aangemeld_op: '2024-12-31',
		afgerond_op: null,
		status: 'open',
		leefgebieden: ['psychische gezondheid'],
		wetten: [],
		wet_artikelen: [],
		kosten_oplossing: null,
		besparing_laag: null,
		besparing_hoog: null,
		samenvatting: null
	}
];

/** The columns the comparison looks at. */
function project(cases: CaseView[]) {
	return cases.map((c) => ({
		casus_id: c.casus_id,
		gemeente: c.gemeente,
		source: c.source,
		route: c.route,
		aangemeld_op: c.aangemeld_op,
		afgerond_op: c.afgerond_op,
		status: c.status,
		leefgebieden: c.leefgebieden,
		wetten: c.wetten,
		wet_artikelen: c.wet_artikelen,
		kosten_oplossing: c.kosten_oplossing,
		besparing_laag: c.besparing_laag,
		besparing_hoog: c.besparing_hoog,
		samenvatting: c.samenvatting
	}));
}

/** The three cases as a Dutch spreadsheet exports them as text. */
const TEXT_ROWS: Row[] = [
	{
		casus_id: 'LW-2024-001',
		gemeente: 'GM0080',
		route: 'Wijktafel Oost',
		aangemeld_op: '03-01-2024',
		afgerond_op: '10-02-2024',
		status: 'afgerond',
		leefgebieden: 'financiën|wonen',
		wetten: 'Pw art. 18',
		kosten_oplossing: '€ 1.234,56',
		besparing_laag: '400',
		besparing_hoog: '1.000',
		samenvatting: 'Financiën op orde; € 250 voorschot, daarna "stabiel"'
	},
	{
		casus_id: 'LW-2024-002',
		gemeente: 'GM0080',
		route: 'Casusteam, stedelijk',
		aangemeld_op: '15-06-2024',
		afgerond_op: '01-07-2024',
		status: 'afgerond',
		leefgebieden: 'sociale relaties|lichamelijke gezondheid',
		wetten: 'Wmo 2015',
		kosten_oplossing: '137,50',
		besparing_laag: '550,00',
		besparing_hoog: '1.375,00',
		samenvatting: 'Eerste regel\nTweede regel, met een komma'
	},
	{
		casus_id: 'LW-2024-003',
		gemeente: 'GM0080',
		route: '',
		aangemeld_op: '31-12-2024',
		afgerond_op: '',
		status: 'open',
		leefgebieden: 'psychische gezondheid',
		wetten: '',
		kosten_oplossing: '',
		besparing_laag: '',
		besparing_hoog: '',
		samenvatting: ''
	}
];

const HEADER = Object.keys(TEXT_ROWS[0]);

/** Typed records (JSON): native lists and numbers. */
const TYPED_RECORDS = [
	{
		casus_id: 'LW-2024-001',
		gemeente: 'GM0080',
		route: 'Wijktafel Oost',
		aangemeld_op: '2024-01-03',
		afgerond_op: '2024-02-10',
		status: 'afgerond',
		leefgebieden: ['financiën', 'wonen'],
		wetten: ['Pw art. 18'],
		kosten_oplossing: 1234.56,
		besparing_laag: 400,
		besparing_hoog: 1000,
		samenvatting: 'Financiën op orde; € 250 voorschot, daarna "stabiel"'
	},
	{
		casus_id: 'LW-2024-002',
		gemeente: 'GM0080',
		route: 'Casusteam, stedelijk',
		aangemeld_op: '2024-06-15',
		afgerond_op: '2024-07-01',
		status: 'afgerond',
		leefgebieden: ['sociale relaties', 'lichamelijke gezondheid'],
		wetten: ['Wmo 2015'],
		kosten_oplossing: 137.5,
		besparing_laag: 550,
		besparing_hoog: 1375,
		samenvatting: 'Eerste regel\nTweede regel, met een komma'
	},
	{
		casus_id: 'LW-2024-003',
		gemeente: 'GM0080',
		route: null,
		aangemeld_op: '2024-12-31',
		afgerond_op: null,
		status: 'open',
		leefgebieden: ['psychische gezondheid'],
		wetten: [],
		kosten_oplossing: null,
		besparing_laag: null,
		besparing_hoog: null,
		samenvatting: null
	}
];

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

let store: Store;

beforeEach(async () => {
	store = await openTempStore();
});

afterEach(() => {
	closeTempStore(store);
});

async function expectImportedSame(file: string, format: string, options: { sheet?: string } = {}) {
	const result = await runImport(store, file, options);
	expect(result.problems).toEqual([]);
	expect(result).toMatchObject({
		status: 'imported',
		format,
		rows: 3,
		inserted: 3,
		updated: 0,
		removed: 0,
		rejectedRows: 0
	});
	expect(project(await readCases(store.db))).toEqual(EXPECTED);
	return result;
}

describe('CSV', () => {
	it('reads a semicolon-separated UTF-8 file', async () => {
		const file = writeCsv(store, 'puntkomma.csv', TEXT_ROWS, { delimiter: ';' });
		await expectImportedSame(file, 'csv');
	});

	it('reads a comma-separated file with quoted fields holding commas and a line break', async () => {
		const file = writeCsv(store, 'komma.csv', TEXT_ROWS, { delimiter: ',' });
		const text = fs.readFileSync(file, 'utf8');
		expect(text).toContain('"Casusteam, stedelijk"');
		expect(text).toContain('"Eerste regel\nTweede regel, met een komma"');
		await expectImportedSame(file, 'csv');
	});

	it('reads UTF-8 with a byte order mark', async () => {
		const file = writeCsv(store, 'bom.csv', TEXT_ROWS, { bom: true });
		expect([...fs.readFileSync(file).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		await expectImportedSame(file, 'csv');
	});

	it('reads Windows-1252 with CRLF line ends as Dutch Excel saves it: ë and € survive', async () => {
		const file = writeCsv(store, 'excel.csv', TEXT_ROWS, { encoding: 'windows-1252', eol: '\r\n' });
		const bytes = fs.readFileSync(file);
		expect(bytes.includes(0x80)).toBe(true); // €
		expect(bytes.includes(0xeb)).toBe(true); // ë
		const result = await expectImportedSame(file, 'csv');
		expect(result.warnings.some((w) => w.message.includes('Windows-1252'))).toBe(true);
		const [first] = await readCases(store.db);
		expect(first.samenvatting).toBe('Financiën op orde; € 250 voorschot, daarna "stabiel"');
		expect(first.kosten_oplossing).toBe('1234.56');
	});

	it('imports the example export of Leeuwarden (30 cases, 7 open)', async () => {
		const result = await runImport(store, path.join(FIXTURES, 'leeuwarden-2024-2025.csv'));
		expect(result.problems).toEqual([]);
		expect(result).toMatchObject({ status: 'imported', rows: 30, inserted: 30 });
		const cases = await readCases(store.db);
		expect(cases).toHaveLength(30);
		expect(cases.filter((c) => c.status === 'open')).toHaveLength(7);
		expect(new Set(cases.map((c) => c.gemeente))).toEqual(new Set(['GM0080']));
		const second = cases.find((c) => c.casus_id === 'LW-2024-002')!;
		expect(second).toMatchObject({
			aangemeld_op: '2024-02-04',
			leefgebieden: ['financiën', 'sociale relaties', 'lichamelijke gezondheid'],
			organisaties: ['UWV'],
			wetten: ['Pw'],
			knelpunt: '3',
			escalatie: 'lokale_tafel',
			kosten_oplossing: '137.50',
			besparing_laag: '550.00',
			besparing_hoog: '1375.00',
			baten_bij: ['gemeente']
		});
	});
});

describe('XLSX', () => {
	it('reads the chosen sheet, with real date cells and numeric amounts', async () => {
		const file = store.file('export.xlsx');
		const data = [
			HEADER,
			[
				'LW-2024-001',
				'GM0080',
				'Wijktafel Oost',
				utc(2024, 1, 3),
				utc(2024, 2, 10),
				'afgerond',
				'financiën|wonen',
				'Pw art. 18',
				1234.56,
				400,
				1000,
				'Financiën op orde; € 250 voorschot, daarna "stabiel"'
			],
			[
				'LW-2024-002',
				'GM0080',
				'Casusteam, stedelijk',
				utc(2024, 6, 15),
				utc(2024, 7, 1),
				'afgerond',
				'sociale relaties|lichamelijke gezondheid',
				'Wmo 2015',
				137.5,
				550,
				1375,
				'Eerste regel\nTweede regel, met een komma'
			],
			[
				'LW-2024-003',
				'GM0080',
				null,
				utc(2024, 12, 31),
				null,
				'open',
				'psychische gezondheid',
				null,
				null,
				null,
				null,
				null
			]
		];
		await writeXlsx(file, [
			{ name: 'Toelichting', rows: [['Lees mij'], ['Dit blad is geen export.']] },
			{ name: 'Casussen', rows: data }
		]);
		await expectImportedSame(file, 'xlsx', { sheet: 'Casussen' });
	});

	it('refuses a sheet name the workbook does not have, naming it', async () => {
		const file = store.file('export.xlsx');
		await writeXlsx(file, [{ name: 'Casussen', rows: [HEADER] }]);
		const result = await runImport(store, file, { sheet: 'Blad9' });
		expect(result.status).toBe('refused');
		expect(result.problems).toEqual([{ row: null, column: null, message: expect.stringContaining('Blad9') }]);
	});
});

describe('Parquet', () => {
	it('reads native lists, DATE and TIMESTAMPTZ (the date in Europe/Amsterdam)', async () => {
		const file = store.file('export.parquet');
		await writeParquet(
			file,
			`SELECT * FROM (VALUES
				('LW-2024-001', 'GM0080', 'Wijktafel Oost', DATE '2024-01-03',
					TIMESTAMPTZ '2024-02-09 23:30:00+00', 'afgerond', ['financiën', 'wonen'], ['Pw art. 18'],
					1234.56::DECIMAL(18, 2), 400::DOUBLE, 1000::DOUBLE,
					'Financiën op orde; € 250 voorschot, daarna "stabiel"'),
				('LW-2024-002', 'GM0080', 'Casusteam, stedelijk', DATE '2024-06-15',
					TIMESTAMPTZ '2024-06-30 22:30:00+00', 'afgerond', ['sociale relaties', 'lichamelijke gezondheid'],
					['Wmo 2015'], 137.5::DECIMAL(18, 2), 550::DOUBLE, 1375::DOUBLE,
					'Eerste regel' || chr(10) || 'Tweede regel, met een komma'),
				('LW-2024-003', 'GM0080', NULL, DATE '2024-12-31', NULL, 'open', ['psychische gezondheid'],
					[]::VARCHAR[], NULL, NULL, NULL, NULL)
			) t(casus_id, gemeente, route, aangemeld_op, afgerond_op, status, leefgebieden, wetten,
				kosten_oplossing, besparing_laag, besparing_hoog, samenvatting)`
		);
		await expectImportedSame(file, 'parquet');
	});
});

describe('JSON', () => {
	it('reads an array of objects', async () => {
		const file = store.file('export.json');
		writeJson(file, TYPED_RECORDS);
		await expectImportedSame(file, 'json');
	});

	it('reads NDJSON (one object a line), with Dutch date text', async () => {
		const file = store.file('export.ndjson');
		writeNdjson(
			file,
			TYPED_RECORDS.map((r) => ({
				...r,
				aangemeld_op: r.aangemeld_op.split('-').reverse().join('-'),
				afgerond_op: r.afgerond_op && r.afgerond_op.split('-').reverse().join('-')
			}))
		);
		await expectImportedSame(file, 'json');
	});

	it('takes the Amsterdam date of an ISO date-time with zone in JSON', async () => {
		// 23:30 UTC on 9 February is 00:30 on 10 February in Amsterdam (spec: "ISO date-times … the date in Europe/Amsterdam").
		const file = store.file('tijden.json');
		writeJson(file, [
			{ ...TYPED_RECORDS[0], afgerond_op: '2024-02-09T23:30:00Z' },
			{ ...TYPED_RECORDS[1], afgerond_op: '2024-06-30T22:30:00Z' },
			TYPED_RECORDS[2]
		]);
		await expectImportedSame(file, 'json');
	});
});

describe('typed amounts', () => {
	// A native number is a value, not text: 0.125 is an eighth of a euro, which has more than two decimals
	// and must be refused (spec: "More than two decimals … is an error"), never read as 125 euros.
	async function expectThreeDecimalsRefused(file: string) {
		const result = await runImport(store, file);
		const cases = await readCases(store.db);
		expect(cases.map((c) => c.kosten_oplossing)).not.toContain('125.00');
		expect(result.status).toBe('refused');
		expect(result.problems).toEqual([
			{ row: 2, column: 'kosten_oplossing', message: expect.stringContaining('bedrag') }
		]);
	}

	it('JSON: a number with three decimals is an error, not thousands', async () => {
		const file = store.file('bedragen.json');
		writeJson(file, [{ ...TYPED_RECORDS[0], kosten_oplossing: 0.125 }, TYPED_RECORDS[1], TYPED_RECORDS[2]]);
		await expectThreeDecimalsRefused(file);
	});

	it('Parquet: a DOUBLE with three decimals is an error, not thousands', async () => {
		const file = store.file('bedragen.parquet');
		await writeParquet(
			file,
			`SELECT * FROM (VALUES ('P-1', 'GM0080', DATE '2024-01-03', 'open', ['wonen'], 0.125::DOUBLE),
				('P-2', 'GM0080', DATE '2024-01-04', 'open', ['wonen'], 1234.5::DOUBLE))
				t(casus_id, gemeente, aangemeld_op, status, leefgebieden, kosten_oplossing)`
		);
		await expectThreeDecimalsRefused(file);
	});

	it('XLSX: a numeric cell with three decimals is an error, not thousands', async () => {
		const file = store.file('bedragen.xlsx');
		await writeXlsx(file, [
			{
				name: 'Blad1',
				rows: [
					['casus_id', 'gemeente', 'aangemeld_op', 'status', 'leefgebieden', 'kosten_oplossing'],
					['X-1', 'GM0080', utc(2024, 1, 3), 'open', 'wonen', 0.125],
					['X-2', 'GM0080', utc(2024, 1, 4), 'open', 'wonen', 1234.5]
				]
			}
		]);
		await expectThreeDecimalsRefused(file);
	});

	it('Parquet: keeps native numbers with up to two decimals exact', async () => {
		const file = store.file('bedragen.parquet');
		await writeParquet(
			file,
			`SELECT * FROM (VALUES ('P-1', 'GM0080', DATE '2024-01-03', 'open', ['wonen'], 1234.5::DOUBLE, 0.1::DOUBLE, 12::INTEGER),
				('P-2', 'GM0080', DATE '2024-01-04', 'open', ['wonen'], 1250::DOUBLE, 0.29::DOUBLE, 1234567::BIGINT))
				t(casus_id, gemeente, aangemeld_op, status, leefgebieden, kosten_oplossing, besparing_laag, besparing_hoog)`
		);
		const result = await runImport(store, file);
		expect(result.problems).toEqual([]);
		const cases = await readCases(store.db);
		expect(cases.map((c) => [c.kosten_oplossing, c.besparing_laag, c.besparing_hoog])).toEqual([
			['1234.50', '0.10', '12.00'],
			['1250.00', '0.29', '1234567.00']
		]);
	});
});
