/** Home block of beleid: the rules set aside most often, laws by decisions outside the kaders and fund rules passed over. */
import { HOME_ROWS, type HomeRow } from '$lib/domain/home';
import { formatCount } from '$lib/domain/format';
import { besluiten } from '../views/registry';
import { ruleBreaches } from '../funds/rules';
import { EMPTY_FILTER } from '$lib/domain/filters';
import type { BlockDefinition } from './types';
import { exactView } from './views';

export const setAsideRules: BlockDefinition = {
	kind: 'opzijgezette-regels',
	capability: 'caseLevel',
	async compute(context) {
		const [view, breaches] = await Promise.all([
			exactView(besluiten, context),
			ruleBreaches(context.db, context.user.reach, EMPTY_FILTER)
		]);
		const laws: HomeRow[] = view.laws
			.filter((law) => law.kaders.nee > 0)
			.map((law) => ({
				label: law.label,
				href: null,
				value: { kind: 'count', value: law.kaders.nee },
				note: `buiten de kaders, van ${formatCount(law.kaders.ja + law.kaders.nee)} met bekende kaders`
			}));
		// Only how often per fund: the cases themselves are listed (and audited) on /besluiten.
		const perFund = new Map<string, number>();
		for (const b of breaches) perFund.set(b.fund, (perFund.get(b.fund) ?? 0) + 1);
		const funds: HomeRow[] = [...perFund].map(([fund, count]) => ({
			label: `Fondsregel ${fund}`,
			href: null,
			value: { kind: 'count', value: count },
			note: 'boven het maximum per casus zonder besluit op het vereiste niveau'
		}));
		const count = (row: HomeRow) => (row.value?.kind === 'count' ? Number(row.value.value) : 0);
		const rows = [...laws, ...funds].sort((a, b) => count(b) - count(a)).slice(0, HOME_ROWS);
		const known = view.total.kaders.ja + view.total.kaders.nee;
		return {
			kind: 'opzijgezette-regels',
			title: 'Vaakst opzijgezette regels',
			lead: view.summary || null,
			figures: [
				{ label: 'Buiten de kaders', value: { kind: 'count', value: view.total.kaders.nee } },
				{ label: 'Besluiten met bekende kaders', value: { kind: 'count', value: known } },
				{ label: 'Fondsregel overschreden', value: { kind: 'count', value: breaches.length } }
			],
			rows,
			rowsLabel: 'Regels die het vaakst opzij werden gezet',
			link: { href: '/besluiten?open=wetten#wetten', label: 'Naar besluiten' },
			empty:
				view.withDecision === 0 && breaches.length === 0
					? 'Nog geen export legt vast of een besluit binnen de kaders bleef. Vraag om de kolommen besluit_door en binnen_kaders van versie 1.1 van de casusexport.'
					: null
		};
	}
};
