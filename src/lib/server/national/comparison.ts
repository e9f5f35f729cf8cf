/** The national comparison (/vergelijking): municipalities side by side from their packages, per 10,000 inhabitants, by size class, on every dimension of the packages, over eight quarters, with the national signal list. */
import { OUTCOME_LABELS } from '$lib/domain/filters';
import { SIZE_CLASS_LABELS, SIZE_CLASSES, type SizeClass } from '$lib/domain/gemeenten';
import type { SessionUser } from '$lib/domain/roles';
import type { DataTable } from '$lib/domain/table';
import type { Database } from '../db';
import { reference } from '../reference';
import { AFLOOP } from '../analytics/escalatie';
import { comparedPackages, requestedPeriod, type ComparedPackage, type PackageSource } from './compared';
import { euroRate, per10k, share, solvedShare, type Share } from './comparison-figures';
import { profiles, type Profile } from './comparison-profiles';
import { comparisonTables } from './comparison-tables';
import { comparisonTrends, type Trends } from './comparison-trends';
import type { Published } from './disclosure';
import {
	nationalSignals,
	signalSuggestions,
	type NationalSignal,
	type SignalSuggestion
} from './national-signals';
import { NONE_ROW, type NationalPackage } from './package';
import type { PackagePeriod } from './period';
import { mayCompare } from './peers';

/**
 * The caveat the Maatwerkloket analysis gives with its own figures, said once on the page and in every
 * download of the comparison.
 */
export const COMPARISON_CAVEAT =
	'Let op: de casussen zijn niet representatief. Hoeveel casussen een gemeente per 10.000 inwoners heeft, zegt evenveel over hoe zij registreert en escaleert als over wat haar inwoners nodig hebben. Vergelijk gemeenten daarom met voorzichtigheid.';

export interface GemeenteRow {
	code: string;
	naam: string;
	inwoners: number;
	grootteklasse: SizeClass;
	source: PackageSource;
	importedAt: string | null;
	/** Cases registered in the period, as published. */
	cases: Published;
	rate: number | 'geheim';
}

export interface SizeClassRow {
	klasse: SizeClass;
	label: string;
	gemeenten: number;
	/** Of those, the municipalities whose number of cases is published: the rate is over them. */
	published: number;
	inwoners: number;
	cases: number;
	/** Cases per 10,000 inhabitants of the municipalities with a published number; null when none has one. */
	rate: number | null;
}

/** Rows of the municipalities ordered by size class, then name. */
export function gemeenteRows(packages: ComparedPackage[]): GemeenteRow[] {
	const { gemeenten } = reference();
	return packages
		.map(({ pkg, source, importedAt }) => {
			const g = gemeenten.get(pkg.gemeente)!;
			const cases = pkg.tables.leefgebieden.total;
			return {
				code: g.code,
				naam: g.naam,
				inwoners: g.inwoners,
				grootteklasse: g.grootteklasse,
				source,
				importedAt,
				cases,
				rate: per10k(cases, g.inwoners)
			};
		})
		.sort(
			(a, b) =>
				SIZE_CLASSES.indexOf(a.grootteklasse) - SIZE_CLASSES.indexOf(b.grootteklasse) ||
				a.naam.localeCompare(b.naam, 'nl')
		);
}

/** The size classes that hold compared municipalities, in the order of gemeenten.csv. */
export function sizeClassRows(rows: GemeenteRow[]): SizeClassRow[] {
	return SIZE_CLASSES.flatMap((klasse) => {
		const members = rows.filter((r) => r.grootteklasse === klasse);
		if (members.length === 0) return [];
		const published = members.filter((r) => r.cases !== 'geheim');
		const inwoners = published.reduce((sum, r) => sum + r.inwoners, 0);
		const cases = published.reduce((sum, r) => sum + (r.cases as number), 0);
		return [
			{
				klasse,
				label: SIZE_CLASS_LABELS[klasse],
				gemeenten: members.length,
				published: published.length,
				inwoners: members.reduce((sum, r) => sum + r.inwoners, 0),
				cases,
				rate: published.length > 0 ? (per10k(cases, inwoners) as number) : null
			}
		];
	});
}

export interface ShareRow {
	code: string;
	naam: string;
	/** Per category, in percent of the municipality's cases. */
	shares: Share[];
}

export interface MoneyRow {
	code: string;
	naam: string;
	spend: number | 'geheim';
	savingsLow: number | 'geheim';
	savingsHigh: number | 'geheim';
	/** Euros per 10,000 inhabitants. */
	spendRate: number | 'geheim';
	savingsLowRate: number | 'geheim';
	savingsHighRate: number | 'geheim';
}

export interface WithdrawnRow {
	/** A municipality's code, or null for the row of all compared municipalities. */
	code: string | null;
	naam: string;
	/** Withdrawn cases as published; for all municipalities the sum of the published counts. */
	count: Published;
	/** In percent of the cases; for all municipalities over those whose count and cases are both published. */
	share: Share;
	rate: number | 'geheim' | null;
}

