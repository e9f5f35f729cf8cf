import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { apiFilter, caller } from '$lib/server/api';
import { budgetSummary } from '$lib/server/analytics/budget';

export const GET: RequestHandler = async (event) => {
	const user = caller(event);
	const filter = apiFilter(event.url, user);
	return json(await budgetSummary(await getDb(), user.reach, filter));
};
