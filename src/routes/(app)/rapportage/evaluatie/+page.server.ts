/** The pilot evaluation over a run of whole quarters, and for who saves reports the capacity per quarter that its cost per case counts. */
import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { capabilities } from '$lib/domain/roles';
import { formatEuro } from '$lib/domain/format';
import { euros } from '$lib/domain/money';
import { getDb } from '$lib/server/db';
import { requireCapability } from '$lib/server/auth/guard';
import { filterOptions } from '$lib/server/analytics/reach';
import { todayInAmsterdam } from '$lib/server/kwesties/signals';
import { reference } from '$lib/server/reference';
import {
	capacityRows,
	checkCapacity,
	checkRemoval,
	costOf,
	FTE_HOURS,
	FUNCTIE_NAMES,
	FUNCTIES,
	hoursOf,
	removeCapacity,
	setCapacity,
	type CapacityForm
} from '$lib/server/reports/capacity';
import { evaluationReport } from '$lib/server/reports/evaluation';
import { defaultRun, quarterChoices, runRequest } from '$lib/server/reports/run';
import { evaluationStamp } from './files';

/** The page's query: the run and the gemeente chosen. */
function runQuery(van: string, tot: string, gemeente: string | null): string {
	const params = new URLSearchParams({ van, tot });
	if (gemeente) params.set('gemeente', gemeente);
	return params.toString();
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = locals.user!;
	const can = capabilities(user.role);
	const params = url.searchParams;
	const gemeenteText = params.get('gemeente') || null;
	const today = todayInAmsterdam();
	if (!params.get('van') && !params.get('tot') && can.readReports) {
		const run = defaultRun(today);
		redirect(307, `/rapportage/evaluatie?${runQuery(run.van, run.tot, gemeenteText)}`);
	}
	const van = params.get('van') ?? '';
	const tot = params.get('tot') ?? '';
	const request = runRequest(user, van, tot, gemeenteText);
	if (!request.ok && (request.status === 403 || request.field === 'gemeente'))
		error(request.status, request.message);

	const db = await getDb();
	const options = await filterOptions(db, user.reach);
	const choices = quarterChoices(options.years, today);
	// A run asked for outside the usual choices (a quarter to come, an early year) stays choosable.
	if (request.ok) {
		for (const key of [request.run.from, request.run.to])
			if (!choices.some((c) => c.key === key)) choices.push({ key, name: key });
	}
	const { gemeenten } = reference();
	const reachCodes = user.reach.all ? gemeenten.all.map((g) => g.code) : [...user.reach.gemeenten];
	const capacity = can.saveReports ? await capacityRows(db, user.reach) : [];
	const common = {
		van,
		tot,
		choices,
		gemeenten: options.gemeenten,
		gemeente: request.ok ? request.gemeente : null,
		canSave: can.saveReports,
		fteHours: FTE_HOURS,
		functies: FUNCTIES.map((code) => ({ code, naam: FUNCTIE_NAMES[code] })),
		capacityGemeenten: reachCodes
			.map((code) => ({ code, naam: gemeenten.naam(code) }))
			.sort((a, b) => a.naam.localeCompare(b.naam, 'nl')),
		capacity: capacity
			.map((c) => ({
				gemeente: c.gemeente,
				gemeenteNaam: c.gemeenteNaam,
				kwartaal: c.kwartaal,
				functie: c.functie,
				functieNaam: c.functieNaam,
				eenheid: c.eenheid,
				hoeveelheid: Number(c.hoeveelheid) / 100,
				hours: Number(c.hours) / 100,
				uurtarief: euros(c.uurtarief),
				cost: euros(c.cost),
				updatedBy: c.updatedBy,
				updatedAt: c.updatedAt
			}))
			// Newest quarter first; within a quarter in municipality and function order (sort is stable).
			.sort((a, b) => b.kwartaal.localeCompare(a.kwartaal))
	};
	if (!request.ok) {
		return { ...common, report: null, runError: { field: request.field, message: request.message } };
	}
	const { run, gemeente } = request;
	const report = await evaluationReport(db, user, { run, gemeente, today });
	const query = runQuery(run.from, run.to, gemeente);
	return {
		...common,
		van: run.from,
		tot: run.to,
		report,
		runError: null,
		stamp: evaluationStamp(),
		/** Kept in the forms' action, so that a refused or saved entry shows the same evaluation again. */
		pageQuery: `?${query}`,
		downloadQuery: query
	};
};

/** Hours and FTE to two decimals, as they are entered. */
const twoDecimals = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });

const FIELDS = ['gemeente', 'kwartaal', 'functie', 'eenheid', 'hoeveelheid', 'uurtarief'] as const;

export const actions: Actions = {
	capaciteit: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'saveReports');
		const form = await request.formData();
		const values = Object.fromEntries(
			FIELDS.map((f) => [f, String(form.get(f) ?? '').slice(0, 200)])
		) as CapacityForm;
		const checked = checkCapacity(values, user.reach);
		if (!('entry' in checked)) return fail(400, { message: checked.message, field: checked.field, values });
		const { entry } = checked;
		await setCapacity(await getDb(), user, entry, getClientAddress());
		const hours = Number(hoursOf(entry)) / 100;
		const amount = `${twoDecimals.format(Number(entry.hoeveelheid) / 100)} ${entry.eenheid === 'fte' ? 'fte' : 'uur'}`;
		return {
			done: `Opgeslagen: ${FUNCTIE_NAMES[entry.functie]}, ${reference().gemeenten.naam(entry.gemeente)}, ${entry.kwartaal}: ${amount}${entry.eenheid === 'fte' ? ` (${twoDecimals.format(hours)} uur)` : ''} à ${formatEuro(euros(entry.uurtarief))} = ${formatEuro(euros(costOf(entry)))}.`
		};
	},
	verwijderen: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'saveReports');
		const form = await request.formData();
		const field = (name: string) => String(form.get(name) ?? '').slice(0, 200);
		const checked = checkRemoval(
			{ gemeente: field('gemeente'), kwartaal: field('kwartaal'), functie: field('functie') },
			user.reach
		);
		if (!('key' in checked)) return fail(400, { message: checked.message });
		const { key, naam } = checked;
		const what = `${FUNCTIE_NAMES[key.functie]}, ${naam}, ${key.kwartaal}`;
		if (!(await removeCapacity(await getDb(), user, key, getClientAddress()))) {
			return fail(404, { message: `Er staat geen capaciteit voor ${what}.` });
		}
		return { done: `Verwijderd: de capaciteit voor ${what}.` };
	}
};
