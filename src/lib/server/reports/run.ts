/** The run of whole quarters a pilot evaluation covers (`2023-Q3` to `2025-Q4`): parsed, checked, split into the parts of years it touches. */
import { capabilities, type SessionUser } from '$lib/domain/roles';
import { parseFilter } from '../analytics/filter';
import type { ReportPeriod } from './period';

/** The most quarters one evaluation covers: five years. */
export const MAX_QUARTERS = 20;
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

const QUARTER = /^(\d{4})-Q([1-4])$/;
const ORDINALS = ['eerste', 'tweede', 'derde', 'vierde'];
const STARTS = ['01-01', '04-01', '07-01', '10-01'];
const ENDS = ['03-31', '06-30', '09-30', '12-31'];

export interface Quarter {
	/** `2024-Q1`. */
	key: string;
	year: number;
	/** 1 to 4. */
	quarter: number;
	/** First and last day, `YYYY-MM-DD`, both included. */
	from: string;
	to: string;
}

/** `2024-Q1` (a lower-case q and spaces around are accepted) for a year from 2000 to 2100; null otherwise. */
export function parseQuarter(text: string | null | undefined): Quarter | null {
	const m = QUARTER.exec((text ?? '').trim().toUpperCase());
	if (!m) return null;
	const year = Number(m[1]);
	if (year < FIRST_YEAR || year > LAST_YEAR) return null;
	return quarterOf(year, Number(m[2]));
}

function quarterOf(year: number, quarter: number): Quarter {
	return {
		key: `${year}-Q${quarter}`,
		year,
		quarter,
		from: `${year}-${STARTS[quarter - 1]}`,
		to: `${year}-${ENDS[quarter - 1]}`
	};
}

const indexOf = (q: Quarter) => q.year * 4 + q.quarter - 1;
const fromIndex = (i: number) => quarterOf(Math.floor(i / 4), (i % 4) + 1);

/** The quarter a day (`YYYY-MM-DD`) falls in. */
export function quarterOfDay(day: string): Quarter {
	return quarterOf(Number(day.slice(0, 4)), Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1);
}

/** `derde kwartaal 2023`. */
export const quarterName = (q: Quarter) => `${ORDINALS[q.quarter - 1]} kwartaal ${q.year}`;

/**
 * The part of a calendar year inside the run. A year partly inside covers only its quarters in the
 * run and says so in its label (`2023 (Q3–Q4)`); `period` is the college report's period for it.
 */
export interface YearPart {
	year: number;
	/** `2024`, or `2023 (Q3–Q4)` for a year partly inside the run. */
	label: string;
	partial: boolean;
	quarters: Quarter[];
	period: ReportPeriod;
}

export interface EvaluationRun {
	/** `2023-Q3`. */
	from: string;
	/** `2025-Q4`. */
	to: string;
	fromDate: string;
	toDate: string;
	/** `derde kwartaal 2023 tot en met vierde kwartaal 2025`. */
	name: string;
	quarters: Quarter[];
	years: YearPart[];
	/** The whole run as one period of the college report. */
	period: ReportPeriod;
}

/**
 * A period of the college report over any run of days. Its kind only decides what the period report
 * compares it with (the year before), which the evaluation does not use.
 */
function reportPeriod(key: string, year: number, from: string, to: string, name: string): ReportPeriod {
	return { period: key, kind: 'jaar', year, index: 1, from, to, name };
}

