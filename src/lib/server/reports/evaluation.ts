/** The pilot evaluation report over a run of whole quarters: capacity and cost per case, the college report's figures per year, recurring problems and solutions, and the figures behind the evaluation questions. */
import { EMPTY_FILTER, type CaseFilter } from '$lib/domain/filters';
import type { KwestieStatus } from '$lib/domain/kwesties';
import { euros, mulDivRound, type Cents } from '$lib/domain/money';
import type { PeriodReport } from '$lib/domain/report';
import { capabilities, reaches, type Reach, type SessionUser } from '$lib/domain/roles';
import type { DataTable } from '$lib/domain/table';
import type { Database } from '../db';
import { besluitenView, percentage, type AnswerCounts } from '../analytics/decisions';
import { audience, listDate, listThreshold, type Audience } from '../disclosure/audience';
import { signalSettings } from '../kwesties/settings';
import { signals, todayInAmsterdam } from '../kwesties/signals';
import { solutions } from '../kwesties/solutions';
import { partnerResponses, type OrganisationResponses } from '../partners/responses';
import { reference } from '../reference';
import { capacityRows, FTE_HOURS, type CapacityRow } from './capacity';
import {
	kwestieOutcomes,
	quarterCounts,
	type KwestieOutcome,
	type QuarterCounts
} from './evaluation-queries';
import { evaluationTables } from './evaluation-tables';
import { periodReport, reportReach } from './report';
import type { EvaluationRun, YearPart } from './run';

/** One part of a year in the run (or the whole run): the college report's figures with capacity and cost per case. */
export interface EvaluationYear {
	/** `2024`, `2023 (Q3–Q4)`, or `Hele looptijd`. */
	label: string;
	partial: boolean;
	from: string;
	to: string;
	/** As the college report counts them for this period. */
	in: number;
	solved: number;
	notSolved: number;
	withdrawn: number;
	open: number;
	/** Afgerond in the period: solved + notSolved. */
	closed: number;
	/** Solved or partly solved, in percent of afgerond (one decimal). */
	solvedShare: number | null;
	leadCases: number;
	medianLead: number | null;
	/** Signals at the period's end, as the college report counts them. */
	signals: number;
	/** Euros, exact to the cent. */
	spent: number;
	savingsLow: number;
	savingsHigh: number;
	capacityHours: number;
	capacityCost: number;
	/** Capacity + spent. */
	totalCost: number;
	/** Total cost per case registered in the period, and per case afgerond in it; null without such cases. */
	costPerCase: number | null;
	costPerClosed: number | null;
	/** binnen_kaders of the cases registered in the period (version 1.1). */
	kaders: AnswerCounts;
	/** Within the kaders, in percent of ja + nee. */
	kadersShare: number | null;
	/** Cases registered in the period per highest escalatie step, in ladder order (see `steps` of the report). */
	steps: number[];
}

/** One quarter: cases, capacity and the load per FTE. */
export interface EvaluationQuarter extends QuarterCounts {
	hours: number;
	omoHours: number;
	/** Hours ÷ FTE_HOURS, two decimals. */
	fte: number;
	omoFte: number;
	/** Registered, and open at the end, per FTE (one decimal); null without capacity. */
	inPerFte: number | null;
	openPerFte: number | null;
	cost: number;
}

export interface CapacityLine {
	kwartaal: string;
	gemeente: string;
	functie: string;
	eenheid: 'uren' | 'fte';
	hoeveelheid: number;
	hours: number;
	uurtarief: number;
	cost: number;
}

export interface ProblemRow {
	kwestie: string;
	cases: number;
	/** A day, or for roles without case access the month. */
	first: string;
	last: string;
	gemeenten: string[];
	status: KwestieStatus;
}

export interface SolutionRow {
	oplossing: string;
	cases: number;
	first: string;
	last: string;
	gemeenten: string[];
	instrumenten: string[];
	outsideKaders: number;
}

export interface EvaluationReport {
	version: 1;
	run: { from: string; to: string; fromDate: string; toDate: string; name: string; quarters: string[] };
	scope: PeriodReport['scope'];
	/** `cases` for roles with case access, `totals` for the college: list thresholds and dates follow it. */
	audience: Exclude<Audience, 'protected'>;
	/** The day partner questions are counted to and measures' effects end. */
	today: string;
	fteHours: number;
	years: EvaluationYear[];
	total: EvaluationYear;
	quarters: EvaluationQuarter[];
	/** Quarters of the run without any capacity entered. */
	withoutCapacity: string[];
	capacity: CapacityLine[];
	/** The ladder's steps (then cases without one where there are any), with `EvaluationYear.steps` in this order. */
	steps: { step: string | null; label: string }[];
	responses: OrganisationResponses[];
	threshold: number;
	problems: ProblemRow[];
	solutions: SolutionRow[];
	kwesties: KwestieOutcome[];
	tables: DataTable[];
}

