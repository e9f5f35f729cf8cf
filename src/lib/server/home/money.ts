/** Home block of the college: the money at a glance (budget, spent, savings low to high, balance), as the budget page opens with it. */
import { HOME_ROWS, type HomeRow } from '$lib/domain/home';
import { euros, type Cents } from '$lib/domain/money';
import { formatEuro } from '$lib/domain/format';
import { budget } from '../views/registry';
import type { BlockDefinition } from './types';
import { exactView } from './views';

/** A balance the budget view gives in euros, back to cents to add it up exactly. */
const cents = (value: number): Cents => BigInt(Math.round(value * 100));

export const moneyAtAGlance: BlockDefinition = {
	kind: 'geld',
	capability: 'readReports',
	async compute(context) {
		const view = await exactView(budget, context);
		const { lead } = view;
		const funded = view.funds.filter((f) => f.key !== null && f.remaining !== null);
		const balance = funded.reduce((sum, f) => sum + cents(f.remaining!), 0n);
		const several = new Set(funded.map((f) => f.gemeente)).size > 1;
		const rows: HomeRow[] = funded.slice(0, HOME_ROWS).map((f) => ({
			label: several ? `${f.fund} (${f.gemeenteNaam})` : f.fund,
			href: null,
			value: { kind: 'euro', value: f.remaining! },
			note: `saldo; besteed ${formatEuro(f.money.spent)} van ${formatEuro((f.budget ?? 0) + f.contributions)}`
		}));
		return {
			kind: 'geld',
			title: 'Geld in één oogopslag',
			lead: 'Over alle jaren waarvoor iets is vastgelegd. Vermeden kosten zijn een schatting, van laag tot hoog; het saldo is budget + bijdragen + terugbetaalde voorschotten − besteed.',
			figures: [
				{
					label: 'Budget en bijdragen',
					value:
						lead.available === null
							? { kind: 'text', value: 'geen' }
							: { kind: 'euro', value: lead.available }
				},
				{ label: 'Besteed', value: { kind: 'euro', value: lead.spent } },
				{ label: 'Vermeden kosten', value: { kind: 'euroRange', ...lead.savings } },
				...(funded.length > 0
					? [{ label: 'Saldo', value: { kind: 'euro' as const, value: euros(balance) } }]
					: [])
			],
			rows,
			rowsLabel: 'Saldo per fonds',
			link: { href: '/budget', label: 'Naar budget' },
			empty:
				view.total.cases === 0 && view.funds.length === 0
					? 'Er zijn nog geen kosten of budgetten vastgelegd. De beheerder stelt fondsen in onder Beheer → Fondsen; kosten komen uit de casusexport.'
					: null
		};
	}
};
