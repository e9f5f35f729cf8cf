/** `GET /api/v1/signals`: the kwesties reported at least `threshold` times in the window, with their workflow status; per "Who sees what" for college and landelijk. */
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { windowedRequest } from '$lib/server/api';
import { signals } from '$lib/server/kwesties/signals';
import { protectSignal } from '$lib/server/disclosure/signals';

export const GET: RequestHandler = async (event) => {
	const { user, who, db, filter, options } = await windowedRequest(event);
	const list = await signals(db, user.reach, filter, options);
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
