/** `GET /api/v1/counts`: cases per label of one dimension, as JSON or (on request) as an Arrow stream. */
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { apiDimension, apiFilter, caller } from '$lib/server/api';
import { countsByLabel } from '$lib/server/analytics/counts';
import { arrowResponse, toArrowStream, wantsArrow } from '$lib/server/arrow';

export const GET: RequestHandler = async (event) => {
	const user = caller(event);
	const dimension = apiDimension(event.url);
	const filter = apiFilter(event.url, user);
	const result = await countsByLabel(await getDb(), dimension, user.reach, filter);
	if (wantsArrow(event.request)) {
		const bytes = toArrowStream(
			result.counts,
			[
				{ name: 'label', type: 'utf8' },
				{ name: 'cases', type: 'int32' }
			],
			{ dimension, cases: String(result.cases) }
		);
		return arrowResponse(bytes, `counts-${dimension}.arrows`);
	}
	return json(result);
};
