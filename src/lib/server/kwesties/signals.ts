/** "Drie keer is structureel": kwesties with at least `threshold` cases in the `window_months` months ending on `as_of`. */
import type { CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import type { Database } from '../db';
import { CASE_SCOPE, scopeParams } from '../analytics/filter';

export interface SignalOptions {
	threshold: number;
	windowMonths: number;
	/** Last day of the window, included; `YYYY-MM-DD`. */
	asOf: string;
}

export interface Signal {
	/** The label as most cases write it; cases are grouped on its folded form. */
	kwestie: string;
	key: string;
	cases: number;
	first: string;
	last: string;
	gemeenten: number;
	status: string;
}

export const DEFAULT_SIGNAL_OPTIONS = { threshold: 3, windowMonths: 12 } as const;

/** Today in Europe/Amsterdam, as the default as_of. */
export function todayInAmsterdam(now = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
}

/**
 * The window is (as_of − window_months, as_of]: calendar months, clamped to the month's end by DuckDB's
 * date arithmetic (one month before 2025-03-31 is 2025-02-28), that day itself excluded.
 */
export async function signals(
	db: Database,
	reach: Reach,
	filter: CaseFilter,
	options: SignalOptions
): Promise<Signal[]> {
	return db.all<Signal>(
		`SELECT mode(kwestie) AS kwestie, kwestie_key AS key, count(*)::INTEGER AS cases,
			strftime(min(aangemeld_op), '%Y-%m-%d') AS first, strftime(max(aangemeld_op), '%Y-%m-%d') AS last,
			count(DISTINCT gemeente)::INTEGER AS gemeenten, 'gesignaleerd' AS status
		 FROM cases
		 WHERE ${CASE_SCOPE}
		   AND kwestie_key IS NOT NULL
		   AND aangemeld_op <= $as_of::DATE
		   AND aangemeld_op > ($as_of::DATE - to_months($window))::DATE
		 GROUP BY kwestie_key
		 HAVING count(*) >= $threshold
		 ORDER BY cases DESC, key`,
		{
			...scopeParams(reach, filter),
			as_of: options.asOf,
			window: options.windowMonths,
			threshold: options.threshold
		}
	);
}
