/** The chart gallery's cases: every chart with fixed data that reaches every colour of every scale and every branch (empty, zero, negative, one item, hidden figures). */
import type { ComponentProps } from 'svelte';
import type BarChart from '$lib/components/charts/BarChart/BarChart.svelte';
import type StackedBars from '$lib/components/charts/StackedBars/StackedBars.svelte';
import type SmallMultiples from '$lib/components/charts/SmallMultiples/SmallMultiples.svelte';
import type RangeMultiples from '$lib/components/charts/Budget/RangeMultiples.svelte';
import type RangeBars from '$lib/components/charts/Budget/RangeBars.svelte';
import type CumulativeLine from '$lib/components/charts/Budget/CumulativeLine.svelte';
import type ProfileDots from '$lib/components/charts/ProfileDots/ProfileDots.svelte';
import type TrendLines from '$lib/components/charts/TrendLines/TrendLines.svelte';
import type GroupedBars from '$lib/components/charts/GroupedBars/GroupedBars.svelte';
import type LeadTimeBoxes from '$lib/components/charts/LeadTimeBoxes/LeadTimeBoxes.svelte';
import type Heatmap from '$lib/components/charts/Heatmap/Heatmap.svelte';
import type CrossTable from '$lib/components/charts/CrossTable/CrossTable.svelte';
import { COLOURS, SEQUENTIAL } from '$lib/components/charts/scales';

/** The charts the gallery can show, by name. */
export interface Charts {
	BarChart: typeof BarChart;
	StackedBars: typeof StackedBars;
	SmallMultiples: typeof SmallMultiples;
	RangeMultiples: typeof RangeMultiples;
	RangeBars: typeof RangeBars;
	CumulativeLine: typeof CumulativeLine;
	ProfileDots: typeof ProfileDots;
	TrendLines: typeof TrendLines;
	GroupedBars: typeof GroupedBars;
	LeadTimeBoxes: typeof LeadTimeBoxes;
	Heatmap: typeof Heatmap;
	CrossTable: typeof CrossTable;
}

/** One chart with its props, shown in a box of a fixed width and screenshotted as `<name>.png`. */
export type GalleryCase = {
	[K in keyof Charts]: {
		name: string;
		chart: K;
		props: ComponentProps<Charts[K]>;
		/** Whether the chart draws SVG marks once mounted, or none (empty data, HTML tables). */
		drawn: 'marks' | 'none';
	};
}[keyof Charts];

const euro = (n: number) =>
	new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(n);
const perTenThousand = (n: number) => new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 }).format(n);

const QUARTERS = ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'];
const LEEFGEBIEDEN = [
	'financiën',
	'wonen',
	'werk',
	'zorg',
	'jeugd',
	'onderwijs',
	'justitie',
	'gezondheid',
	'vervoer',
	'verslaving',
	'sociaal',
	'veiligheid',
	'overig'
];
const NAMES = Object.fromEntries(
	LEEFGEBIEDEN.map((code) => [code, code[0].toUpperCase() + code.slice(1).replace('overig', 'Overige')])
);
/** 13 × 13 cells holding every count from 0 to 168 once, so every shade of the heat scale appears. */
const MATRIX = LEEFGEBIEDEN.map((_, i) => LEEFGEBIEDEN.map((_, j) => (i * 13 + j * 7) % 169));

