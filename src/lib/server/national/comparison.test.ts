/** The comparison on every dimension of the packages, on a real DuckDB file: the version 1.1 tables, disclosure of every figure, the knelpunt levels, the caveat in every download and the trends over eight quarters. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { SessionUser } from '$lib/domain/roles';
import type { DataTable } from '$lib/domain/table';
import { closeTempStore, importRows, openTempStore, type Row, type Store } from '../ingest/fixtures/helpers';
import { reference } from '../reference';
import { toCsv, toXlsx } from '../reports/tabular';
import { COMPARISON_CAVEAT, comparisonDownload, comparisonView } from './comparison';
import { comparedQuarters, quarterFigures, trendQuarters } from './comparison-trends';
import { levelTable } from './comparison-profiles';
import type { Published } from './disclosure';
import { buildPackage, packageHash, verifyPackage, type NationalPackage } from './package';
import { parsePeriod } from './period';

const LANDELIJK: SessionUser = { id: 1, email: 'l@example.nl', role: 'landelijk', reach: { all: true } };
const KNELPUNTEN = ['1', '2A', '2A', '3', '3', '3', '4', '5', '6', '6', ''];
const INSTRUMENTS = ['voorschot', 'hardheidsclausule', 'voorschot|kwijtschelding', '', 'coulance'];
const OUTCOMES = ['opgelost', 'opgelost', 'deels_opgelost', 'niet_opgelost', 'opgelost'];

const pad = (n: number) => String(n).padStart(2, '0');
/** Day `d` of 2024 counted from 1 January, as the export writes it. */
function day(d: number): string {
	const date = new Date(Date.UTC(2024, 0, 1 + d));
	return `${pad(date.getUTCDate())}-${pad(date.getUTCMonth() + 1)}-${date.getUTCFullYear()}`;
}

/**
 * `n` cases of one municipality spread over 2024 and 2025, with every kind of count: knelpunten from
 * 1 to many, withdrawn ones, amounts; with the version 1.1 columns when `v11`.
 */
function casesOf(gemeente: string, n: number, v11: boolean): Row[] {
	return Array.from({ length: n }, (_, i) => {
		const start = Math.floor((i * 729) / n);
		const status = i % 7 === 6 ? 'ingetrokken' : i % 4 === 3 ? 'open' : 'afgerond';
		return {
			casus_id: `${gemeente}-${i}`,
			gemeente,
			aangemeld_op: day(start),
			afgerond_op: status === 'afgerond' ? day(start + 10 + (i % 30)) : '',
			status,
			leefgebieden: i % 2 ? 'financiën|wonen' : 'verslaving',
			organisaties: i % 3 ? 'UWV|gemeente' : 'Belastingdienst',
			wetten: i % 5 ? 'Pw' : 'Awir',
			knelpunt: KNELPUNTEN[i % KNELPUNTEN.length],
			escalatie: 'lokale_tafel',
			uitkomst: status === 'afgerond' ? OUTCOMES[i % OUTCOMES.length] : '',
			kosten_oplossing: i % 2 ? `${100 + i},50` : '',
			binnen_kaders: v11 ? (i % 9 === 0 ? 'nee' : i % 13 === 0 ? '' : 'ja') : '',
			instrument: v11 ? INSTRUMENTS[i % INSTRUMENTS.length] : '',
			reacties: v11 && i % 2 === 0 ? `UWV@${day(start)}/${day(start + 1 + (i % 5))}` : ''
		};
	});
}

let store: Store;
beforeAll(async () => {
	store = await openTempStore();
	const rows = [
		...casesOf('GM0080', 90, false),
		...casesOf('GM0193', 140, true),
		...casesOf('GM0344', 400, true),
		...casesOf('GM0363', 60, true)
	];
	const result = await importRows(store, rows);
	expect(JSON.stringify(result).slice(0, 1500)).toContain('"status":"imported"');
}, 60_000);
afterAll(() => closeTempStore(store));

/** Every value of a column of counts of cases, over every table. */
function caseCounts(tables: DataTable[]): { table: string; value: unknown }[] {
	return tables.flatMap((t) =>
		t.columns
			.filter((c) => c.kind === 'count' && c.counts !== 'other')
			.flatMap((c) => t.rows.map((r) => ({ table: `${t.id}.${c.key}`, value: r[c.key] })))
	);
}

