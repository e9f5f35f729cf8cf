/** Dates as people type them (`dd-mm-jjjj`) and as URLs and the API keep them (`JJJJ-MM-DD`): one parser for both, the day checked to exist, with Dutch messages. */

/** The visible hint beside every date input. */
export const DATE_HINT = 'dd-mm-jjjj';

/** An example in the messages: the first of October. */
const EXAMPLE = '01-10-2025';

/**
 * The input's `pattern`: a day and a month of one or two digits and a year of four, separated by `-`,
 * `/` or `.`; or the ISO form that links and the API use. Whether the day exists is the server's check.
 */
export const DATE_PATTERN = '\\d{1,2}[\\-\\/.]\\d{1,2}[\\-\\/.]\\d{4}|\\d{4}-\\d{2}-\\d{2}';

const DUTCH = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The months in Dutch, January first. */
export const MONTHS: readonly string[] = [
	'januari',
	'februari',
	'maart',
	'april',
	'mei',
	'juni',
	'juli',
	'augustus',
	'september',
	'oktober',
	'november',
	'december'
];

export type DateReading = { ok: true; iso: string } | { ok: false; message: string };

const leap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysIn(year: number, month: number): number {
	if (month === 2) return leap(year) ? 29 : 28;
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Checks that the day exists; the message names the month's length, so `31-04` explains itself. */
function checked(text: string, year: number, month: number, day: number): DateReading {
	if (year < 1000) return { ok: false, message: `${text}: het jaar heeft vier cijfers, zoals 2025.` };
	if (month < 1 || month > 12) {
		return { ok: false, message: `${text} bestaat niet: een maand loopt van 1 tot en met 12.` };
	}
	const days = daysIn(year, month);
	if (day < 1 || day > days) {
		const which = month === 2 ? `februari ${year}` : MONTHS[month - 1];
		return { ok: false, message: `${text} bestaat niet: ${which} heeft ${days} dagen.` };
	}
	return { ok: true, iso: `${year}-${pad(month)}-${pad(day)}` };
}

/**
 * `01-10-2025`, `1-10-2025`, `01/10/2025` or `01.10.2025` (day first, as in the Netherlands), and the
 * ISO `2025-10-01` of existing links and the API, as `2025-10-01`; anything else, or a day that does
 * not exist (31-04, 29-02 outside a leap year), gives a Dutch message.
 */
export function parseDate(value: string): DateReading {
	const text = value.trim();
	const iso = ISO.exec(text);
	if (iso) return checked(text, Number(iso[1]), Number(iso[2]), Number(iso[3]));
	const dutch = DUTCH.exec(text);
	if (dutch) return checked(text, Number(dutch[4]), Number(dutch[3]), Number(dutch[1]));
	return {
		ok: false,
		message: `${text === '' ? 'Geen datum' : `"${text}" is geen datum`}: geef een datum als ${DATE_HINT}, bijvoorbeeld ${EXAMPLE}.`
	};
}

/** A date as the input shows it: `2025-10-01` as `01-10-2025`; anything else (what was typed and refused) as it is. */
export function inputDate(value: string | null | undefined): string {
	if (!value) return '';
	const iso = ISO.exec(value);
	return iso ? `${iso[3]}-${iso[2]}-${iso[1]}` : value;
}

/** What a pair of from/to parameters says: the dates in ISO where they are good, and a message per field where not. */
export interface DateRange {
	from: string | null;
	to: string | null;
	/** Per field, what is wrong with it; empty when both are good or absent. */
	problems: Partial<Record<'from' | 'to', string>>;
}

/** The end before the start is the end's problem: the start is what people set first. */
export const END_BEFORE_START = 'De einddatum ligt voor de begindatum.';

/** Reads `from` and `to` (either form, either may be empty) and checks that `to` is not before `from`. */
export function readDateRange(from: string | null | undefined, to: string | null | undefined): DateRange {
	const range: DateRange = { from: null, to: null, problems: {} };
	for (const [key, value] of [
		['from', from],
		['to', to]
	] as const) {
		const text = value?.trim();
		if (!text) continue;
		const read = parseDate(text);
		if (read.ok) range[key] = read.iso;
		else range.problems[key] = read.message;
	}
	if (range.from && range.to && range.from > range.to) {
		range.problems.to = END_BEFORE_START;
		range.to = null;
	}
	return range;
}
