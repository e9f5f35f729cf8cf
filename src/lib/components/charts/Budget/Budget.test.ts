/** The budget charts read out every figure in euros as one image, with a legend of what they draw; the drawing is tested in Chromium (tests/charts). */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import CumulativeLine from './CumulativeLine.svelte';
import RangeBars from './RangeBars.svelte';
import RangeMultiples from './RangeMultiples.svelte';

/** Intl writes a no-break space after the euro sign; the tests compare plain text. */
const plain = (html: string) => html.replace(/\u00a0/g, ' ');

describe('CumulativeLine', () => {
	const months = [
		{ month: '2025-01', cumulative: 1000, budget: 50_000 },
		{ month: '2025-02', cumulative: 1234.56, budget: 50_000 },
		{ month: '2025-03', cumulative: null, budget: 50_000 }
	];

	it('tells the spend so far, the budget and the projection', () => {
		const { body } = render(CumulativeLine, {
			props: {
				title: 'OMO-fonds',
				months,
				projection: { fromMonth: '2025-02', toMonth: '2025-03', value: 2000 }
			}
		});
		expect(plain(body)).toContain(
			'aria-label="OMO-fonds: besteed € 1.234,56 tot en met februari 2025; budget € 50.000,00 tot en met maart 2025; prognose in het huidige tempo € 2.000,00 eind maart 2025"'
		);
		expect(body).toContain('role="img"');
		expect(body).toContain('</svg>Budget</li>');
		expect(body).toContain('</svg>Prognose</li>');
	});

	it('says so when no budget was set and nothing was spent', () => {
		const { body } = render(CumulativeLine, {
			props: { title: 'Regulier', months: [{ month: '2025-01', cumulative: null, budget: null }] }
		});
		expect(body).toContain('aria-label="Regulier: nog niets besteed; geen budget ingesteld"');
		expect(body).toContain('</svg>Besteed (cumulatief)</li>');
		expect(body).not.toContain('>Budget</li>');
		expect(body).not.toContain('>Prognose</li>');
	});
});

describe('RangeBars', () => {
	it('reads out cost and the range of avoided cost per row, with both in the legend', () => {
		const { body } = render(RangeBars, {
			props: {
				title: 'Per fonds',
				rows: [
					{ label: 'OMO-fonds', cost: 300, low: 900, high: 1200 },
					{ label: 'Doorpak', cost: 99, low: 0, high: 0 }
				]
			}
		});
		expect(plain(body)).toContain(
			'aria-label="Per fonds: OMO-fonds: kosten € 300,00, vermeden kosten € 900,00 tot € 1.200,00; Doorpak: kosten € 99,00, vermeden kosten € 0,00"'
		);
		expect(body).toContain('</svg>Kosten</li>');
		expect(body).toContain('</svg>Vermeden kosten, lage tot hoge schatting</li>');
	});

	it('leaves the cost out for parties', () => {
		const { body } = render(RangeBars, {
			props: { title: 'Per partij', withCost: false, rows: [{ label: 'Gemeente', low: 10, high: 10 }] }
		});
		expect(plain(body)).toContain('aria-label="Per partij: Gemeente: vermeden kosten € 10,00"');
		expect(body).not.toContain('Kosten</li>');
		expect(body).toContain('</svg>Vermeden kosten, lage tot hoge schatting</li>');
	});
});

describe('RangeMultiples', () => {
	it('describes each panel per period as a range', () => {
		const { body } = render(RangeMultiples, {
			props: {
				title: 'Per kwartaal',
				periods: ['2025-Q1', '2025-Q2'],
				series: [{ label: 'Gemeente', low: [100, 0], high: [300, 0] }]
			}
		});
		expect(plain(body)).toContain(
			'aria-label="Per kwartaal, Gemeente: 2025-Q1 € 100,00 tot € 300,00, 2025-Q2 € 0,00"'
		);
	});
});
