/** Parses the URL's filters against the vocabularies and turns filter plus reach into bound SQL parameters. */
import { END_BEFORE_START, readDateRange } from '$lib/domain/dates';
import { CASE_STATUSES, EMPTY_FILTER, type CaseFilter, type CaseStatus } from '$lib/domain/filters';
import { reaches, type Reach } from '$lib/domain/roles';
import type { Params } from '../db';
import { reference } from '../reference';
import type { Audience } from '../disclosure/audience';
import { checkWholePeriod } from '../disclosure/period';
import { parsePeriod } from '../national/period';

export type FilterResult =
	{ ok: true; filter: CaseFilter } | { ok: false; status: 400 | 403; message: string; field: string };

export const PERIODE_MESSAGE =
	'periode: kies een jaar (2025), een halfjaar (2025-H1) of een kwartaal (2025-Q3).';
export const PERIODE_AND_DATES_MESSAGE = 'Geef een periode óf from en to, niet beide.';

/**
 * Reads `from`, `to` (as `dd-mm-jjjj` or `JJJJ-MM-DD`), `gemeente`, `route`, `status`, `escalatie` and `knelpunt`; a gemeente outside the
 * reach is 403. `periode` (`2025`, `2025-H1`, `2025-Q3`) stands for its from and to, for every role, and
 * may not come with either. For the `protected` audience (landelijk) a period is all data or one whole quarter,
 * half-year or year, so that two answers cannot be differenced into a few cases.
 */
export function parseFilter(params: URLSearchParams, reach: Reach, who: Audience = 'cases'): FilterResult {
	const filter: CaseFilter = { ...EMPTY_FILTER };
	const text = (key: string) => params.get(key)?.trim() || null;
	const periode = text('periode');
	if (periode) {
		if (text('from') || text('to')) {
			return { ok: false, status: 400, field: 'periode', message: PERIODE_AND_DATES_MESSAGE };
		}
		const period = parsePeriod(periode);
		if (!period) return { ok: false, status: 400, field: 'periode', message: PERIODE_MESSAGE };
		filter.from = period.from;
		filter.to = period.to;
	} else {
		const range = readDateRange(text('from'), text('to'));
		for (const key of ['from', 'to'] as const) {
			const problem = range.problems[key];
			if (problem) {
				const message = problem === END_BEFORE_START ? problem : `${key}: ${problem}`;
				return { ok: false, status: 400, field: key, message };
			}
		}
		filter.from = range.from;
		filter.to = range.to;
	}
	if (who === 'protected') {
		const whole = checkWholePeriod(filter.from, filter.to);
		if (!whole.ok) return { ok: false, status: 400, field: whole.field, message: whole.message };
	}
	const { gemeenten, vocabularies } = reference();
	const gemeente = text('gemeente');
	if (gemeente) {
		const found = gemeenten.resolve(gemeente);
		if (!found) return { ok: false, status: 400, field: 'gemeente', message: 'Onbekende gemeente.' };
		if (!reaches(reach, found.code)) {
			return { ok: false, status: 403, field: 'gemeente', message: 'Deze gemeente valt buiten uw bereik.' };
		}
		filter.gemeente = found.code;
	}
	filter.route = text('route');
	const status = text('status');
	if (status) {
		if (!(CASE_STATUSES as readonly string[]).includes(status)) {
			return { ok: false, status: 400, field: 'status', message: 'Status is open, afgerond of ingetrokken.' };
		}
		filter.status = status as CaseStatus;
	}
	const escalatie = text('escalatie');
	if (escalatie) {
		const step = vocabularies.escalatie.match(escalatie);
		if (!step) return { ok: false, status: 400, field: 'escalatie', message: 'Onbekende escalatietrede.' };
		filter.escalatie = step.code;
	}
	const knelpunt = text('knelpunt');
	if (knelpunt) {
		const entry = vocabularies.knelpunten.match(knelpunt);
		if (!entry) return { ok: false, status: 400, field: 'knelpunt', message: 'Onbekend knelpunt.' };
		filter.knelpunt = entry.code;
	}
	return { ok: true, filter };
}

/**
 * The WHERE clause every case query shares: the caller's reach first, then the filters. A filter left
 * empty binds NULL and drops out, so the SQL text never depends on the input.
 */
export const CASE_SCOPE = `($reach_all OR list_contains($reach, gemeente))
	AND ($from::DATE IS NULL OR aangemeld_op >= $from::DATE)
	AND ($to::DATE IS NULL OR aangemeld_op <= $to::DATE)
	AND ($gemeente::VARCHAR IS NULL OR gemeente = $gemeente)
	AND ($route::VARCHAR IS NULL OR lower(route) = lower($route))
	AND ($status::VARCHAR IS NULL OR status = $status)
	AND ($escalatie::VARCHAR IS NULL OR escalatie = $escalatie)
	AND ($knelpunt::VARCHAR IS NULL OR knelpunt = $knelpunt)`;

export function scopeParams(reach: Reach, filter: CaseFilter): Params {
	return {
		reach_all: reach.all,
		reach: reach.all ? [] : [...reach.gemeenten],
		from: filter.from,
		to: filter.to,
		gemeente: filter.gemeente,
		route: filter.route,
		status: filter.status,
		escalatie: filter.escalatie,
		knelpunt: filter.knelpunt
	};
}
