/** The Verkennen chart: its points read from the view's table (figures under disclosure control left out), the Observable Plot spec that draws them, and the sentence a screen reader hears. */
import * as Plot from '@observablehq/plot';
import { CATEGORICAL } from '$lib/components/charts/scales';
import { MEASURE_LABELS, TIME_DIMENSIONS, type ExploreChoice, type MeasureId } from '$lib/domain/explore';
import { formatCount, formatDecimal, formatEuro } from '$lib/domain/format';
import type { DataTable } from '$lib/domain/table';

/** One drawn figure: a value, or for avoided costs a range from low to high. */
export interface ChartPoint {
	category: string;
	series: string;
	value: number;
	low: number;
	high: number;
}

export interface ChartData {
	points: ChartPoint[];
	/** The dimension's values in table order, also those without a figure. */
	categories: string[];
	/** The split's values in table order; one series named after the measure without a split. */
	series: string[];
	/** Figures the table gives as "geheim" (landelijk), not drawn. */
	secret: number;
}

const ACCENT = '#154273';

/**
 * The points of the table: every row but the last (the total), every group of columns (a split's
 * value) but the total group where there is a split. Empty cells (a median without cases) and
 * protected ones are not drawn.
 */
export function chartData(table: DataTable, choice: ExploreChoice): ChartData {
	const groups = new Map<string, string>();
	for (const column of table.columns) {
		const key = column.key.split('_')[0];
		if (column.group !== undefined && !groups.has(key)) groups.set(key, column.group);
	}
	const drawn = [...groups].filter(([key]) => (choice.split ? key !== 'totaal' : key === 'totaal'));
	const body = table.rows.slice(0, -1);
	const points: ChartPoint[] = [];
	let secret = 0;
	for (const row of body) {
		for (const [key, series] of drawn) {
			const cells =
				choice.measure === 'besparing' ? [row[`${key}_laag`], row[`${key}_hoog`]] : [row[key], row[key]];
			if (cells.includes('geheim')) secret++;
			const [low, high] = cells;
			if (typeof low !== 'number' || typeof high !== 'number') continue;
			points.push({ category: String(row.label), series, value: high, low, high });
		}
	}
	return {
		points,
		categories: body.map((row) => String(row.label)),
		series: drawn.map(([, series]) => series),
		secret
	};
}

/** A figure of the measure as the page writes it. */
export function formatFigure(measure: MeasureId, value: number): string {
	if (measure === 'uitgaven' || measure === 'besparing') return formatEuro(value, { rounded: true });
	if (measure === 'casussen') return formatCount(value);
	return `${formatDecimal(value)} ${measure === 'doorlooptijd' ? 'dagen' : 'werkdagen'}`;
}

/** A tick of the value axis: amounts without cents, medians with one decimal at most. */
function tickOf(measure: MeasureId): (value: number) => string {
	if (measure === 'uitgaven' || measure === 'besparing') return (v) => formatEuro(v, { rounded: true });
	return measure === 'casussen' ? formatCount : formatDecimal;
}

const AXIS_LABEL: Record<MeasureId, string> = {
	casussen: 'Casussen',
	uitgaven: 'Uitgaven (euro)',
	besparing: 'Vermeden kosten, laag tot hoog (euro)',
	doorlooptijd: 'Mediaan (dagen)',
	antwoordtijd: 'Mediaan (werkdagen)'
};

/** Long names (ministeries) are cut on the axis; the table under the chart has them whole. */
const LABEL_MAX = 30;
const shortLabel = (label: string) =>
	label.length > LABEL_MAX ? `${label.slice(0, LABEL_MAX - 1)}…` : label;

/**
 * The Plot spec of a choice at a width: lines for a dimension in time, horizontal bars for any other
 * (long labels stay readable), grouped by the split's value where there is one; avoided costs as a
 * range from low to high.
 */
