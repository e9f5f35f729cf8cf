/** Home block of beleid: the kwesties the kwaliteitsteam put on its agenda, the longest waiting first. */
import { HOME_ROWS } from '$lib/domain/home';
import { mayRead } from '../kwesties/kwesties';
import { waitingKwesties } from '../kwesties/waiting';
import type { BlockDefinition } from './types';
import { waitingRow } from './waiting-rows';

export const beleidAgenda: BlockDefinition = {
	kind: 'beleidsagenda',
	capability: 'commentKwesties',
	async compute({ db, user, today }) {
		const found = await waitingKwesties(db, user.reach, ['geagendeerd'], 'beleid', today);
		const kwesties = found.kwesties.filter((k) => mayRead(user, k.scope));
		const longest = kwesties[0];
		return {
			kind: 'beleidsagenda',
			title: 'Op de agenda van beleid',
			lead: longest
				? 'Kwesties die het kwaliteitsteam bij beleid agendeerde om beleidsregels aan te passen. Geef uw reactie als notitie op de pagina van de kwestie.'
				: null,
			figures: [
				{ label: 'Geagendeerd bij beleid', value: { kind: 'count', value: kwesties.length } },
				...(longest
					? [{ label: 'Langst geagendeerd', value: { kind: 'days' as const, value: longest.days } }]
					: [])
			],
			rows: kwesties.slice(0, HOME_ROWS).map((k) => waitingRow(k, user.reach)),
			rowsLabel: 'Kwesties op de agenda van beleid, de langst wachtende eerst',
			link: { href: '/signalen?open=gevolgd#gevolgd', label: 'Naar kwesties in behandeling' },
			empty:
				kwesties.length === 0
					? 'Er staat geen kwestie op de agenda van beleid. Het kwaliteitsteam agendeert een kwestie op haar pagina ("Geagendeerd bij": beleid); de terugkerende problemen staan onder Signalen.'
					: null
		};
	}
};
