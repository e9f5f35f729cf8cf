/** The whole periods a national package may cover: a year (`2025`), a half-year (`2025-H1`) or a quarter (`2025-Q3`). */

export interface PackagePeriod {
	/** `2025`, `2025-H1` or `2025-Q3`. */
	period: string;
	/** First day, `YYYY-MM-DD`. */
	from: string;
	/** Last day, `YYYY-MM-DD`, included. */
	to: string;
	/** Calendar months it spans: 3, 6 or 12. */
	months: number;
}

const PERIOD = /^(\d{4})(?:-(H[12]|Q[1-4]))?$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** The last day of a month (1-12) of a year, as `YYYY-MM-DD`. */
function lastDay(year: number, month: number): string {
	const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return `${year}-${pad(month)}-${pad(day)}`;
}

/** `2025`, `2025-H1`, `2025-Q3` (case-insensitive) to its days; null for anything else. */
export function parsePeriod(value: string): PackagePeriod | null {
	const match = PERIOD.exec(value.trim().toUpperCase());
	if (!match) return null;
	const year = Number(match[1]);
	if (year < 2000 || year > 2100) return null;
	const part = match[2];
	const [firstMonth, months] = !part
		? [1, 12]
		: part[0] === 'H'
			? [part === 'H1' ? 1 : 7, 6]
			: [(Number(part[1]) - 1) * 3 + 1, 3];
	const period = part ? `${year}-${part}` : String(year);
	return {
		period,
		from: `${year}-${pad(firstMonth)}-01`,
		to: lastDay(year, firstMonth + months - 1),
		months
	};
}

/** The period that runs exactly from `from` to `to`, or null when those days are not one whole period. */
export function periodOf(from: string, to: string): PackagePeriod | null {
	const year = Number(from.slice(0, 4));
	if (!Number.isInteger(year)) return null;
	const candidates = [String(year), `${year}-H1`, `${year}-H2`, ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`)];
	for (const candidate of candidates) {
		const period = parsePeriod(candidate)!;
		if (period.from === from && period.to === to) return period;
	}
	return null;
}

/** The periods of a year as a selector offers them: the year, its halves, its quarters. */
export function periodsOfYear(year: number): PackagePeriod[] {
	return [String(year), `${year}-H1`, `${year}-H2`, ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`)].map((p) =>
		parsePeriod(p)!
	);
}

/** `2025-Q3` as `3e kwartaal 2025`, `2025-H1` as `1e halfjaar 2025`. */
export function periodLabel(period: string): string {
	const match = PERIOD.exec(period);
	if (!match) return period;
	const [, year, part] = match;
	if (!part) return year;
	return part[0] === 'H' ? `${part[1]}e halfjaar ${year}` : `${part[1]}e kwartaal ${year}`;
}