export function chartSpec(data: ChartData, choice: ExploreChoice, width: number): Plot.PlotOptions {
	const { measure, dimension, split } = choice;
	const range = measure === 'besparing';
	const tickFormat = tickOf(measure);
	const color = split ? { domain: data.series, range: [...CATEGORICAL], legend: true } : undefined;
	const fill = split ? 'series' : ACCENT;
	const style = { fontSize: '12px', background: 'transparent', overflow: 'visible' };
	// From zero, and never empty: where every figure drawn is 0 (or hidden) the axis still runs to 1.
	const top = Math.max(0, ...data.points.map((p) => p.high));
	const bottom = Math.min(0, ...data.points.map((p) => p.low));
	const domain = [bottom, top > bottom ? top : bottom + 1];

	if (TIME_DIMENSIONS.includes(dimension)) {
		const line = (y: 'value' | 'low', dashed: boolean) =>
			Plot.lineY(data.points, {
				x: 'category',
				y,
				z: 'series',
				stroke: fill,
				strokeWidth: 2,
				strokeDasharray: dashed ? '4 3' : undefined,
				marker: 'circle'
			});
		return {
			width,
			height: 320,
			marginLeft: 72,
			marginBottom: 48,
			style,
			x: {
				type: 'point',
				domain: data.categories,
				label: null,
				tickRotate: data.categories.length > 8 ? -45 : 0
			},
			y: { grid: true, domain, nice: true, label: AXIS_LABEL[measure], tickFormat },
			color,
			marks: [
				Plot.ruleY([0]),
				...(range
					? [
							Plot.areaY(data.points, {
								x: 'category',
								y1: 'low',
								y2: 'high',
								z: 'series',
								fill,
								fillOpacity: 0.2
							}),
							line('low', true)
						]
					: []),
				line('value', false)
			]
		};
	}

	const longest = Math.max(0, ...data.categories.map((c) => shortLabel(c).length));
	const marginLeft = Math.min(Math.max(64, longest * 7 + 16), Math.floor(width * 0.45));
	const bar = range
		? { x1: 'low', x2: 'high', y: split ? 'series' : 'category', fill }
		: { x: 'value', y: split ? 'series' : 'category', fill };
	// Counts are whole: no more ticks than the axis has whole numbers.
	const ticks = Math.max(
		1,
		Math.min(Math.floor(width / 120), measure === 'casussen' ? Math.ceil(top) : Infinity)
	);
	const x = { domain, nice: true, label: AXIS_LABEL[measure], tickFormat, ticks };
	if (!split) {
		return {
			width,
			height: data.categories.length * 28 + 56,
			marginLeft,
			marginRight: 72,
			style,
			x: { ...x, grid: true },
			y: { domain: data.categories, label: null, tickFormat: shortLabel },
			marks: [
				Plot.barX(data.points, { ...bar, insetTop: 3, insetBottom: 3 }),
				Plot.ruleX([0]),
				Plot.text(data.points, {
					x: 'high',
					y: 'category',
					text: (d: ChartPoint) => formatFigure(measure, d.high),
					dx: 4,
					textAnchor: 'start'
				})
			]
		};
	}
	return {
		width,
		height: data.categories.length * (data.series.length * 14 + 14) + 56,
		marginLeft,
		style,
		x,
		y: { domain: data.series, axis: null },
		fy: { domain: data.categories, label: null, axis: 'left', tickFormat: shortLabel },
		color,
		marks: [
			Plot.gridX({ ticks }),
			// One value axis under the last group, also where a group has nothing to draw (all "geheim").
			Plot.axisX({ anchor: 'bottom', facetAnchor: 'bottom', label: AXIS_LABEL[measure], tickFormat, ticks }),
			Plot.barX(data.points, { ...bar, fy: 'category', insetTop: 1, insetBottom: 1 }),
			Plot.ruleX([0])
		]
	};
}

/** What a screen reader hears in place of the drawing: the kind of chart, what it shows, and its figures. */
export function chartSummary(data: ChartData, choice: ExploreChoice, caption: string): string {
	const kind = TIME_DIMENSIONS.includes(choice.dimension)
		? 'Lijngrafiek'
		: choice.split
			? 'Gegroepeerd staafdiagram'
			: 'Staafdiagram';
	const figure = (p: ChartPoint) =>
		choice.measure === 'besparing'
			? `${formatFigure(choice.measure, p.low)} tot ${formatFigure(choice.measure, p.high)}`
			: formatFigure(choice.measure, p.value);
	const shown = data.points.slice(0, 40);
	const figures = shown.map((p) => `${p.category}${choice.split ? `, ${p.series}` : ''}: ${figure(p)}`);
	const rest = data.points.length - shown.length;
	const more = rest > 0 ? `; en ${formatCount(rest)} cijfers meer in de tabel onder de grafiek` : '';
	return [
		`${kind}: ${caption || MEASURE_LABELS[choice.measure]}.`,
		figures.length > 0 ? `${figures.join('; ')}${more}.` : 'Er is niets te tekenen.',
		data.secret === 1 ? 'Eén geheim cijfer is niet getekend.' : '',
		data.secret > 1 ? `${formatCount(data.secret)} geheime cijfers zijn niet getekend.` : ''
	]
		.filter(Boolean)
		.join(' ');
}
