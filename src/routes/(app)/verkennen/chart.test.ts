/** The Verkennen chart read from its table: points per row and split (totals and "geheim" left out), lines for time and bars otherwise, and a Dutch summary with the figures. */
import { describe, expect, it } from 'vitest';
import type { ExploreChoice } from '$lib/domain/explore';
import type { DataTable } from '$lib/domain/table';
import { chartData, chartSpec, chartSummary } from './chart';

const choice = (c: Partial<ExploreChoice> = {}): ExploreChoice => ({
	measure: 'casussen',
	dimension: 'leefgebied',
	split: null,
	...c
});

const COUNTS: DataTable = {
	id: 'verkennen-tabel',
	caption: 'Aantal casussen per leefgebied',
	columns: [
		{ key: 'label', label: 'Leefgebied' },
		{ key: 'totaal', label: 'Casussen', kind: 'count', group: 'Aantal casussen' }
	],
	rows: [
		{ label: 'Financiën', totaal: 1234 },
		{ label: 'Wonen', totaal: 'geheim' },
		{ label: 'Alle casussen', totaal: 1300 }
	]
};

const SPLIT: DataTable = {
	id: 'verkennen-tabel',
	caption: 'Uitgaven aan oplossingen per jaar van aanmelding en gemeente',
	columns: [
		{ key: 'label', label: 'Jaar van aanmelding' },
		{ key: 's0', label: 'Leeuwarden: uitgaven', kind: 'euro', basis: 's0_n', group: 'Leeuwarden' },
		{ key: 's0_n', label: 'Leeuwarden: casussen met kosten', kind: 'count', group: 'Leeuwarden' },
		{ key: 's1', label: 'Zwolle: uitgaven', kind: 'euro', basis: 's1_n', group: 'Zwolle' },
		{ key: 's1_n', label: 'Zwolle: casussen met kosten', kind: 'count', group: 'Zwolle' },
		{ key: 'totaal', label: 'Totaal: uitgaven', kind: 'euro', basis: 'totaal_n', group: 'Totaal' },
		{ key: 'totaal_n', label: 'Totaal: casussen met kosten', kind: 'count', group: 'Totaal' }
	],
	rows: [
		{ label: '2024', s0: 2587.5, s0_n: 9, s1: null, s1_n: 0, totaal: 2587.5, totaal_n: 9 },
		{ label: '2025', s0: 12087.5, s0_n: 14, s1: 8950, s1_n: 7, totaal: 21037.5, totaal_n: 21 },
		{ label: 'Alle casussen', s0: 14675, s0_n: 23, s1: 8950, s1_n: 7, totaal: 23625, totaal_n: 30 }
	]
};

const RANGE: DataTable = {
	id: 'verkennen-tabel',
	caption: 'Vermeden kosten (laag en hoog) per ministerie',
	columns: [
		{ key: 'label', label: 'Ministerie' },
		{ key: 'totaal_laag', label: 'Vermeden kosten laag', kind: 'euro', basis: 'totaal_n', group: 'V' },
		{ key: 'totaal_hoog', label: 'Vermeden kosten hoog', kind: 'euro', basis: 'totaal_n', group: 'V' },
		{ key: 'totaal_n', label: 'Casussen met een schatting', kind: 'count', group: 'V' }
	],
	rows: [
		{
			label: 'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties',
			totaal_laag: 1000,
			totaal_hoog: 3000,
			totaal_n: 10
		},
		{ label: 'SZW', totaal_laag: 'geheim', totaal_hoog: 'geheim', totaal_n: 'geheim' },
		{ label: 'Alle casussen', totaal_laag: 1000, totaal_hoog: 3000, totaal_n: 15 }
	]
};

/** The names of a spec's marks, as Plot writes them on their groups. */
const marks = (spec: ReturnType<typeof chartSpec>) =>
	(spec.marks ?? []).map((m) => (m as { ariaLabel?: string }).ariaLabel);

describe('chartData', () => {
	it('draws each row but the total, and counts what it leaves out as geheim', () => {
		const data = chartData(COUNTS, choice());
		expect(data.points).toEqual([
			{ category: 'Financiën', series: 'Aantal casussen', value: 1234, low: 1234, high: 1234 }
		]);
		expect(data.categories).toEqual(['Financiën', 'Wonen']);
		expect(data.series).toEqual(['Aantal casussen']);
		expect(data.secret).toBe(1);
	});

	it('draws a series per split value, not the total group, and skips empty figures', () => {
		const data = chartData(SPLIT, choice({ measure: 'uitgaven', dimension: 'jaar', split: 'gemeente' }));
		expect(data.series).toEqual(['Leeuwarden', 'Zwolle']);
		expect(data.points.map((p) => [p.category, p.series, p.value])).toEqual([
			['2024', 'Leeuwarden', 2587.5],
			['2025', 'Leeuwarden', 12087.5],
			['2025', 'Zwolle', 8950]
		]);
		expect(data.secret).toBe(0);
	});

	it('reads avoided costs as a range from low to high', () => {
		const data = chartData(RANGE, choice({ measure: 'besparing', dimension: 'ministerie' }));
		expect(data.points).toHaveLength(1);
		expect(data.points[0]).toMatchObject({ low: 1000, high: 3000 });
		expect(data.secret).toBe(1);
	});
});

