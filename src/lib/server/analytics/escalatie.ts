/** The escalatie view: on which step of the ladder cases end and are solved, their outcome, lead times, the age of open cases and the time spent per step. */
import type { CaseFilter } from '$lib/domain/filters';
import { OUTCOME_LABELS } from '$lib/domain/filters';
import { formatDate } from '$lib/domain/format';
import type { Reach } from '$lib/domain/roles';
import type { DataTable, TableCell, TableColumn } from '$lib/domain/table';
import type { Database } from '../db';
import { reference } from '../reference';
import { CASE_SCOPE, scopeParams } from './filter';
import { quartilesOf } from './quartiles';
import {
	ladderTables,
	stepMix,
	stepName,
	stepTimes,
	type StepMix,
	type StepName,
	type StepTime
} from './steps';
import { memoUntilWrite, viewKey } from '../db/memo';

/**
 * How a case ended, one category per case so that a step's categories add up to its cases: the
 * status decides first (open, ingetrokken), and a case afgerond counts under its uitkomst.
 */
export const AFLOOP = [
	'opgelost',
	'deels_opgelost',
	'niet_opgelost',
	'zonder_uitkomst',
	'ingetrokken',
	'open'
] as const;
export type Afloop = (typeof AFLOOP)[number];

export const AFLOOP_LABELS: Record<Afloop, string> = {
	...OUTCOME_LABELS,
	zonder_uitkomst: 'Afgerond zonder uitkomst',
	ingetrokken: 'Ingetrokken',
	open: 'Open'
};

/** A case's afloop in SQL over the columns of `cases`, one of AFLOOP. */
export const AFLOOP_SQL = `CASE WHEN status = 'afgerond' THEN coalesce(uitkomst, 'zonder_uitkomst') ELSE status END`;

/** Upper bounds (days, inclusive) of the duration classes; the last class is everything above 365. */
const BUCKET_BOUNDS = [30, 90, 180, 365] as const;
export const BUCKETS: readonly { key: string; label: string }[] = [
	{ key: 'dagen_0_30', label: '≤ 30 dagen' },
	{ key: 'dagen_31_90', label: '31–90 dagen' },
	{ key: 'dagen_91_180', label: '91–180 dagen' },
	{ key: 'dagen_181_365', label: '181–365 dagen' },
	{ key: 'dagen_366_plus', label: '> 365 dagen' }
];

/**
 * A lead-time distribution in days. Quartiles are `percentile_cont` (standard SQL; DuckDB's
 * `quantile_cont`): linear interpolation between the ordered values, as Excel's KWARTIEL.INC, so
 * 10, 20, 30 and 40 days give 17,5 · 25 · 32,5.
 */
export interface LeadTime {
	/** Cases afgerond with an afgerond_op. */
	cases: number;
	min: number | null;
	p25: number | null;
	median: number | null;
	p75: number | null;
	max: number | null;
	/** Cases per duration class of BUCKETS. */
	buckets: number[];
}

export interface StepFigures {
	/** The escalatie code; null for cases without a step. */
	step: string | null;
	/** Short name with the step's number: `3. Lokale doorbraaktafel`. */
	label: string;
	/** The vocabulary's full description of the step. */
	description: string;
	cases: number;
	open: number;
	/** Status afgerond. */
	closed: number;
	withdrawn: number;
	/** Afgerond as opgelost or deels_opgelost. */
	solved: number;
	afloop: Record<Afloop, number>;
	leadTime: LeadTime;
	/** Open cases per age class on asOf (cases registered after asOf are not yet open then). */
	openAge: number[];
}

export interface YearLeadTime {
	/** Calendar year of afgerond_op. */
	year: number;
	leadTime: LeadTime;
	/** Per step with cases closed that year, in ladder order. */
	steps: { step: string | null; label: string; leadTime: LeadTime }[];
}

export interface EscalatieView {
	/** The day open cases are aged on, `YYYY-MM-DD`. */
	asOf: string;
	/** Every step of the ladder in trede order, then the cases without a step where there are any. */
	steps: StepFigures[];
	/** All steps together. */
	total: StepFigures;
	/** Lead times per year of afronding, oldest first. */
	years: YearLeadTime[];
	/** Days spent per step, from `stappen`, in trede order. */
	times: StepTime[];
	/** The highest step per route and per year of aanmelding. */
	mix: StepMix;
	afloop: { key: Afloop; label: string }[];
	buckets: readonly { key: string; label: string }[];
	tables: DataTable[];
}

