/** ReportDocument on the server (as the PDF gets it): a quarter's key figures against the period before and a year earlier, a year's against the year before once. */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { PeriodFigures, PeriodReport } from '$lib/domain/report';
import ReportDocument from './ReportDocument.svelte';

const TABLE_IDS = [
	'rapport-kerncijfers',
	'rapport-treden',
	'rapport-leefgebieden',
	'rapport-organisaties',
	'rapport-ministeries',
	'rapport-wetten',
	'rapport-niveaus',
	'rapport-fondsen',
	'rapport-kassabon',
	'rapport-baten',
	'rapport-verrekening',
	'rapport-monitoring',
	'rapport-signalen',
	'rapport-kwesties'
];

const figures = (period: string, name: string, cases: number, median: number | null): PeriodFigures => ({
	period,
	from: '',
	to: '',
	name,
	cases: { in: cases, solved: 2, open: 3, withdrawn: 1 },
	notSolved: 0,
	lead: { cases: 2, median }
});

/** A report with the given comparison and nothing else in it. */
function report(current: PeriodFigures, previous: PeriodFigures, yearBefore: PeriodFigures): PeriodReport {
	return {
		version: 1,
		period: current.period,
		from: '2025-01-01',
		to: '2025-12-31',
		name: current.name,
		scope: { gemeente: null, gemeenten: ['GM0080'], label: 'Leeuwarden' },
		cases: current.cases,
		previous: previous.cases,
		spent: 0,
		savingsLow: 0,
		savingsHigh: 0,
		signals: 0,
		comparison: { current, previous, yearBefore },
		steps: [],
		leefgebieden: { cases: 0, withLabel: 0, labels: [], names: {}, matrix: [], totals: {} },
		organisaties: { cases: 0, counts: [] },
		ministeries: { cases: 0, counts: [] },
		wetten: { cases: 0, withWet: 0, wetten: [], niveaus: [] },
		budget: {
			cases: 0,
			spent: 0,
			savingsLow: 0,
			savingsHigh: 0,
			withoutEstimate: 0,
			advanced: 0,
			repaid: 0,
			forgiven: 0,
			outstanding: 0,
			contributions: 0,
			settlement: [],
			funds: [],
			benefitsBy: []
		},
		monitoring: {
			states: [
				{ state: 'duurzaam', label: 'Duurzaam opgelost', cases: 0, spent: 0, savingsLow: 0, savingsHigh: 0 }
			],
			realisedLow: 0,
			realisedHigh: 0
		},
		signalList: { threshold: 3, windowMonths: 12, asOf: '2025-12-31', rows: [] },
		kwesties: [],
		tables: TABLE_IDS.map((id) => ({ id, caption: id, columns: [{ key: 'x', label: 'X' }], rows: [] }))
	};
}

/** The page's text with tags and runs of white space folded. */
const text = (html: string) =>
	html
		.replace(/<!--.*?-->/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ');
const draw = (r: PeriodReport) =>
	render(ReportDocument, { props: { report: r, stamp: 'Stand.', lessons: null } }).body;

describe('ReportDocument key figures', () => {
	it('sets a quarter against the period before and a year earlier, in words and in the bars', () => {
		const body = draw(
			report(
				figures('2025-Q3', 'derde kwartaal 2025', 12, 40),
				figures('2025-Q2', 'tweede kwartaal 2025', 9, null),
				figures('2024-Q3', 'derde kwartaal 2024', 7, 17)
			)
		);
		expect(text(body)).toContain('Aangemeld 12 periode ervoor 9 · jaar eerder 7');
		expect(text(body)).toContain(
			'Mediane doorlooptijd 40 dagen periode ervoor n.v.t. · jaar eerder 17 dagen'
		);
		expect(body).toContain(
			'aria-label="Kerncijfers tegen de periode ervoor en een jaar eerder: Aangemeld: derde kwartaal 2025 12, tweede kwartaal 2025 9, derde kwartaal 2024 7;'
		);
	});

	it('sets a year against the year before once, never as "periode ervoor" and "jaar eerder" both', () => {
		const body = draw(
			report(
				figures('2025', 'jaar 2025', 40, 50),
				figures('2024', 'jaar 2024', 30, 60),
				figures('2024', 'jaar 2024', 30, 60)
			)
		);
		expect(text(body)).toContain('Aangemeld 40 jaar ervoor 30 ');
		expect(text(body)).toContain('Mediane doorlooptijd 50 dagen jaar ervoor 60 dagen');
		expect(body).not.toContain('periode ervoor');
		expect(body).not.toContain('jaar eerder');
		expect(body).toContain(
			'aria-label="Kerncijfers tegen het jaar ervoor: Aangemeld: jaar 2025 40, jaar 2024 30; Opgelost: jaar 2025 2, jaar 2024 2;'
		);
		// Two bars (this year, the year before) for each of the four figures, and two legend entries.
		const bars = body.slice(body.indexOf('Kerncijfers tegen het jaar ervoor'));
		expect(bars.slice(0, bars.indexOf('</figure>')).match(/rapport-bars__bar--\d/g)).toHaveLength(2 + 8);
	});
});
