/** `GET /api/v1/counts`: cases per label of one dimension, as JSON or (on request) as an Arrow stream; for landelijk under disclosure control. */
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { apiCountDimension, apiFilter, caller } from '$lib/server/api';
import { countsByLabel } from '$lib/server/analytics/counts';
import { arrowResponse, toArrowStream, wantsArrow, type ArrowColumn } from '$lib/server/arrow';
import { audience } from '$lib/server/disclosure/audience';
import { arrowCount, protectCounts } from '$lib/server/disclosure/protect';

const COLUMNS: ArrowColumn[] = [
	{ name: 'label', type: 'utf8' },
	{ name: 'cases', type: 'int32' }
];

/** A protected count column is nullable, with `cases_geheim` saying which nulls are secret. */
const PROTECTED_COLUMNS: ArrowColumn[] = [...COLUMNS, { name: 'cases_geheim', type: 'bool' }];

export const GET: RequestHandler = async (event) => {
	const user = caller(event);
	const dimension = apiCountDimension(event.url);
	const filter = apiFilter(event.url, user);
	const exact = await countsByLabel(await getDb(), dimension, user.reach, filter);
	const result = audience(user.role) === 'protected' ? protectCounts(exact) : exact;
	if (wantsArrow(event.request)) {
		const isProtected = result !== exact;
		const rows = isProtected
			? result.counts.map((c) => ({ label: c.label, ...arrowCount('cases', c.cases) }))
			: result.counts;
		const bytes = toArrowStream(rows, isProtected ? PROTECTED_COLUMNS : COLUMNS, {
			dimension,
			cases: String(result.cases)
		});
		return arrowResponse(bytes, `counts-${dimension}.arrows`);
	}
	return json(result);
};
