/** Gallery cases of the line charts: small multiples, ranges over time, the cumulative spend and trend lines. */
import type { GalleryCase } from './cases';
import { QUARTERS, perTenThousand } from './fixtures';

export const LINE_CASES: GalleryCase[] = [
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
	}
];
