/** Shared steps of the JSON API's handlers: the caller, the filters checked against its reach, and the window of the lists of "drie keer". */
import { error, type RequestEvent } from '@sveltejs/kit';
import type { CaseFilter } from '$lib/domain/filters';
import type { SessionUser } from '$lib/domain/roles';
import { LIST_DIMENSIONS, type ListDimension } from '$lib/domain/vocabulary';
import { COUNT_DIMENSIONS, type CountDimension } from './analytics/counts';
import { parseFilter } from './analytics/filter';
import { audience, type Audience } from './disclosure/audience';
import { signalRequest } from './disclosure/signals';
import { getDb, type Database } from './db';
import { signalSettings } from './kwesties/settings';
import type { SignalOptions } from './kwesties/signals';

/** The signed-in caller; the guard in hooks.server.ts has already answered 401 without one. */
export function caller(event: Pick<RequestEvent, 'locals'>): SessionUser {
	const user = event.locals.user;
	if (!user) error(401, 'Niet ingelogd.');
	return user;
}

export function apiFilter(url: URL, user: SessionUser): CaseFilter {
	const parsed = parseFilter(url.searchParams, user.reach, audience(user.role));
	if (!parsed.ok) error(parsed.status, parsed.message);
	return parsed.filter;
}

export function apiDimension(url: URL): ListDimension {
	const value = url.searchParams.get('dimension') ?? '';
	if (!(LIST_DIMENSIONS as readonly string[]).includes(value)) {
		error(400, `dimension is een van: ${LIST_DIMENSIONS.join(', ')}.`);
	}
	return value as ListDimension;
}

/** The dimension of `GET /api/v1/counts`: a list dimension or a decision column of version 1.1. */
export function apiCountDimension(url: URL): CountDimension {
	const value = url.searchParams.get('dimension') ?? '';
	if (!(COUNT_DIMENSIONS as readonly string[]).includes(value)) {
		error(400, `dimension is een van: ${COUNT_DIMENSIONS.join(', ')}.`);
	}
	return value as CountDimension;
}

/** What a windowed list (signals, solutions) is asked with: threshold, window and as_of as "Who sees what" allows the caller. */
export interface WindowedRequest {
	user: SessionUser;
	who: Audience;
	db: Database;
	filter: CaseFilter;
	options: SignalOptions;
}

/** The caller's window and threshold over the municipality's defaults; 400 for what its audience may not ask. */
export async function windowedRequest(event: Pick<RequestEvent, 'locals' | 'url'>): Promise<WindowedRequest> {
	const user = caller(event);
	const who = audience(user.role);
	const db = await getDb();
	const filter = apiFilter(event.url, user);
	const defaults = await signalSettings(db, user.reach, filter.gemeente);
	const asked = signalRequest(who, event.url.searchParams, defaults, filter);
	if (!asked.ok) error(400, asked.message);
	return { user, who, db, filter: asked.options.filter, options: asked.options.options };
}
