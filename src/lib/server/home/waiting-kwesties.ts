/** Home block of the kwaliteitsteam: the kwesties whose next step is its own, by status, the longest waiting first. */
import { HOME_ROWS } from '$lib/domain/home';
import { STATUS_NAMES, type KwestieStatus } from '$lib/domain/kwesties';
import { mayRead } from '../kwesties/kwesties';
import { waitingKwesties } from '../kwesties/waiting';
import type { BlockDefinition } from './types';
import { waitingRow } from './waiting-rows';

/**
 * The statuses in which the kwaliteitsteam holds the kwestie: it analyses it, sets up the follow-up of a
 * measure taken, and follows its effect until it can close it. Geagendeerd waits on the agenda's owner.
 */
export const KWALITEITSTEAM_STATUSES: readonly KwestieStatus[] = ['in_analyse', 'maatregel', 'gemonitord'];

/** How long the longest has waited, in words. */
function waitedFor(days: number): string {
	if (days === 0) return 'sinds vandaag';
	return days === 1 ? 'al 1 dag' : `al ${days} dagen`;
}

export const waitingForTeam: BlockDefinition = {
	kind: 'wachtende-kwesties',
	capability: 'manageKwesties',
	async compute({ db, user, today }) {
		const found = await waitingKwesties(db, user.reach, KWALITEITSTEAM_STATUSES, null, today);
		const kwesties = found.kwesties.filter((k) => mayRead(user, k.scope));
		const longest = kwesties[0];
		return {
			kind: 'wachtende-kwesties',
			title: 'Kwesties die op u wachten',
			lead: longest
				? `${kwesties.length === 1 ? 'Eén kwestie wacht' : `${kwesties.length} kwesties wachten`} op een volgende stap van het kwaliteitsteam; de langste ${waitedFor(longest.days)}.`
				: null,
			figures: found.byStatus.map((s) => ({
				label: STATUS_NAMES[s.status],
				value: { kind: 'count', value: kwesties.filter((k) => k.status === s.status).length }
			})),
			rows: kwesties.slice(0, HOME_ROWS).map((k) => waitingRow(k, user.reach)),
			rowsLabel: 'Kwesties die het langst op het kwaliteitsteam wachten',
			link: { href: '/signalen?open=gevolgd#gevolgd', label: 'Naar kwesties in behandeling' },
			empty:
				kwesties.length === 0
					? 'Geen kwestie wacht op het kwaliteitsteam. Pak een signaal op door de kwestie op haar pagina op "In analyse" te zetten.'
					: null
		};
	}
};
