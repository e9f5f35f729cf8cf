/** A municipality's signal defaults (threshold, window) as its beheerder set them, and the checks on a request's own choice. */
import { parseDate } from '$lib/domain/dates';
import type { Reach } from '$lib/domain/roles';
import type { Database } from '../db';
import { audit } from '../audit';
import { DEFAULT_SIGNAL_OPTIONS, todayInAmsterdam, type SignalOptions } from './signals';

export interface SignalDefaults {
	threshold: number;
	windowMonths: number;
}

export const THRESHOLD_MAX = 100;
export const WINDOW_MAX = 120;

/** The municipality whose settings apply: the filter's, else the only one in reach; none for a wider reach. */
function settingsScope(reach: Reach, gemeente: string | null): string | null {
	if (gemeente) return gemeente;
	return !reach.all && reach.gemeenten.length === 1 ? reach.gemeenten[0] : null;
}

export async function signalSettings(
	db: Database,
	reach: Reach,
	gemeente: string | null
): Promise<SignalDefaults> {
	const scope = settingsScope(reach, gemeente);
	if (!scope) return { ...DEFAULT_SIGNAL_OPTIONS };
	const row = await db.one<{ threshold: number | null; windowMonths: number | null }>(
		`SELECT max(CASE WHEN key = 'signal_threshold' THEN value::INTEGER END) AS threshold,
			max(CASE WHEN key = 'signal_window_months' THEN value::INTEGER END) AS windowMonths
		 FROM settings WHERE scope = $scope`,
		{ scope }
	);
	return {
		threshold: row?.threshold ?? DEFAULT_SIGNAL_OPTIONS.threshold,
		windowMonths: row?.windowMonths ?? DEFAULT_SIGNAL_OPTIONS.windowMonths
	};
}

export type Checked<T> = { ok: true; options: T } | { ok: false; field: string; message: string };

function wholeNumber(value: string | null, fallback: number, max: number): number | null {
	if (value === null || value.trim() === '') return fallback;
	const n = Number(value);
	return Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}

/** `threshold`, `window_months` and `as_of` (as `dd-mm-jjjj` or `JJJJ-MM-DD`) of a request, each falling back to the defaults. */
export function parseSignalOptions(
	params: URLSearchParams,
	defaults: SignalDefaults
): Checked<SignalOptions> {
	const threshold = wholeNumber(params.get('threshold'), defaults.threshold, THRESHOLD_MAX);
	if (threshold === null) {
		return {
			ok: false,
			field: 'threshold',
			message: `De drempel is een geheel getal van 1 tot en met ${THRESHOLD_MAX}.`
		};
	}
	const windowMonths = wholeNumber(params.get('window_months'), defaults.windowMonths, WINDOW_MAX);
	if (windowMonths === null) {
		return {
			ok: false,
			field: 'window_months',
			message: `De periode is een geheel aantal maanden van 1 tot en met ${WINDOW_MAX}.`
		};
	}
	const asOf = parseDate(params.get('as_of')?.trim() || todayInAmsterdam());
	if (!asOf.ok) return { ok: false, field: 'as_of', message: `Peildatum: ${asOf.message}` };
	return { ok: true, options: { threshold, windowMonths, asOf: asOf.iso } };
}

/** Stores a municipality's defaults; the caller has checked that the user is its beheerder. */
export async function saveSignalSettings(
	db: Database,
	actor: string,
	gemeente: string,
	values: SignalDefaults
): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.run(
			`DELETE FROM settings WHERE scope = $gemeente AND key IN ('signal_threshold', 'signal_window_months')`,
			{ gemeente }
		);
		await tx.run(
			`INSERT INTO settings VALUES ($gemeente, 'signal_threshold', $threshold::JSON),
				($gemeente, 'signal_window_months', $window::JSON)`,
			{ gemeente, threshold: String(values.threshold), window: String(values.windowMonths) }
		);
		await audit(tx, {
			actor,
			action: 'signaalinstellingen wijzigen',
			object: `${gemeente}: drempel ${values.threshold}, ${values.windowMonths} maanden`,
			result: 'ok'
		});
	});
}
