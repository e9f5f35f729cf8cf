/** Home block of the beheerder: the newest backups, scheduled and manual, and how often the server makes one. */
import { HOME_ROWS } from '$lib/domain/home';
import { listBackups } from '../backup';
import type { BlockDefinition } from './types';

/** A backup older than this many days beside a schedule that should have made a newer one is worth a word. */
const OVERDUE_FACTOR = 2;

export const backups: BlockDefinition = {
	kind: 'backups',
	capability: 'manageUsers',
	async compute({ backupDir, backupIntervalHours }) {
		const found = await listBackups(backupDir);
		const newest = found[0];
		const scheduled = found.find((b) => b.kind === 'gepland');
		const overdue =
			backupIntervalHours > 0 &&
			(!scheduled ||
				Date.now() - scheduled.madeAt.getTime() > OVERDUE_FACTOR * backupIntervalHours * 3_600_000);
		return {
			kind: 'backups',
			title: 'Back-ups',
			lead:
				backupIntervalHours === 0
					? 'De server maakt zelf geen back-ups (BACKUP_INTERVAL_HOURS is 0): maak ze met de opdrachtregel of hier.'
					: overdue && scheduled
						? 'De laatste vaste back-up is ouder dan verwacht: kijk in het serverlog of de back-up mislukt.'
						: null,
			figures: [
				{
					label: 'Laatste back-up',
					value: newest
						? { kind: 'date', value: newest.madeAt.toISOString() }
						: { kind: 'text', value: 'nog geen' }
				},
				{
					label: 'Vaste back-up',
					value: {
						kind: 'text',
						value: backupIntervalHours === 0 ? 'uit' : `elke ${backupIntervalHours} uur`
					}
				},
				{ label: 'Bewaard', value: { kind: 'count', value: found.length } }
			],
			rows: found.slice(0, HOME_ROWS).map((b) => ({
				label: b.name,
				href: null,
				value: { kind: 'date', value: b.madeAt.toISOString() },
				note: b.kind === 'gepland' ? 'vaste back-up' : 'handmatige back-up'
			})),
			rowsLabel: 'De nieuwste back-ups',
			link: { href: '/beheer#backups', label: 'Naar back-up' },
			empty:
				found.length === 0
					? 'Er is nog geen back-up. Maak er een op de beheerpagina, bijvoorbeeld vóór een update.'
					: null
		};
	}
};
