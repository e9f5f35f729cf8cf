/** Gallery cases of the shaded tables: heatmaps and a cross table whose cells reach every shade of the heat scale. */
import type { GalleryCase } from './cases';
import { LEEFGEBIEDEN, NAMES } from './fixtures';

/** 13 × 13 cells holding every count from 0 to 168 once, so every shade of the heat scale appears. */
const MATRIX = LEEFGEBIEDEN.map((_, i) => LEEFGEBIEDEN.map((_, j) => (i * 13 + j * 7) % 169));

export const TABLE_CASES: GalleryCase[] = [
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
