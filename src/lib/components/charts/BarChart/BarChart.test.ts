/** BarChart tells screen readers its figures in one sentence, in Dutch number format; what it draws is tested in Chromium (tests/charts). */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import BarChart from './BarChart.svelte';

describe('BarChart', () => {
	it('describes the bars as an image with the figures in its label', () => {
		const { body } = render(BarChart, {
			props: {
				title: 'Casussen per jaar',
				data: [
					{ label: '2024', value: 1234 },
					{ label: '2025', value: 56 }
				]
			}
		});
		expect(body).toContain('role="img"');
		expect(body).toContain('aria-label="Casussen per jaar: 2024 1.234, 2025 56"');
	});

	it('says nothing but its title when there is nothing to show', () => {
		const { body } = render(BarChart, { props: { title: 'Leeg', data: [] } });
		expect(body).toContain('aria-label="Leeg: "');
	});
});
