import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { analysisScope } from '$lib/server/analysis-scope';
import { getDb } from '$lib/server/db';
import { signalList } from '$lib/server/kwesties/signal-list';
import { followedKwesties } from '$lib/server/kwesties/kwesties';
import {
	THRESHOLD_MAX,
	WINDOW_MAX,
	parseSignalOptions,
	saveSignalSettings,
	signalSettings
} from '$lib/server/kwesties/settings';
import { lastVisit, recordVisit } from '$lib/server/kwesties/visits';
import { reaches } from '$lib/domain/roles';
import { reference } from '$lib/server/reference';

const FIRST_VISIT = '1970-01-01 00:00:00';

export const load: PageServerLoad = async (event) => {
	const { user, filter, db, options } = await analysisScope(event);
	const defaults = await signalSettings(db, user.reach, filter.gemeente);
	const parsed = parseSignalOptions(event.url.searchParams, defaults);
	if (!parsed.ok) error(400, parsed.message);
	const since = await lastVisit(db, user.id);
	// On a first visit every signal is new.
	const list = await signalList(db, user, filter, { ...parsed.options, since: since ?? FIRST_VISIT });
	await recordVisit(db, user.id);
	return {
		filter,
		options,
		defaults,
		since,
		list,
		followed: await followedKwesties(db, user),
		limits: { threshold: THRESHOLD_MAX, window: WINDOW_MAX },
		canConfigure: user.role === 'beheerder'
	};
};

export const actions: Actions = {
	/** The beheerder sets a municipality's default threshold and window. */
	instellingen: async ({ request, locals }) => {
		const user = locals.user!;
		if (user.role !== 'beheerder')
			return fail(403, { message: 'Alleen de beheerder stelt de drempel in.', field: null });
		const form = await request.formData();
		const found = reference().gemeenten.resolve(String(form.get('gemeente') ?? ''));
		if (!found || !reaches(user.reach, found.code)) {
			return fail(400, { message: 'Kies een gemeente binnen uw bereik.', field: 'gemeente' });
		}
		const values = {
			threshold: String(form.get('threshold') ?? '').trim(),
			window_months: String(form.get('window_months') ?? '').trim()
		};
		const empty = Object.entries(values).find(([, value]) => value === '');
		if (empty) return fail(400, { message: 'Vul de drempel en de periode in.', field: empty[0] });
		const checked = parseSignalOptions(new URLSearchParams(values), { threshold: 0, windowMonths: 0 });
		if (!checked.ok) return fail(400, { message: checked.message, field: checked.field });
		const { threshold, windowMonths } = checked.options;
		await saveSignalSettings(await getDb(), user.email, found.code, { threshold, windowMonths });
		return {
			done: `Voor ${found.naam} geldt nu: ten minste ${threshold} casussen in ${windowMonths} maanden.`
		};
	}
};
