/** `GET /api/v1/solutions`: the solution labels written in at least `threshold` cases of the window, with their instruments and how many were outside the kaders; per "Who sees what" for college and landelijk, as the signals. */
import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { apiFilter, caller } from '$lib/server/api';
import { solutions } from '$lib/server/kwesties/solutions';
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
	const list = await solutions(db, user.reach, asked.options.filter, options);
	return json({
		threshold: options.threshold,
		window_months: options.windowMonths,
		as_of: options.asOf,
		solutions: list.map((s) =>
			protectSignal(
				who,
				{
					oplossing: s.oplossing,
					cases: s.cases,
					gemeenten: s.gemeenten,
					first: s.first,
					last: s.last,
					instrumenten: s.instrumenten,
					outsideKaders: s.outsideKaders
				},
				['outsideKaders']
			)
		)
	});
};
