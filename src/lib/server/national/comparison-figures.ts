/** The comparison's figures made from published counts: rates per 10,000 inhabitants, shares and sums, hidden where a part is. */
import type { Published } from './disclosure';
import type { NationalPackage } from './package';

export type Share = number | 'geheim' | null;

/** Per 10,000 inhabitants, one decimal; hidden stays hidden. */
export function per10k(count: Published, inwoners: number): number | 'geheim' {
	if (count === 'geheim') return 'geheim';
	return Math.round((count / inwoners) * 100_000) / 10;
}

/** Euros per 10,000 inhabitants, whole euros. */
export function euroRate(value: number | 'geheim', inwoners: number): number | 'geheim' {
	return value === 'geheim' ? 'geheim' : Math.round((value / inwoners) * 10_000);
}

/** A part of a whole as a percentage with one decimal; hidden when either is hidden, null without a whole. */
export function share(part: Published, whole: Published): Share {
	if (part === 'geheim' || whole === 'geheim') return 'geheim';
	return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/** The sum of the published values, or geheim when none is published. */
export function publishedSum(values: Published[]): Published {
	const published = values.filter((v): v is number => v !== 'geheim');
	return published.length === 0 ? 'geheim' : published.reduce((sum, v) => sum + v, 0);
}

/** The afgerond cases of a package and those of them opgelost or deels opgelost; geheim when a part is. */
export function solvedParts(
	pkg: Pick<NationalPackage, 'tables'>
): { solved: number; closed: number } | 'geheim' {
	const t = pkg.tables.uitkomst;
	const count = (row: string) => t.cells[t.rows.indexOf(row)]?.[0] ?? 'geheim';
	const parts = ['opgelost', 'deels_opgelost', 'niet_opgelost', 'zonder_uitkomst'].map(count);
	if (parts.some((p) => p === 'geheim')) return 'geheim';
	const [solved, partly, not, without] = parts as number[];
	return { solved: solved + partly, closed: solved + partly + not + without };
}

/** Opgelost or deels opgelost, in percent of the cases afgerond; hidden when a part is, null when none is afgerond. */
export function solvedShare(pkg: Pick<NationalPackage, 'tables'>): Share {
	const parts = solvedParts(pkg);
	return parts === 'geheim' ? 'geheim' : share(parts.solved, parts.closed);
}
