/** `GET /api/v1/steps`: per step of the ladder the cases that reached it and the median and 75th percentile of days spent there; for landelijk under disclosure control. */
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { apiFilter, caller } from '$lib/server/api';
import { publishStepTimes, stepTimes } from '$lib/server/analytics/steps';
import { audience } from '$lib/server/disclosure/audience';

export const GET: RequestHandler = async (event) => {
	const user = caller(event);
	const filter = apiFilter(event.url, user);
	const steps = await stepTimes(await getDb(), user.reach, filter);
	return json({ steps: publishStepTimes(steps, audience(user.role) !== 'protected') });
};
