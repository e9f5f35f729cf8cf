/** `GET /api/v1/solutions`: the solution labels written in at least `threshold` cases of the window, with their instruments and how many were outside the kaders; per "Who sees what" for college and landelijk, as the signals. */
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { windowedRequest } from '$lib/server/api';
import { solutions } from '$lib/server/kwesties/solutions';
import { protectSignal } from '$lib/server/disclosure/signals';

export const GET: RequestHandler = async (event) => {
	const { user, who, db, filter, options } = await windowedRequest(event);
	const list = await solutions(db, user.reach, filter, options);
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
