/** Gallery cases of the bar charts: plain, stacked (every categorical, ordered and named colour), grouped, ranges, profile dots and box plots. */
import type { GalleryCase } from './cases';
import { COLOURS, SEQUENTIAL } from '$lib/components/charts/scales';
import { euro, perTenThousand } from './fixtures';

export const BAR_CASES: GalleryCase[] = [
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
	}
];
