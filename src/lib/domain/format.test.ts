/** Tests of the Dutch display formats. */
import { describe, expect, it } from 'vitest';
import {
	formatCount,
	formatDate,
	formatDateTime,
	formatDayOrMonth,
	formatEuro,
	formatLongDate
} from './format';

describe('nl-NL formats', () => {
	it('groups thousands with a dot and writes decimals with a comma', () => {
		expect(formatCount(1234567)).toBe('1.234.567');
		expect(formatEuro(1234.5).replace(/\s/g, ' ')).toBe('€ 1.234,50');
	});

	it('groups every count exactly as Intl does, whole or not', () => {
		const intl = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
		const counts = [0, -0, 1, -1, 12, 999, 1000, -1000, 1234, 99999, 100000, 999999, 1000000, 158059];
		counts.push(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53, 1e21, 0.5, 1.5, 2.5, -0.4);
		counts.push(1234.56, NaN, Infinity, -Infinity);
		for (let n = 1; n < 1e15; n = n * 7 + 3) counts.push(n, -n);
		for (const n of counts) expect(formatCount(n), String(n)).toBe(intl.format(n));
	});

	it('writes dates day first', () => {
		expect(formatDate('2026-11-22')).toBe('22-11-2026');
		expect(formatDateTime('2026-11-22T09:05:00Z')).toBe('22-11-2026 10:05');
		expect(formatDateTime('2026-07-01 09:05:00')).toBe('01-07-2026 11:05');
	});
});

describe('formatDayOrMonth', () => {
	it('writes a day as a date and a month (for roles without case access) as month-year', () => {
		expect(formatDayOrMonth('2026-11-22')).toBe('22-11-2026');
		expect(formatDayOrMonth('2026-11')).toBe('11-2026');
	});
});

describe('formatLongDate', () => {
	it('writes the day and the month in words, on the day it is in Amsterdam', () => {
		expect(formatLongDate('2026-12-03T09:05:00Z')).toBe('3 december 2026');
		expect(formatLongDate('2026-12-03')).toBe('3 december 2026');
		// A UTC time without zone, as the session carries the previous sign-in: 23:30 UTC is past midnight in Amsterdam.
		expect(formatLongDate('2026-12-31 23:30:00.123456')).toBe('1 januari 2027');
		expect(formatLongDate(null)).toBe('');
		expect(formatLongDate('gisteren')).toBe('gisteren');
	});
});
