/** Home block of the kwaliteitsteam: solutions decided again and again, candidates for a standing mandate or a beleidsregel. */
import { HOME_ROWS, type HomeRow } from '$lib/domain/home';
import type { SolutionListRow } from '$lib/domain/kwesties';
import { formatCount, formatDate } from '$lib/domain/format';
import type { BlockDefinition } from './types';

function solutionRow(solution: SolutionListRow): HomeRow {
	const kwestie = solution.kwesties.find((k) => k.id !== null);
	const outside = solution.outsideKaders;
	const notes = [
		outside === 'geheim' || outside > 0
			? `${outside === 'geheim' ? 'een geheim aantal' : formatCount(outside)} buiten de kaders`
			: 'binnen de kaders',
		...(kwestie ? ['voorgesteld als structurele oplossing'] : [])
	];
	return {
		label: solution.oplossing,
		href: kwestie ? `/kwesties/${kwestie.id}` : null,
		value: { kind: 'count', value: solution.cases },
		note: notes.join(' · ')
	};
}

export const recurringSolutions: BlockDefinition = {
	kind: 'oplossingen',
	capability: 'manageKwesties',
	async compute({ signals }) {
		const list = await signals();
		const { threshold, windowMonths, asOf } = list.options;
		const proposed = list.solutions.filter((s) => s.kwesties.some((k) => k.id !== null)).length;
		return {
			kind: 'oplossingen',
			title: 'Terugkerende oplossingen',
			lead: `Oplossingen die in ten minste ${threshold} casussen zijn ingezet in de ${windowMonths} maanden tot en met ${formatDate(asOf)}: kandidaten voor een vast mandaat of een beleidsregel.`,
			figures: [
				{ label: 'Terugkerende oplossingen', value: { kind: 'count', value: list.solutions.length } },
				{ label: 'Voorgesteld als structurele oplossing', value: { kind: 'count', value: proposed } }
			],
			rows: list.solutions.slice(0, HOME_ROWS).map(solutionRow),
			rowsLabel: 'Terugkerende oplossingen, de vaakst ingezette eerst',
			link: { href: '/signalen?open=oplossingen#oplossingen', label: 'Naar terugkerende oplossingen' },
			empty:
				list.solutions.length === 0
					? `Geen oplossing is in ${threshold} of meer casussen ingezet in de ${windowMonths} maanden tot en met ${formatDate(asOf)}. Vul in de casusexport de kolom oplossing in om ze te zien.`
					: null
		};
	}
};
