/** SmallMultiples reads each panel out in Dutch; its shared scale is tested in Chromium (tests/charts). */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import SmallMultiples from './SmallMultiples.svelte';

describe('SmallMultiples', () => {
	it('gives every series its own described panel', () => {
		const { body } = render(SmallMultiples, {
			props: {
				title: 'Casussen per kwartaal',
				periods: ['2025-Q1', '2025-Q2'],
				series: [
					{ label: 'Financiën', values: [1200, 3] },
					{ label: 'Wonen', values: [0, 7] }
				]
			}
		});
		expect(body.match(/role="img"/g)).toHaveLength(2);
		expect(body).toContain('aria-label="Casussen per kwartaal, Financiën: 2025-Q1 1.200, 2025-Q2 3"');
		expect(body).toContain('aria-label="Casussen per kwartaal, Wonen: 2025-Q1 0, 2025-Q2 7"');
	});
});