/** The run from `first` to `last` (checked: first ≤ last, at most MAX_QUARTERS). */
function runOf(first: Quarter, last: Quarter): EvaluationRun {
	const quarters: Quarter[] = [];
	for (let i = indexOf(first); i <= indexOf(last); i++) quarters.push(fromIndex(i));
	const years = [...new Set(quarters.map((q) => q.year))].map((year): YearPart => {
		const own = quarters.filter((q) => q.year === year);
		const partial = own.length < 4;
		const span = own.length === 1 ? `Q${own[0].quarter}` : `Q${own[0].quarter}–Q${own.at(-1)!.quarter}`;
		const label = partial ? `${year} (${span})` : String(year);
		const key = partial ? `${own[0].key}..${own.at(-1)!.key}` : String(year);
		const name = partial ? `${year}, alleen ${span}` : `jaar ${year}`;
		return {
			year,
			label,
			partial,
			quarters: own,
			period: reportPeriod(key, year, own[0].from, own.at(-1)!.to, name)
		};
	});
	const name = `${quarterName(first)} tot en met ${quarterName(last)}`;
	return {
		from: first.key,
		to: last.key,
		fromDate: first.from,
		toDate: last.to,
		name,
		quarters,
		years,
		period: reportPeriod(`${first.key}..${last.key}`, first.year, first.from, last.to, name)
	};
}

export const RUN_MESSAGES = {
	role: 'De evaluatie is er voor de gemeenten zelf; het landelijk programma ziet de vergelijking.',
	van: 'Kies het eerste kwartaal (van) als jaar en kwartaal, bijvoorbeeld 2024-Q1.',
	tot: 'Kies het laatste kwartaal (tot en met) als jaar en kwartaal, bijvoorbeeld 2025-Q4.',
	order: 'Het laatste kwartaal ligt voor het eerste: kies bij ‘tot en met’ hetzelfde of een later kwartaal.',
	length: `Een evaluatie beslaat ten hoogste ${MAX_QUARTERS} kwartalen (vijf jaar); kies een kortere periode.`
} as const;

export type RunRequest =
	| { ok: true; run: EvaluationRun; gemeente: string | null }
	| { ok: false; status: 400 | 403; message: string; field: string | null };

/** Checks who asks (readReports), the run of quarters and the municipality chosen (within the reach). */
export function runRequest(
	user: SessionUser,
	van: string | null,
	tot: string | null,
	gemeente: string | null
): RunRequest {
	if (!capabilities(user.role).readReports) {
		return { ok: false, status: 403, field: null, message: RUN_MESSAGES.role };
	}
	const first = parseQuarter(van);
	if (!first) return { ok: false, status: 400, field: 'van', message: RUN_MESSAGES.van };
	const last = parseQuarter(tot);
	if (!last) return { ok: false, status: 400, field: 'tot', message: RUN_MESSAGES.tot };
	if (indexOf(last) < indexOf(first)) {
		return { ok: false, status: 400, field: 'tot', message: RUN_MESSAGES.order };
	}
	if (indexOf(last) - indexOf(first) + 1 > MAX_QUARTERS) {
		return { ok: false, status: 400, field: 'tot', message: RUN_MESSAGES.length };
	}
	const parsed = parseFilter(new URLSearchParams(gemeente ? { gemeente } : {}), user.reach);
	if (!parsed.ok) return { ok: false, status: parsed.status, field: parsed.field, message: parsed.message };
	return { ok: true, run: runOf(first, last), gemeente: parsed.filter.gemeente };
}

/** The year of evaluation Utrecht asks for: the four quarters up to the last one that has ended on `today`. */
export function defaultRun(today: string): { van: string; tot: string } {
	const last = indexOf(quarterOfDay(today)) - 1;
	return { van: fromIndex(last - 3).key, tot: fromIndex(last).key };
}

/** The quarters to choose from: from the first year with cases (or `today`'s year minus five) to `today`'s quarter, newest first. */
export function quarterChoices(years: readonly number[], today: string): { key: string; name: string }[] {
	const current = quarterOfDay(today);
	const first = Math.max(FIRST_YEAR, Math.min(years[0] ?? current.year - 5, current.year));
	const list: { key: string; name: string }[] = [];
	for (let i = indexOf(current); i >= first * 4; i--) {
		const q = fromIndex(i);
		list.push({ key: q.key, name: `${q.key} (${quarterName(q)})` });
	}
	return list;
}
