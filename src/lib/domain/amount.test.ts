/** Tests of Dutch amount parsing: every form of the export spec, and what it refuses. */
import { describe, expect, it } from 'vitest';
import { parseAmountCents } from './amount';

describe('parseAmountCents', () => {
	it.each([
		['1234', 123400],
		['1234,56', 123456],
		['1.234,56', 123456],
		['€ 1.234,56', 123456],
		['€ 250,-', 25000],
		['1234.5', 123450],
		['1234.56', 123456],
		['1.250', 125000],
		['500.000', 50000000],
		['0,5', 50]
	])('reads %s', (input, cents) => {
		expect(parseAmountCents(input)).toBe(cents);
	});

	it.each(['-5', '1,234', '12,345', '1.2345', '1,234.56', 'tien euro', ''])('refuses %s', (input) => {
		expect(parseAmountCents(input)).toBeNull();
	});
});
