/** The national comparison (/vergelijking): municipalities side by side from their packages, per 10,000 inhabitants, by size class, with the national signal list. */
import { EMPTY_FILTER, OUTCOME_LABELS } from '$lib/domain/filters';
import { SIZE_CLASSES, type SizeClass } from '$lib/domain/gemeenten';
import { STATUS_NAMES, type KwestieStatus } from '$lib/domain/kwesties';
import type { SessionUser } from '$lib/domain/roles';
import type { DataTable, TableCell } from '$lib/domain/table';
import { fold } from '$lib/domain/text';
import type { Database } from '../db';
import { memoUntilWrite } from '../db/memo';
import { reference } from '../reference';
import { AFLOOP } from '../analytics/escalatie';
import { CASE_SCOPE, scopeParams } from '../analytics/filter';
import { groupPairs, similarPairs } from '../kwesties/similarity';
import { TEXT_THRESHOLD } from '../kwesties/suggestions';
import type { Published } from './disclosure';
import { buildPackage, NONE_ROW, packagesOfPeriod, packageYears, type NationalPackage } from './package';
import { parsePeriod, periodLabel, type PackagePeriod } from './period';
import { mayCompare } from './peers';

/** A kwestie is national when the packages of at least this many municipalities name it. */
export const NATIONAL_SIGNAL_MINIMUM = 3;

export const SIZE_CLASS_LABELS: Record<SizeClass, string> = {
	'<20k': 'Minder dan 20.000 inwoners',
	'20k-50k': '20.000 tot 50.000 inwoners',
	'50k-100k': '50.000 tot 100.000 inwoners',
	'100k-150k': '100.000 tot 150.000 inwoners',
	'150k-250k': '150.000 tot 250.000 inwoners',
	'>=250k': '250.000 inwoners of meer'
};

/** Where a municipality's figures come from. */
export type PackageSource = 'pakket' | 'portal';

/** One municipality's package as the comparison uses it. */
export interface ComparedPackage {
	pkg: NationalPackage;
	source: PackageSource;
	/** When the package was imported; null for one computed from the portal's cases. */
	importedAt: string | null;
}

/** Per 10,000 inhabitants, one decimal; hidden stays hidden. */
export function per10k(count: Published, inwoners: number): number | 'geheim' {
	if (count === 'geheim') return 'geheim';
	return Math.round((count / inwoners) * 100_000) / 10;
}

/** A part of a whole as a percentage with one decimal; hidden when either is hidden, null without a whole. */
export function share(part: Published, whole: Published): number | 'geheim' | null {
	if (part === 'geheim' || whole === 'geheim') return 'geheim';
	return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

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

export interface NationalSignal {
	/** The label as most packages write it. */
	kwestie: string;
	key: string;
	gemeenten: { code: string; naam: string; label: string; cases: Published; status: KwestieStatus | null }[];
	/** The sum of the published counts; geheim when every count is hidden. */
	cases: number | 'geheim';
	/** Municipalities whose count is hidden. */
	hidden: number;
}

export interface SignalSuggestion {
	/** Differently written labels that may be one kwestie. */
	labels: string[];
	gemeenten: number;
}

interface LabelUse {
	label: string;
	gemeente: string;
	cases: Published;
	status: KwestieStatus | null;
}

const numeric = (value: Published) => (value === 'geheim' ? 0 : value);

/** The sum of the published counts, or geheim when none is published. */
function publishedSum(values: Published[]): Published {
	const published = values.filter((v): v is number => v !== 'geheim');
	return published.length === 0 ? 'geheim' : published.reduce((sum, v) => sum + v, 0);
}

/** The writing most packages use; ties go to the first in Dutch order. */
function commonLabel(uses: LabelUse[]): string {
	const counts = new Map<string, number>();
	for (const use of uses) counts.set(use.label, (counts.get(use.label) ?? 0) + 1);
	return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'nl'))[0][0];
}

/** Every kwestie of every package, grouped on its folded label (case, accents and spaces ignored). */
function labelUses(packages: NationalPackage[]): Map<string, LabelUse[]> {
	const byKey = new Map<string, LabelUse[]>();
	for (const pkg of packages) {
		const table = pkg.tables.kwesties;
		table.rows.forEach((label, i) => {
			const key = fold(label);
			const uses = byKey.get(key) ?? [];
			// One municipality naming a kwestie twice in different writing counts once.
			if (uses.some((u) => u.gemeente === pkg.gemeente)) return;
			uses.push({
				label,
				gemeente: pkg.gemeente,
				cases: table.cells[i][0],
				status: pkg.kwestieStatus?.[i] ?? null
			});
			byKey.set(key, uses);
		});
	}
	return byKey;
}

/**
 * The national signal list: kwesties in the packages of at least `minimum` municipalities, labels
 * matched case- and accent-insensitively, most municipalities first. Counts are what the packages
 * publish; a hidden one stays hidden and adds nothing to the sum.
 */