/** An amount the college report gives in euros back to exact cents (exact below 90 billion euros, see money.ts). */
const centsOfEuros = (amount: number): Cents => BigInt(Math.round(amount * 100));
const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);
/** `a / b` to `digits` decimals, rounded half up; null when b is 0. */
const ratio = (a: bigint, b: bigint, digits: number): number | null => {
	if (b <= 0n) return null;
	const scale = 10n ** BigInt(digits);
	return Number(mulDivRound(a, scale, b)) / Number(scale);
};

function yearFigures(
	label: string,
	partial: boolean,
	report: PeriodReport,
	capacity: CapacityRow[],
	kaders: { kaders: AnswerCounts },
	ladder: (string | null)[]
): EvaluationYear {
	const current = report.comparison.current;
	const hours = sum(capacity.map((c) => c.hours));
	const capacityCost = sum(capacity.map((c) => c.cost));
	const total = capacityCost + centsOfEuros(report.spent);
	const closed = current.cases.solved + current.notSolved;
	const perCase = (n: number) => (n > 0 ? euros(mulDivRound(total, 1n, BigInt(n))) : null);
	return {
		label,
		partial,
		from: report.from,
		to: report.to,
		in: current.cases.in,
		solved: current.cases.solved,
		notSolved: current.notSolved,
		withdrawn: current.cases.withdrawn,
		open: current.cases.open,
		closed,
		solvedShare: percentage(current.cases.solved, closed),
		leadCases: current.lead.cases,
		medianLead: current.lead.median,
		signals: report.signals,
		spent: report.spent,
		savingsLow: report.savingsLow,
		savingsHigh: report.savingsHigh,
		capacityHours: Number(hours) / 100,
		capacityCost: euros(capacityCost),
		totalCost: euros(total),
		costPerCase: perCase(current.cases.in),
		costPerClosed: perCase(closed),
		kaders: { ...kaders.kaders },
		kadersShare: percentage(kaders.kaders.ja, kaders.kaders.ja + kaders.kaders.nee),
		steps: ladder.map((step) => report.steps.find((s) => s.step === step)?.in ?? 0)
	};
}

function quarterFigures(counts: QuarterCounts, capacity: CapacityRow[]): EvaluationQuarter {
	const own = capacity.filter((c) => c.kwartaal === counts.quarter);
	const hours = sum(own.map((c) => c.hours));
	const omoHours = sum(own.filter((c) => c.functie === 'omo-functionaris').map((c) => c.hours));
	// Per FTE = n ÷ (hours ÷ FTE_HOURS) = n × FTE_HOURS ÷ hours, with hours in hundredths.
	const perFte = (n: number) => ratio(BigInt(n) * BigInt(FTE_HOURS) * 100n, hours, 1);
	return {
		...counts,
		hours: Number(hours) / 100,
		omoHours: Number(omoHours) / 100,
		fte: ratio(hours, BigInt(FTE_HOURS) * 100n, 2) ?? 0,
		omoFte: ratio(omoHours, BigInt(FTE_HOURS) * 100n, 2) ?? 0,
		inPerFte: perFte(counts.in),
		openPerFte: perFte(counts.open),
		cost: euros(sum(own.map((c) => c.cost)))
	};
}

export interface EvaluationRequest {
	run: EvaluationRun;
	/** A municipality within the reach, or null for the whole reach. */
	gemeente?: string | null;
	/** `YYYY-MM-DD`, Europe/Amsterdam; today by default. */
	today?: string;
}

/**
 * Every figure of the evaluation for a run (checked by `runRequest`) within the user's reach. Only
 * roles that read reports get it; roles without case access (the college) get the same totals, with
 * the lists of recurring problems and solutions from at least three cases and their dates as months.
 * No part holds a case row.
 */
