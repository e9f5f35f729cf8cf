/** Home block of the roles that read reports: the key figures of the old dashboard (cases, open, median lead time), from the registry's `dashboard` view. */
import { formatCount } from '$lib/domain/format';
import { dashboard } from '../views/registry';
import type { BlockDefinition } from './types';
import { exactView } from './views';

export const keyFigures: BlockDefinition = {
	kind: 'kerncijfers',
	capability: 'readReports',
	async compute(context) {
		const { figures } = await exactView(dashboard, context);
		return {
			kind: 'kerncijfers',
			title: 'Kerncijfers',
			lead:
				figures.cases > 0
					? `Alle casussen in uw bereik: ${formatCount(figures.solved)} opgelost of deels opgelost, ${formatCount(figures.notSolved)} niet opgelost, ${formatCount(figures.withdrawn)} ingetrokken.`
					: null,
			figures: [
				{ label: 'Casussen', value: { kind: 'count', value: figures.cases } },
				{ label: 'Nog open', value: { kind: 'count', value: figures.open } },
				{ label: 'Mediane doorlooptijd', value: { kind: 'days', value: figures.medianLeadDays } }
			],
			rows: [],
			rowsLabel: '',
			link: { href: '/escalatie', label: 'Naar escalatie en doorlooptijden' },
			empty:
				figures.cases === 0
					? 'Er zijn nog geen casussen in uw bereik. Laad een casusexport onder Import, of vraag het kwaliteitsteam dat te doen.'
					: null
		};
	}
};
