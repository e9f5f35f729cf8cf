/** Beheer → Fondsen: the fund ledger within reach (budgets, contributions, repaid advances, spending, balance), with the forms that book it. */
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireCapability } from '$lib/server/auth/guard';
import { audit } from '$lib/server/audit';
import { checkFund, setFund } from '$lib/server/funds/budgets';
import { addContribution, checkContribution, removeContribution } from '$lib/server/funds/contributions';
import { checkRule, removeRule, setRule } from '$lib/server/funds/rules';
import { todayInAmsterdam } from '$lib/server/kwesties/signals';
import { reference } from '$lib/server/reference';
import { fondsen } from '$lib/server/views/registry';
import { showView } from '$lib/server/views/show';
import { EMPTY_FILTER } from '$lib/domain/filters';
import { formatEuro } from '$lib/domain/format';
import { euros } from '$lib/domain/money';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireCapability(locals, 'manageFunds');
	const { gemeenten, vocabularies } = reference();
	const codes = user.reach.all ? gemeenten.all.map((g) => g.code) : [...user.reach.gemeenten];
	const today = todayInAmsterdam();
	const shown = await showView(fondsen, {
		db: await getDb(),
		user,
		filter: EMPTY_FILTER,
		params: url.searchParams,
		today
	});
	if (shown.level !== 'exact') throw new Error('The fund ledger is only shown as computed.');
	return {
		ledger: shown,
		gemeenten: codes
			.map((code) => ({ code, naam: gemeenten.naam(code) }))
			.sort((a, b) => a.naam.localeCompare(b.naam, 'nl')),
		organisaties: vocabularies.organisaties.entries.map((e) => ({ code: e.code, naam: e.naam })),
		besluitniveaus: vocabularies.besluitniveaus.entries.map((e) => ({ code: e.code, naam: e.naam })),
		year: Number(today.slice(0, 4))
	};
};

/** The posted form's text fields by name. */
const fieldsOf = async <K extends string>(
	request: Request,
	names: readonly K[]
): Promise<Record<K, string>> => {
	const form = await request.formData();
	return Object.fromEntries(names.map((name) => [name, String(form.get(name) ?? '')])) as Record<K, string>;
};

export const actions: Actions = {
	opslaan: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'manageFunds');
		const values = await fieldsOf(request, ['gemeente', 'naam', 'jaar', 'budget'] as const);
		const checked = checkFund(values, user.reach);
		if (!('fund' in checked)) return fail(400, { message: checked.message, field: checked.field, values });
		const { fund } = checked;
		const db = await getDb();
		await setFund(db, fund);
		await audit(db, {
			actor: user.email,
			action: 'fonds instellen',
			object: `${fund.gemeente} ${fund.name} ${fund.year}: ${euros(fund.budget).toFixed(2)}`,
			result: 'ok',
			origin: getClientAddress()
		});
		const naam = reference().gemeenten.naam(fund.gemeente);
		return {
			done: `Het budget van ${fund.name} (${naam}, ${fund.year}) is ${formatEuro(euros(fund.budget))}.`
		};
	},

	bijdragen: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'manageFunds');
		const values = await fieldsOf(request, ['gemeente', 'fonds', 'jaar', 'organisatie', 'bedrag'] as const);
		const checked = checkContribution(values, user.reach);
		if ('message' in checked)
			return fail(400, { message: checked.message, field: checked.field, contribution: values });
		const c = checked.contribution;
		const db = await getDb();
		await addContribution(db, c, user.email);
		await audit(db, {
			actor: user.email,
			action: 'fondsbijdrage boeken',
			object: `${c.gemeente} ${c.fund} ${c.year} van ${c.organisatie}: ${euros(c.amount).toFixed(2)}`,
			result: 'ok',
			origin: getClientAddress()
		});
		const naam = reference().gemeenten.naam(c.gemeente);
		const partij = reference().vocabularies.organisaties.get(c.organisatie)?.naam ?? c.organisatie;
		return {
			done: `Bijdrage van ${partij} aan ${c.fund} (${naam}, ${c.year}) geboekt: ${formatEuro(euros(c.amount))}.`
		};
	},

	regel: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'manageFunds');
		const values = await fieldsOf(request, ['gemeente', 'fonds', 'maximum', 'goedkeuring'] as const);
		const checked = checkRule(values, user.reach);
		if ('message' in checked)
			return fail(400, { message: checked.message, field: checked.field, rule: values });
		const { rule } = checked;
		const db = await getDb();
		await setRule(db, rule, user.email);
		await audit(db, {
			actor: user.email,
			action: 'fondsregel instellen',
			object: `${rule.gemeente} ${rule.fund}: maximum ${euros(rule.maxPerCase).toFixed(2)}, daarboven ${rule.approval}`,
			result: 'ok',
			origin: getClientAddress()
		});
		const naam = reference().gemeenten.naam(rule.gemeente);
		return {
			done: `De regel van ${rule.fund} (${naam}) is ingesteld: boven ${formatEuro(euros(rule.maxPerCase))} per casus besluit ${rule.approval}.`
		};
	},

	regelVerwijderen: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'manageFunds');
		const { gemeente, fonds } = await fieldsOf(request, ['gemeente', 'fonds'] as const);
		const db = await getDb();
		const removed = await removeRule(db, gemeente, fonds, user.reach);
		await audit(db, {
			actor: user.email,
			action: 'fondsregel verwijderen',
			object: `${gemeente.slice(0, 10)} ${fonds.slice(0, 100)}`,
			result: removed ? 'ok' : 'geweigerd',
			origin: getClientAddress()
		});
		if (!removed) return fail(404, { message: 'Deze regel bestaat niet (meer) of valt buiten uw bereik.' });
		return { done: `De regel van ${fonds} is verwijderd.` };
	},

	verwijderen: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'manageFunds');
		const { id } = await fieldsOf(request, ['id'] as const);
		const db = await getDb();
		const removed = /^\d{1,15}$/.test(id) ? await removeContribution(db, Number(id), user.reach) : null;
		await audit(db, {
			actor: user.email,
			action: 'fondsbijdrage verwijderen',
			object: removed
				? `${removed.gemeente} ${removed.fund} ${removed.year} van ${removed.organisatie}: ${removed.amount}`
				: `bijdrage ${id.slice(0, 20)}`,
			result: removed ? 'ok' : 'geweigerd',
			origin: getClientAddress()
		});
		// Another municipality's entry and one that does not exist answer alike.
		if (!removed)
			return fail(404, { message: 'Deze bijdrage bestaat niet (meer) of valt buiten uw bereik.' });
		return { done: `De bijdrage aan ${removed.fund} (${removed.year}) is verwijderd.` };
	}
};
