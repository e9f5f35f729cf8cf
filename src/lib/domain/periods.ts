/** The whole periods (years, half-years, quarters) landelijk's filter bar offers, with the codes `periode` takes and Dutch names. */
import { periodsOf } from './filters';

/** One choice of the period select: `2025-Q2` with its days and its name. */
export interface WholePeriod {
	/** As the URL's `periode` writes it: `2025`, `2025-H1`, `2025-Q3`. */
	value: string;
	/** As the comparison page names it: `Heel 2025`, `Eerste halfjaar 2025`, `Derde kwartaal 2025`. */
	label: string;
	from: string;
	to: string;
}

/** A year's choices, for one `<optgroup>`. */
export interface PeriodGroup {
	year: number;
	periods: WholePeriod[];
}

const ORDINALS = ['Eerste', 'Tweede', 'Derde', 'Vierde'];

/** The Dutch name of a whole period's code: `Heel 2025`, `Eerste halfjaar 2025`, `Derde kwartaal 2025`. */
export function periodName(value: string): string {
	const [year, part] = value.split('-');
	if (!part) return `Heel ${year}`;
	const kind = part[0] === 'H' ? 'halfjaar' : 'kwartaal';
	return `${ORDINALS[Number(part[1]) - 1]} ${kind} ${year}`;
}

/** The year, its halves and its quarters, newest first: 2025, 2025-H2, 2025-H1, 2025-Q4 … 2025-Q1. */
function periodsOfYear(year: number): WholePeriod[] {
	const [whole, h1, h2, q1, q2, q3, q4] = periodsOf(year);
	return [whole, h2, h1, q4, q3, q2, q1].map((p) => ({
		value: p.label,
		label: periodName(p.label),
		from: p.from,
		to: p.to
	}));
}

/** The code (`2025-Q2`) of the whole period that runs exactly from `from` to `to`; null for any other range. */
export function wholePeriodValue(from: string | null, to: string | null): string | null {
	if (!from || !to) return null;
	const year = Number(from.slice(0, 4));
	if (!Number.isInteger(year)) return null;
	return periodsOf(year).find((p) => p.from === from && p.to === to)?.label ?? null;
}

/**
 * Every year from the first to the last of `years` (the years the data spans, gaps filled), newest
 * first, each with its halves and quarters. The year of `current` (a period code) is added on its own
 * when the data does not reach it, so that the period in force can always be shown as chosen.
 */
export function wholePeriodGroups(years: readonly number[], current: string | null = null): PeriodGroup[] {
	const shown = new Set<number>();
	if (years.length > 0) {
		for (let year = Math.min(...years); year <= Math.max(...years); year++) shown.add(year);
	}
	if (current) shown.add(Number(current.slice(0, 4)));
	return [...shown].sort((a, b) => b - a).map((year) => ({ year, periods: periodsOfYear(year) }));
}