export function nationalSignals(
	packages: NationalPackage[],
	minimum = NATIONAL_SIGNAL_MINIMUM
): NationalSignal[] {
	const { gemeenten } = reference();
	return [...labelUses(packages)]
		.filter(([, uses]) => uses.length >= minimum)
		.map(([key, uses]) => ({
			kwestie: commonLabel(uses),
			key,
			gemeenten: uses
				.map((u) => ({
					code: u.gemeente,
					naam: gemeenten.naam(u.gemeente),
					label: u.label,
					cases: u.cases,
					status: u.status
				}))
				.sort((a, b) => a.naam.localeCompare(b.naam, 'nl')),
			cases: publishedSum(uses.map((u) => u.cases)),
			hidden: uses.filter((u) => u.cases === 'geheim').length
		}))
		.sort(
			(a, b) =>
				b.gemeenten.length - a.gemeenten.length ||
				numeric(b.cases) - numeric(a.cases) ||
				a.key.localeCompare(b.key)
		);
}

/**
 * Labels that differ in words but may name one kwestie (TF-IDF cosine, as the signal suggestions do),
 * offered where together they reach `minimum` municipalities and at least one of them does not alone.
 */
export function signalSuggestions(
	packages: NationalPackage[],
	minimum = NATIONAL_SIGNAL_MINIMUM
): SignalSuggestion[] {
	const uses = labelUses(packages);
	const keys = [...uses.keys()];
	const pairs = similarPairs(
		keys.map((key) => ({ id: key, text: key })),
		{ threshold: TEXT_THRESHOLD }
	);
	return groupPairs(pairs, 25)
		.map((group) => ({
			keys: group.ids,
			gemeenten: new Set(group.ids.flatMap((key) => uses.get(key)!.map((u) => u.gemeente))).size
		}))
		.filter((g) => g.gemeenten >= minimum && g.keys.some((key) => uses.get(key)!.length < minimum))
		.map((g) => ({ labels: g.keys.map((key) => commonLabel(uses.get(key)!)), gemeenten: g.gemeenten }))
		.sort((a, b) => b.gemeenten - a.gemeenten);
}

/** A package computed from the portal's cases, kept until the next write. */
const portalPackage = memoUntilWrite(
	(gemeente: string, period: PackagePeriod) => `${gemeente}|${period.period}`,
	(db: Database, gemeente: string, period: PackagePeriod) => buildPackage(db, gemeente, period)
);

/** Municipalities within reach that have cases registered in the period. */
async function gemeentenWithCases(db: Database, user: SessionUser, period: PackagePeriod): Promise<string[]> {
	const rows = await db.all<{ gemeente: string }>(
		`SELECT DISTINCT gemeente FROM cases WHERE ${CASE_SCOPE} ORDER BY gemeente`,
		scopeParams(user.reach, { ...EMPTY_FILTER, from: period.from, to: period.to })
	);
	return rows.map((r) => r.gemeente).filter((code) => reference().gemeenten.get(code));
}

/**
 * The packages compared for a period: every imported one, and for municipalities within the user's
 * reach without one, a package computed from the portal's cases by the same code, so under the same
 * disclosure control. A municipality's imported package wins over its computed one.
 */
export async function comparedPackages(
	db: Database,
	user: SessionUser,
	period: PackagePeriod
): Promise<ComparedPackage[]> {
	const imported = await packagesOfPeriod(db, period);
	const have = new Set(imported.map((p) => p.pkg.gemeente));
	const compared: ComparedPackage[] = imported
		.filter((p) => reference().gemeenten.get(p.pkg.gemeente))
		.map((p) => ({ pkg: p.pkg, source: 'pakket', importedAt: p.importedAt }));
	for (const gemeente of await gemeentenWithCases(db, user, period)) {
		if (have.has(gemeente)) continue;
		compared.push({ pkg: await portalPackage(db, gemeente, period), source: 'portal', importedAt: null });
	}
	return compared;
}

/** Years the selector offers: those with cases within reach or with imported packages. */
export async function comparisonYears(db: Database, user: SessionUser): Promise<number[]> {
	const rows = await db.all<{ year: number }>(
		`SELECT DISTINCT year(aangemeld_op)::INTEGER AS year FROM cases WHERE ${CASE_SCOPE}`,
		scopeParams(user.reach, EMPTY_FILTER)
	);
	return [...new Set([...rows.map((r) => r.year), ...(await packageYears(db))])].sort((a, b) => a - b);
}

/** The period a request names (`period`), else the latest year with cases or packages, else this year. */
export async function requestedPeriod(
	db: Database,
	user: SessionUser,
	params: URLSearchParams,
	thisYear: number
): Promise<{ period: PackagePeriod | null; years: number[] }> {
	const years = await comparisonYears(db, user);
	const requested = params.get('period');
	return { period: parsePeriod(requested ?? String(years.at(-1) ?? thisYear)), years };
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
	return period ? (await comparisonView(db, user, period)).tables : [];
}

