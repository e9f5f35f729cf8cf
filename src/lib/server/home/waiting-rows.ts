/** A waiting kwestie as a row of a home block: its page, how long it waits, and its municipality where the reach holds several. */
import type { HomeRow } from '$lib/domain/home';
import { STATUS_NAMES } from '$lib/domain/kwesties';
import type { Reach } from '$lib/domain/roles';
import { reference } from '../reference';
import type { WaitingKwestie } from '../kwesties/waiting';

export function waitingRow(kwestie: WaitingKwestie, reach: Reach): HomeRow {
	const several = reach.all || reach.gemeenten.length > 1;
	const notes = [
		STATUS_NAMES[kwestie.status],
		...(kwestie.kind === 'structurele_oplossing' ? ['structurele oplossing'] : []),
		...(several ? [reference().gemeenten.naam(kwestie.scope)] : []),
		...(kwestie.owner ? [`eigenaar ${kwestie.owner}`] : [])
	];
	return {
		label: kwestie.label,
		href: `/kwesties/${kwestie.id}`,
		value: { kind: 'days', value: kwestie.days },
		note: notes.join(' · ')
	};
}
