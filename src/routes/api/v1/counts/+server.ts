import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { apiDimension, apiFilter, caller } from '$lib/server/api';
import { countsByLabel } from '$lib/server/analytics/counts';

export const GET: RequestHandler = async (event) => {
	const user = caller(event);
	const dimension = apiDimension(event.url);
	const filter = apiFilter(event.url, user);
	return json(await countsByLabel(await getDb(), dimension, user.reach, filter));
};
