/** `GET /api/v1/signals`: the kwesties reported at least `threshold` times in the window, with their workflow status; per "Who sees what" for college and landelijk. */
import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { apiFilter, caller } from '$lib/server/api';
import { signals } from '$lib/server/kwesties/signals';
import { signalSettings } from '$lib/server/kwesties/settings';
import { audience } from '$lib/server/disclosure/audience';
import { protectSignal, signalRequest } from '$lib/server/disclosure/signals';

export const GET: RequestHandler = async (event) => {
	const user = caller(event);
	const who = audience(user.role);
	const filter = apiFilter(event.url, user);
	const db = await getDb();
	const defaults = await signalSettings(db, user.reach, filter.gemeente);
	const asked = signalRequest(who, event.url.searchParams, defaults, filter);
	if (!asked.ok) error(400, asked.message);
	const { options } = asked.options;
	const list = await signals(db, user.reach, asked.options.filter, options);
	return json({
		threshold: options.threshold,
		window_months: options.windowMonths,
		as_of: options.asOf,
		signals: list.map((s) =>
			protectSignal(who, {
				kwestie: s.kwestie,
				cases: s.cases,
				first: s.first,
				last: s.last,
				gemeenten: s.gemeenten,
				status: s.status
			})
		)
	});
};
