/** The periods a protected audience may ask for: all data or one whole quarter, half-year or year; signal windows that end on a quarter. */
import { periodOf } from '../national/period';

export type PeriodCheck = { ok: true } | { ok: false; field: 'from' | 'to'; message: string };

export const WHOLE_PERIOD_MESSAGE =
	'Voor het landelijk programma is de periode alles (geen from en to) of precies één kwartaal, halfjaar of jaar, zoals from=2025-01-01&to=2025-03-31.';

/** `from` and `to` (valid days or null) both absent, or together exactly one quarter, half-year or year. */
export function checkWholePeriod(from: string | null, to: string | null): PeriodCheck {
	if (from === null && to === null) return { ok: true };
	if (from === null || to === null || !periodOf(from, to)) {
		return { ok: false, field: from === null ? 'from' : 'to', message: WHOLE_PERIOD_MESSAGE };
	}
	return { ok: true };
}

/** The window lengths, in months, a protected signal list may span. */
export const PROTECTED_WINDOWS: readonly number[] = [3, 6, 12];

const QUARTER_ENDS = ['03-31', '06-30', '09-30', '12-31'];

/** Whether a day (`YYYY-MM-DD`) is the last day of a quarter. */
export function isQuarterEnd(day: string): boolean {
	return QUARTER_ENDS.includes(day.slice(5));
}

/** The last day of the latest quarter that has wholly passed on `today` (`YYYY-MM-DD`). */
export function latestCompleteQuarterEnd(today: string): string {
	const year = Number(today.slice(0, 4));
	const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
	return quarter === 0 ? `${year - 1}-12-31` : `${year}-${QUARTER_ENDS[quarter - 1]}`;
}

/**
 * The first day of the `months` calendar months ending with the month of `asOf`. Date arithmetic
 * clamps (three months before 06-30 is 03-30), so a window from it would take in a day of the
 * quarter before; this day keeps the window whole.
 */
export function windowStart(asOf: string, months: number): string {
	const index = Number(asOf.slice(0, 4)) * 12 + Number(asOf.slice(5, 7)) - 1 - (months - 1);
	const year = Math.floor(index / 12);
	return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}
