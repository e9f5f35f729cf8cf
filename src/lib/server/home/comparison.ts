/** Home block of the national programme: the comparison of the latest year, per size class, as /vergelijking gives it (protected figures only). */
import { HOME_ROWS } from '$lib/domain/home';
import { formatCount } from '$lib/domain/format';
import { comparedPackages, requestedPeriod } from '../national/compared';
import { gemeenteRows, sizeClassRows } from '../national/comparison';
import { nationalSignals } from '../national/national-signals';
import { mayCompare } from '../national/peers';
import { periodLabel } from '../national/period';
import type { BlockDefinition } from './types';

const LINK = { href: '/vergelijking', label: 'Naar de vergelijking' };

export const comparison: BlockDefinition = {
	kind: 'vergelijking',
	capability: 'compare',
	async compute({ db, user, today }) {
		const base = { kind: 'vergelijking' as const, title: 'Vergelijking', rowsLabel: '', link: LINK };
		if (!(await mayCompare(db, user))) {
			return {
				...base,
				lead: null,
				figures: [],
				rows: [],
				empty:
					'De vergelijking met andere gemeenten staat voor uw gemeente uit. Een beheerder zet haar aan onder Beheer → Landelijke pakketten.'
			};
		}
		const { period } = await requestedPeriod(db, user, new URLSearchParams(), Number(today.slice(0, 4)));
		const packages = period ? await comparedPackages(db, user, period) : [];
		const gemeenten = gemeenteRows(packages);
		const classes = sizeClassRows(gemeenten);
		const signals = nationalSignals(packages.map((p) => p.pkg));
		return {
			...base,
			lead: period
				? `Over ${periodLabel(period.period)}: casussen per 10.000 inwoners per grootteklasse, uit de pakketten van de gemeenten. Aantallen van 1 tot en met 7 zijn geheim, de andere afgerond op vijftallen.`
				: null,
			figures: [
				{ label: 'Gemeenten vergeleken', value: { kind: 'count', value: gemeenten.length } },
				{
					label: 'Uit ingelezen pakketten',
					value: { kind: 'count', value: gemeenten.filter((g) => g.source === 'pakket').length }
				},
				{ label: 'Landelijke signalen', value: { kind: 'count', value: signals.length } }
			],
			rows: classes.slice(0, HOME_ROWS).map((c) => ({
				label: c.label,
				href: null,
				// No municipality of the class has a published number: its rate is as secret as they are.
				value: c.rate === null ? { kind: 'text', value: 'geheim' } : { kind: 'decimal', value: c.rate },
				note: `per 10.000 inwoners · ${formatCount(c.gemeenten)} ${c.gemeenten === 1 ? 'gemeente' : 'gemeenten'}`
			})),
			rowsLabel: 'Casussen per 10.000 inwoners per grootteklasse',
			empty:
				gemeenten.length === 0
					? 'Er zijn nog geen gemeenten te vergelijken. Lees pakketten van gemeenten in onder Beheer → Landelijke pakketten.'
					: null
		};
	}
};
