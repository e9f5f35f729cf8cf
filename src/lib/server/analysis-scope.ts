/** What every analysis page starts from: the signed-in user, the URL's filter checked against its reach, the database and the filter bar's options. */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { readDateRange } from '$lib/domain/dates';
import type { CaseFilter, FilterOptions } from '$lib/domain/filters';
import type { SessionUser } from '$lib/domain/roles';
import { getDb, type Database } from './db';
import { parseFilter } from './analytics/filter';
import { filterOptions } from './analytics/reach';
import { audience, type Audience } from './disclosure/audience';

export interface AnalysisScope {
	user: SessionUser;
	filter: CaseFilter;
	db: Database;
	options: FilterOptions;
}

/**
 * The filter parameters a page computes with. A date typed as `dd-mm-jjjj` is sent on (307) to its ISO
 * form, the canonical address that links, downloads and the page cache share. A date that is no date
 * (or an end before the start) is left out of the figures while the other filters still apply; the
 * filter bar says why, reading the same address with the same `readDateRange`. Landelijk types no
 * dates (its bar offers whole periods), so its malformed ranges stay a 400 of `parseFilter`.
 */
export function pageFilterParams(url: URL, who: Audience): URLSearchParams {
	const params = new URLSearchParams(url.searchParams);
	if (who === 'protected' || params.get('periode')?.trim()) return params;
	const range = readDateRange(params.get('from'), params.get('to'));
	let moved = false;
	for (const key of ['from', 'to'] as const) {
		const typed = params.get(key)?.trim();
		if (!typed) continue;
		if (range.problems[key]) params.delete(key);
		else if (range[key] !== typed) {
			params.set(key, range[key]!);
			moved = true;
		}
	}
	if (moved && Object.keys(range.problems).length === 0) redirect(307, `${url.pathname}?${params}`);
	return params;
}

/** Answers 400 for a malformed filter (for landelijk also a period that is not whole) and 403 for a gemeente outside the user's reach. */
export async function analysisScope(event: Pick<RequestEvent, 'locals' | 'url'>): Promise<AnalysisScope> {
	const user = event.locals.user;
	if (!user) error(401, 'Niet ingelogd.');
	const who = audience(user.role);
	const parsed = parseFilter(pageFilterParams(event.url, who), user.reach, who);
	if (!parsed.ok) error(parsed.status, parsed.message);
	const db = await getDb();
	return { user, filter: parsed.filter, db, options: await filterOptions(db, user.reach) };
}