/** The counts of one cell (step, afloop, year of afronding), or of cells added up. */
interface Counts {
	cases: number;
	open: number;
	closed: number;
	withdrawn: number;
	solved: number;
	lead_cases: number;
	lead_min: number | null;
	lead_max: number | null;
	[bucket: `${'lead' | 'age'}_${number}`]: number;
}

interface Cell extends Counts {
	step: string | null;
	afloop: Afloop;
	year: number | null;
}

/** How many cases of a step closed in a year after `lead` days. */
interface LeadCount {
	step: string | null;
	year: number;
	lead: number;
	n: number;
}

/** Counts added up, with the quartiles of their lead times. */
interface Row extends Counts {
	quartiles: (number | null)[];
}

/** `count(*)` per duration class of a day column, as columns `<prefix>_0` … `<prefix>_4`. */
function bucketColumns(column: string, prefix: string): string {
	const lower = [null, ...BUCKET_BOUNDS];
	return lower
		.map((from, i) => {
			const to = BUCKET_BOUNDS[i];
			const conditions = [
				from === null ? null : `${column} > ${from}`,
				to === undefined ? null : `${column} <= ${to}`
			];
			const where = conditions.filter(Boolean).join(' AND ');
			return `count(*) FILTER (WHERE ${where})::INTEGER AS ${prefix}_${i}`;
		})
		.join(',\n\t\t\t');
}

/*
 * Two statements. The first counts per step, afloop and year of afronding, the finest cells: every
 * figure of the view but the quartiles is a sum (or the least or greatest) of cells, so the levels
 * above (per step, per step and afloop, per step and year, per year, all) are added up here. The
 * second counts closed cases per step, year and lead time in days, from which the quartiles of any
 * level follow exactly (see quartilesOf). One statement with grouping sets and percentile_cont did
 * the same in up to twice the time (0.7 s against 0.3–0.4 s over a million cases), and this is the
 * slowest view to compute anew after a start or an import.
 * Lead time counts cases afgerond with an afgerond_op; a withdrawn case's duration says nothing about
 * how fast the route solves.
 */
const CELLS_SQL = `
	WITH scoped AS (
		SELECT escalatie AS step,
			${AFLOOP_SQL} AS afloop,
			CASE WHEN status = 'afgerond' THEN afgerond_op - aangemeld_op END AS lead,
			CASE WHEN status = 'afgerond' THEN year(afgerond_op)::INTEGER END AS year,
			CASE WHEN status = 'open' AND aangemeld_op <= $as_of::DATE THEN $as_of::DATE - aangemeld_op END AS age,
			status, uitkomst
		FROM cases WHERE ${CASE_SCOPE}
	)
	SELECT step, afloop, year,
		count(*)::INTEGER AS cases,
		count(*) FILTER (WHERE status = 'open')::INTEGER AS open,
		count(*) FILTER (WHERE status = 'afgerond')::INTEGER AS closed,
		count(*) FILTER (WHERE status = 'ingetrokken')::INTEGER AS withdrawn,
		count(*) FILTER (WHERE status = 'afgerond' AND uitkomst IN ('opgelost', 'deels_opgelost'))::INTEGER AS solved,
		count(lead)::INTEGER AS lead_cases,
		min(lead)::INTEGER AS lead_min,
		max(lead)::INTEGER AS lead_max,
		${bucketColumns('lead', 'lead')},
		${bucketColumns('age', 'age')}
	FROM scoped
	GROUP BY step, afloop, year`;

const LEADS_SQL = `
	SELECT escalatie AS step, year(afgerond_op)::INTEGER AS year, (afgerond_op - aangemeld_op)::INTEGER AS lead,
		count(*)::INTEGER AS n
	FROM cases WHERE ${CASE_SCOPE} AND status = 'afgerond' AND afgerond_op IS NOT NULL
	GROUP BY ALL`;

const BUCKET_KEYS = (['lead', 'age'] as const).flatMap((prefix) =>
	BUCKETS.map((_, i) => `${prefix}_${i}` as const)
);

/** The cells added up, with the quartiles of the lead times counted in `leads`; undefined without cells. */
function rollUp(cells: Cell[], leads: LeadCount[]): Row | undefined {
	if (cells.length === 0) return undefined;
	const row: Row = {
		cases: 0,
		open: 0,
		closed: 0,
		withdrawn: 0,
		solved: 0,
		lead_cases: 0,
		lead_min: null,
		lead_max: null,
		quartiles: quartilesOf(leads.map((l) => ({ value: l.lead, count: l.n })))
	};
	for (const key of BUCKET_KEYS) row[key] = 0;
	for (const cell of cells) {
		row.cases += cell.cases;
		row.open += cell.open;
		row.closed += cell.closed;
		row.withdrawn += cell.withdrawn;
		row.solved += cell.solved;
		row.lead_cases += cell.lead_cases;
		for (const key of BUCKET_KEYS) row[key] += cell[key];
		if (cell.lead_min !== null) row.lead_min = Math.min(row.lead_min ?? cell.lead_min, cell.lead_min);
		if (cell.lead_max !== null) row.lead_max = Math.max(row.lead_max ?? cell.lead_max, cell.lead_max);
	}
	return row;
}

