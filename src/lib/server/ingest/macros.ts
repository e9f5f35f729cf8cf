/** SQL macros of the import: folding, Dutch dates and amounts, the elfproef and IBAN check, run inside DuckDB. */
import type { DuckDBConnection } from '@duckdb/node-api';

/*
 * Temporary macros live on the import's own connection. They mirror rules of spec/case-export.md:
 * - fold: case, accents and runs of spaces ignored (the twin of fold() in $lib/domain/text);
 * - parse_date: D-M-YYYY (what Dutch exports write most, so tried first), YYYY-MM-DD, D/M/YYYY, D.M.YYYY,
 *   ISO date-times (the date in Europe/Amsterdam); a date that does not exist gives NULL, never a rollover;
 * - parse_amount: 1234 · 1234,56 · 1.234,56 · € 1.234,56 · € 250,- · 1234.5; a single dot before
 *   three digits groups thousands; more than two decimals or a minus gives NULL;
 * - trimmed: a cell without its surrounding spaces, NULL when nothing is left; most cells have none, and
 *   testing the two ends is cheaper than trimming (a copy of every cell);
 * - elfproef: the BSN eleven-test on nine digits;
 * - iban_valid: the ISO 13616 mod-97 check.
 */
const MACROS = [
	`CREATE OR REPLACE TEMP MACRO fold(x) AS lower(trim(regexp_replace(strip_accents(x), '\\s+', ' ', 'g')))`,
	`CREATE OR REPLACE TEMP MACRO parse_date(v) AS CASE
		WHEN v IS NULL THEN NULL
		WHEN regexp_full_match(v, '\\d{1,2}-\\d{1,2}-\\d{4}') THEN try_strptime(v, '%d-%m-%Y')::DATE
		WHEN regexp_full_match(v, '\\d{4}-\\d{1,2}-\\d{1,2}') THEN try_strptime(v, '%Y-%m-%d')::DATE
		WHEN regexp_full_match(v, '\\d{1,2}/\\d{1,2}/\\d{4}') THEN try_strptime(v, '%d/%m/%Y')::DATE
		WHEN regexp_full_match(v, '\\d{1,2}\\.\\d{1,2}\\.\\d{4}') THEN try_strptime(v, '%d.%m.%Y')::DATE
		WHEN regexp_full_match(v, '\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}(:?\\d{2})?)')
			THEN timezone('Europe/Amsterdam', try_cast(v AS TIMESTAMPTZ))::DATE
		WHEN regexp_full_match(v, '\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?')
			THEN try_strptime(left(v, 10), '%Y-%m-%d')::DATE
	END`,
	`CREATE OR REPLACE TEMP MACRO trimmed(x) AS
		CASE WHEN trim(left(x, 1)) = '' OR trim(right(x, 1)) = '' THEN nullif(trim(x), '') ELSE x END`,
	`CREATE OR REPLACE TEMP MACRO amount_text(v) AS
		regexp_replace(regexp_replace(replace(v, '€', ''), '\\s+', '', 'g'), ',-$', ',00')`,
	`CREATE OR REPLACE TEMP MACRO amount_number(t) AS try_cast(CASE
		WHEN regexp_full_match(t, '\\d+') THEN t
		WHEN regexp_full_match(t, '\\d{1,3}(\\.\\d{3})+(,\\d{1,2})?') THEN replace(replace(t, '.', ''), ',', '.')
		WHEN regexp_full_match(t, '\\d+,\\d{1,2}') THEN replace(t, ',', '.')
		WHEN regexp_full_match(t, '\\d+\\.\\d{1,2}') THEN t
	END AS DECIMAL(18, 2))`,
	`CREATE OR REPLACE TEMP MACRO parse_amount(v) AS amount_number(amount_text(v))`,
	`CREATE OR REPLACE TEMP MACRO elfproef(d) AS (length(d) = 9 AND d <> '000000000' AND
		(list_sum(list_transform(range(8), i -> (ascii(d[i + 1]) - 48) * (9 - i))) - (ascii(d[9]) - 48)) % 11 = 0)`,
	`CREATE OR REPLACE TEMP MACRO iban_valid(raw) AS list_reduce(
		list_transform(
			str_split(upper(substr(replace(raw, ' ', ''), 5) || left(replace(raw, ' ', ''), 4)), ''),
			ch -> CASE WHEN ch BETWEEN '0' AND '9' THEN ascii(ch) - 48 ELSE ascii(ch) - 55 END),
		(acc, v) -> CASE WHEN v >= 10 THEN (acc * 100 + v) % 97 ELSE (acc * 10 + v) % 97 END, 0) = 1`,
	// A match may run on into the words after the IBAN: any prefix of 15 to 34 characters that checks out counts.
	`CREATE OR REPLACE TEMP MACRO iban_prefix_valid(raw) AS len(list_filter(
		range(15, least(length(replace(raw, ' ', '')), 34) + 1),
		k -> iban_valid(left(replace(raw, ' ', ''), k)))) > 0`
];

export async function createMacros(connection: DuckDBConnection): Promise<void> {
	for (const macro of MACROS) await connection.run(macro);
}

/** Personal-data patterns (RE2 syntax). Each finds candidates; BSN and IBAN are then checked by their checksum. */
export const PATTERNS = {
	/** Nine digits, possibly grouped by dots or spaces, not part of a longer number or amount. */
	bsn: '(?:^|[^\\d.,])(\\d(?:[ .]?\\d){8})(?:$|[^\\d.,]|[.,](?:$|\\D))',
	iban: '(?i)\\b([a-z]{2}\\d{2}(?: ?[a-z0-9]){11,30})\\b',
	email: '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}',
	/** Dutch numbers (06-12345678, 020 123 4567, +31 6 …) and other international ones. */
	phone:
		'(?:^|[^\\pL\\d])(?:(?:\\+|00)31[ -]?(?:\\(0\\))?[ -]?[1-9](?:[ -]?\\d){8}|0[1-9](?:[ -]?\\d){8}|(?:\\+|00)[1-9]\\d(?:[ -]?\\d){7,11})(?:$|[^\\d])',
	/** A postcode (1234 AB, 1234AB) next to a house number, either way round. */
	postcode:
		'\\b[1-9]\\d{3} ?[A-Z]{2}\\b[ ,]+\\d{1,5}\\b|\\b\\d{1,5}[a-zA-Z]?,? +[1-9]\\d{3} ?[A-Z]{2}\\b|\\b[1-9]\\d{3}[a-z]{2}\\b[ ,]+\\d{1,5}\\b'
} as const;
