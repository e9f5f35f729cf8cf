/** The signal and solution lists as each audience may ask for them and receive them: thresholds of at least 3, months instead of days, protected counts and whole-quarter windows for landelijk. */
import type { CaseFilter } from '$lib/domain/filters';
import { todayInAmsterdam, type SignalOptions } from '../kwesties/signals';
import { parseSignalOptions, type Checked, type SignalDefaults } from '../kwesties/settings';
import { protectCount, type Published } from '../national/disclosure';
import { listDate, listThreshold, type Audience } from './audience';
import { PROTECTED_WINDOWS, isQuarterEnd, latestCompleteQuarterEnd, windowStart } from './period';

export interface SignalRequest {
	options: SignalOptions;
	/** The filter the list is computed with: for landelijk it also starts on the window's first day. */
	filter: CaseFilter;
	/** True when the threshold asked for was raised to the audience's minimum. */
	raised: boolean;
}

/**
 * `threshold`, `window_months` and `as_of` of a request for this audience, for the list of recurring
 * problems (signals) and of recurring solutions alike. Landelijk's window ends by default on the last
 * day of the latest complete quarter and spans 3, 6 or 12 months.
 */
export function signalRequest(
	who: Audience,
	params: URLSearchParams,
	defaults: SignalDefaults,
	filter: CaseFilter,
	today: string = todayInAmsterdam()
): Checked<SignalRequest> {
	const asked = new URLSearchParams(params);
	if (who === 'protected') {
		if (!asked.get('as_of')?.trim()) asked.set('as_of', latestCompleteQuarterEnd(today));
		if (!asked.get('window_months')?.trim() && !PROTECTED_WINDOWS.includes(defaults.windowMonths)) {
			asked.set('window_months', '12');
		}
	}
	const parsed = parseSignalOptions(asked, defaults);
	if (!parsed.ok) return parsed;
	const { options } = parsed;
	if (who === 'protected') {
		if (!PROTECTED_WINDOWS.includes(options.windowMonths)) {
			return {
				ok: false,
				field: 'window_months',
				message: 'Voor het landelijk programma is de periode 3, 6 of 12 maanden.'
			};
		}
		if (!isQuarterEnd(options.asOf)) {
			return {
				ok: false,
				field: 'as_of',
				message:
					'Voor het landelijk programma is de peildatum de laatste dag van een kwartaal, zoals 2025-06-30.'
			};
		}
	}
	const threshold = listThreshold(who, options.threshold);
	const start = windowStart(options.asOf, options.windowMonths);
	const windowed =
		who === 'protected' && (filter.from === null || filter.from < start)
			? { ...filter, from: start }
			: filter;
	return {
		ok: true,
		options: { options: { ...options, threshold }, filter: windowed, raised: threshold !== options.threshold }
	};
}

/** What a signal or solution row carries that differs per audience. */
interface SignalFigures {
	cases: number;
	first: string;
	last: string;
}

/** The keys of a row's other numbers, besides `cases`. */
type CountKey<T> = Exclude<{ [K in keyof T]: T[K] extends number ? K : never }[keyof T], 'cases'>;

/**
 * A signal or solution row as the audience receives it: months for first and last, and for landelijk a
 * protected count of cases, and of each of `counts` (other counts of cases the row carries).
 */
export function protectSignal<T extends SignalFigures, C extends CountKey<T> = never>(
	who: Audience,
	row: T,
	counts: readonly C[] = []
): Omit<T, 'cases' | C> & { cases: Published } & Record<C, Published> {
	const protect = (n: number): Published => (who === 'protected' ? protectCount(n) : n);
	const protectedCounts = Object.fromEntries(counts.map((key) => [key, protect(row[key] as number)]));
	return {
		...row,
		...(protectedCounts as Record<C, Published>),
		cases: protect(row.cases),
		first: listDate(who, row.first),
		last: listDate(who, row.last)
	};
}
