/** The comparison's tables: every figure of /vergelijking as a table for the page and the downloads, each carrying the caveat. */
import { STATUS_NAMES } from '$lib/domain/kwesties';
import type { DataTable, TableCell } from '$lib/domain/table';
import { SIZE_CLASS_LABELS } from '$lib/domain/gemeenten';
import { COMPARISON_CAVEAT, type ComparisonView, type ShareRow } from './comparison';
import type { PackageSource } from './compared';
import type { Profile } from './comparison-profiles';
import type { Trends } from './comparison-trends';
import { NATIONAL_SIGNAL_MINIMUM } from './national-signals';
import { periodLabel } from './period';

const SOURCE_NAMES: Record<PackageSource, string> = {
	pakket: 'Geïmporteerd pakket',
	portal: 'Berekend uit de portal'
};

/** Every table of the comparison, in page order, each with the caveat as its note. */
export function comparisonTables(view: Omit<ComparisonView, 'tables'>): DataTable[] {
	return tablesOf(view).map((table) => ({ ...table, note: COMPARISON_CAVEAT }));
}

/** The table of one profile: the national share and count, then each municipality's share. */
function profileTable(profile: Profile, view: Omit<ComparisonView, 'tables'>, label: string): DataTable {
	const described = profile.rows.some((r) => r.omschrijving);
	return {
		id: `vergelijking-${profile.id}`,
		caption: `${profile.title}: het aandeel van ${profile.of}, landelijk en per gemeente, in procenten, ${label}`,
		columns: [
			{ key: 'naam', label: profile.rowLabel },
			...(described ? [{ key: 'omschrijving', label: 'Omschrijving' }] : []),
			{ key: 'aantal', label: `${profile.counted} (landelijk, gepubliceerd)`, kind: 'count' as const },
			{ key: 'landelijk', label: 'Landelijk (%)', kind: 'decimal' as const },
			...view.gemeenten.map((g) => ({ key: g.code, label: `${g.naam} (%)`, kind: 'decimal' as const }))
		],
		rows: profile.rows.map((r) => ({
			naam: r.naam,
			...(described ? { omschrijving: r.omschrijving ?? null } : {}),
			aantal: r.count,
			landelijk: r.national,
			...Object.fromEntries(view.gemeenten.map((g, i) => [g.code, r.shares[i]]))
		}))
	};
}

/** Withdrawn cases per municipality and over all of them. */
function withdrawnTable(view: Omit<ComparisonView, 'tables'>, label: string): DataTable {
	return {
		id: 'vergelijking-ingetrokken',
		caption: `Ingetrokken casussen per gemeente, ${label}`,
		columns: [
			{ key: 'gemeente', label: 'Gemeente' },
			{ key: 'ingetrokken', label: 'Ingetrokken', kind: 'count' },
			{ key: 'aandeel', label: 'Van de casussen (%)', kind: 'decimal' },
			{ key: 'per10000', label: 'Per 10.000 inwoners', kind: 'decimal' }
		],
		rows: view.withdrawn.map((w) => ({
			gemeente: w.naam,
			ingetrokken: w.count,
			aandeel: w.share,
			per10000: w.rate
		}))
	};
}

/** The trends: per quarter each figure of the municipality, its size class and all compared municipalities. */
function trendTable(trends: Trends): DataTable {
	const klasse = SIZE_CLASS_LABELS[trends.klasse].toLowerCase();
	return {
		id: 'vergelijking-trends',
		caption: `De laatste acht kwartalen: ${trends.gemeente.naam} tegen de gemeenten van ${klasse} en alle vergeleken gemeenten`,
		columns: [
			{ key: 'kwartaal', label: 'Kwartaal' },
			...trends.figures.flatMap((f) => [
				{ key: `${f.id}_gemeente`, label: `${f.short}: ${trends.gemeente.naam}`, kind: f.kind },
				{ key: `${f.id}_klasse`, label: `${f.short}: grootteklasse`, kind: f.kind },
				{ key: `${f.id}_land`, label: `${f.short}: alle gemeenten`, kind: f.kind }
			])
		],
		rows: trends.quarters.map((quarter, i) => ({
			kwartaal: quarter,
			...Object.fromEntries(
				trends.figures.flatMap((f) => [
					[`${f.id}_gemeente`, f.points[i].gemeente],
					[`${f.id}_klasse`, f.points[i].klasse],
					[`${f.id}_land`, f.points[i].land]
				])
			)
		}))
	};
}

