/** Chart labels are cut short only when they do not fit, and then end in an ellipsis. */
import { describe, expect, it } from 'vitest';
import { shorten } from './labels';

describe('shorten', () => {
	it('keeps a label that fits and cuts a longer one to the given length', () => {
		expect(shorten('Wonen', 5)).toBe('Wonen');
		expect(shorten('Financiën', 5)).toBe('Fina…');
		expect(shorten('Financiën', 5)).toHaveLength(5);
	});
});
