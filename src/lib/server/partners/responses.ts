/** Partners' answer times: the questions of `reacties` per organisation in working days, against each municipality's promise in the Maatwerkregister. */
import type { CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import type { DataTable, TableCell } from '$lib/domain/table';
import { holidaysBetween } from '$lib/domain/working-days';
import type { Queryable } from '../db/database';
import { CASE_SCOPE, scopeParams } from '../analytics/filter';
import { reference } from '../reference';
import { protectDataTable } from '../disclosure/tables';
import type { Published } from '../national/disclosure';
import { DEFAULT_ANSWER_DAYS } from './contacts';

/** Years whose holidays the SQL calendar knows; days outside count as weekdays only. */
export const CALENDAR_YEARS = { first: 1990, last: 2100 } as const;

let holidayList: string[] | undefined;

/** The holidays of CALENDAR_YEARS as `YYYY-MM-DD`, for binding as `$holidays`. */
export function calendarHolidays(): string[] {
	return (holidayList ??= holidaysBetween(CALENDAR_YEARS.first, CALENDAR_YEARS.last));
}

/**
 * A CTE `calendar(d, idx)` over every day from `$lo` to `$hi` (DATE expressions of the query), where
 * `idx` counts the working days up to and including `d`: the working days after a question up to its
 * answer are then idx(answer) - idx(question), two joins on a table of a few thousand rows instead of
 * a loop over days per question. Needs `$holidays` (calendarHolidays()).
 */
export function calendarCte(lo: string, hi: string, from = 'bounds'): string {
	return `holiday AS (SELECT DISTINCT unnest($holidays::VARCHAR[])::DATE AS d),
		calendar AS (
			SELECT day::DATE AS d,
				sum(CASE WHEN isodow(day) < 6 AND h.d IS NULL THEN 1 ELSE 0 END) OVER (ORDER BY day)::INTEGER AS idx
			FROM (SELECT unnest(generate_series(${lo}::TIMESTAMP, ${hi}::TIMESTAMP, INTERVAL 1 DAY)) AS day FROM ${from}) days
			LEFT JOIN holiday h ON h.d = day::DATE
		)`;
}

/** One organisation's questions, as `GET /api/v1/responses` gives them (exact). */
export interface OrganisationResponses {
	/** Code of organisaties.csv. */
	organisation: string;
	asked: number;
	answered: number;
	/** Median working days from question to answer over the answered questions; null without one. */
	medianWorkingDays: number | null;
	/** Answers after at most the promised working days of the question's municipality. */
	withinPromise: number;
	/** The promise where every municipality with questions to this organisation has the same one, else null. */
	promiseDays: number | null;
	/** Unanswered questions of open cases asked more promised working days ago than promised, counted to today. */
	openPastPromise: number;
}

interface Row {
	organisation: string;
	asked: number;
	answered: number;
	median: number | null;
	within: number;
	promise_min: number;
	promise_max: number;
	open_past: number;
}

/** Per organisation: the questions, each judged in working days against its municipality's promise. */
export const RESPONSES_SQL = `WITH questions AS (
		SELECT gemeente, status, q.organisatie, q.gevraagd, q.beantwoord
		FROM (SELECT gemeente, status, unnest(reacties) AS q FROM cases WHERE ${CASE_SCOPE})
		WHERE q.gevraagd IS NOT NULL
	),
	bounds AS (
		SELECT least(min(gevraagd), $today::DATE) AS lo,
			greatest(max(coalesce(beantwoord, gevraagd)), $today::DATE) AS hi
		FROM questions
	),
	${calendarCte('lo', 'hi')},
	promises AS (
		SELECT gemeente, organisatie, min(antwoordtermijn) AS days FROM contacts GROUP BY ALL
	),
	judged AS (
		SELECT q.organisatie, q.status, q.beantwoord IS NOT NULL AS answered,
			coalesce(p.days, $default_days) AS promise,
			coalesce(a.idx, t.idx) - g.idx AS days
		FROM questions q
		JOIN calendar g ON g.d = q.gevraagd
		LEFT JOIN calendar a ON a.d = q.beantwoord
		JOIN calendar t ON t.d = $today::DATE
		LEFT JOIN promises p ON p.gemeente = q.gemeente AND p.organisatie = q.organisatie
	)
	SELECT organisatie AS organisation, count(*)::INTEGER AS asked,
		count(*) FILTER (answered)::INTEGER AS answered,
		quantile_cont(days, 0.5) FILTER (answered) AS median,
		count(*) FILTER (answered AND days <= promise)::INTEGER AS within,
		min(promise)::INTEGER AS promise_min, max(promise)::INTEGER AS promise_max,
		count(*) FILTER (NOT answered AND status = 'open' AND days > promise)::INTEGER AS open_past
	FROM judged GROUP BY organisatie`;

/**
 * The questions of the cases within reach and filter, per organisation in vocabulary order (only
 * organisations asked at least once). Each question is judged against the promise of its own
 * municipality: the shortest answer time among that organisation's contacts in its register, or 2
 * working days. `today` (YYYY-MM-DD, Europe/Amsterdam) ends the count of unanswered questions.
 */
export async function partnerResponses(
	db: Queryable,
	reach: Reach,
	filter: CaseFilter,
	today: string
): Promise<OrganisationResponses[]> {
	const rows = await db.all<Row>(RESPONSES_SQL, {
		...scopeParams(reach, filter),
		today,
		holidays: calendarHolidays(),
		default_days: DEFAULT_ANSWER_DAYS
	});
	const order = (code: string) => reference().vocabularies.organisaties.get(code)?.position ?? Infinity;
	return rows
		.sort((a, b) => order(a.organisation) - order(b.organisation))
		.map((r) => ({
			organisation: r.organisation,
			asked: r.asked,
			answered: r.answered,
			medianWorkingDays: r.median,
			withinPromise: r.within,
			promiseDays: r.promise_min === r.promise_max ? r.promise_min : null,
			openPastPromise: r.open_past
		}));
}

export const RESPONSES_TABLE = 'organisaties-reactietijden';

/**
 * The answer times as a table: counts of questions are counts (protected as counts of cases for
 * landelijk); the median stands on the answered questions; the promise is not a count.
 */
export function responsesTable(
	organisations: readonly OrganisationResponses[],
	names: Record<string, string>
): DataTable {
	return {
		id: RESPONSES_TABLE,
		caption: 'Reactietijden van partners: vragen, antwoorden en werkdagen tegen de beloofde antwoordtermijn',
		columns: [
			{ key: 'organisatie', label: 'Organisatie' },
			{ key: 'gevraagd', label: 'Vragen', kind: 'count' },
			{ key: 'beantwoord', label: 'Beantwoord', kind: 'count' },
			{ key: 'mediaan', label: 'Mediaan werkdagen', kind: 'decimal', basis: 'beantwoord' },
			{ key: 'binnen', label: 'Binnen de termijn', kind: 'count' },
			{ key: 'termijn', label: 'Beloofde termijn (werkdagen)', kind: 'count', counts: 'other' },
			{ key: 'open', label: 'Open over de termijn', kind: 'count' }
		],
		rows: organisations.map((o) => ({
			organisatie: names[o.organisation] ?? o.organisation,
			gevraagd: o.asked,
			beantwoord: o.answered,
			mediaan: o.medianWorkingDays,
			binnen: o.withinPromise,
			termijn: o.promiseDays,
			open: o.openPastPromise
		}))
	};
}

/** An organisation's answer times as landelijk receives them: counts of questions protected, the median hidden under 8 answers. */
export interface PublishedResponses {
	organisation: string;
	asked: Published;
	answered: Published;
	medianWorkingDays: Published | null;
	withinPromise: Published;
	promiseDays: number | null;
	openPastPromise: Published;
}

/**
 * The answer as a protected audience receives it: through the same disclosure control as the page's
 * table (counts of questions as counts of cases, complementary suppression included; the median
 * against its answers; the promise as it is), so the API and the page never differ.
 */
export function protectResponses(organisations: readonly OrganisationResponses[]): PublishedResponses[] {
	const codes = Object.fromEntries(organisations.map((o) => [o.organisation, o.organisation]));
	const table = protectDataTable(responsesTable(organisations, codes), { cases: 0 });
	const published = (value: TableCell): Published => (value === 'geheim' ? value : Number(value));
	return table.rows.map((row, i) => ({
		organisation: organisations[i].organisation,
		asked: published(row.gevraagd),
		answered: published(row.beantwoord),
		medianWorkingDays: row.mediaan === null ? null : published(row.mediaan),
		withinPromise: published(row.binnen),
		promiseDays: organisations[i].promiseDays,
		openPastPromise: published(row.open)
	}));
}
