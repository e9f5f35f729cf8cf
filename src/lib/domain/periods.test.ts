/** The whole periods of landelijk's filter bar: every year the data spans, newest first, with halves and quarters, and the period in force. */
import { describe, expect, it } from 'vitest';
import { wholePeriodGroups, wholePeriodValue } from './periods';

describe('wholePeriodGroups', () => {
	it('lists each year with its halves and quarters, newest first, named as on the comparison page', () => {
		const groups = wholePeriodGroups([2025]);
		expect(groups).toHaveLength(1);
		expect(groups[0].year).toBe(2025);
		expect(groups[0].periods.map((p) => [p.value, p.label])).toEqual([
			['2025', 'Heel 2025'],
			['2025-H2', 'Tweede halfjaar 2025'],
			['2025-H1', 'Eerste halfjaar 2025'],
			['2025-Q4', 'Vierde kwartaal 2025'],
			['2025-Q3', 'Derde kwartaal 2025'],
			['2025-Q2', 'Tweede kwartaal 2025'],
			['2025-Q1', 'Eerste kwartaal 2025']
		]);
	});

	it('gives each period its first and last day', () => {
		const byValue = Object.fromEntries(wholePeriodGroups([2024])[0].periods.map((p) => [p.value, p]));
		expect(byValue['2024']).toMatchObject({ from: '2024-01-01', to: '2024-12-31' });
		expect(byValue['2024-H1']).toMatchObject({ from: '2024-01-01', to: '2024-06-30' });
		expect(byValue['2024-H2']).toMatchObject({ from: '2024-07-01', to: '2024-12-31' });
		expect(byValue['2024-Q1']).toMatchObject({ from: '2024-01-01', to: '2024-03-31' });
		expect(byValue['2024-Q4']).toMatchObject({ from: '2024-10-01', to: '2024-12-31' });
	});

	it('spans the years between the first and the last, without gaps, newest first', () => {
		expect(wholePeriodGroups([2025, 2022]).map((g) => g.year)).toEqual([2025, 2024, 2023, 2022]);
	});

	it('offers nothing to choose without data, but always the period in force', () => {
		expect(wholePeriodGroups([])).toEqual([]);
		expect(wholePeriodGroups([], '2019-Q2').map((g) => g.year)).toEqual([2019]);
		// A period far outside the data adds its own year, not every year in between.
		expect(wholePeriodGroups([2024, 2025], '2019-H1').map((g) => g.year)).toEqual([2025, 2024, 2019]);
		expect(wholePeriodGroups([2024, 2025], '2025-Q1').map((g) => g.year)).toEqual([2025, 2024]);
	});
});

describe('wholePeriodValue', () => {
	it('names a year, a half-year and a quarter by their code', () => {
		expect(wholePeriodValue('2025-01-01', '2025-12-31')).toBe('2025');
		expect(wholePeriodValue('2025-07-01', '2025-12-31')).toBe('2025-H2');
		expect(wholePeriodValue('2025-04-01', '2025-06-30')).toBe('2025-Q2');
	});

	it('is null for all data, half a range and any other range', () => {
		expect(wholePeriodValue(null, null)).toBeNull();
		expect(wholePeriodValue('2025-01-01', null)).toBeNull();
		expect(wholePeriodValue(null, '2025-03-31')).toBeNull();
		expect(wholePeriodValue('2025-01-01', '2025-03-30')).toBeNull();
		expect(wholePeriodValue('2025-01-01', '2026-12-31')).toBeNull();
		expect(wholePeriodValue('xxxx-01-01', '2025-12-31')).toBeNull();
	});
});
