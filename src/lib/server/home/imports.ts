/** Home block of the kwaliteitsteam and the beheerder: the latest imports and their problems. */
import { HOME_ROWS, type HomeRow } from '$lib/domain/home';
import { formatCount } from '$lib/domain/format';
import { importOverview, type ImportOverviewRow } from '../ingest/history';
import type { BlockDefinition } from './types';

/** Imports of these last days are counted. */
export const IMPORT_DAYS = 30;

function importRow(row: ImportOverviewRow): HomeRow {
	const problems = (n: number, word: string) => (n === 0 ? [] : [`${formatCount(n)} ${word}`]);
	const outcome =
		row.status === 'refused'
			? ['geweigerd', ...problems(row.problems, row.problems === 1 ? 'probleem' : 'problemen')]
			: row.status === 'ongedaan'
				? ['ongedaan gemaakt']
				: row.status === 'bezig'
					? ['wordt ingelezen']
					: [
							`${formatCount(row.inserted)} nieuw, ${formatCount(row.updated)} bijgewerkt`,
							...problems(row.warnings, row.warnings === 1 ? 'waarschuwing' : 'waarschuwingen')
						];
	return {
		label: row.file_name,
		href: null,
		value: { kind: 'date', value: row.started_at },
		note: outcome.join(' · ')
	};
}

export const imports: BlockDefinition = {
	kind: 'imports',
	capability: 'import',
	async compute({ db, user, today }) {
		const from = new Date(`${today}T00:00:00Z`);
		from.setUTCDate(from.getUTCDate() - IMPORT_DAYS);
		const overview = await importOverview(
			db,
			user.reach,
			user.email,
			from.toISOString().slice(0, 10),
			HOME_ROWS
		);
		const last = overview.latest.find((r) => r.status === 'imported');
		return {
			kind: 'imports',
			title: 'Imports',
			lead:
				overview.refused > 0
					? `${overview.refused === 1 ? 'Eén bestand is' : `${overview.refused} bestanden zijn`} de laatste ${IMPORT_DAYS} dagen geweigerd: de problemen staan per rij bij Import.`
					: null,
			figures: [
				{
					label: 'Laatste import',
					value: last ? { kind: 'date', value: last.started_at } : { kind: 'text', value: 'nog geen' }
				},
				{ label: `Ingelezen in ${IMPORT_DAYS} dagen`, value: { kind: 'count', value: overview.imported } },
				{ label: `Geweigerd in ${IMPORT_DAYS} dagen`, value: { kind: 'count', value: overview.refused } }
			],
			rows: overview.latest.map(importRow),
			rowsLabel: 'De laatste imports',
			link: { href: '/import', label: 'Naar import' },
			empty:
				overview.latest.length === 0
					? 'Er is nog niets ingelezen. Laad de casusexport van uw gemeente onder Import; het sjabloon staat daar ook.'
					: null
		};
	}
};
