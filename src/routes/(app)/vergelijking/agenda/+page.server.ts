/** The national agenda (/vergelijking/agenda): the national signal list of a period and everything on the agenda, each with its national status, set by the national programme. */
import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	AGENDA_STATUS_NAMES,
	AGENDA_STATUSES,
	TOELICHTING_MAX,
	TOELICHTING_REQUIRED
} from '$lib/domain/agenda';
import { fold } from '$lib/domain/text';
import { getDb } from '$lib/server/db';
import { requireCapability } from '$lib/server/auth/guard';
import { agendaOverview, agendaYears, parseAgendaChange, setAgendaStatus } from '$lib/server/national/agenda';
import { parsePeriod, periodLabel } from '$lib/server/national/period';
import { PERIOD_MESSAGE, periodChoices } from '$lib/server/national/requests';
import { todayInAmsterdam } from '$lib/server/kwesties/signals';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireCapability(locals, 'nationalKwesties');
	const db = await getDb();
	const years = await agendaYears(db);
	const thisYear = Number(todayInAmsterdam().slice(0, 4));
	const period = parsePeriod(url.searchParams.get('period') ?? String(years.at(-1) ?? thisYear));
	if (!period) error(400, PERIOD_MESSAGE);
	const year = Number(period.from.slice(0, 4));
	return {
		period: period.period,
		periodLabel: periodLabel(period.period),
		periods: periodChoices(years.includes(year) ? years : [...years, year]),
		statuses: AGENDA_STATUSES.map((code) => ({ code, naam: AGENDA_STATUS_NAMES[code] })),
		required: TOELICHTING_REQUIRED,
		toelichtingMax: TOELICHTING_MAX,
		...(await agendaOverview(db, user, period))
	};
};

export const actions: Actions = {
	status: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'nationalKwesties');
		const form = await request.formData();
		const key = fold(String(form.get('key') ?? '')).slice(0, 500);
		const values = {
			status: String(form.get('status') ?? '').slice(0, 40),
			toelichting: String(form.get('toelichting') ?? '').slice(0, TOELICHTING_MAX + 100)
		};
		const checked = parseAgendaChange(form);
		if (!checked.ok) return fail(400, { message: checked.message, field: checked.field, key, values });
		const outcome = await setAgendaStatus(await getDb(), user, checked.change, getClientAddress());
		if (!outcome.ok) {
			return fail(outcome.status, { message: outcome.message, field: outcome.field, key, values });
		}
		const naam = AGENDA_STATUS_NAMES[checked.change.status];
		return {
			key,
			done: outcome.changed
				? `${outcome.label}: de landelijke status is nu "${naam}".`
				: `${outcome.label}: de kwestie had deze status en toelichting al; er is niets gewijzigd.`
		};
	}
};
