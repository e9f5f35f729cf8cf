/** ReportBars draws on the server (for print and PDF) and reads out every figure in one sentence. */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import ReportBars from './ReportBars.svelte';

describe('ReportBars', () => {
	it('describes grouped bars with every value and draws one bar per value', () => {
		const { body } = render(ReportBars, {
			props: {
				title: 'Kerncijfers',
				categories: ['Aangemeld', 'Opgelost'],
				series: [{ label: 'Q3' }, { label: 'Q2' }],
				values: [
					[1234, 16],
					[0, 14]
				]
			}
		});
		expect(body).toContain('role="img"');
		expect(body).toContain('aria-label="Kerncijfers: Aangemeld: Q3 1.234, Q2 16; Opgelost: Q3 0, Q2 14"');
		expect(body.match(/class="rapport-bars__bar rapport-bars__bar--\d"/g)).toHaveLength(2 + 4);
		expect(body).toContain('>1.234</text>');
	});

	it('writes amounts as rounded euros', () => {
		const { body } = render(ReportBars, {
			props: {
				title: 'Geld',
				categories: ['Besteed'],
				series: [{ label: 'Bedrag' }],
				values: [[150.5]],
				kind: 'euro'
			}
		});
		expect(body).toContain('aria-label="Geld: Besteed €\u00a0151"');
	});
});
