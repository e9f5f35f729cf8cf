/** The `open` parameter of a page's detail sections and the count of a long list, read from and written to the URL. */
import { describe, expect, it } from 'vitest';
import { isSectionId, keepOpen, openSections, openValue, shownCount, withSection } from './sections';

const params = (query: string) => new URLSearchParams(query);

describe('openSections', () => {
	it('reads a comma-separated list, in its order, without duplicates or blanks', () => {
		expect(openSections(params('open=fondsen,kassabon'))).toEqual(['fondsen', 'kassabon']);
		expect(openSections(params('open=b,a,b,,%20a%20'))).toEqual(['b', 'a']);
	});

	it('reads a repeated parameter too, as a form without JavaScript may send it', () => {
		expect(openSections(params('open=a&open=b,c'))).toEqual(['a', 'b', 'c']);
	});

	it('is empty without the parameter, and leaves out what is no section id', () => {
		expect(openSections(params('from=2025-01-01'))).toEqual([]);
		expect(openSections(params('open='))).toEqual([]);
		expect(openSections(params('open=Fondsen,<script>,a%20b,-x,ok-1'))).toEqual(['ok-1']);
		expect(openSections(params(`open=${'a'.repeat(61)},${'b'.repeat(60)}`))).toEqual(['b'.repeat(60)]);
	});
});

describe('isSectionId and openValue', () => {
	it('accepts lower-case letters, digits and dashes, starting with a letter or digit', () => {
		expect(['a', 'tijd-per-trede', '2025', 'x1-y2'].every(isSectionId)).toBe(true);
		expect(['', 'A', '-a', 'a_b', 'a b', 'ä', 'a,b'].some(isSectionId)).toBe(false);
	});

	it('writes the list with commas, or null when nothing is open', () => {
		expect(openValue(['a', 'b', 'a'])).toBe('a,b');
		expect(openValue([])).toBeNull();
		expect(openValue(['NO'])).toBeNull();
	});
});

describe('withSection', () => {
	const page = new URL('http://portal.test/budget?from=2025-01-01&open=fondsen#top');

	it('adds an opened section at the end and keeps every other parameter and the fragment', () => {
		const next = withSection(page, 'kassabon', true);
		expect(next.pathname).toBe('/budget');
		expect(next.searchParams.get('from')).toBe('2025-01-01');
		expect(next.searchParams.get('open')).toBe('fondsen,kassabon');
		expect(next.hash).toBe('#top');
		// The page's own address is left as it was.
		expect(page.searchParams.get('open')).toBe('fondsen');
	});

	it('removes a closed section, and the parameter with the last one', () => {
		const two = withSection(page, 'kassabon', true);
		expect(withSection(two, 'fondsen', false).searchParams.get('open')).toBe('kassabon');
		const none = withSection(page, 'fondsen', false);
		expect(none.searchParams.has('open')).toBe(false);
		expect(none.search).toBe('?from=2025-01-01');
	});

	it('changes nothing when the section already is as asked', () => {
		expect(withSection(page, 'fondsen', true).href).toBe(page.href);
		expect(withSection(page, 'kassabon', false).href).toBe(page.href);
	});

	it('refuses an id that could not be read back', () => {
		expect(() => withSection(page, 'Fondsen', true)).toThrow(/no section id/);
	});
});

describe('keepOpen', () => {
	it('adds the section to the open list of a query and keeps the rest', () => {
		expect(keepOpen('?diagonal=total&cel=a%7Cb', 'samen')).toBe('?diagonal=total&cel=a%7Cb&open=samen');
		expect(keepOpen('?open=organisaties&x=1', 'samen')).toBe('?open=organisaties%2Csamen&x=1');
		expect(keepOpen('?open=samen', 'samen')).toBe('?open=samen');
		expect(keepOpen('', 'samen')).toBe('?open=samen');
		expect(keepOpen('diagonal=total', 'samen')).toBe('?diagonal=total&open=samen');
	});
});

describe('shownCount', () => {
	it('shows one step at first and offers the next multiple of the step', () => {
		expect(shownCount(params(''), 'suggesties', 10, 47)).toEqual({ count: 10, next: 20 });
		expect(shownCount(params('suggesties=20'), 'suggesties', 10, 47)).toEqual({ count: 20, next: 30 });
	});

	it('shows the rest at the end, without a next step', () => {
		expect(shownCount(params('suggesties=50'), 'suggesties', 10, 47)).toEqual({ count: 47, next: null });
		expect(shownCount(params('suggesties=40'), 'suggesties', 10, 40)).toEqual({ count: 40, next: null });
		expect(shownCount(params(''), 'suggesties', 10, 7)).toEqual({ count: 7, next: null });
		expect(shownCount(params(''), 'suggesties', 10, 0)).toEqual({ count: 0, next: null });
	});

	it('rounds up to a multiple of the step and reads no less than one step', () => {
		expect(shownCount(params('suggesties=13'), 'suggesties', 10, 47)).toEqual({ count: 20, next: 30 });
		expect(shownCount(params('suggesties=0'), 'suggesties', 10, 47)).toEqual({ count: 10, next: 20 });
	});

	it('reads anything but a whole number as the first step', () => {
		for (const value of ['-20', '2e1', 'tien', '1.5', '9999999']) {
			expect(shownCount(params(`suggesties=${value}`), 'suggesties', 10, 47), value).toEqual({
				count: 10,
				next: 20
			});
		}
	});
});
