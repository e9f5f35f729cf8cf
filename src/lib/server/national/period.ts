/** The whole periods a national package may cover (a year, a half-year or a quarter): the report's periods, with their length in months. */
import { parsePeriod as parseReportPeriod, type ReportPeriod } from '../reports/period';

export interface PackagePeriod extends ReportPeriod {
	/** Calendar months it spans: 3, 6 or 12. */
	months: number;
}

const MONTHS = { kwartaal: 3, halfjaar: 6, jaar: 12 } as const;

/** `2025`, `2025-H1`, `2025-Q3` (case-insensitive) to its days; null for anything else. */
export function parsePeriod(value: string): PackagePeriod | null {
	const period = parseReportPeriod(value);
	return period && { ...period, months: MONTHS[period.kind] };
}

/** The periods of a year as a selector offers them: the year, its halves, its quarters. */
export function periodsOfYear(year: number): PackagePeriod[] {
	return [String(year), `${year}-H1`, `${year}-H2`, ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`)].map((p) =>
		parsePeriod(p)!
	);
}

/** The period that runs exactly from `from` to `to`, or null when those days are not one whole period. */
export function periodOf(from: string, to: string): PackagePeriod | null {
	const year = Number(from.slice(0, 4));
	if (!Number.isInteger(year)) return null;
	return periodsOfYear(year).find((p) => p.from === from && p.to === to) ?? null;
}

/** `2025-Q3` as `derde kwartaal 2025`, a year as itself (`2025`); anything else as it is. */
export function periodLabel(period: string): string {
	const parsed = parsePeriod(period);
	if (!parsed) return period;
	return parsed.kind === 'jaar' ? parsed.period : parsed.name;
}
