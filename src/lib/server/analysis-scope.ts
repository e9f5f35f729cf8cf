/** What every analysis page starts from: the signed-in user, the URL's filter checked against its reach, the database and the filter bar's options. */
import { error, type RequestEvent } from '@sveltejs/kit';
import type { CaseFilter, FilterOptions } from '$lib/domain/filters';
import type { SessionUser } from '$lib/domain/roles';
import { getDb, type Database } from './db';
import { parseFilter } from './analytics/filter';
import { filterOptions } from './analytics/reach';
import { audience } from './disclosure/audience';

export interface AnalysisScope {
	user: SessionUser;
	filter: CaseFilter;
	db: Database;
	options: FilterOptions;
}

/** Answers 400 for a malformed filter (for landelijk also a period that is not whole) and 403 for a gemeente outside the user's reach. */
export async function analysisScope(event: Pick<RequestEvent, 'locals' | 'url'>): Promise<AnalysisScope> {
	const user = event.locals.user;
	if (!user) error(401, 'Niet ingelogd.');
	const parsed = parseFilter(event.url.searchParams, user.reach, audience(user.role));
	if (!parsed.ok) error(parsed.status, parsed.message);
	const db = await getDb();
	return { user, filter: parsed.filter, db, options: await filterOptions(db, user.reach) };
}
