/** The ladder in time: per step the cases whose `stappen` reached it and the days spent there, and the highest step per route and per year. */
import type { CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import type { DataTable } from '$lib/domain/table';
import type { Database } from '../db';
import { CBS_RULES, protectCount, protectFigure, type Published } from '../national/disclosure';
import { reference } from '../reference';
import { CASE_SCOPE, scopeParams } from './filter';

export interface StepTime {
	/** The escalatie code. */
	step: string;
	/** Cases of any status whose `stappen` name the step. */
	reached: number;
	/** Time spans at the step with both ends known: the medians and quartiles are made of these. */
	spans: number;
	medianDays: number | null;
	p75Days: number | null;
}

/** A step as `GET /api/v1/steps` answers it; for landelijk the figures after disclosure control. */
export interface PublishedStepTime {
	step: string;
	reached: Published;
	medianDays: Published | null;
	p75Days: Published | null;
}

/*
 * One scan over the list column: each element of `stappen` becomes one span, from the day the step
 * was reached to the day the next one was, or for a closed case's last step (afgerond, or
 * ingetrokken with a date) to afgerond_op; an open case's last step has no end and counts as reached
 * only. A case that names a step twice reaches it once (its first mention) and has two spans there.
 */
const STEPS_SQL = `
	WITH spans AS (
		SELECT unnest(list_transform(stappen, (s, i) -> {
			step: s.stap,
			first: list_position(list_transform(stappen, x -> x.stap), s.stap) = i,
			days: (CASE
				WHEN i < len(stappen) THEN stappen[i + 1].op
				WHEN status IN ('afgerond', 'ingetrokken') THEN afgerond_op
			END) - s.op
		}), recursive := true)
		FROM cases WHERE ${CASE_SCOPE} AND len(stappen) > 0
	)
	SELECT step,
		count(*) FILTER (WHERE first)::INTEGER AS reached,
		count(days)::INTEGER AS spans,
		percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median,
		percentile_cont(0.75) WITHIN GROUP (ORDER BY days) AS p75
	FROM spans GROUP BY step`;

/** Every step of the ladder that some case in reach and filter reached, in trede order. */
export async function stepTimes(db: Database, reach: Reach, filter: CaseFilter): Promise<StepTime[]> {
	const rows = await db.all<{
		step: string;
		reached: number;
		spans: number;
		median: number | null;
		p75: number | null;
	}>(STEPS_SQL, scopeParams(reach, filter));
	const byStep = new Map(rows.map((r) => [r.step, r]));
	return reference()
		.vocabularies.escalatie.entries.filter((e) => byStep.has(e.code))
		.map((e) => {
			const r = byStep.get(e.code)!;
			return { step: e.code, reached: r.reached, spans: r.spans, medianDays: r.median, p75Days: r.p75 };
		});
}

/** The API's answer: exact, or for landelijk `reached` as a count and the quantiles "geheim" under 8 spans. */
export function publishStepTimes(steps: StepTime[], exact: boolean): PublishedStepTime[] {
	return steps.map((s) =>
		exact
			? { step: s.step, reached: s.reached, medianDays: s.medianDays, p75Days: s.p75Days }
			: {
					step: s.step,
					reached: protectCount(s.reached, CBS_RULES),
					medianDays: protectFigure(s.medianDays, s.spans, CBS_RULES),
					p75Days: protectFigure(s.p75Days, s.spans, CBS_RULES)
				}
	);
}

export interface StepName {
	/** The escalatie code; null for cases without a step. */
	step: string | null;
	/** Short name with the step's number: `3. Lokale doorbraaktafel`. */
	label: string;
	/** The vocabulary's full description of the step. */
	description: string;
}

export const NO_STEP = 'Geen trede vastgelegd';

export function stepName(step: string | null): StepName {
	if (step === null)
		return { step, label: NO_STEP, description: 'Bij de casus is geen hoogste trede vastgelegd.' };
	const entry = reference().vocabularies.escalatie.get(step);
	if (!entry) return { step, label: step, description: step };
	return { step, label: `${entry.detail}. ${entry.naam.split(/[,:]/)[0]}`, description: entry.naam };
}

/** Cases of one route or one year, per highest step (`cases[i]` belongs to `StepMix.steps[i]`). */
export interface MixRow {
	label: string;
	cases: number[];
	total: number;
	/** Whole percentages of `cases` that add up to 100, for a chart of shares. */
	shares: number[];
}

/** The highest step (`escalatie`) reached, per route and per year of aanmelding. */
export interface StepMix {
	/** The steps that occur, in trede order; cases without a step last where there are any. */
	steps: StepName[];
	/** Routes by name, cases without a route last. */
	routes: MixRow[];
	/** Years of aanmelding, oldest first. */
	years: MixRow[];
}

export const NO_ROUTE = 'Zonder route';

const MIX_SQL = `
	SELECT GROUPING(route) = 0 AS by_route, route, year, step, count(*)::INTEGER AS cases
	FROM (SELECT route, year(aangemeld_op)::INTEGER AS year, escalatie AS step FROM cases WHERE ${CASE_SCOPE})
	GROUP BY GROUPING SETS ((route, step), (year, step))`;

export async function stepMix(db: Database, reach: Reach, filter: CaseFilter): Promise<StepMix> {
	const rows = await db.all<{
		by_route: boolean;
		route: string | null;
		year: number | null;
		step: string | null;
		cases: number;
	}>(MIX_SQL, scopeParams(reach, filter));
	const occurring = new Set(rows.map((r) => r.step));
	const steps = [...reference().vocabularies.escalatie.entries.map((e) => e.code), null]
		.filter((step) => occurring.has(step))
		.map(stepName);
	const column = new Map(steps.map((s, i) => [s.step, i]));

	const mixRows = (byRoute: boolean, keyOf: (r: (typeof rows)[number]) => string) => {
		const byKey = new Map<string, number[]>();
		for (const r of rows.filter((r) => r.by_route === byRoute)) {
			const key = keyOf(r);
			const cases = byKey.get(key) ?? steps.map(() => 0);
			cases[column.get(r.step)!] += r.cases;
			byKey.set(key, cases);
		}
		return byKey;
	};
	const toRow = ([label, cases]: [string, number[]]): MixRow => ({
		label,
		cases,
		total: cases.reduce((sum, n) => sum + n, 0),
		shares: shares(cases)
	});
	const byName = ([a]: [string, number[]], [b]: [string, number[]]) =>
		a === NO_ROUTE ? 1 : b === NO_ROUTE ? -1 : a.localeCompare(b, 'nl');
	return {
		steps,
		routes: [...mixRows(true, (r) => r.route ?? NO_ROUTE)].sort(byName).map(toRow),
		years: [...mixRows(false, (r) => String(r.year))].sort(([a], [b]) => Number(a) - Number(b)).map(toRow)
	};
}

/** Whole percentages of a row that add up to 100 (largest remainder), for a chart of shares; all 0 for an empty row. */
export function shares(cases: readonly number[]): number[] {
	const total = cases.reduce((sum, n) => sum + n, 0);
	if (total === 0) return cases.map(() => 0);
	const exact = cases.map((n) => (100 * n) / total);
	const whole = exact.map(Math.floor);
	const order = cases.map((_, i) => i).sort((a, b) => exact[b] - whole[b] - (exact[a] - whole[a]) || a - b);
	let left = 100 - whole.reduce((sum, n) => sum + n, 0);
	for (const i of order) if (left-- > 0) whole[i] += 1;
	return whole;
}

const mixKey = (step: string | null) => `trede-${step ?? 'geen'}`;

/** The tables of time per step, highest step per route and per year, as the escalatie view shows them. */
export function ladderTables(times: StepTime[], mix: StepMix): DataTable[] {
	const mixColumns = [
		...mix.steps.map((s) => ({ key: mixKey(s.step), label: s.label, kind: 'count' as const })),
		{ key: 'totaal', label: 'Totaal', kind: 'count' as const }
	];
	const mixCells = (row: MixRow) => ({
		...Object.fromEntries(mix.steps.map((s, i) => [mixKey(s.step), row.cases[i]])),
		totaal: row.total
	});
	return [
		{
			id: 'escalatie-tijd-per-trede',
			caption:
				'Dagen op een trede: van het bereiken van de trede tot de volgende trede of de afronding (casussen met stappen)',
			columns: [
				{ key: 'trede', label: 'Trede' },
				{ key: 'bereikt', label: 'Casussen die de trede bereikten', kind: 'count' },
				{ key: 'verblijven', label: 'Gemeten verblijven', kind: 'count' },
				{ key: 'mediaan', label: 'Mediaan (dagen)', kind: 'decimal', basis: 'verblijven' },
				{ key: 'p75', label: '75e percentiel (dagen)', kind: 'decimal', basis: 'verblijven' }
			],
			rows: times.map((t) => ({
				trede: stepName(t.step).label,
				bereikt: t.reached,
				verblijven: t.spans,
				mediaan: t.medianDays,
				p75: t.p75Days
			}))
		},
		{
			id: 'escalatie-trede-route',
			caption: 'Casussen per route en hoogste trede',
			columns: [{ key: 'route', label: 'Route' }, ...mixColumns],
			rows: mix.routes.map((r) => ({ route: r.label, ...mixCells(r) }))
		},
		{
			id: 'escalatie-trede-jaar',
			caption: 'Casussen per jaar van aanmelding en hoogste trede',
			columns: [{ key: 'jaar', label: 'Jaar van aanmelding' }, ...mixColumns],
			rows: mix.years.map((r) => ({ jaar: r.label, ...mixCells(r) }))
		}
	];
}
