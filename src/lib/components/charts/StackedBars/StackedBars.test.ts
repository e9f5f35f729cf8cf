/** StackedBars tells screen readers every bar with its parts, and shows a legend of the series; the bars are tested in Chromium (tests/charts). */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import StackedBars from './StackedBars.svelte';

const series = [
	{ key: 'opgelost', label: 'Opgelost' },
	{ key: 'open', label: 'Open', color: '#123456' }
];

describe('StackedBars', () => {
	it('describes the bars as an image, naming each category total and its non-zero parts', () => {
		const { body } = render(StackedBars, {
			props: {
				title: 'Afloop per trede',
				categories: ['Wijktafel', 'College'],
				series,
				values: [
					[1234, 5],
					[0, 2]
				]
			}
		});
		expect(body).toContain('role="img"');
		expect(body).toContain(
			'aria-label="Afloop per trede: Wijktafel 1.239 (Opgelost 1.234, Open 5); College 2 (Open 2)"'
		);
	});

	it('shows a legend with the given colour, or the first categorical colour where none is given', () => {
		const { body } = render(StackedBars, {
			props: { title: 'T', categories: ['A'], series, values: [[1, 1]] }
		});
		expect(body).toMatch(/fill="#0072B2"[^>]*><\/rect>(<!--\]-->)?<\/svg>Opgelost/);
		expect(body).toMatch(/fill="#123456"[^>]*><\/rect>(<!--\]-->)?<\/svg>Open/);
	});

	it('draws no legend and no chart when every count is zero', () => {
		const { body } = render(StackedBars, {
			props: { title: 'Leeg', categories: ['A'], series, values: [[0, 0]] }
		});
		expect(body).toContain('aria-label="Leeg: A 0"');
		expect(body).not.toContain('portal-legend');
		expect(body).not.toContain('<svg');
	});
});
