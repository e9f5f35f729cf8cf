/** Dates typed as dd-mm-jjjj and kept as JJJJ-MM-DD: valid days, leap years, days that do not exist, short forms, ISO links, the input's pattern and the from/to pair. */
import { describe, expect, it } from 'vitest';
import { DATE_PATTERN, END_BEFORE_START, inputDate, parseDate, readDateRange } from './dates';

const iso = (text: string) => {
	const read = parseDate(text);
	return read.ok ? read.iso : null;
};
const message = (text: string) => {
	const read = parseDate(text);
	return read.ok ? null : read.message;
};

describe('parseDate', () => {
	it('reads dd-mm-jjjj, day first, as ISO', () => {
		expect(iso('01-10-2025')).toBe('2025-10-01');
		expect(iso('31-12-2024')).toBe('2024-12-31');
		expect(iso('  15-06-2025 ')).toBe('2025-06-15');
	});

	it('accepts a day or month of one digit, and / or . between the parts, always the same way', () => {
		expect(iso('1-2-2025')).toBe('2025-02-01');
		expect(iso('1-12-2025')).toBe('2025-12-01');
		expect(iso('09-3-2025')).toBe('2025-03-09');
		expect(iso('01/10/2025')).toBe('2025-10-01');
		expect(iso('1.10.2025')).toBe('2025-10-01');
		expect(iso('01-10/2025')).toBeNull();
	});

	it('keeps accepting the ISO form of existing links and the API', () => {
		expect(iso('2025-02-01')).toBe('2025-02-01');
		expect(iso('2024-02-29')).toBe('2024-02-29');
		expect(message('2025-02-29')).toBe('2025-02-29 bestaat niet: februari 2025 heeft 28 dagen.');
		expect(iso('2025-2-1')).toBeNull();
	});

	it('knows 29 February only in leap years, 1900 and 2100 not, 2000 yes', () => {
		expect(iso('29-02-2024')).toBe('2024-02-29');
		expect(iso('29-02-2000')).toBe('2000-02-29');
		expect(message('29-02-2025')).toBe('29-02-2025 bestaat niet: februari 2025 heeft 28 dagen.');
		expect(message('29-02-1900')).toBe('29-02-1900 bestaat niet: februari 1900 heeft 28 dagen.');
		expect(message('29-02-2100')).toContain('bestaat niet');
		expect(message('30-02-2024')).toBe('30-02-2024 bestaat niet: februari 2024 heeft 29 dagen.');
	});

	it('refuses days and months that do not exist, naming the month', () => {
		expect(message('31-04-2025')).toBe('31-04-2025 bestaat niet: april heeft 30 dagen.');
		expect(message('31-11-2025')).toBe('31-11-2025 bestaat niet: november heeft 30 dagen.');
		expect(iso('31-05-2025')).toBe('2025-05-31');
		expect(message('00-05-2025')).toBe('00-05-2025 bestaat niet: mei heeft 31 dagen.');
		expect(message('01-13-2025')).toBe('01-13-2025 bestaat niet: een maand loopt van 1 tot en met 12.');
		expect(message('01-00-2025')).toContain('een maand loopt van 1 tot en met 12');
		expect(message('01-01-0999')).toBe('01-01-0999: het jaar heeft vier cijfers, zoals 2025.');
	});

	it('says in Dutch how to write a date when the text is none', () => {
		expect(message('1 oktober 2025')).toBe(
			'"1 oktober 2025" is geen datum: geef een datum als dd-mm-jjjj, bijvoorbeeld 01-10-2025.'
		);
		expect(message('01-10-25')).toContain('geef een datum als dd-mm-jjjj');
		expect(message('001-10-2025')).toContain('is geen datum');
		expect(message('')).toBe('Geen datum: geef een datum als dd-mm-jjjj, bijvoorbeeld 01-10-2025.');
	});
});

describe('DATE_PATTERN', () => {
	// As the browser applies it: the whole value must match, with the v flag of current browsers.
	const pattern = new RegExp(`^(?:${DATE_PATTERN})$`, 'v');

	it('lets through what parseDate reads and stops text that is no date at all', () => {
		for (const text of ['01-10-2025', '1-2-2025', '01/10/2025', '1.10.2025', '2025-10-01', '31-04-2025']) {
			expect(pattern.test(text), text).toBe(true);
		}
		for (const text of ['1 oktober 2025', '01-10-25', '2025/10/01', 'morgen']) {
			expect(pattern.test(text), text).toBe(false);
			expect(parseDate(text).ok, text).toBe(false);
		}
	});
});

describe('inputDate', () => {
	it('shows an ISO date as dd-mm-jjjj and what was typed as it was', () => {
		expect(inputDate('2025-10-01')).toBe('01-10-2025');
		expect(inputDate('31-04-2025')).toBe('31-04-2025');
		expect(inputDate(null)).toBe('');
		expect(inputDate('')).toBe('');
	});
});

describe('readDateRange', () => {
	it('reads both fields in either form, leaving an empty one null', () => {
		expect(readDateRange('01-10-2025', '2025-12-31')).toEqual({
			from: '2025-10-01',
			to: '2025-12-31',
			problems: {}
		});
		expect(readDateRange(null, '  ')).toEqual({ from: null, to: null, problems: {} });
	});

	it('keeps the good field when the other is wrong, with a message for the wrong one', () => {
		const range = readDateRange('31-04-2025', '30-06-2025');
		expect(range.from).toBeNull();
		expect(range.to).toBe('2025-06-30');
		expect(range.problems).toEqual({ from: '31-04-2025 bestaat niet: april heeft 30 dagen.' });
	});

	it("makes an end before the start the end field's problem", () => {
		const range = readDateRange('01-10-2025', '30-09-2025');
		expect(range).toEqual({ from: '2025-10-01', to: null, problems: { to: END_BEFORE_START } });
		expect(readDateRange('01-10-2025', '01-10-2025').problems).toEqual({});
	});
});