describe('the decision tables of a package', () => {
	it('are there only where the cases carry the version 1.1 columns, and verify', async () => {
		const y2025 = parsePeriod('2025')!;
		const leeuwarden = await buildPackage(store.db, 'GM0080', y2025);
		expect(Object.keys(leeuwarden.tables)).not.toContain('binnen_kaders');
		const utrecht = await buildPackage(store.db, 'GM0344', y2025);
		expect(Object.keys(utrecht.tables)).toEqual(
			expect.arrayContaining(['binnen_kaders', 'instrumenten', 'reacties'])
		);
		expect(utrecht.tables.reacties!.cols).toEqual(['gevraagd', 'beantwoord', 'binnen_termijn']);
		expect(utrecht.tables.binnen_kaders!.rows).toEqual(['ja', 'nee', 'onbekend']);
		/** The package changed by `change`, sealed again, with a signature part (whether it holds is not verifyPackage's part). */
		const sealed = (change: (doc: NationalPackage) => void, version: 1 | 2 = 2) => {
			const doc = structuredClone({ ...utrecht, version }) as NationalPackage;
			if (version === 2) doc.signature = { alg: 'Ed25519', key: 'k', value: 'v' };
			change(doc);
			return { ...doc, sha256: packageHash(doc) };
		};
		expect(verifyPackage(sealed(() => {}))).toMatchObject({ ok: true });
		expect(verifyPackage(sealed((d) => (d.tables.reacties!.cols = ['gevraagd', 'beantwoord'])))).toEqual({
			ok: false,
			message: 'De tabel reacties heeft de kolommen gevraagd, beantwoord, binnen_termijn.'
		});
		expect(verifyPackage(sealed((d) => (d.tables.instrumenten!.cells[0] = [3])))).toMatchObject({
			ok: false,
			message: expect.stringContaining('is niet afgerond op een veelvoud van 5')
		});
		// A version 1 package knows no decision tables.
		expect(
			verifyPackage(
				sealed(() => {}, 1),
				{ unsigned: true }
			)
		).toEqual({
			ok: false,
			message: 'Het pakket bevat een onbekende tabel "binnen_kaders".'
		});
	});
});

describe('the comparison on every dimension', () => {
	it('publishes no count of cases from 1 to 7 and every other count as a multiple of 5, in every table', async () => {
		for (const period of ['2025', '2025-Q2', '2024-H1']) {
			const view = await comparisonView(store.db, LANDELIJK, parsePeriod(period)!);
			expect(view.tables.map((t) => t.id)).toEqual(
				expect.arrayContaining([
					'vergelijking-organisaties',
					'vergelijking-knelpunt-niveaus',
					'vergelijking-binnen-kaders',
					'vergelijking-instrumenten',
					'vergelijking-reacties',
					'vergelijking-ingetrokken',
					'vergelijking-trends'
				])
			);
			const counts = caseCounts(view.tables);
			expect(counts.length).toBeGreaterThan(50);
			for (const { table, value } of counts) {
				if (value === null || value === 'geheim' || value === 0) continue;
				expect(typeof value, table).toBe('number');
				expect((value as number) % 5, `${table}: ${value}`).toBe(0);
				expect(value as number, table).toBeGreaterThanOrEqual(10);
			}
		}
	});

	it('hides a share where its count is hidden and never leaves one hidden share alone in a part of the cases', async () => {
		const view = await comparisonView(store.db, LANDELIJK, parsePeriod('2025-Q2')!);
		let hidden = 0;
		for (const id of ['knelpunten', 'knelpunt-niveaus', 'binnen-kaders'] as const) {
			const profile = view.profiles.find((p) => p.id === id)!;
			view.gemeenten.forEach((g, i) => {
				if (!profile.present[i]) return;
				const secret = profile.rows.filter((r) => r.shares[i] === 'geheim').length;
				hidden += secret;
				expect(secret, `${id} ${g.naam}`).not.toBe(1);
			});
		}
		// The quarter is small enough that suppression does happen.
		expect(hidden).toBeGreaterThan(0);
		const withdrawn = view.withdrawn.filter((w) => w.code !== null);
		for (const w of withdrawn)
			if (w.count === 'geheim') expect([w.share, w.rate]).toEqual(['geheim', 'geheim']);
	});

	it('shows the version 1.1 figures only for the municipalities that deliver them', async () => {
		const view = await comparisonView(store.db, LANDELIJK, parsePeriod('2025')!);
		const names = view.gemeenten.map((g) => g.code);
		const kaders = view.profiles.find((p) => p.id === 'binnen-kaders')!;
		expect(kaders.present).toEqual(names.map((code) => code !== 'GM0080'));
		expect(kaders.rows.map((r) => r.shares[names.indexOf('GM0080')])).toEqual([null, null, null]);
		const reacties = view.profiles.find((p) => p.id === 'reacties')!;
		expect(reacties.rows.map((r) => r.code)).toEqual(['UWV']);
	});

	it('computes the national share over the municipalities whose count and cases are both published', async () => {
		const view = await comparisonView(store.db, LANDELIJK, parsePeriod('2025')!);
		const wetten = view.profiles.find((p) => p.id === 'wetten')!;
		const pw = wetten.rows.find((r) => r.code === 'Pw')!;
		const packages = await Promise.all(
			view.gemeenten.map((g) => buildPackage(store.db, g.code, parsePeriod('2025')!))
		);
		let part = 0;
		let whole = 0;
		for (const pkg of packages) {
			const value = pkg.tables.wetten.cells[pkg.tables.wetten.rows.indexOf('Pw')][0];
			if (value === 'geheim' || pkg.tables.wetten.total === 'geheim') continue;
			part += value;
			whole += pkg.tables.wetten.total;
		}
		expect(pw.national).toBe(Math.round((part / whole) * 1000) / 10);
		expect(pw.count).toBe(part);
	});
});