function leadTimeOf(row: Row | undefined): LeadTime {
	const quartiles = row?.quartiles ?? [null, null, null];
	return {
		cases: row?.lead_cases ?? 0,
		min: row?.lead_min ?? null,
		p25: quartiles[0],
		median: quartiles[1],
		p75: quartiles[2],
		max: row?.lead_max ?? null,
		buckets: BUCKETS.map((_, i) => row?.[`lead_${i}`] ?? 0)
	};
}

const ALL_STEPS: StepName = {
	step: null,
	label: 'Alle treden',
	description: 'Alle casussen van de selectie.'
};

/** The figures of one step (or of all), from its cells added up and the cells themselves. */
function stepFigures(name: StepName, row: Row | undefined, cells: Cell[]): StepFigures {
	const afloop = Object.fromEntries(AFLOOP.map((a) => [a, 0])) as Record<Afloop, number>;
	for (const c of cells) afloop[c.afloop] += c.cases;
	return {
		...name,
		cases: row?.cases ?? 0,
		open: row?.open ?? 0,
		closed: row?.closed ?? 0,
		withdrawn: row?.withdrawn ?? 0,
		solved: row?.solved ?? 0,
		afloop,
		leadTime: leadTimeOf(row),
		openAge: BUCKETS.map((_, i) => row?.[`age_${i}`] ?? 0)
	};
}

/** Ladder order: the vocabulary's trede order, cases without a step last. */
function ladderOrder(): (string | null)[] {
	return [...reference().vocabularies.escalatie.entries.map((e) => e.code), null];
}

async function computeEscalatieView(
	db: Database,
	reach: Reach,
	filter: CaseFilter,
	asOf: string
): Promise<EscalatieView> {
	const params = scopeParams(reach, filter);
	const [cells, leads, times, mix] = await Promise.all([
		db.all<Cell>(CELLS_SQL, { ...params, as_of: asOf }),
		db.all<LeadCount>(LEADS_SQL, params),
		stepTimes(db, reach, filter),
		stepMix(db, reach, filter)
	]);
	/** The cells and lead counts of one step and, if given, one year of afronding, added up. */
	const level = (step: string | null | undefined, year?: number) => {
		const matches = (c: { step: string | null; year: number | null }) =>
			(step === undefined || c.step === step) && (year === undefined || c.year === year);
		const mine = cells.filter(matches);
		return { cells: mine, row: rollUp(mine, leads.filter(matches)) };
	};

	const steps = ladderOrder()
		.map((step) => {
			const { cells: mine, row } = level(step);
			return stepFigures(stepName(step), row, mine);
		})
		.filter((s) => s.step !== null || s.cases > 0);
	const total = stepFigures(ALL_STEPS, rollUp(cells, leads), cells);

	const years = [...new Set(cells.map((c) => c.year).filter((y): y is number => y !== null))]
		.sort((a, b) => a - b)
		.map((year) => ({
			year,
			leadTime: leadTimeOf(level(undefined, year).row),
			steps: ladderOrder()
				.map((step) => ({
					step,
					label: stepName(step).label,
					leadTime: leadTimeOf(level(step, year).row)
				}))
				.filter((s) => s.leadTime.cases > 0)
		}));

	const afloop = AFLOOP.map((key) => ({ key, label: AFLOOP_LABELS[key] }));
	return {
		asOf,
		steps,
		total,
		years,
		times,
		mix,
		afloop,
		buckets: BUCKETS,
		tables: [...escalatieTables(steps, total, years, asOf), ...ladderTables(times, mix)]
	};
}

const LEAD_COLUMNS: TableColumn[] = [
	{ key: 'aantal', label: 'Afgerond met datum', kind: 'count' },
	{ key: 'min', label: 'Kortste (dagen)', kind: 'count', counts: 'other', basis: 'aantal' },
	{ key: 'p25', label: '25e percentiel', kind: 'decimal', basis: 'aantal' },
	{ key: 'mediaan', label: 'Mediaan', kind: 'decimal', basis: 'aantal' },
	{ key: 'p75', label: '75e percentiel', kind: 'decimal', basis: 'aantal' },
	{ key: 'max', label: 'Langste (dagen)', kind: 'count', counts: 'other', basis: 'aantal' },
	...BUCKETS.map((b) => ({ key: b.key, label: b.label, kind: 'count' as const }))
];

