import { describe, expect, it } from 'vitest';
import { lastEndedQuarter, parsePeriod, periodChoices, previousPeriod, yearBefore } from './period';

describe('parsePeriod', () => {
	it('reads quarters, half-years and years with their dates and Dutch names', () => {
		expect(parsePeriod('2025-Q3')).toEqual({
			period: '2025-Q3',
			kind: 'kwartaal',
			year: 2025,
			index: 3,
			from: '2025-07-01',
			to: '2025-09-30',
			name: 'derde kwartaal 2025'
		});
		expect(parsePeriod('2024-Q1')).toMatchObject({
			from: '2024-01-01',
			to: '2024-03-31',
			name: 'eerste kwartaal 2024'
		});
		expect(parsePeriod('2025-Q4')).toMatchObject({
			from: '2025-10-01',
			to: '2025-12-31',
			name: 'vierde kwartaal 2025'
		});
		expect(parsePeriod('2025-H2')).toMatchObject({
			kind: 'halfjaar',
			from: '2025-07-01',
			to: '2025-12-31',
			name: 'tweede halfjaar 2025'
		});
		expect(parsePeriod('2025-H1')).toMatchObject({
			from: '2025-01-01',
			to: '2025-06-30',
			name: 'eerste halfjaar 2025'
		});
		expect(parsePeriod('2025')).toMatchObject({
			period: '2025',
			kind: 'jaar',
			from: '2025-01-01',
			to: '2025-12-31',
			name: 'jaar 2025'
		});
	});

	it('accepts lower case and spaces around, and writes the period in its canonical form', () => {
		expect(parsePeriod(' 2025-q2 ')?.period).toBe('2025-Q2');
		expect(parsePeriod('2025-h1')?.period).toBe('2025-H1');
	});

	it('refuses what is not a quarter, half-year or year', () => {
		for (const text of [
			'',
			null,
			undefined,
			'2025-Q5',
			'2025-Q0',
			'2025-H3',
			'25-Q1',
			'2025Q1',
			'2025-03',
			'1850',
			'x'
		]) {
			expect(parsePeriod(text), String(text)).toBeNull();
		}
	});
});

describe('comparison periods', () => {
	const p = (text: string) => parsePeriod(text)!;

	it('steps back one period, across the turn of the year', () => {
		expect(previousPeriod(p('2025-Q3')).period).toBe('2025-Q2');
		expect(previousPeriod(p('2025-Q1')).period).toBe('2024-Q4');
		expect(previousPeriod(p('2025-H2')).period).toBe('2025-H1');
		expect(previousPeriod(p('2025-H1')).period).toBe('2024-H2');
		expect(previousPeriod(p('2025')).period).toBe('2024');
		expect(previousPeriod(p('2025-Q1'))).toMatchObject({ from: '2024-10-01', to: '2024-12-31' });
	});

	it('takes the same period a year earlier', () => {
		expect(yearBefore(p('2025-Q3'))).toMatchObject({
			period: '2024-Q3',
			from: '2024-07-01',
			to: '2024-09-30'
		});
		expect(yearBefore(p('2025-H1')).period).toBe('2024-H1');
		expect(yearBefore(p('2025')).period).toBe('2024');
	});

	it('defaults to the last quarter that has ended', () => {
		expect(lastEndedQuarter('2025-11-23').period).toBe('2025-Q3');
		expect(lastEndedQuarter('2025-10-01').period).toBe('2025-Q3');
		expect(lastEndedQuarter('2025-09-30').period).toBe('2025-Q2');
		expect(lastEndedQuarter('2026-01-15').period).toBe('2025-Q4');
	});

	it('offers each year with its halves and quarters, newest first', () => {
		expect(periodChoices([2024, 2025]).map((c) => c.period)).toEqual([
			'2025',
			'2025-H2',
			'2025-H1',
			'2025-Q4',
			'2025-Q3',
			'2025-Q2',
			'2025-Q1',
			'2024',
			'2024-H2',
			'2024-H1',
			'2024-Q4',
			'2024-Q3',
			'2024-Q2',
			'2024-Q1'
		]);
	});
});