describe('chartSpec', () => {
	it('draws bars with their figures for a dimension that is not in time', () => {
		const c = choice();
		const spec = chartSpec(chartData(COUNTS, c), c, 800);
		expect(marks(spec)).toEqual(['bar', 'rule', 'text']);
		expect(spec.width).toBe(800);
		expect((spec.y as { domain: string[] }).domain).toEqual(['Financiën', 'Wonen']);
	});

	it('draws a line per split value for a dimension in time, with a legend', () => {
		const c = choice({ measure: 'uitgaven', dimension: 'jaar', split: 'gemeente' });
		const spec = chartSpec(chartData(SPLIT, c), c, 600);
		expect(marks(spec)).toEqual(['rule', 'line']);
		expect(spec.color).toMatchObject({ domain: ['Leeuwarden', 'Zwolle'], legend: true });
		expect((spec.x as { domain: string[] }).domain).toEqual(['2024', '2025']);
	});

	it('groups bars by the dimension where a split is chosen, with one value axis', () => {
		const c = choice({ measure: 'uitgaven', dimension: 'escalatie', split: 'gemeente' });
		const spec = chartSpec(chartData(SPLIT, c), c, 600);
		// A grid, the one value axis (a composite mark of its own), the bars and the zero line.
		expect(marks(spec)).toEqual(['x-grid', undefined, 'bar', 'rule']);
		expect(spec.fy).toMatchObject({ domain: ['2024', '2025'], axis: 'left' });
	});

	it('draws a range of avoided costs, cuts long labels and keeps the margin within the width', () => {
		const c = choice({ measure: 'besparing', dimension: 'ministerie' });
		const spec = chartSpec(chartData(RANGE, c), c, 320);
		const y = spec.y as { tickFormat: (label: string) => string };
		expect(y.tickFormat('Ministerie van Binnenlandse Zaken en Koninkrijksrelaties')).toBe(
			'Ministerie van Binnenlandse Z…'
		);
		expect(spec.marginLeft).toBeLessThanOrEqual(144);
	});

	it('keeps an axis where every figure drawn is zero', () => {
		const zero: DataTable = {
			...COUNTS,
			rows: [
				{ label: 'Wonen', totaal: 0 },
				{ label: 'Alle casussen', totaal: 0 }
			]
		};
		const c = choice();
		const spec = chartSpec(chartData(zero, c), c, 600);
		expect((spec.x as { domain: number[] }).domain).toEqual([0, 1]);
	});
});

describe('chartSummary', () => {
	it('says the kind of chart, what it shows and its figures in Dutch, and what is not drawn', () => {
		const c = choice();
		expect(chartSummary(chartData(COUNTS, c), c, COUNTS.caption)).toBe(
			'Staafdiagram: Aantal casussen per leefgebied. Financiën: 1.234. Eén geheim cijfer is niet getekend.'
		);
		const line = choice({ measure: 'uitgaven', dimension: 'jaar', split: 'gemeente' });
		expect(chartSummary(chartData(SPLIT, line), line, SPLIT.caption)).toBe(
			'Lijngrafiek: Uitgaven aan oplossingen per jaar van aanmelding en gemeente. 2024, Leeuwarden: € 2.588; 2025, Leeuwarden: € 12.088; 2025, Zwolle: € 8.950.'.replace(
				/€ /g,
				'€\u00a0'
			)
		);
		const range = choice({ measure: 'besparing', dimension: 'ministerie' });
		expect(chartSummary(chartData(RANGE, range), range, RANGE.caption)).toContain(
			'€\u00a01.000 tot €\u00a03.000'
		);
	});

	it('says so when there is nothing to draw', () => {
		const c = choice({ measure: 'doorlooptijd' });
		const empty: DataTable = { ...COUNTS, rows: [{ label: 'Alle casussen', totaal: null }] };
		expect(chartSummary(chartData(empty, c), c, 'Doorlooptijd')).toBe(
			'Staafdiagram: Doorlooptijd. Er is niets te tekenen.'
		);
	});
});