function leadCells(lead: LeadTime): Record<string, TableCell> {
	return {
		aantal: lead.cases,
		min: lead.min,
		p25: lead.p25,
		mediaan: lead.median,
		p75: lead.p75,
		max: lead.max,
		...Object.fromEntries(BUCKETS.map((b, i) => [b.key, lead.buckets[i]]))
	};
}

const percentage = (part: number, whole: number) =>
	whole > 0 ? Math.round((1000 * part) / whole) / 10 : null;

function escalatieTables(
	steps: StepFigures[],
	total: StepFigures,
	years: YearLeadTime[],
	asOf: string
): DataTable[] {
	const ladder = [...steps, total];
	const withLead = [...steps.filter((s) => s.leadTime.cases > 0), total];
	const withOpen = [...steps.filter((s) => s.open > 0), total];
	return [
		{
			id: 'escalatie-treden',
			caption: 'Casussen per hoogste escalatietrede: afgerond en opgelost',
			columns: [
				{ key: 'trede', label: 'Hoogste trede' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' },
				{ key: 'open', label: 'Open', kind: 'count' },
				{ key: 'afgerond', label: 'Afgerond', kind: 'count' },
				{ key: 'ingetrokken', label: 'Ingetrokken', kind: 'count' },
				{ key: 'opgelost', label: 'Opgelost of deels opgelost', kind: 'count' },
				{
					key: 'aandeel',
					label: 'Opgelost (% van afgerond)',
					kind: 'decimal',
					basis: 'afgerond',
					share: true
				}
			],
			rows: ladder.map((s) => ({
				trede: s.label,
				casussen: s.cases,
				open: s.open,
				afgerond: s.closed,
				ingetrokken: s.withdrawn,
				opgelost: s.solved,
				aandeel: percentage(s.solved, s.closed)
			}))
		},
		{
			id: 'escalatie-afloop',
			caption: 'Afloop per hoogste escalatietrede',
			columns: [
				{ key: 'trede', label: 'Hoogste trede' },
				...AFLOOP.map((a) => ({ key: a, label: AFLOOP_LABELS[a], kind: 'count' as const })),
				{ key: 'totaal', label: 'Totaal', kind: 'count' }
			],
			rows: ladder.map((s) => ({ trede: s.label, ...s.afloop, totaal: s.cases }))
		},
		{
			id: 'escalatie-doorlooptijd',
			caption: 'Doorlooptijd in dagen van aanmelding tot afronding, per hoogste trede (afgeronde casussen)',
			columns: [{ key: 'trede', label: 'Hoogste trede' }, ...LEAD_COLUMNS],
			rows: withLead.map((s) => ({ trede: s.label, ...leadCells(s.leadTime) }))
		},
		{
			id: 'escalatie-doorlooptijd-jaren',
			caption: 'Doorlooptijd in dagen per jaar van afronding',
			columns: [{ key: 'jaar', label: 'Jaar van afronding' }, ...LEAD_COLUMNS],
			rows: years.map((y) => ({ jaar: String(y.year), ...leadCells(y.leadTime) }))
		},
		{
			id: 'escalatie-doorlooptijd-trede-jaar',
			caption: 'Doorlooptijd in dagen per jaar van afronding en hoogste trede',
			columns: [
				{ key: 'jaar', label: 'Jaar van afronding' },
				{ key: 'trede', label: 'Hoogste trede' },
				...LEAD_COLUMNS
			],
			rows: years.flatMap((y) =>
				y.steps.map((s) => ({ jaar: String(y.year), trede: s.label, ...leadCells(s.leadTime) }))
			)
		},
		{
			id: 'escalatie-open-leeftijd',
			caption: `Open casussen naar leeftijd op ${formatDate(asOf)}, per hoogste trede`,
			columns: [
				{ key: 'trede', label: 'Hoogste trede' },
				...BUCKETS.map((b) => ({ key: b.key, label: b.label, kind: 'count' as const })),
				{ key: 'totaal', label: 'Open', kind: 'count' }
			],
			rows: withOpen.map((s) => ({
				trede: s.label,
				...Object.fromEntries(BUCKETS.map((b, i) => [b.key, s.openAge[i]])),
				totaal: s.openAge.reduce((sum, n) => sum + n, 0)
			}))
		}
	];
}

/** Kept until the next committed write: the figures only change with the data (an import bumps the generation). */
export const escalatieView = memoUntilWrite(viewKey('escalatie'), computeEscalatieView);
