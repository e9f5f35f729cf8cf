/** Home block of the national programme: the national agenda of the latest year, the signals still without a national status first. */
import { HOME_ROWS, type HomeRow } from '$lib/domain/home';
import { AGENDA_STATUS_NAMES, type AgendaEntry } from '$lib/domain/agenda';
import { agendaOverview, agendaYears } from '../national/agenda';
import { parsePeriod, periodLabel } from '../national/period';
import type { BlockDefinition } from './types';

function agendaRow(entry: AgendaEntry): HomeRow {
	return {
		label: entry.label,
		href: null,
		...(entry.gemeenten === null ? {} : { value: { kind: 'count', value: entry.gemeenten } }),
		note: [
			...(entry.gemeenten === null ? [] : [entry.gemeenten === 1 ? 'gemeente' : 'gemeenten']),
			entry.current ? AGENDA_STATUS_NAMES[entry.current.status] : 'nog geen landelijke status'
		].join(' · ')
	};
}

export const nationalAgenda: BlockDefinition = {
	kind: 'landelijke-agenda',
	capability: 'nationalKwesties',
	async compute({ db, user, today }) {
		const year = (await agendaYears(db)).at(-1) ?? Number(today.slice(0, 4));
		const period = parsePeriod(String(year))!;
		const { signals, others } = await agendaOverview(db, user, period);
		const open = signals.filter((s) => s.current === null);
		const all = [...signals, ...others];
		const measures = all.filter((e) => e.current?.status === 'maatregel').length;
		return {
			kind: 'landelijke-agenda',
			title: 'Landelijke agenda',
			lead: `De landelijke signalenlijst van ${periodLabel(period.period)}: kwesties die ten minste drie gemeenten melden. Geef elk signaal een landelijke status.`,
			figures: [
				{ label: 'Landelijke signalen', value: { kind: 'count', value: signals.length } },
				{ label: 'Nog zonder landelijke status', value: { kind: 'count', value: open.length } },
				{ label: 'Maatregel genomen', value: { kind: 'count', value: measures } }
			],
			rows: [...open, ...all.filter((e) => e.current !== null)].slice(0, HOME_ROWS).map(agendaRow),
			rowsLabel: 'Signalen zonder landelijke status eerst, dan wat op de agenda staat',
			link: { href: '/vergelijking/agenda', label: 'Naar de landelijke agenda' },
			empty:
				all.length === 0
					? `Op de landelijke signalenlijst van ${periodLabel(period.period)} staat nog geen kwestie, en de agenda is leeg. Een kwestie komt op de lijst zodra ten minste drie gemeenten haar melden.`
					: null
		};
	}
};