describe('the knelpunt levels', () => {
	/** A package whose knelpunten table is `cells` (in vocabulary order, then geen) with `total`. */
	const withKnelpunten = (cells: Published[], total: Published) =>
		({
			tables: {
				knelpunten: {
					rows: ['1', '2A', '2B', '3', '4', '5', '6', 'geen'],
					cols: ['aantal'],
					cells: cells.map((c) => [c]),
					rowTotals: cells,
					colTotals: [total],
					total
				}
			}
		}) as unknown as NationalPackage;

	it('sums the knelpunten of a level and hides a level with a hidden knelpunt', () => {
		const t = levelTable(withKnelpunten([10, 15, 0, 20, 5 * 2, 15, 30, 0], 100));
		expect(t.rows).toEqual(['macro', 'meso', 'micro', 'geen']);
		expect(t.cells.map((c) => c[0])).toEqual([25, 30, 45, 0]);
		expect(t.total).toBe(100);
	});

	it('hides the smallest other level where one hidden level would be given away by the total', () => {
		// Two hidden knelpunten, both macro: the macro level alone would be 80 - 20 - 45 - 0 = 15.
		const t = levelTable(withKnelpunten(['geheim', 'geheim', 0, 20, 0, 15, 30, 0], 80));
		expect(t.cells.map((c) => c[0])).toEqual(['geheim', 20, 45, 'geheim']);
		// Hidden in two levels, nothing more is hidden.
		const two = levelTable(withKnelpunten(['geheim', 10, 0, 'geheim', 0, 15, 30, 0], 80));
		expect(two.cells.map((c) => c[0])).toEqual(['geheim', 'geheim', 45, 0]);
	});
});

describe('the caveat', () => {
	it('goes with every table of the download, once, after the rows of a CSV and under the caption in XLSX', async () => {
		const tables = await comparisonDownload(store.db, LANDELIJK, new URLSearchParams('period=2025'), 2026);
		expect(tables.length).toBeGreaterThan(10);
		for (const t of tables) expect(t.note).toBe(COMPARISON_CAVEAT);
		const csv = toCsv(tables[0]).replace('\uFEFF', '').split('\r\n');
		expect(csv[0]).toBe('Gemeente;Grootteklasse;Inwoners;Bron;Casussen;Per 10.000 inwoners');
		expect(csv.filter((line) => line.includes('niet representatief'))).toHaveLength(1);
		expect(csv.at(-2)).toContain('niet representatief');
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await toXlsx(tables)) as unknown as ArrayBuffer);
		for (const sheet of workbook.worksheets) {
			expect(sheet.getRow(2).getCell(1).value).toBe(COMPARISON_CAVEAT);
			const said = sheet
				.getSheetValues()
				.filter((row) => JSON.stringify(row ?? []).includes('niet representatief'));
			expect(said).toHaveLength(1);
		}
	});
});

