/** CrossTable is a real table: caption, headers with scope, counts in Dutch format, cells shaded by value, totals unshaded. */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import CrossTable from './CrossTable.svelte';

const props = {
	caption: 'Casussen per wet en leefgebied',
	rowHeading: 'Wet',
	rows: [
		{ key: 'Pw', label: 'Participatiewet' },
		{ key: 'Jw', label: 'Jeugdwet' }
	],
	columns: [
		{ key: 'financiën', label: 'Financiën' },
		{ key: 'wonen', label: 'Wonen' }
	],
	cells: [
		[1234, 0],
		[5, 617]
	],
	totals: { label: 'Totaal', values: [1300, 620] }
};

/** The body cells of the rendered table, in order, with their text and inline style. */
function cellsOf(body: string): { text: string; style: string }[] {
	return [...body.matchAll(/<td class="portal-crosstable__cell[^"]*" style="([^"]*)">([^<]*)<\/td>/g)].map(
		(m) => ({
			text: m[2],
			style: m[1]
		})
	);
}

describe('CrossTable', () => {
	it('renders a captioned table with column and row headers and the counts in Dutch format', () => {
		const { body } = render(CrossTable, { props });
		const caption =
			/<caption class="utrecht-table__caption" id="([^"]+)">Casussen per wet en leefgebied<\/caption>/.exec(
				body
			);
		expect(caption).not.toBeNull();
		// The scrolling region is named by the caption, so a keyboard user who tabs to it hears what it is.
		expect(body).toContain(`role="region" aria-labelledby="${caption![1]}" tabindex="0"`);
		expect(body.match(/scope="col"/g)).toHaveLength(4);
		expect(body.match(/scope="row"/g)).toHaveLength(2);
		expect(cellsOf(body).map((c) => c.text)).toEqual(['1.234', '0', '5', '617']);
		expect(body).toContain('1.300');
		expect(body).toContain('1.234 casussen');
	});

	it('shades cells by value: the largest darkest with white text, zero lightest, each with the text of higher contrast', () => {
		const { body } = render(CrossTable, { props });
		const [largest, zero, small, half] = cellsOf(body);
		expect(largest.style).toContain('color: #ffffff');
		expect(zero.style).toContain('color: #000000');
		expect(half.style).toContain('color: #000000');
		const background = (style: string) => /background-color: ([^;]+)/.exec(style)?.[1];
		const lightness = (rgb: string | undefined) =>
			(rgb?.match(/\d+/g) ?? []).slice(0, 3).reduce((sum, n) => sum + Number(n), 0);
		expect(lightness(background(largest.style))).toBeLessThan(lightness(background(half.style)));
		expect(lightness(background(half.style))).toBeLessThan(lightness(background(small.style)));
		expect(lightness(background(small.style))).toBeLessThanOrEqual(lightness(background(zero.style)));
	});

	it('leaves out the totals column when none is given', () => {
		const { body } = render(CrossTable, { props: { ...props, totals: undefined } });
		expect(body.match(/scope="col"/g)).toHaveLength(3);
		expect(body).not.toContain('1.300');
	});
});
