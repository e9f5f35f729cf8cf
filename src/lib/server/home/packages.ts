/** Home block of the beheerder: the national packages read in, the newest first, and the municipalities' keys registered to check them. */
import { HOME_ROWS } from '$lib/domain/home';
import { listKeys } from '../national/package-keys';
import { listPackages } from '../national/package';
import { periodLabel } from '../national/period';
import type { BlockDefinition } from './types';

export const packages: BlockDefinition = {
	kind: 'pakketten',
	capability: 'nationalPackages',
	async compute({ db, user }) {
		const [stored, keys] = await Promise.all([listPackages(db, user.reach), listKeys(db, user.reach)]);
		const newest = [...stored].sort((a, b) => b.importedAt.localeCompare(a.importedAt));
		return {
			kind: 'pakketten',
			title: 'Landelijke pakketten',
			lead: 'Een pakket wordt alleen aanvaard met de geregistreerde sleutel van zijn gemeente.',
			figures: [
				{ label: 'Ingelezen pakketten', value: { kind: 'count', value: stored.length } },
				{ label: 'Gemeenten met een sleutel', value: { kind: 'count', value: keys.length } },
				...(newest[0]
					? [{ label: 'Laatst ingelezen', value: { kind: 'date' as const, value: newest[0].importedAt } }]
					: [])
			],
			rows: newest.slice(0, HOME_ROWS).map((p) => ({
				label: `${p.naam}, ${periodLabel(p.period)}`,
				href: null,
				value: { kind: 'date', value: p.importedAt },
				note: `ingelezen door ${p.importedBy}`
			})),
			rowsLabel: 'De laatst ingelezen pakketten',
			link: { href: '/beheer/pakketten', label: 'Naar landelijke pakketten' },
			empty:
				stored.length === 0 && keys.length === 0
					? 'Er is nog geen pakket ingelezen en geen sleutel geregistreerd. Registreer eerst de publieke sleutel van een gemeente, lees dan haar pakket in.'
					: null
		};
	}
};
