/** Report periods: `2025-Q3`, `2025-H2` or `2025` as dates, with the period before, the same period a year earlier and a Dutch name. */
import { periodsOf } from '$lib/domain/filters';

export type PeriodKind = 'kwartaal' | 'halfjaar' | 'jaar';

export interface ReportPeriod {
	/** As the API and the URL write it: `2025-Q3`, `2025-H2`, `2025`. */
	period: string;
	kind: PeriodKind;
	year: number;
	/** The quarter (1-4) or half (1-2); 1 for a year. */
	index: number;
	/** First day, `YYYY-MM-DD`. */
	from: string;
	/** Last day, included. */
	to: string;
	/** `derde kwartaal 2025`, `tweede halfjaar 2025`, `jaar 2025`. */
	name: string;
}

const PATTERN = /^(\d{4})(?:-([QH])([1-4]))?$/;
const ORDINALS = ['eerste', 'tweede', 'derde', 'vierde'];
const FIRST_YEAR = 1900;

function make(kind: PeriodKind, year: number, index: number): ReportPeriod {
	const period = kind === 'jaar' ? String(year) : `${year}-${kind === 'kwartaal' ? 'Q' : 'H'}${index}`;
	const { from, to } = periodsOf(year).find((p) => p.label === period)!;
	const name = kind === 'jaar' ? `jaar ${year}` : `${ORDINALS[index - 1]} ${kind} ${year}`;
	return { period, kind, year, index, from, to, name };
}

/** `2025-Q3`, `2025-H2` or `2025` (a lower-case q or h is accepted); null for anything else. */
export function parsePeriod(text: string | null | undefined): ReportPeriod | null {
	const m = PATTERN.exec((text ?? '').trim().toUpperCase());
	if (!m) return null;
	const year = Number(m[1]);
	if (year < FIRST_YEAR) return null;
	if (!m[2]) return make('jaar', year, 1);
	const index = Number(m[3]);
	if (m[2] === 'H') return index <= 2 ? make('halfjaar', year, index) : null;
	return make('kwartaal', year, index);
}

const PER_YEAR: Record<PeriodKind, number> = { kwartaal: 4, halfjaar: 2, jaar: 1 };

/** The period just before: 2025-Q1 gives 2024-Q4, 2025-H1 gives 2024-H2, 2025 gives 2024. */
export function previousPeriod(p: ReportPeriod): ReportPeriod {
	if (p.index > 1) return make(p.kind, p.year, p.index - 1);
	return make(p.kind, p.year - 1, PER_YEAR[p.kind]);
}

/** The same period a year earlier: 2025-Q3 gives 2024-Q3. */
export function yearBefore(p: ReportPeriod): ReportPeriod {
	return make(p.kind, p.year - 1, p.index);
}

/** The last quarter that has ended on `today` (`YYYY-MM-DD`): the report a college usually asks for. */
export function lastEndedQuarter(today: string): ReportPeriod {
	const [year, month] = today.split('-').map(Number);
	const current = make('kwartaal', year, Math.floor((month - 1) / 3) + 1);
	return previousPeriod(current);
}

/** The periods to choose from for these years, newest first: each year, its halves and its quarters. */
export function periodChoices(years: readonly number[]): ReportPeriod[] {
	return [...years]
		.sort((a, b) => b - a)
		.flatMap((year) => [
			make('jaar', year, 1),
			make('halfjaar', year, 2),
			make('halfjaar', year, 1),
			...[4, 3, 2, 1].map((q) => make('kwartaal', year, q))
		]);
}
