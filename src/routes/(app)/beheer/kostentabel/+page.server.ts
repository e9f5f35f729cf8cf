/** The avoided-cost table per municipality within reach: what one unit of a post of vermeden_posten saves, set and removed by the beheerder. */
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireCapability } from '$lib/server/auth/guard';
import { audit } from '$lib/server/audit';
import { checkCost, costTable, MAX_POST_LENGTH, removeCost, setCost } from '$lib/server/costs';
import { reference } from '$lib/server/reference';
import { parseAmountCents } from '$lib/domain/amount';
import { decimalText, euros } from '$lib/domain/money';
import { formatEuro } from '$lib/domain/format';
import { reaches, type Reach } from '$lib/domain/roles';

/** The most an amount may be: a billion euros keeps every cent exact on its way to DECIMAL(18, 2). */
const MAX_AMOUNT_CENTS = 1_000_000_000_00;

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireCapability(locals, 'manageFunds');
	const { gemeenten } = reference();
	const codes = user.reach.all ? gemeenten.all.map((g) => g.code) : [...user.reach.gemeenten];
	const costs = await costTable(await getDb(), user.reach);
	return {
		costs: costs.map((c) => ({ ...c, low: euros(c.low), high: euros(c.high) })),
		gemeenten: codes
			.map((code) => ({ code, naam: gemeenten.naam(code) }))
			.sort((a, b) => a.naam.localeCompare(b.naam, 'nl'))
	};
};

type CostForm = Record<'gemeente' | 'post' | 'eenheid' | 'laag' | 'hoog' | 'bron', string>;

/** A gemeente within reach, or the message why not. */
function gemeenteIn(text: string, reach: Reach): { code: string; naam: string } | { message: string } {
	const gemeente = text ? reference().gemeenten.resolve(text) : undefined;
	if (!gemeente) return { message: 'Kies een gemeente.' };
	if (!reaches(reach, gemeente.code)) return { message: `${gemeente.naam} valt buiten uw bereik.` };
	return gemeente;
}

const AMOUNT_MESSAGE = 'Geef een bedrag van 0 of meer, bijvoorbeeld 2.500 of 3.100,50.';

export const actions: Actions = {
	opslaan: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'manageFunds');
		const form = await request.formData();
		const field = (name: string) => String(form.get(name) ?? '');
		const values: CostForm = {
			gemeente: field('gemeente'),
			post: field('post'),
			eenheid: field('eenheid'),
			laag: field('laag'),
			hoog: field('hoog'),
			bron: field('bron')
		};
		const refuse = (message: string, at: keyof CostForm) => fail(400, { message, field: at, values });
		const gemeente = gemeenteIn(values.gemeente, user.reach);
		if ('message' in gemeente) return refuse(gemeente.message, 'gemeente');
		const low = parseAmountCents(values.laag);
		if (low === null || low > MAX_AMOUNT_CENTS) return refuse(AMOUNT_MESSAGE, 'laag');
		const high = parseAmountCents(values.hoog);
		if (high === null || high > MAX_AMOUNT_CENTS) return refuse(AMOUNT_MESSAGE, 'hoog');
		const cost = {
			post: values.post,
			unit: values.eenheid,
			low: BigInt(low),
			high: BigInt(high),
			bron: values.bron
		};
		const checked = checkCost(cost);
		if ('message' in checked) {
			const fields = { post: 'post', unit: 'eenheid', high: 'hoog', bron: 'bron' } as const;
			return refuse(checked.message, fields[checked.field]);
		}
		const db = await getDb();
		await setCost(db, { ...cost, ...checked, gemeente: gemeente.code }, user.email);
		await audit(db, {
			actor: user.email,
			action: 'kostenpost instellen',
			object: `${gemeente.code} ${checked.post}: ${decimalText(cost.low)}-${decimalText(cost.high)}`,
			result: 'ok',
			origin: getClientAddress()
		});
		return {
			done: `Post ${checked.post} (${gemeente.naam}) bespaart ${formatEuro(low / 100)} tot ${formatEuro(high / 100)}${checked.unit ? ` per ${checked.unit}` : ''}.`
		};
	},
	verwijderen: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'manageFunds');
		const form = await request.formData();
		const gemeente = gemeenteIn(String(form.get('gemeente') ?? ''), user.reach);
		if ('message' in gemeente) return fail(400, { message: gemeente.message });
		const post = String(form.get('post') ?? '').slice(0, MAX_POST_LENGTH);
		const db = await getDb();
		if (!(await removeCost(db, gemeente.code, post)))
			return fail(404, { message: `Post ${post} staat niet in de kostentabel van ${gemeente.naam}.` });
		await audit(db, {
			actor: user.email,
			action: 'kostenpost verwijderen',
			object: `${gemeente.code} ${post}`,
			result: 'ok',
			origin: getClientAddress()
		});
		return { done: `Post ${post} (${gemeente.naam}) is uit de kostentabel gehaald.` };
	}
};