export interface ProfileRow {
	code: string;
	naam: string;
	/** Share of all cases of the compared municipalities (published counts), in percent. */
	national: number | null;
	/** Per municipality in the order of `gemeenten`. */
	shares: (number | 'geheim' | null)[];
}

export interface ShareRow {
	code: string;
	naam: string;
	/** Per category, in percent of the municipality's cases. */
	shares: (number | 'geheim' | null)[];
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

export interface ComparisonView {
	period: PackagePeriod;
	gemeenten: GemeenteRow[];
	sizeClasses: SizeClassRow[];
	leefgebieden: ProfileRow[];
	escalatie: { categories: { key: string; label: string }[]; rows: ShareRow[] };
	afloop: {
		categories: { key: string; label: string }[];
		rows: ShareRow[];
		solved: (number | 'geheim' | null)[];
	};
	money: MoneyRow[];
	signals: NationalSignal[];
	suggestions: SignalSuggestion[];
	tables: DataTable[];
}

/** Euros per 10,000 inhabitants, whole euros. */
function euroRate(value: number | 'geheim', inwoners: number): number | 'geheim' {
	return value === 'geheim' ? 'geheim' : Math.round((value / inwoners) * 10_000);
}

/** The rows of a one-dimensional table as shares of the municipality's cases. */
function sharesOf(pkg: NationalPackage, table: 'leefgebieden' | 'escalatie' | 'uitkomst', rows: string[]) {
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

/** Opgelost or deels opgelost, in percent of the cases afgerond; hidden when a part is. */
function solvedShare(pkg: NationalPackage): number | 'geheim' | null {
	const t = pkg.tables.uitkomst;
	const count = (row: string) => t.cells[t.rows.indexOf(row)]?.[0] ?? 'geheim';
	const parts = ['opgelost', 'deels_opgelost', 'niet_opgelost', 'zonder_uitkomst'].map(count);
	if (parts.some((p) => p === 'geheim')) return 'geheim';
	const [solved, partly, not, without] = parts as number[];
	return share(solved + partly, solved + partly + not + without);
}

export async function comparisonView(
	db: Database,
	user: SessionUser,
	period: PackagePeriod
): Promise<ComparisonView> {
	const packages = await comparedPackages(db, user, period);
	const gemeenten = gemeenteRows(packages);
	const byCode = new Map(packages.map((p) => [p.pkg.gemeente, p.pkg]));
	const ordered = gemeenten.map((g) => byCode.get(g.code)!);
	const { vocabularies } = reference();

	const leefgebieden = vocabularies.leefgebieden.entries.map((entry) => {
		let part = 0;
		let whole = 0;
		for (const pkg of ordered) {
			const t = pkg.tables.leefgebieden;
			const value = t.cells[t.rows.indexOf(entry.code)]?.[0];
			if (t.total === 'geheim') continue;
			whole += t.total;
			if (typeof value === 'number') part += value;
		}
		return {
			code: entry.code,
			naam: entry.naam,
			national: whole > 0 ? Math.round((part / whole) * 1000) / 10 : null,
			shares: ordered.map((pkg) => sharesOf(pkg, 'leefgebieden', [entry.code])[0])
		};
	});

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
		leefgebieden,
		escalatie: { categories: steps, rows: shareRows('escalatie', steps) },
		afloop: { categories: afloop, rows: shareRows('uitkomst', afloop), solved: ordered.map(solvedShare) },
		money,
		signals: nationalSignals(ordered),
		suggestions: signalSuggestions(ordered)
	};
	return { ...view, tables: comparisonTables(view) };
}

const SOURCE_NAMES: Record<PackageSource, string> = {
	pakket: 'Geïmporteerd pakket',
	portal: 'Berekend uit de portal'
};

function comparisonTables(view: Omit<ComparisonView, 'tables'>): DataTable[] {
	const label = periodLabel(view.period.period);
	const perGemeente = view.gemeenten.map((g) => ({ key: g.code, label: g.naam, kind: 'decimal' as const }));
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
		{
			id: 'vergelijking-leefgebieden',
			caption: `Leefgebieden in procenten van de casussen: landelijk en per gemeente, ${label}`,
			columns: [
				{ key: 'leefgebied', label: 'Leefgebied' },
				{ key: 'landelijk', label: 'Landelijk', kind: 'decimal' },
				...perGemeente
			],
			rows: view.leefgebieden.map((r) => ({
				leefgebied: r.naam,
				landelijk: r.national,
				...Object.fromEntries(view.gemeenten.map((g, i) => [g.code, r.shares[i]]))
			}))
		},
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
		}
	];
}
