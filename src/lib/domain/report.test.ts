/** What a period report compares with: a quarter or half-year with the period before and a year earlier, a year with the year before once. */
import { describe, expect, it } from 'vitest';
import { comparedPeriods, comparedWith, type PeriodFigures } from './report';

const figures = (period: string, name: string): PeriodFigures => ({
	period,
	from: '',
	to: '',
	name,
	cases: { in: 1, solved: 0, open: 1, withdrawn: 0 },
	notSolved: 0,
	lead: { cases: 0, median: null }
});

describe('comparedPeriods', () => {
	it('sets a quarter against the quarter before and the same quarter a year earlier', () => {
		const previous = figures('2025-Q2', 'tweede kwartaal 2025');
		const yearBefore = figures('2024-Q3', 'derde kwartaal 2024');
		const compared = comparedPeriods({
			current: figures('2025-Q3', 'derde kwartaal 2025'),
			previous,
			yearBefore
		});
		expect(compared).toEqual([
			{ figures: previous, label: 'periode ervoor', column: 'periode ervoor' },
			{ figures: yearBefore, label: 'jaar eerder', column: 'een jaar eerder' }
		]);
		expect(comparedWith(compared)).toBe('de periode ervoor en een jaar eerder');
	});

	it('keeps both for a half-year, whose period before is the other half', () => {
		const compared = comparedPeriods({
			current: figures('2025-H1', 'eerste halfjaar 2025'),
			previous: figures('2024-H2', 'tweede halfjaar 2024'),
			yearBefore: figures('2024-H1', 'eerste halfjaar 2024')
		});
		expect(compared.map((c) => c.figures.period)).toEqual(['2024-H2', '2024-H1']);
	});

	it('sets a year against the year before once: its period before IS the year before', () => {
		const previous = figures('2024', 'jaar 2024');
		const compared = comparedPeriods({
			current: figures('2025', 'jaar 2025'),
			previous,
			yearBefore: { ...previous }
		});
		expect(compared).toEqual([{ figures: previous, label: 'jaar ervoor', column: 'jaar ervoor' }]);
		expect(comparedWith(compared)).toBe('het jaar ervoor');
	});
});
