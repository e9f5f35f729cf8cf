/** `GET /api/v1/signals`: the kwesties reported at least `threshold` times in the window, with their workflow status. */
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { apiFilter, caller } from '$lib/server/api';
import { signals } from '$lib/server/kwesties/signals';
import { parseSignalOptions, signalSettings } from '$lib/server/kwesties/settings';
import { error } from '@sveltejs/kit';

export const GET: RequestHandler = async (event) => {
	const user = caller(event);
	const filter = apiFilter(event.url, user);
	const db = await getDb();
	const defaults = await signalSettings(db, user.reach, filter.gemeente);
	const parsed = parseSignalOptions(event.url.searchParams, defaults);
	if (!parsed.ok) error(400, parsed.message);
	const list = await signals(db, user.reach, filter, parsed.options);
	return json({
		signals: list.map((s) => ({
			kwestie: s.kwestie,
			cases: s.cases,
			first: s.first,
			last: s.last,
			gemeenten: s.gemeenten,
			status: s.status
		}))
	});
};
