/** Home block of the kwaliteitsteam: signals new since its previous sign-in, and those nobody has picked up yet. */
import { HOME_ROWS, type HomeBlock, type HomeRow } from '$lib/domain/home';
import { STATUS_NAMES, type SignalListRow } from '$lib/domain/kwesties';
import { formatDate, formatLongDate } from '$lib/domain/format';
import type { BlockDefinition } from './types';

/** A signal as a row: its kwestie's page where the user may open one, the municipalities where several. */
function signalRow(signal: SignalListRow): HomeRow {
	const own = signal.kwesties.find((k) => k.id !== null);
	const where = signal.kwesties.length > 1 ? ` · ${signal.kwesties.map((k) => k.naam).join(', ')}` : '';
	return {
		label: signal.kwestie,
		href: own ? `/kwesties/${own.id}` : null,
		value: { kind: 'count', value: signal.cases },
		note: `${STATUS_NAMES[signal.status]}${where}`
	};
}

export const newSignals: BlockDefinition = {
	kind: 'nieuwe-signalen',
	capability: 'manageKwesties',
	async compute({ signals, since }) {
		const list = await signals();
		const { threshold, windowMonths, asOf } = list.options;
		const fresh = list.rows.filter((r) => r.isNew);
		const untouched = list.rows.filter((r) => r.status === 'gesignaleerd');
		const shown = fresh.length > 0 ? fresh : untouched;
		const block: HomeBlock = {
			kind: 'nieuwe-signalen',
			title: 'Nieuwe signalen',
			lead: since
				? `Sinds uw vorige bezoek op ${formatLongDate(since)}: kwesties met ten minste ${threshold} casussen in de ${windowMonths} maanden tot en met ${formatDate(asOf)}.`
				: `Dit is uw eerste aanmelding: elk signaal telt als nieuw. Een signaal is een kwestie met ten minste ${threshold} casussen in de ${windowMonths} maanden tot en met ${formatDate(asOf)}.`,
			figures: [
				{ label: 'Nieuw sinds uw vorige bezoek', value: { kind: 'count', value: fresh.length } },
				{ label: 'Boven de drempel', value: { kind: 'count', value: list.rows.length } },
				{ label: 'Nog niet opgepakt', value: { kind: 'count', value: untouched.length } }
			],
			rows: shown.slice(0, HOME_ROWS).map(signalRow),
			rowsLabel:
				fresh.length > 0 ? 'Nieuwe signalen, de meeste casussen eerst' : 'Signalen die nog niemand oppakte',
			link: { href: '/signalen', label: 'Naar signalen' },
			empty:
				list.rows.length === 0
					? `Geen kwestie is ${threshold} keer of vaker gemeld in de ${windowMonths} maanden tot en met ${formatDate(asOf)}. Laad een nieuwe export onder Import om de signalen bij te werken.`
					: null
		};
		return block;
	}
};
