import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { apiFilter, caller } from '$lib/server/api';
import { DEFAULT_SIGNAL_OPTIONS, signals, todayInAmsterdam } from '$lib/server/kwesties/signals';

function positiveInteger(value: string | null, fallback: number, name: string, max: number): number {
	if (value === null || value === '') return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1 || n > max) error(400, `${name} is een geheel getal van 1 tot ${max}.`);
	return n;
}

export const GET: RequestHandler = async (event) => {
	const user = caller(event);
	const filter = apiFilter(event.url, user);
	const params = event.url.searchParams;
	const asOf = params.get('as_of') || todayInAmsterdam();
	if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`))) {
		error(400, 'as_of is een datum als JJJJ-MM-DD.');
	}
	const options = {
		threshold: positiveInteger(params.get('threshold'), DEFAULT_SIGNAL_OPTIONS.threshold, 'threshold', 1000),
		windowMonths: positiveInteger(
			params.get('window_months'),
			DEFAULT_SIGNAL_OPTIONS.windowMonths,
			'window_months',
			120
		),
		asOf
	};
	const list = await signals(await getDb(), user.reach, filter, options);
	return json({ signals: list.map(({ key, ...signal }) => signal) });
};
