/** Home block of the college: the latest saved period report, its key figures, and the reports saved before it. */
import { HOME_ROWS } from '$lib/domain/home';
import { formatDate, formatLongDate } from '$lib/domain/format';
import { openSavedReport, savedReports } from '../reports/saved';
import type { BlockDefinition } from './types';

export const latestReport: BlockDefinition = {
	kind: 'rapport',
	capability: 'readReports',
	async compute({ db, user }) {
		const saved = await savedReports(db, user);
		const latest = saved[0] ? await openSavedReport(db, user, saved[0].id) : undefined;
		const figures = latest?.figures;
		return {
			kind: 'rapport',
			title: 'Laatste rapportage',
			lead: latest
				? `${latest.name[0].toUpperCase()}${latest.name.slice(1)}, ${latest.scopeLabel}: opgeslagen op ${formatLongDate(latest.savedAt)}.`
				: null,
			figures: figures
				? [
						{ label: 'Aangemeld', value: { kind: 'count', value: figures.cases.in } },
						{ label: 'Opgelost', value: { kind: 'count', value: figures.cases.solved } },
						{ label: 'Besteed', value: { kind: 'euro', value: figures.spent } }
					]
				: [],
			rows: saved.slice(0, HOME_ROWS).map((r) => ({
				label: `${r.name}, ${r.scopeLabel}`,
				href: `/rapportage/${r.id}`,
				note: `opgeslagen op ${formatDate(r.savedAt)}`
			})),
			rowsLabel: 'Opgeslagen rapportages, de nieuwste eerst',
			link: { href: '/rapportage', label: 'Naar rapportage' },
			empty: latest
				? null
				: 'Er is nog geen rapportage opgeslagen. Het kwaliteitsteam slaat een periode op onder Rapportage; tot dan toont Rapportage de cijfers van nu.'
		};
	}
};
