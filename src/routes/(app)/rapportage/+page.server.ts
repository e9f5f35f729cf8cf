import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { capabilities } from '$lib/domain/roles';
import { getDb } from '$lib/server/db';
import { filterOptions } from '$lib/server/analytics/reach';
import { todayInAmsterdam } from '$lib/server/kwesties/signals';
import { liveText } from '$lib/server/reports/files';
import { lastEndedQuarter, periodChoices } from '$lib/server/reports/period';
import { maySaveReports, periodReport, reportRequest } from '$lib/server/reports/report';
import { LESSONS_MAX, parseLessons, saveReport, savedReports } from '$lib/server/reports/saved';

/** A report's query: `periode=2025-Q3` for the page, `period=2025-Q3` for the API, with the gemeente chosen. */
function reportQuery(key: 'periode' | 'period', period: string, gemeente: string | null): string {
	const params = new URLSearchParams({ [key]: period });
	if (gemeente) params.set('gemeente', gemeente);
	return params.toString();
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = locals.user!;
	const periodText = url.searchParams.get('periode');
	const gemeenteText = url.searchParams.get('gemeente');
	if (!periodText && capabilities(user.role).readReports) {
		redirect(
			307,
			`/rapportage?${reportQuery('periode', lastEndedQuarter(todayInAmsterdam()).period, gemeenteText)}`
		);
	}
	const request = reportRequest(user, periodText, gemeenteText);
	if (!request.ok) error(request.status, request.message);
	const { period, gemeente } = request;

	const db = await getDb();
	const [report, options, saved] = await Promise.all([
		periodReport(db, user, period, gemeente),
		filterOptions(db, user.reach),
		savedReports(db, user)
	]);
	const text = await liveText(db, user, report);
	const choices = periodChoices(options.years);
	if (!choices.some((c) => c.period === period.period)) choices.unshift(period);
	const query = reportQuery('period', period.period, gemeente);
	return {
		report,
		text,
		choices: choices.map((c) => ({ period: c.period, name: `${c.name} (${c.period})` })),
		gemeenten: options.gemeenten,
		gemeente,
		saved,
		canSave: maySaveReports(user),
		lessonsMax: LESSONS_MAX,
		/** The page's own query, kept in the form's action so that a refused save shows the same report again. */
		pageQuery: `?${reportQuery('periode', period.period, gemeente)}`,
		pdfHref: `/api/v1/report?${query}&format=pdf`,
		xlsxHref: `/api/v1/report?${query}&format=xlsx`
	};
};

export const actions: Actions = {
	opslaan: async ({ request, locals, getClientAddress }) => {
		const user = locals.user!;
		const form = await request.formData();
		const text = String(form.get('lessons') ?? '');
		if (!maySaveReports(user)) {
			return fail(403, {
				message: 'Alleen het kwaliteitsteam en de beheerder slaan een rapportage op.',
				field: null,
				lessons: text
			});
		}
		const checked = reportRequest(
			user,
			String(form.get('periode') ?? ''),
			String(form.get('gemeente') ?? '') || null
		);
		if (!checked.ok)
			return fail(checked.status, { message: checked.message, field: checked.field, lessons: text });
		const lessons = parseLessons(form.get('lessons'));
		if (!lessons.ok) return fail(400, { message: lessons.message, field: lessons.field, lessons: text });
		const id = await saveReport(
			await getDb(),
			user,
			checked.period,
			checked.gemeente,
			lessons.lessons,
			getClientAddress()
		);
		redirect(303, `/rapportage/${id}?opgeslagen=1`);
	}
};
