/** `GET /api/v1/responses`: partners' answer times in working days against each municipality's promise, per organisation; for landelijk under disclosure control. */
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { apiFilter, caller } from '$lib/server/api';
import { audience } from '$lib/server/disclosure/audience';
import { todayInAmsterdam } from '$lib/server/kwesties/signals';
import { partnerResponses, protectResponses } from '$lib/server/partners/responses';

export const GET: RequestHandler = async (event) => {
	const user = caller(event);
	const filter = apiFilter(event.url, user);
	const exact = await partnerResponses(await getDb(), user.reach, filter, todayInAmsterdam());
	const organisations = audience(user.role) === 'protected' ? protectResponses(exact) : exact;
	return json({ organisations });
};