export async function evaluationReport(
	db: Database,
	user: SessionUser,
	request: EvaluationRequest
): Promise<EvaluationReport> {
	if (!capabilities(user.role).readReports) throw new Error('Deze rol leest geen rapportages.');
	const { run } = request;
	const gemeente = request.gemeente ?? null;
	if (gemeente && !reaches(user.reach, gemeente)) throw new Error(`${gemeente} valt buiten het bereik`);
	const today = request.today ?? todayInAmsterdam();
	const who = audience(user.role) === 'cases' ? 'cases' : 'totals';
	const reach: Reach = reportReach(user.reach, gemeente);
	const runFilter: CaseFilter = { ...EMPTY_FILTER, from: run.fromDate, to: run.toDate };
	const parts: (YearPart | null)[] = [...run.years, null];
	const periodOf = (part: YearPart | null) => part?.period ?? run.period;
	const filterOf = (part: YearPart | null): CaseFilter => ({
		...EMPTY_FILTER,
		from: periodOf(part).from,
		to: periodOf(part).to
	});

	const [reports, decisions, capacity, counts, responses, settings, kwesties] = await Promise.all([
		Promise.all(parts.map((part) => periodReport(db, user, periodOf(part), gemeente))),
		Promise.all(parts.map((part) => besluitenView(db, reach, filterOf(part)))),
		capacityRows(db, reach, { from: run.from, to: run.to }),
		quarterCounts(db, reach, run.quarters),
		partnerResponses(db, reach, runFilter, today),
		signalSettings(db, reach, gemeente),
		kwestieOutcomes(db, reach, run, today)
	]);
	const threshold = listThreshold(who, settings.threshold);
	const windowOptions = { threshold, windowMonths: run.quarters.length * 3 + 3, asOf: run.toDate };
	const [problems, recurring] = await Promise.all([
		signals(db, reach, runFilter, windowOptions),
		solutions(db, reach, runFilter, windowOptions)
	]);
	const { gemeenten, vocabularies } = reference();
	// The ladder in trede order, then the cases without a step where some part of the run has them.
	const ladder = [
		...vocabularies.escalatie.entries.map((e) => e.code),
		...(reports.some((r) => r.steps.some((s) => s.step === null)) ? [null] : [])
	];
	const inPart = (part: YearPart | null) => (c: CapacityRow) =>
		part === null || part.quarters.some((q) => q.key === c.kwartaal);
	const figures = parts.map((part, i) =>
		yearFigures(
			part?.label ?? 'Hele looptijd',
			part?.partial ?? false,
			reports[i],
			capacity.filter(inPart(part)),
			decisions[i].total,
			ladder
		)
	);
	const names = (codes: string[]) => codes.map((code) => gemeenten.naam(code));
	const whole = reports.at(-1)!;
	const report: Omit<EvaluationReport, 'tables'> = {
		version: 1,
		run: {
			from: run.from,
			to: run.to,
			fromDate: run.fromDate,
			toDate: run.toDate,
			name: run.name,
			quarters: run.quarters.map((q) => q.key)
		},
		scope: whole.scope,
		audience: who,
		today,
		fteHours: FTE_HOURS,
		years: figures.slice(0, -1),
		total: figures.at(-1)!,
		quarters: counts.map((c) => quarterFigures(c, capacity)),
		withoutCapacity: run.quarters
			.map((q) => q.key)
			.filter((key) => !capacity.some((c) => c.kwartaal === key)),
		capacity: capacity.map((c) => ({
			kwartaal: c.kwartaal,
			gemeente: c.gemeenteNaam,
			functie: c.functieNaam,
			eenheid: c.eenheid,
			hoeveelheid: Number(c.hoeveelheid) / 100,
			hours: Number(c.hours) / 100,
			uurtarief: euros(c.uurtarief),
			cost: euros(c.cost)
		})),
		steps: ladder.map((step) => ({
			step,
			label: reports.flatMap((r) => r.steps).find((s) => s.step === step)?.label ?? String(step)
		})),
		responses,
		threshold,
		problems: problems.map((p) => ({
			kwestie: p.kwestie,
			cases: p.cases,
			first: listDate(who, p.first),
			last: listDate(who, p.last),
			gemeenten: names(p.gemeenteCodes),
			status: p.status
		})),
		solutions: recurring.map((s) => ({
			oplossing: s.oplossing,
			cases: s.cases,
			first: listDate(who, s.first),
			last: listDate(who, s.last),
			gemeenten: names(s.gemeenteCodes),
			instrumenten: s.instrumenten.map((code) => vocabularies.instrumenten.get(code)?.naam ?? code),
			outsideKaders: s.outsideKaders
		})),
		kwesties
	};
	return { ...report, tables: evaluationTables(report) };
}