export interface ComparisonView {
	period: PackagePeriod;
	gemeenten: GemeenteRow[];
	sizeClasses: SizeClassRow[];
	profiles: Profile[];
	escalatie: { categories: { key: string; label: string }[]; rows: ShareRow[] };
	afloop: { categories: { key: string; label: string }[]; rows: ShareRow[]; solved: Share[] };
	withdrawn: WithdrawnRow[];
	money: MoneyRow[];
	signals: NationalSignal[];
	suggestions: SignalSuggestion[];
	trends: Trends | null;
	tables: DataTable[];
}

/** The rows of a one-dimensional partition table as shares of the municipality's cases. */
function sharesOf(pkg: NationalPackage, table: 'escalatie' | 'uitkomst', rows: string[]): Share[] {
	const t = pkg.tables[table];
	const at = new Map(t.rows.map((r, i) => [r, i]));
	return rows.map((row) => (at.has(row) ? share(t.cells[at.get(row)!][0], t.total) : null));
}

const AFLOOP_NAMES: Record<(typeof AFLOOP)[number], string> = {
	...OUTCOME_LABELS,
	zonder_uitkomst: 'Afgerond zonder uitkomst',
	ingetrokken: 'Ingetrokken',
	open: 'Open'
};

/** Withdrawn cases per municipality, and over all of them first. */
function withdrawnRows(gemeenten: GemeenteRow[], ordered: NationalPackage[]): WithdrawnRow[] {
	const rows = gemeenten.map((g, i) => {
		const t = ordered[i].tables.uitkomst;
		const count = t.cells[t.rows.indexOf('ingetrokken')]?.[0] ?? 'geheim';
		return {
			code: g.code,
			naam: g.naam,
			count,
			share: share(count, t.total),
			rate: per10k(count, g.inwoners),
			total: t.total,
			inwoners: g.inwoners
		};
	});
	const published = rows.filter((r) => r.count !== 'geheim');
	const both = published.filter((r) => r.total !== 'geheim');
	const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
	const all: WithdrawnRow = {
		code: null,
		naam: 'Alle vergeleken gemeenten',
		count: published.length > 0 ? sum(published.map((r) => r.count as number)) : 'geheim',
		share:
			both.length > 0
				? share(sum(both.map((r) => r.count as number)), sum(both.map((r) => r.total as number)))
				: null,
		rate:
			published.length > 0
				? per10k(sum(published.map((r) => r.count as number)), sum(published.map((r) => r.inwoners)))
				: null
	};
	return [all, ...rows.map(({ code, naam, count, share, rate }) => ({ code, naam, count, share, rate }))];
}

/** The comparison of a period; the trends for the municipality `trend` (a code), else a default (see comparisonTrends). */
export async function comparisonView(
	db: Database,
	user: SessionUser,
	period: PackagePeriod,
	trend: string | null = null
): Promise<ComparisonView> {
	const packages = await comparedPackages(db, user, period);
	const gemeenten = gemeenteRows(packages);
	const byCode = new Map(packages.map((p) => [p.pkg.gemeente, p.pkg]));
	const ordered = gemeenten.map((g) => byCode.get(g.code)!);
	const { vocabularies } = reference();

	const steps = [
		...vocabularies.escalatie.entries.map((e) => ({
			key: e.code,
			label: `${e.detail}. ${e.naam.split(/[,:]/)[0]}`
		})),
		{ key: NONE_ROW, label: 'Geen trede vastgelegd' }
	];
	const afloop = AFLOOP.map((key) => ({ key, label: AFLOOP_NAMES[key] }));
	const shareRows = (table: 'escalatie' | 'uitkomst', categories: { key: string }[]) =>
		gemeenten.map((g, i) => ({
			code: g.code,
			naam: g.naam,
			shares: sharesOf(
				ordered[i],
				table,
				categories.map((c) => c.key)
			)
		}));

	const money = gemeenten.map((g, i) => {
		const f = ordered[i].figures;
		return {
			code: g.code,
			naam: g.naam,
			spend: f.spend,
			savingsLow: f.savingsLow,
			savingsHigh: f.savingsHigh,
			spendRate: euroRate(f.spend, g.inwoners),
			savingsLowRate: euroRate(f.savingsLow, g.inwoners),
			savingsHighRate: euroRate(f.savingsHigh, g.inwoners)
		};
	});

	const view = {
		period,
		gemeenten,
		sizeClasses: sizeClassRows(gemeenten),
		profiles: profiles(ordered),
		escalatie: { categories: steps, rows: shareRows('escalatie', steps) },
		afloop: { categories: afloop, rows: shareRows('uitkomst', afloop), solved: ordered.map(solvedShare) },
		withdrawn: withdrawnRows(gemeenten, ordered),
		money,
		signals: nationalSignals(ordered),
		suggestions: signalSuggestions(ordered),
		trends: await comparisonTrends(db, user, period, trend)
	};
	return { ...view, tables: comparisonTables(view) };
}

/** The comparison's tables for /download/vergelijking; none for a user who may not compare or a bad period. */
export async function comparisonDownload(
	db: Database,
	user: SessionUser,
	params: URLSearchParams,
	thisYear: number
): Promise<DataTable[]> {
	if (!(await mayCompare(db, user))) return [];
	const { period } = await requestedPeriod(db, user, params, thisYear);
	return period ? (await comparisonView(db, user, period, params.get('trend'))).tables : [];
}
