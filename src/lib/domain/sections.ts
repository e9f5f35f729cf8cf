/** The URL's memory of a page's detail sections (`?open=a,b`) and of how much of a long list is shown (`?suggesties=20`). */

/** The query parameter that lists the open sections of a page. */
export const OPEN_PARAM = 'open';

/** A section id as it may stand in the URL: lower-case letters, digits and dashes, as the pages name them. */
const SECTION_ID = /^[a-z0-9][a-z0-9-]{0,59}$/;

/** Whether a text may be a section's id. */
export function isSectionId(id: string): boolean {
	return SECTION_ID.test(id);
}

/** The open sections the URL names, in its order, without duplicates; anything that is no section id is left out. */
export function openSections(params: URLSearchParams): string[] {
	const ids = params
		.getAll(OPEN_PARAM)
		.flatMap((value) => value.split(','))
		.map((id) => id.trim())
		.filter(isSectionId);
	return [...new Set(ids)];
}

/** The `open` parameter's value for these sections (`a,b`), or null when none is open. */
export function openValue(ids: readonly string[]): string | null {
	const valid = [...new Set(ids.filter(isSectionId))];
	return valid.length === 0 ? null : valid.join(',');
}

/**
 * The address with one section opened or closed and every other parameter kept: an opened section is
 * added at the end of the list, a closed one removed, and the parameter dropped when no section is open.
 */
export function withSection(url: URL, id: string, open: boolean): URL {
	if (!isSectionId(id)) throw new Error(`"${id}" is no section id`);
	const next = new URL(url);
	const ids = openSections(next.searchParams).filter((other) => other !== id);
	const value = openValue(open ? [...ids, id] : ids);
	if (value === null) next.searchParams.delete(OPEN_PARAM);
	else next.searchParams.set(OPEN_PARAM, value);
	return next;
}

/** A query (`?…`) with the section added to its open list, for a link inside the section that should find it open. */
export function keepOpen(search: string, id: string): string {
	const url = withSection(
		new URL(search.startsWith('?') ? search : `?${search}`, 'http://portal.invalid/'),
		id,
		true
	);
	return url.search;
}

/** How many items of a long list a page shows: `step` at first, more by `step` each time "meer" is chosen. */
export interface Shown {
	/** Items to show now. */
	count: number;
	/** The parameter's value for the "meer" link (the next multiple of the step); null when every item is shown. */
	next: number | null;
}

/**
 * How many of `total` items to show, from the URL's parameter `name` (`?suggesties=20`): a whole number of
 * at least `step`, rounded up to a multiple of `step` and at most the total; `step` when absent or unreadable.
 */
export function shownCount(params: URLSearchParams, name: string, step: number, total: number): Shown {
	const raw = params.get(name);
	const asked = raw !== null && /^\d{1,6}$/.test(raw.trim()) ? Number(raw.trim()) : step;
	const rounded = Math.max(step, Math.ceil(asked / step) * step);
	const count = Math.min(rounded, Math.max(total, 0));
	return { count, next: count < total ? rounded + step : null };
}
