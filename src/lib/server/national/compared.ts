/** The packages the comparison compares: the imported ones of a period and, for municipalities within reach without one, one computed from the portal's cases. */
import { EMPTY_FILTER } from '$lib/domain/filters';
import type { SessionUser } from '$lib/domain/roles';
import type { Database } from '../db';
import { memoUntilWrite } from '../db/memo';
import { reference } from '../reference';
import { CASE_SCOPE, scopeParams } from '../analytics/filter';
import { buildPackage, packagesOfPeriod, packageYears, type NationalPackage } from './package';
import { parsePeriod, type PackagePeriod } from './period';

/** Where a municipality's figures come from. */
export type PackageSource = 'pakket' | 'portal';

/** One municipality's package as the comparison uses it. */
export interface ComparedPackage {
	pkg: NationalPackage;
	source: PackageSource;
	/** When the package was imported; null for one computed from the portal's cases. */
	importedAt: string | null;
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
