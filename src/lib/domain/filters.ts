/** The filters every analytics view and endpoint accepts, as they live in the URL. */

export const CASE_STATUSES = ['open', 'afgerond', 'ingetrokken'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const STATUS_LABELS: Record<CaseStatus, string> = {
	open: 'Open',
	afgerond: 'Afgerond',
	ingetrokken: 'Ingetrokken'
};

export const OUTCOMES = ['opgelost', 'deels_opgelost', 'niet_opgelost'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Record<Outcome, string> = {
	opgelost: 'Opgelost',
	deels_opgelost: 'Deels opgelost',
	niet_opgelost: 'Niet opgelost'
};

export interface CaseFilter {
	/** First day (inclusive) of aangemeld_op, `YYYY-MM-DD`. */
	from: string | null;
	/** Last day (inclusive) of aangemeld_op. */
	to: string | null;
	gemeente: string | null;
	route: string | null;
	status: CaseStatus | null;
	escalatie: string | null;
	knelpunt: string | null;
}

export const FILTER_KEYS = ['from', 'to', 'gemeente', 'route', 'status', 'escalatie', 'knelpunt'] as const;

export const EMPTY_FILTER: CaseFilter = {
	from: null,
	to: null,
	gemeente: null,
	route: null,
	status: null,
	escalatie: null,
	knelpunt: null
};

/** The query string of a filter, without empty values, for links that keep the filter. */
export function filterQuery(filter: CaseFilter): string {
	const params = new URLSearchParams();
	for (const key of FILTER_KEYS) {
		const value = filter[key];
		if (value) params.set(key, value);
	}
	const text = params.toString();
	return text ? `?${text}` : '';
}

/** A query string with some parameters set (or removed, with null) and the rest, such as the filter, kept. */
export function changeQuery(search: string, change: Record<string, string | null>): string {
	const params = new URLSearchParams(search);
	for (const [key, value] of Object.entries(change)) {
		if (value === null) params.delete(key);
		else params.set(key, value);
	}
	return `?${params}`;
}

/** The download address of a view's tables, keeping the page's filters: `/download/dashboard?from=…&format=csv`. */
export function downloadHref(view: string, pageSearch: string, extra: Record<string, string>): string {
	return `/download/${view}${changeQuery(pageSearch, extra)}`;
}

/** The choices the filter bar shows, all within the user's reach. */
export interface FilterOptions {
	gemeenten: { code: string; naam: string }[];
	routes: string[];
	/** Years in which cases were registered, for the quick period choices. */
	years: number[];
	escalatie: { code: string; naam: string }[];
	knelpunten: { code: string; naam: string }[];
}

/** A quick period choice: a year, a half-year or a quarter, as from/to dates. */
export interface Period {
	label: string;
	from: string;
	to: string;
}

/** The year, its halves and its quarters, for the filter bar's quick choices. */
export function periodsOf(year: number): Period[] {
	const p = (label: string, from: string, to: string) => ({
		label,
		from: `${year}-${from}`,
		to: `${year}-${to}`
	});
	return [
		p(String(year), '01-01', '12-31'),
		p(`${year}-H1`, '01-01', '06-30'),
		p(`${year}-H2`, '07-01', '12-31'),
		p(`${year}-Q1`, '01-01', '03-31'),
		p(`${year}-Q2`, '04-01', '06-30'),
		p(`${year}-Q3`, '07-01', '09-30'),
		p(`${year}-Q4`, '10-01', '12-31')
	];
}

/** The same filter with other values for some keys, as a query string (for links that change one thing). */
export function withFilter(filter: CaseFilter, change: Partial<CaseFilter>): string {
	return filterQuery({ ...filter, ...change }) || '?';
}

/** The API address that streams every case of a matrix cell under the same filter. */
export function cellStreamHref(
	dimension: string,
	cell: [string, string],
	diagonal: string,
	filter: CaseFilter
): string {
	const params = new URLSearchParams(filterQuery(filter));
	params.set('dimension', dimension);
	params.set('cell', cell.join('|'));
	params.set('diagonal', diagonal);
	params.set('limit', '100000');
	return `/api/v1/cooccurrence/cases?${params}`;
}
