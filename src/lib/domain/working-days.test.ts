/** Working days by the Algemene termijnenwet: weekends, Koningsdag, Easter, Hemelvaart, 5 mei and Kerst, worked out by hand. */
import { describe, expect, it } from 'vitest';
import { easterSunday, holidays, holidaysBetween, isWorkingDay, workingDaysBetween } from './working-days';

describe('holidays', () => {
	it('computes Easter by the anonymous Gregorian algorithm', () => {
		expect(easterSunday(2024)).toBe('2024-03-31');
		expect(easterSunday(2025)).toBe('2025-04-20');
		expect(easterSunday(2026)).toBe('2026-04-05');
		expect(easterSunday(2038)).toBe('2038-04-25');
		expect(easterSunday(2285)).toBe('2285-03-22');
	});

	it('lists the holidays of 2025, Koningsdag on the 26th because the 27th is a Sunday', () => {
		expect(holidays(2025)).toEqual([
			'2025-01-01',
			'2025-04-21',
			'2025-04-26',
			'2025-05-05',
			'2025-05-29',
			'2025-06-09',
			'2025-12-25',
			'2025-12-26'
		]);
	});

	it('keeps Koningsdag on the 27th in other years, and Easter Monday 2026 on 6 April', () => {
		expect(holidays(2026)).toContain('2026-04-27');
		expect(holidays(2026)).toContain('2026-04-06');
		expect(holidays(2024)).toContain('2024-04-27');
		expect(holidaysBetween(2024, 2026)).toHaveLength(24);
	});
});

describe('workingDaysBetween', () => {
	it('counts the days after the question up to and including the answer', () => {
		expect(workingDaysBetween('2025-01-06', '2025-01-08')).toBe(2); // Monday to Wednesday
		expect(workingDaysBetween('2025-01-06', '2025-01-06')).toBe(0); // the same day
		expect(workingDaysBetween('2025-01-06', '2025-01-07')).toBe(1);
		expect(workingDaysBetween('2025-01-08', '2025-01-06')).toBe(0); // an answer before its question
	});

	it('skips the weekend', () => {
		expect(workingDaysBetween('2025-02-07', '2025-02-10')).toBe(1); // Friday to Monday
		expect(workingDaysBetween('2025-03-03', '2025-03-10')).toBe(5); // Monday to the next Monday
		expect(workingDaysBetween('2025-02-08', '2025-02-09')).toBe(0); // Saturday to Sunday
		expect(isWorkingDay('2025-02-08')).toBe(false);
	});

	it('skips Easter Monday (2025: 21 April; 2026: 6 April) but not Good Friday', () => {
		expect(workingDaysBetween('2025-04-17', '2025-04-22')).toBe(2); // Friday 18th, Tuesday 22nd
		expect(workingDaysBetween('2026-04-03', '2026-04-07')).toBe(1);
		expect(isWorkingDay('2025-04-18')).toBe(true);
	});

	it('skips Koningsdag', () => {
		expect(workingDaysBetween('2026-04-24', '2026-04-28')).toBe(1); // Monday 27 April 2026
		expect(isWorkingDay('2026-04-27')).toBe(false);
		expect(isWorkingDay('2025-04-28')).toBe(true); // 2025: moved to Saturday the 26th
	});

	it('skips 5 mei, Hemelvaartsdag and Tweede Pinksterdag', () => {
		expect(workingDaysBetween('2025-05-02', '2025-05-06')).toBe(1); // Monday 5 May
		expect(workingDaysBetween('2025-05-28', '2025-05-30')).toBe(1); // Thursday 29 May
		expect(workingDaysBetween('2025-06-06', '2025-06-10')).toBe(1); // Monday 9 June
	});

	it('skips Kerst and Nieuwjaarsdag', () => {
		expect(workingDaysBetween('2024-12-24', '2024-12-27')).toBe(1); // 25 and 26 December
		expect(workingDaysBetween('2025-12-24', '2025-12-29')).toBe(1);
		expect(workingDaysBetween('2024-12-31', '2025-01-02')).toBe(1); // 1 January
		expect(workingDaysBetween('2024-12-20', '2025-01-06')).toBe(8);
	});
});
