import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireCapability } from '$lib/server/auth/guard';
import { audit } from '$lib/server/audit';
import { fundOverview, setFund, type Fund } from '$lib/server/funds';
import { todayInAmsterdam } from '$lib/server/kwesties/signals';
import { reference } from '$lib/server/reference';
import { parseAmountCents } from '$lib/domain/amount';
import { formatEuro } from '$lib/domain/format';
import { reaches, type Reach } from '$lib/domain/roles';

/** The most a budget may be: a billion euros keeps every cent exact on its way to DECIMAL(18, 2). */
const MAX_BUDGET_CENTS = 1_000_000_000_00;

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireCapability(locals, 'manageFunds');
	const { gemeenten } = reference();
	const codes = user.reach.all ? gemeenten.all.map((g) => g.code) : [...user.reach.gemeenten];
	return {
		funds: await fundOverview(await getDb(), user.reach),
		gemeenten: codes
			.map((code) => ({ code, naam: gemeenten.naam(code) }))
			.sort((a, b) => a.naam.localeCompare(b.naam, 'nl')),
		year: Number(todayInAmsterdam().slice(0, 4))
	};
};

type FundForm = Record<'gemeente' | 'naam' | 'jaar' | 'budget', string>;

/** The form's fields checked: a name of 1 to 100 characters, a year 2000-2100, a Dutch amount ≥ 0, a gemeente within reach. */
function checkFund(
	values: FundForm,
	reach: Reach
): { fund: Fund } | { message: string; field: keyof FundForm } {
	const gemeente = values.gemeente ? reference().gemeenten.resolve(values.gemeente) : undefined;
	if (!gemeente) return { message: 'Kies een gemeente.', field: 'gemeente' };
	if (!reaches(reach, gemeente.code))
		return { message: `${gemeente.naam} valt buiten uw bereik.`, field: 'gemeente' };
	const name = values.naam.trim();
	if (name.length < 1 || name.length > 100)
		return { message: 'Geef de naam van het fonds (1 tot 100 tekens).', field: 'naam' };
	const year = /^\d{4}$/.test(values.jaar.trim()) ? Number(values.jaar) : NaN;
	if (!(year >= 2000 && year <= 2100))
		return { message: 'Geef een jaar van 2000 tot en met 2100.', field: 'jaar' };
	const cents = parseAmountCents(values.budget);
	if (cents === null || cents > MAX_BUDGET_CENTS)
		return {
			message: 'Geef het budget als bedrag van 0 of meer, bijvoorbeeld 50.000 of 500.000,00.',
			field: 'budget'
		};
	return { fund: { gemeente: gemeente.code, name, year, budget: cents / 100 } };
}

export const actions: Actions = {
	opslaan: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'manageFunds');
		const form = await request.formData();
		const field = (name: string) => String(form.get(name) ?? '');
		const values: FundForm = {
			gemeente: field('gemeente'),
			naam: field('naam'),
			jaar: field('jaar'),
			budget: field('budget')
		};
		const checked = checkFund(values, user.reach);
		if (!('fund' in checked)) return fail(400, { message: checked.message, field: checked.field, values });
		const { fund } = checked;
		const db = await getDb();
		await setFund(db, fund);
		await audit(db, {
			actor: user.email,
			action: 'fonds instellen',
			object: `${fund.gemeente} ${fund.name} ${fund.year}: ${fund.budget.toFixed(2)}`,
			result: 'ok',
			origin: getClientAddress()
		});
		const naam = reference().gemeenten.naam(fund.gemeente);
		return { done: `Het budget van ${fund.name} (${naam}, ${fund.year}) is ${formatEuro(fund.budget)}.` };
	}
};
