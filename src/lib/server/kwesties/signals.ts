/** "Drie keer is structureel": kwesties with at least `threshold` cases in the `window_months` months ending on `as_of`. */
import type { CaseFilter } from '$lib/domain/filters';
import { KWESTIE_STATUSES, type KwestieStatus } from '$lib/domain/kwesties';
import type { Reach } from '$lib/domain/roles';
import type { Database } from '../db';
import { CASE_SCOPE, scopeParams } from '../analytics/filter';
import { CASE_KWESTIES } from './case-kwesties';

export interface SignalOptions {
	threshold: number;
	windowMonths: number;
	/** Last day of the window, included; `YYYY-MM-DD`. */
	asOf: string;
	/**
	 * The user's previous sign-in (UTC timestamp, from the session); a signal is new when it was not one
	 * with the cases known then. Null or absent: nothing counts as new (pages pass an early date on a first sign-in).
	 */
	since?: string | null;
}

export interface Signal {
	/** The label as most cases write it; cases are grouped on its folded form. */
	kwestie: string;
	key: string;
	cases: number;
	first: string;
	last: string;
	gemeenten: number;
	/** The municipalities whose cases make the signal, CBS codes in order. */
	gemeenteCodes: string[];
	/**
	 * The workflow status of the kwestie; over several municipalities the least advanced one, so a
	 * signal counts as picked up only where every municipality has picked it up.
	 */
	status: KwestieStatus;
	/** Bitmasks of everything the cases name, for the list's columns. */
	leefgebieden: bigint;
	organisaties: bigint;
	wetten: bigint;
	/** Reached the threshold only with cases imported after `since`. */
	isNew: boolean;
}

export const DEFAULT_SIGNAL_OPTIONS = { threshold: 3, windowMonths: 12 } as const;

/** The `since` of a first sign-in: every signal counts as new. */
export const FIRST_SIGN_IN = '1970-01-01 00:00:00';

/** Made once: building an Intl.DateTimeFormat costs more than a page's other date work together. */
const amsterdamDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' });

/** Today in Europe/Amsterdam, as the default as_of. */
export function todayInAmsterdam(now = new Date()): string {
	return amsterdamDate.format(now);
}

/**
 * The window is (as_of − window_months, as_of]: calendar months, clamped to the month's end by DuckDB's
 * date arithmetic (one month before 2025-03-31 is 2025-02-28), that day itself excluded. Shared by the
 * lists of recurring problems and of recurring solutions, with `windowParams`.
 */
export const SIGNAL_WINDOW = `aangemeld_op <= $as_of::DATE
	AND aangemeld_op > ($as_of::DATE - to_months($window))::DATE`;

export function windowParams(options: SignalOptions) {
	return { as_of: options.asOf, window: options.windowMonths, threshold: options.threshold };
}

export async function signals(
	db: Database,
	reach: Reach,
	filter: CaseFilter,
	options: SignalOptions
): Promise<Signal[]> {
	const rows = await db.all<
		Omit<Signal, 'leefgebieden' | 'organisaties' | 'wetten' | 'isNew'> & {
			leefgebieden: string;
			organisaties: string;
			wetten: string;
			known: number;
		}
	>(
		`WITH grouped AS (
			SELECT k_key AS key, mode(k_label) AS kwestie, count(*)::INTEGER AS cases,
				strftime(min(aangemeld_op), '%Y-%m-%d') AS first, strftime(max(aangemeld_op), '%Y-%m-%d') AS last,
				list(DISTINCT gemeente ORDER BY gemeente) AS gemeenteCodes,
				bit_or(leefgebieden)::VARCHAR AS leefgebieden, bit_or(organisaties)::VARCHAR AS organisaties,
				bit_or(wetten)::VARCHAR AS wetten,
				count(*) FILTER (WHERE created_at <= $since::TIMESTAMP)::INTEGER AS known
			FROM ${CASE_KWESTIES} c
			WHERE ${CASE_SCOPE}
			  AND k_key IS NOT NULL
			  AND ${SIGNAL_WINDOW}
			GROUP BY k_key
			HAVING count(*) >= $threshold
		)
		SELECT g.*, len(g.gemeenteCodes)::INTEGER AS gemeenten,
			$statuses[coalesce((SELECT min(list_position($statuses, k.status)) FROM kwesties k
				WHERE k.key = g.key AND k.kind = 'knelpunt' AND list_contains(g.gemeenteCodes, k.scope)), 1)]
				AS status
		FROM grouped g
		ORDER BY cases DESC, key`,
		{
			...scopeParams(reach, filter),
			...windowParams(options),
			since: options.since ?? null,
			statuses: [...KWESTIE_STATUSES]
		}
	);
	return rows.map(({ known, ...row }) => ({
		...row,
		leefgebieden: BigInt(row.leefgebieden),
		organisaties: BigInt(row.organisaties),
		wetten: BigInt(row.wetten),
		isNew: options.since ? known < options.threshold : false
	}));
}
