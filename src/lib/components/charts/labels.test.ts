/** Chart labels are cut short only when they do not fit, and then end in an ellipsis. */
import { describe, expect, it } from 'vitest';
import { fitLabel, shorten } from './labels';

describe('shorten', () => {
	it('keeps a label that fits and cuts a longer one to the given length', () => {
		expect(shorten('Wonen', 5)).toBe('Wonen');
		expect(shorten('Financiën', 5)).toBe('Fina…');
		expect(shorten('Financiën', 5)).toHaveLength(5);
	});
});

describe('fitLabel', () => {
	it('cuts a label to the characters that fit in the room beside the axis', () => {
		const long = '5. Landelijk Maatwerkloket Multiproblematiek';
		expect(fitLabel(long, 240)).toHaveLength(38);
		expect(fitLabel(long, 160)).toBe('5. Landelijk Maatwerklok…');
		expect(fitLabel('UWV', 160)).toBe('UWV');
		// However narrow the room, a few characters remain.
		expect(fitLabel(long, 0)).toBe('5. …');
	});
});