describe('the trends', () => {
	it('are the eight quarters up to the one a day falls in', () => {
		expect(trendQuarters('2025-12-31').map((q) => q.period)).toEqual([
			'2024-Q1',
			'2024-Q2',
			'2024-Q3',
			'2024-Q4',
			'2025-Q1',
			'2025-Q2',
			'2025-Q3',
			'2025-Q4'
		]);
		expect(
			trendQuarters('2025-03-31')
				.map((q) => q.period)
				.slice(0, 2)
		).toEqual(['2023-Q2', '2023-Q3']);
		expect(trendQuarters('2025-06-30', 1).map((q) => q.period)).toEqual(['2025-Q2']);
	});

	it("give each municipality's quarter exactly as its package of that quarter publishes it", async () => {
		const quarters = trendQuarters('2025-12-31');
		const figures = await comparedQuarters(store.db, LANDELIJK, quarters);
		expect(figures).toHaveLength(4 * 8);
		for (const f of figures) {
			const pkg = await buildPackage(store.db, f.gemeente, parsePeriod(f.quarter)!);
			expect(f, `${f.gemeente} ${f.quarter}`).toEqual(quarterFigures(pkg, f.quarter));
		}
		// Every branch of the disclosure: hidden and published counts, shares and amounts.
		expect(figures.some((f) => f.cases === 'geheim')).toBe(true);
		expect(figures.some((f) => typeof f.cases === 'number')).toBe(true);
		expect(figures.some((f) => f.spend === 'geheim')).toBe(true);
		expect(figures.some((f) => typeof f.spend === 'number')).toBe(true);
	});

	it('pool a size class and the country over the published figures', async () => {
		const trends = (await comparisonView(store.db, LANDELIJK, parsePeriod('2025')!, 'GM0193')).trends!;
		expect(trends.gemeente).toEqual({ code: 'GM0193', naam: 'Zwolle' });
		expect(trends.choices.map((c) => c.naam)).toEqual(['Amsterdam', 'Leeuwarden', 'Utrecht', 'Zwolle']);
		const figures = await comparedQuarters(store.db, LANDELIJK, trendQuarters('2025-12-31'));
		const { gemeenten } = reference();
		const klasse = gemeenten.get('GM0193')!.grootteklasse;
		const casussen = trends.figures.find((f) => f.id === 'casussen')!;
		casussen.points.forEach((point) => {
			const members = figures.filter((f) => f.quarter === point.quarter);
			const rate = (group: typeof members) => {
				const published = group.filter((f) => f.cases !== 'geheim');
				const inwoners = published.reduce((s, f) => s + gemeenten.get(f.gemeente)!.inwoners, 0);
				const cases = published.reduce((s, f) => s + (f.cases as number), 0);
				return inwoners === 0 ? null : Math.round((cases / inwoners) * 100_000) / 10;
			};
			expect(point.land, point.quarter).toBe(rate(members));
			expect(point.klasse, point.quarter).toBe(
				rate(members.filter((f) => gemeenten.get(f.gemeente)!.grootteklasse === klasse))
			);
		});
		// An unknown municipality falls back to the first within reach, else the first by name.
		const fallback = (await comparisonView(store.db, LANDELIJK, parsePeriod('2025')!, 'GM9999')).trends!;
		expect(fallback.gemeente.naam).toBe('Amsterdam');
		const utrechter: SessionUser = {
			...LANDELIJK,
			role: 'beheerder',
			reach: { all: false, gemeenten: ['GM0344'] }
		};
		const own = await comparisonView(store.db, utrechter, parsePeriod('2025')!);
		expect(own.trends!.gemeente.naam).toBe('Utrecht');
	});
});
