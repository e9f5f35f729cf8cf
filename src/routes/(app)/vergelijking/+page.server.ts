import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { capabilities } from '$lib/domain/roles';
import { requireUser } from '$lib/server/auth/guard';
import { requestedPeriod } from '$lib/server/national/compared';
import { COMPARISON_CAVEAT, comparisonView } from '$lib/server/national/comparison';
import { periodLabel } from '$lib/server/national/period';
import { mayCompare } from '$lib/server/national/peers';
import { PERIOD_MESSAGE, periodChoices } from '$lib/server/national/requests';
import { todayInAmsterdam } from '$lib/server/kwesties/signals';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals);
	const can = capabilities(user.role);
	if (!can.compare) {
		error(403, 'De vergelijking is voor het landelijk programma en voor beheerders.');
	}
	const db = await getDb();
	if (!(await mayCompare(db, user))) return { allowed: false as const };
	const thisYear = Number(todayInAmsterdam().slice(0, 4));
	const { period, years } = await requestedPeriod(db, user, url.searchParams, thisYear);
	if (!period) error(400, PERIOD_MESSAGE);
	const year = Number(period.from.slice(0, 4));
	const view = await comparisonView(db, user, period, url.searchParams.get('trend'));
	return {
		allowed: true as const,
		caveat: COMPARISON_CAVEAT,
		// The national programme sets the national agenda's statuses of the signals.
		agenda: can.nationalKwesties,
		/** The municipality of the trends the address asked for, kept when the period changes. */
		trend: url.searchParams.get('trend'),
		// The national programme compares without opting in; the page points it to where packages are read in.
		pointToPackages: !can.choosePeers,
		periods: periodChoices(years.includes(year) ? years : [...years, year]),
		periodLabel: periodLabel(period.period),
		...view
	};
};
