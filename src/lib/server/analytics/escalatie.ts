/** The escalatie view: on which step of the ladder cases end and are solved, their outcome, lead times and the age of open cases. */
import type { CaseFilter } from '$lib/domain/filters';
import { OUTCOME_LABELS } from '$lib/domain/filters';
import { formatDate } from '$lib/domain/format';
import type { Reach } from '$lib/domain/roles';
import type { DataTable, TableCell, TableColumn } from '$lib/domain/table';
import type { Database } from '../db';
import { reference } from '../reference';
import { CASE_SCOPE, scopeParams } from './filter';
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

const AFLOOP_LABELS: Record<Afloop, string> = {
	...OUTCOME_LABELS,
	zonder_uitkomst: 'Afgerond zonder uitkomst',
	ingetrokken: 'Ingetrokken',
	open: 'Open'
};

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
	afloop: { key: Afloop; label: string }[];
	buckets: readonly { key: string; label: string }[];
	tables: DataTable[];
}

interface Row {
	g_step: number;
	g_afloop: number;
	g_year: number;
	step: string | null;
	afloop: Afloop | null;
	year: number | null;
	cases: number;
	open: number;
	closed: number;
	withdrawn: number;
	solved: number;
	lead_cases: number;
	lead_min: number | null;
	lead_max: number | null;
	quartiles: number[] | null;
	[bucket: `${'lead' | 'age'}_${number}`]: number;
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
 * One scan: the grouping sets give per step (the ladder), per step and afloop (the cross table),
 * per step and year of afronding, per year, and all cases. Lead time counts cases afgerond with an
 * afgerond_op; a withdrawn case's duration says nothing about how fast the route solves.
 */
const VIEW_SQL = `
	WITH scoped AS (
		SELECT escalatie AS step,
			CASE WHEN status = 'afgerond' THEN coalesce(uitkomst, 'zonder_uitkomst') ELSE status END AS afloop,
			CASE WHEN status = 'afgerond' THEN afgerond_op - aangemeld_op END AS lead,
			CASE WHEN status = 'afgerond' THEN year(afgerond_op)::INTEGER END AS year,
			CASE WHEN status = 'open' AND aangemeld_op <= $as_of::DATE THEN $as_of::DATE - aangemeld_op END AS age,
			status, uitkomst
		FROM cases WHERE ${CASE_SCOPE}
	)
	SELECT GROUPING(step)::INTEGER AS g_step, GROUPING(afloop)::INTEGER AS g_afloop, GROUPING(year)::INTEGER AS g_year,
		step, afloop, year,
		count(*)::INTEGER AS cases,
		count(*) FILTER (WHERE status = 'open')::INTEGER AS open,
		count(*) FILTER (WHERE status = 'afgerond')::INTEGER AS closed,
		count(*) FILTER (WHERE status = 'ingetrokken')::INTEGER AS withdrawn,
		count(*) FILTER (WHERE status = 'afgerond' AND uitkomst IN ('opgelost', 'deels_opgelost'))::INTEGER AS solved,
		count(lead)::INTEGER AS lead_cases,
		min(lead)::INTEGER AS lead_min,
		max(lead)::INTEGER AS lead_max,
		percentile_cont([0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY lead) AS quartiles,
		${bucketColumns('lead', 'lead')},
		${bucketColumns('age', 'age')}
	FROM scoped
	GROUP BY GROUPING SETS ((step), (step, afloop), (step, year), (year), ())`;

const NO_STEP = 'Geen trede vastgelegd';

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

interface StepName {
	step: string | null;
	label: string;
	description: string;
}

function stepName(step: string | null): StepName {
	if (step === null)
		return { step, label: NO_STEP, description: 'Bij de casus is geen hoogste trede vastgelegd.' };
	const entry = reference().vocabularies.escalatie.get(step);
	if (!entry) return { step, label: step, description: step };
	return { step, label: `${entry.detail}. ${entry.naam.split(/[,:]/)[0]}`, description: entry.naam };
}

const ALL_STEPS: StepName = {
	step: null,
	label: 'Alle treden',
	description: 'Alle casussen van de selectie.'
};

/** The figures of one step (or of all), from its row and its rows per afloop. */
function stepFigures(name: StepName, row: Row | undefined, afloopRows: Row[]): StepFigures {
	const afloop = Object.fromEntries(AFLOOP.map((a) => [a, 0])) as Record<Afloop, number>;
	for (const r of afloopRows) if (r.afloop) afloop[r.afloop] += r.cases;
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
	const rows = await db.all<Row>(VIEW_SQL, { ...scopeParams(reach, filter), as_of: asOf });
	const perStep = rows.filter((r) => r.g_step === 0 && r.g_afloop === 1 && r.g_year === 1);
	const perAfloop = rows.filter((r) => r.g_step === 0 && r.g_afloop === 0);
	const perStepYear = rows.filter((r) => r.g_step === 0 && r.g_year === 0 && r.year !== null);
	const perYear = rows.filter((r) => r.g_step === 1 && r.g_year === 0 && r.year !== null);
	const all = rows.find((r) => r.g_step === 1 && r.g_afloop === 1 && r.g_year === 1);

	const steps = ladderOrder()
		.map((step) =>
			stepFigures(
				stepName(step),
				perStep.find((r) => r.step === step),
				perAfloop.filter((r) => r.step === step)
			)
		)
		.filter((s) => s.step !== null || s.cases > 0);
	const total = stepFigures(ALL_STEPS, all, perAfloop);

	const years = perYear
		.map((r) => r.year!)
		.sort((a, b) => a - b)
		.map((year) => ({
			year,
			leadTime: leadTimeOf(perYear.find((r) => r.year === year)),
			steps: ladderOrder()
				.map((step) => ({
					step,
					label: stepName(step).label,
					leadTime: leadTimeOf(perStepYear.find((r) => r.year === year && r.step === step))
				}))
				.filter((s) => s.leadTime.cases > 0)
		}));

	const afloop = AFLOOP.map((key) => ({ key, label: AFLOOP_LABELS[key] }));
	return {
		asOf,
		steps,
		total,
		years,
		afloop,
		buckets: BUCKETS,
		tables: escalatieTables(steps, total, years, asOf)
	};
}

const LEAD_COLUMNS: TableColumn[] = [
	{ key: 'aantal', label: 'Afgerond met datum', kind: 'count' },
	{ key: 'min', label: 'Kortste (dagen)', kind: 'count' },
	{ key: 'p25', label: '25e percentiel', kind: 'decimal' },
	{ key: 'mediaan', label: 'Mediaan', kind: 'decimal' },
	{ key: 'p75', label: '75e percentiel', kind: 'decimal' },
	{ key: 'max', label: 'Langste (dagen)', kind: 'count' },
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
				{ key: 'aandeel', label: 'Opgelost (% van afgerond)', kind: 'decimal' }
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