function tablesOf(view: Omit<ComparisonView, 'tables'>): DataTable[] {
	const label = periodLabel(view.period.period);
	const shareTable = (
		id: string,
		caption: string,
		categories: { key: string; label: string }[],
		rows: ShareRow[],
		extra: { key: string; label: string; values: TableCell[] }[] = []
	): DataTable => ({
		id,
		caption,
		columns: [
			{ key: 'gemeente', label: 'Gemeente' },
			...categories.map((c) => ({ key: c.key, label: `${c.label} (%)`, kind: 'decimal' as const })),
			...extra.map((e) => ({ key: e.key, label: e.label, kind: 'decimal' as const }))
		],
		rows: rows.map((r, i) => ({
			gemeente: r.naam,
			...Object.fromEntries(categories.map((c, j) => [c.key, r.shares[j]])),
			...Object.fromEntries(extra.map((e) => [e.key, e.values[i]]))
		}))
	});
	return [
		{
			id: 'vergelijking-gemeenten',
			caption: `Casussen per 10.000 inwoners per gemeente, ${label}`,
			columns: [
				{ key: 'gemeente', label: 'Gemeente' },
				{ key: 'grootteklasse', label: 'Grootteklasse' },
				{ key: 'inwoners', label: 'Inwoners', kind: 'count', counts: 'other' },
				{ key: 'bron', label: 'Bron' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' },
				{ key: 'per10000', label: 'Per 10.000 inwoners', kind: 'decimal' }
			],
			rows: view.gemeenten.map((g) => ({
				gemeente: g.naam,
				grootteklasse: SIZE_CLASS_LABELS[g.grootteklasse],
				inwoners: g.inwoners,
				bron: SOURCE_NAMES[g.source],
				casussen: g.cases,
				per10000: g.rate
			}))
		},
		{
			id: 'vergelijking-grootteklassen',
			caption: `Casussen per 10.000 inwoners per grootteklasse, ${label} (gemeenten met een gepubliceerd aantal)`,
			columns: [
				{ key: 'klasse', label: 'Grootteklasse' },
				{ key: 'gemeenten', label: 'Gemeenten', kind: 'count', counts: 'other' },
				{ key: 'gepubliceerd', label: 'Met gepubliceerd aantal', kind: 'count', counts: 'other' },
				{ key: 'inwoners', label: 'Inwoners', kind: 'count', counts: 'other' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' },
				{ key: 'per10000', label: 'Per 10.000 inwoners', kind: 'decimal' }
			],
			rows: view.sizeClasses.map((c) => ({
				klasse: c.label,
				gemeenten: c.gemeenten,
				gepubliceerd: c.published,
				inwoners: c.inwoners,
				casussen: c.cases,
				per10000: c.rate
			}))
		},
		...view.profiles.map((p) => profileTable(p, view, label)),
		shareTable(
			'vergelijking-escalatie',
			`Hoogste escalatietrede in procenten van de casussen per gemeente, ${label}`,
			view.escalatie.categories,
			view.escalatie.rows
		),
		shareTable(
			'vergelijking-afloop',
			`Afloop in procenten van de casussen per gemeente, ${label}`,
			view.afloop.categories,
			view.afloop.rows,
			[
				{
					key: 'opgelost_van_afgerond',
					label: 'Opgelost of deels opgelost (% van afgerond)',
					values: view.afloop.solved
				}
			]
		),
		withdrawnTable(view, label),
		{
			id: 'vergelijking-geld',
			caption: `Uitgegeven en vermeden kosten per gemeente, ${label}`,
			columns: [
				{ key: 'gemeente', label: 'Gemeente' },
				{ key: 'uitgegeven', label: 'Uitgegeven', kind: 'euro' },
				{ key: 'vermeden_laag', label: 'Vermeden kosten (laag)', kind: 'euro' },
				{ key: 'vermeden_hoog', label: 'Vermeden kosten (hoog)', kind: 'euro' },
				{ key: 'uitgegeven_10000', label: 'Uitgegeven per 10.000 inwoners', kind: 'euro' },
				{ key: 'vermeden_laag_10000', label: 'Vermeden (laag) per 10.000 inwoners', kind: 'euro' },
				{ key: 'vermeden_hoog_10000', label: 'Vermeden (hoog) per 10.000 inwoners', kind: 'euro' }
			],
			rows: view.money.map((m) => ({
				gemeente: m.naam,
				uitgegeven: m.spend,
				vermeden_laag: m.savingsLow,
				vermeden_hoog: m.savingsHigh,
				uitgegeven_10000: m.spendRate,
				vermeden_laag_10000: m.savingsLowRate,
				vermeden_hoog_10000: m.savingsHighRate
			}))
		},
		{
			id: 'vergelijking-signalen',
			caption: `Landelijke signalen: kwesties in de pakketten van ${NATIONAL_SIGNAL_MINIMUM} of meer gemeenten, ${label}`,
			columns: [
				{ key: 'kwestie', label: 'Kwestie' },
				{ key: 'gemeenten', label: 'Gemeenten', kind: 'count', counts: 'other' },
				{ key: 'casussen', label: 'Casussen (gepubliceerd)', kind: 'count' },
				{ key: 'geheim', label: 'Gemeenten met een geheim aantal', kind: 'count', counts: 'other' },
				{ key: 'per_gemeente', label: 'Per gemeente' }
			],
			rows: view.signals.map((s) => ({
				kwestie: s.kwestie,
				gemeenten: s.gemeenten.length,
				casussen: s.cases,
				geheim: s.hidden,
				per_gemeente: s.gemeenten
					.map(
						(g) =>
							`${g.naam}: ${g.cases === 'geheim' ? 'geheim' : g.cases}${g.status ? ` (${STATUS_NAMES[g.status].toLowerCase()})` : ''}`
					)
					.join('; ')
			}))
		},
		...(view.trends ? [trendTable(view.trends)] : [])
	];
}
