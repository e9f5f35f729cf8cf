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

/** The download address of a view's tables, keeping the page's filters: `/download/dashboard?from=…&format=csv`. */
export function downloadHref(view: string, pageSearch: string, extra: Record<string, string>): string {
	const params = new URLSearchParams(pageSearch);
	for (const [key, value] of Object.entries(extra)) params.set(key, value);
	return `/download/${view}?${params}`;
}
