/** `GET /api/v1/cooccurrence`: the co-occurrence matrix of one dimension, with either diagonal reading; for landelijk under disclosure control. */
import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { apiDimension, apiFilter, caller } from '$lib/server/api';
import { cooccurrence, parseDiagonal } from '$lib/server/analytics/cooccurrence';
import { audience } from '$lib/server/disclosure/audience';
import { protectCooccurrence } from '$lib/server/disclosure/protect';

export const GET: RequestHandler = async (event) => {
	const user = caller(event);
	const dimension = apiDimension(event.url);
	const diagonal = parseDiagonal(event.url.searchParams.get('diagonal') ?? 'single');
	if (!diagonal) error(400, 'diagonal is single of total.');
	const filter = apiFilter(event.url, user);
	const result = await cooccurrence(await getDb(), dimension, diagonal, user.reach, filter);
	return json(audience(user.role) === 'protected' ? protectCooccurrence(result) : result);
};
