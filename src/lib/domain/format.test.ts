/** Tests of the Dutch display formats. */
import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatDateTime, formatEuro } from './format';

describe('nl-NL formats', () => {
	it('groups thousands with a dot and writes decimals with a comma', () => {
		expect(formatCount(1234567)).toBe('1.234.567');
		expect(formatEuro(1234.5).replace(/\s/g, ' ')).toBe('€ 1.234,50');
	});

	it('writes dates day first', () => {
		expect(formatDate('2026-11-22')).toBe('22-11-2026');
		expect(formatDateTime('2026-11-22T09:05:00Z')).toBe('22-11-2026 10:05');
		expect(formatDateTime('2026-07-01 09:05:00')).toBe('01-07-2026 11:05');
	});
});