export const CASES: GalleryCase[] = [
	{
		name: 'bar-vertical',
		chart: 'BarChart',
		drawn: 'marks',
		props: {
			title: 'Casussen per jaar',
			data: [
				{ label: '2021', value: 12 },
				{ label: '2022', value: 0 },
				{ label: '2023', value: 1234 },
				{ label: '2024', value: 560 },
				{ label: '2025', value: 87 }
			]
		}
	},
	{
		name: 'bar-horizontal',
		chart: 'BarChart',
		drawn: 'marks',
		props: {
			title: 'Betrokken organisaties',
			orientation: 'horizontal',
			height: 48 + 28 * 6,
			data: [
				{ label: 'Gemeente (Participatiewet)', value: 48 },
				{ label: 'Belastingdienst/Toeslagen', value: 31 },
				{ label: 'UWV', value: 19 },
				{ label: 'Woningcorporatie', value: 7 },
				{ label: 'Zorgverzekeraar', value: 1 },
				{ label: 'Centraal Justitieel Incassobureau', value: 0 }
			]
		}
	},
	{
		name: 'bar-one',
		chart: 'BarChart',
		drawn: 'marks',
		props: { title: 'Eén jaar', data: [{ label: '2025', value: 3 }], height: 160 }
	},
	{
		name: 'bar-negative',
		chart: 'BarChart',
		drawn: 'marks',
		props: {
			title: 'Verschil met vorig jaar',
			height: 200,
			data: [
				{ label: 'Financiën', value: 4 },
				{ label: 'Wonen', value: -3 },
				{ label: 'Werk', value: 0 }
			]
		}
	},
	{ name: 'bar-empty', chart: 'BarChart', drawn: 'none', props: { title: 'Leeg', data: [], height: 80 } },
	{
		name: 'stacked-categorical',
		chart: 'StackedBars',
		drawn: 'marks',
		props: {
			title: 'Hoogste trede per route',
			categories: [
				'Wijkteam Noord',
				'Wijkteam Zuid',
				'Doorbraakteam van de vijf gemeenten in de regio Noordoost'
			],
			series: ['Eigen team', 'Maatwerkcoach', 'Lokale tafel', 'College', 'Landelijk', 'Geen', 'Onbekend'].map(
				(label, i) => ({ key: `s${i}`, label })
			),
			values: [
				[1, 2, 3, 4, 5, 6, 7],
				[7, 0, 5, 0, 3, 0, 1],
				[0, 0, 0, 12, 0, 0, 0]
			]
		}
	},
	{
		name: 'stacked-sequential',
		chart: 'StackedBars',
		drawn: 'marks',
		props: {
			title: 'Open casussen naar leeftijd',
			orientation: 'vertical',
			height: 240,
			categories: ['1. Eigen team', '2. Maatwerkcoach', '3. Lokale tafel'],
			series: ['< 1 maand', '1–3 maanden', '3–6 maanden', '6–12 maanden', '> 1 jaar'].map((label, i) => ({
				key: `b${i}`,
				label,
				color: SEQUENTIAL[i]
			})),
			values: [
				[4, 3, 2, 1, 1],
				[0, 2, 0, 5, 9],
				[1, 1, 1, 1, 1]
			]
		}
	},
	{
		name: 'stacked-named',
		chart: 'StackedBars',
		drawn: 'marks',
		props: {
			title: 'Afloop per trede',
			categories: ['Lokale doorbraaktafel', 'College'],
			series: (
				[
					['opgelost', 'Opgelost', COLOURS.green],
					['deels', 'Deels opgelost', COLOURS.ochre],
					['niet', 'Niet opgelost', COLOURS.vermillion],
					['zonder', 'Zonder uitkomst', COLOURS.purple],
					['ingetrokken', 'Ingetrokken', COLOURS.grey],
					['open', 'Open', COLOURS.blue],
					['violet', 'Anders', COLOURS.violet],
					['zwart', 'Onbekend', COLOURS.black]
				] as const
			).map(([key, label, color]) => ({ key, label, color })),
			values: [
				[10, 4, 3, 2, 1, 6, 1, 1],
				[1, 0, 0, 0, 0, 2, 0, 0]
			]
		}
	},
	{
		name: 'stacked-empty',
		chart: 'StackedBars',
		drawn: 'none',
		props: {
			title: 'Geen casussen',
			categories: ['A', 'B'],
			series: [{ key: 'a', label: 'A' }],
			values: [[0], [0]]
		}
	},
	{
		name: 'small-multiples',
		chart: 'SmallMultiples',
		drawn: 'marks',
		props: {
			title: 'Casussen per kwartaal',
			periods: QUARTERS,
			series: [
				{ label: 'Financiën', values: [3, 5, 8, 4, 12, 9, 7, 10] },
				{ label: 'Wonen', values: [0, 0, 1, 0, 2, 0, 0, 1] },
				{ label: 'Werk', values: [1, 1, 1, 1, 1, 1, 1, 1] }
			]
		}
	},
	{
		name: 'small-multiples-negative',
		chart: 'SmallMultiples',
		drawn: 'marks',
		props: {
			title: 'Saldo per kwartaal',
			periods: QUARTERS.slice(0, 4),
			series: [
				{ label: 'Correcties', values: [2, -1, 0, -4] },
				{ label: 'Nieuw', values: [0, 0, 0, 0] }
			]
		}
	},
	{
		name: 'small-multiples-one-period',
		chart: 'SmallMultiples',
		drawn: 'marks',
		props: { title: 'Eén kwartaal', periods: ['2025-Q3'], series: [{ label: 'Financiën', values: [4] }] }
	},
	{
		name: 'range-multiples',
		chart: 'RangeMultiples',
		drawn: 'marks',
		props: {
			title: 'Vermeden kosten per kwartaal',
			periods: QUARTERS.slice(4),
			series: [
				{ label: 'Gemeente', low: [1000, 2500, 0, 4000], high: [3000, 6000, 0, 4000] },
				{ label: 'Zorgverzekeraar', low: [0, 500, 750, 1250], high: [0, 1500, 2000, 3125] }
			]
		}
	},
	{
		name: 'range-bars',
		chart: 'RangeBars',
		drawn: 'marks',
		props: {
			title: 'Per fonds',
			rows: [
				{ label: 'OMO-fonds', cost: 12_500, low: 30_000, high: 75_000 },
				{ label: 'Doorbraakfonds met een heel lange naam die wordt afgekort', cost: 2000, low: 0, high: 0 },
				{ label: 'Maatwerkbudget', cost: 0, low: 4000, high: 4000 }
			]
		}
	},
	{
		name: 'range-bars-parties',
		chart: 'RangeBars',
		drawn: 'marks',
		props: {
			title: 'Vermeden kosten per partij',
			withCost: false,
			labelWidth: 240,
			rows: [
				{ label: 'Gemeente (andere afdeling of andere gemeente)', low: 39_950, high: 99_875 },
				{ label: 'Zorgverzekeraar', low: 18_750, high: 46_875 }
			]
		}
	},
	{
		name: 'cumulative-line',
		chart: 'CumulativeLine',
		drawn: 'marks',
		props: {
			title: 'maatwerkbudget',
			months: [
				...['01', '02', '03', '04', '05', '06', '07'].map((m, i) => ({
					month: `2025-${m}`,
					cumulative: [0, 1200, 1200, 4800.5, 6100, 9000, 14_675][i],
					budget: 22_500.5
				})),
				...['08', '09', '10', '11', '12'].map((m) => ({
					month: `2025-${m}`,
					cumulative: null,
					budget: 22_500.5
				}))
			],
			projection: { fromMonth: '2025-07', toMonth: '2025-12', value: 25_157 }
		}
	},
	{
		name: 'cumulative-line-empty',
		chart: 'CumulativeLine',
		drawn: 'marks',
		props: {
			title: 'Regulier',
			months: [
				{ month: '2024-11', cumulative: null, budget: null },
				{ month: '2024-12', cumulative: null, budget: null },
				{ month: '2025-01', cumulative: null, budget: null }
			]
		}
	},
	{
		name: 'profile-dots',
		chart: 'ProfileDots',
		drawn: 'marks',
		props: {
			title: 'Leefgebiedenprofiel',
			gemeenten: ['Leeuwarden', 'Utrecht', 'Zwolle', 'Heerenveen', 'Groningen'],
			rows: [
				{ label: 'Financiën', national: 66.7, shares: [50, 100, 'geheim', 72.5, 60] },
				{ label: 'Wonen', national: 30, shares: [25, null, 40, 0, 35] },
				{
					label: 'Gezondheid en een heel lange naam voor een leefgebied',
					national: null,
					shares: [5, 10, 15, 20, 'geheim']
				},
				{ label: 'Werk', national: 0, shares: [0, 0, 0, 0, 0] }
			]
		}
	},
	{
		name: 'trend-lines',
		chart: 'TrendLines',
		drawn: 'marks',
		props: {
			title: 'Casussen per 10.000 inwoners',
			quarters: QUARTERS,
			format: perTenThousand,
			series: [
				{ label: 'Leeuwarden', values: [0.2, 0.4, 'geheim', 0.5, 0.9, 1.2, null, 0.8] },
				{ label: '100.000 tot 150.000 inwoners', values: [0.3, 0.3, 0.4, 0.4, 0.6, 0.7, 0.7, 0.6] },
				{ label: 'Alle gemeenten', values: [0.1, 0.2, 0.2, 0.3, 0.3, 0.4, 0.4, 0.5] }
			]
		}
	},
	{
		name: 'grouped-bars',
		chart: 'GroupedBars',
		drawn: 'marks',
		props: {
			title: 'Casussen per 10.000 inwoners',
			format: perTenThousand,
			series: [{ label: 'Per 10.000 inwoners' }],
			rows: [
				{ label: 'Leeuwarden', group: '100.000 tot 150.000 inwoners', values: [1.6] },
				{ label: 'Heerenveen', group: '100.000 tot 150.000 inwoners', values: ['geheim'] },
				{ label: 'Utrecht', group: '250.000 inwoners of meer', values: [0.3] }
			]
		}
	},
	{
		name: 'grouped-bars-series',
		chart: 'GroupedBars',
		drawn: 'marks',
		props: {
			title: 'Besteed en vermeden per casus',
			format: euro,
			series: [{ label: 'Besteed' }, { label: 'Vermeden, laag' }, { label: 'Vermeden, hoog' }],
			rows: [
				{ label: 'Leeuwarden', values: [1200, 3000, 7500] },
				{ label: 'Utrecht', values: [800, null, 'geheim'] },
				{ label: 'Zwolle', values: [0, 0, 0] }
			]
		}
	},
	{
		name: 'lead-time-boxes',
		chart: 'LeadTimeBoxes',
		drawn: 'marks',
		props: {
			title: 'Doorlooptijd per hoogste trede',
			rows: [
				{
					label: '3. Lokale doorbraaktafel',
					leadTime: { cases: 4, min: 10, p25: 17.5, median: 25, p75: 32.5, max: 40 }
				},
				{
					label: '4. College',
					leadTime: { cases: 0, min: null, p25: null, median: null, p75: null, max: null }
				},
				{
					label: '5. Landelijk Maatwerkloket',
					leadTime: { cases: 1, min: 366, p25: 366, median: 366, p75: 366, max: 366 }
				},
				{ label: 'Alle treden', leadTime: { cases: 5, min: 10, p25: 20, median: 30, p75: 40, max: 366 } }
			]
		}
	},
	{
		name: 'lead-time-boxes-empty',
		chart: 'LeadTimeBoxes',
		drawn: 'none',
		props: { title: 'Geen afgeronde casussen', rows: [] }
	},
	{
		name: 'heatmap',
		chart: 'Heatmap',
		drawn: 'none',
		props: {
			caption: 'Casussen per paar leefgebieden',
			labels: LEEFGEBIEDEN,
			names: NAMES,
			matrix: MATRIX,
			totals: Object.fromEntries(LEEFGEBIEDEN.map((code, i) => [code, 100 + i])),
			diagonalMeaning: 'alleen dit leefgebied',
			cellHref: (row, column) => `#cel=${row},${column}`,
			selected: ['wonen', 'werk']
		}
	},
	{
		name: 'heatmap-without-links',
		chart: 'Heatmap',
		drawn: 'none',
		props: {
			caption: 'Casussen per paar leefgebieden (totalen)',
			labels: LEEFGEBIEDEN.slice(0, 4),
			names: NAMES,
			matrix: [
				[0, 1, 2, 3],
				[1, 0, 0, 0],
				[2, 0, 5, 0],
				[3, 0, 0, 4]
			],
			totals: { financiën: 6, wonen: 1, werk: 7, zorg: 7 },
			diagonalMeaning: 'totaal'
		}
	},
	{
		name: 'cross-table',
		chart: 'CrossTable',
		drawn: 'none',
		props: {
			caption: 'Casussen per wet en leefgebied',
			rowHeading: 'Wet',
			rows: [
				'Participatiewet',
				'Jeugdwet',
				'Wmo 2015',
				'Zorgverzekeringswet',
				'Awir',
				'Wet schuldsanering natuurlijke personen'
			].map((label) => ({ key: label, label })),
			columns: LEEFGEBIEDEN.slice(0, 8).map((code) => ({ key: code, label: NAMES[code] })),
			// 48 cells holding 0 to 47: every shade from the lightest to the darkest.
			cells: Array.from({ length: 6 }, (_, i) => Array.from({ length: 8 }, (_, j) => i * 8 + j)),
			totals: { label: 'Casussen', values: [140, 56, 30, 12, 3, 0] }
		}
	}
];
