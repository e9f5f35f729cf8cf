/** The college's period report: every figure of a quarter, half-year or year against the period before and a year before, with its tables. */
import { EMPTY_FILTER, type CaseFilter } from '$lib/domain/filters';
import { formatDate } from '$lib/domain/format';
import { STATUS_NAMES, type KwestieStatus } from '$lib/domain/kwesties';
import {
	comparedPeriods,
	comparedWith,
	MONITORING_NAMES,
	MONITORING_STATES,
	type KwestieFigures,
	type MonitoringFigures,
	type PeriodFigures,
	type PeriodReport,
	type SignalFigures,
	type StepFigures
} from '$lib/domain/report';
import { capabilities, reaches, type Reach, type SessionUser } from '$lib/domain/roles';
import type { DataTable } from '$lib/domain/table';
import { fold } from '$lib/domain/text';
import { centsOf, euros } from '$lib/domain/money';
import type { Database } from '../db';
import { reference } from '../reference';
import { budgetSummary } from '../analytics/budget';
import { settlementProposal, settlementTable } from '../analytics/budget/settlement';
import { savingsCtes } from '../analytics/savings';
import { cooccurrence } from '../analytics/cooccurrence';
import { countsByLabel } from '../analytics/counts';
import { CASE_SCOPE, parseFilter, scopeParams } from '../analytics/filter';
import { NIVEAU_LABELS, wettenView } from '../analytics/wetten';
import { signals } from '../kwesties/signals';
import { signalSettings } from '../kwesties/settings';
import { parsePeriod, previousPeriod, yearBefore, type ReportPeriod } from './period';

/** The roles that receive the report: the municipality's own; landelijk sees aggregates elsewhere. */
export function mayReadReports(user: SessionUser): boolean {
	return capabilities(user.role).readReports;
}

/** Whether a user may write the "wat leren we" text and save a report. */
export function maySaveReports(user: SessionUser): boolean {
	return capabilities(user.role).saveReports;
}

export const PERIOD_MESSAGE =
	'Kies de periode als jaar (2025), halfjaar (2025-H1, 2025-H2) of kwartaal (2025-Q1 tot en met 2025-Q4).';

export type ReportRequest =
	| { ok: true; period: ReportPeriod; gemeente: string | null }
	| { ok: false; status: 400 | 403; message: string; field: string | null };

/** Checks who asks, the period and the municipality chosen (which must lie within the reach). */
export function reportRequest(
	user: SessionUser,
	periodText: string | null,
	gemeenteText: string | null
): ReportRequest {
	if (!mayReadReports(user)) {
		return {
			ok: false,
			status: 403,
			field: null,
			message: 'De rapportage is er voor de gemeenten zelf; het landelijk programma ziet de vergelijking.'
		};
	}
	const period = parsePeriod(periodText);
	if (!period) return { ok: false, status: 400, field: 'period', message: PERIOD_MESSAGE };
	const parsed = parseFilter(new URLSearchParams(gemeenteText ? { gemeente: gemeenteText } : {}), user.reach);
	if (!parsed.ok) return { ok: false, status: parsed.status, field: parsed.field, message: parsed.message };
	return { ok: true, period, gemeente: parsed.filter.gemeente };
}

/** The reach a report covers: the user's, narrowed to the chosen municipality (already checked to lie within it). */
export function reportReach(reach: Reach, gemeente: string | null): Reach {
	return gemeente ? { all: false, gemeenten: [gemeente] } : reach;
}

function scopeLabel(reach: Reach): string {
	if (reach.all) return 'alle gemeenten';
	const { gemeenten } = reference();
	const names = reach.gemeenten.map((code) => gemeenten.naam(code)).sort((a, b) => a.localeCompare(b, 'nl'));
	if (names.length === 1) return names[0];
	return `${names.length} gemeenten: ${names.slice(0, -1).join(', ')} en ${names.at(-1)}`;
}

interface CountRow {
	key: string;
	g_step: number;
	step: string | null;
	in: number;
	solved: number;
	withdrawn: number;
	not_solved: number;
	open: number;
	lead_cases: number;
	median_lead: number | null;
}

/*
 * One scan over the scope's cases, repeated per period by a cross join with the three periods. A
 * case closes on its afgerond_op, or on its aangemeld_op where the export gives no afgerond_op; it
 * is open at a period's end when it was registered by then and had not closed by then.
 */
const COUNTS_SQL = `
	WITH scoped AS (
		SELECT escalatie AS step, status, uitkomst, aangemeld_op, afgerond_op,
			CASE WHEN status <> 'open' THEN coalesce(afgerond_op, aangemeld_op) END AS closed_on
		FROM cases WHERE ${CASE_SCOPE}
	),
	periods AS (SELECT unnest($keys) AS key, unnest($froms)::DATE AS p_from, unnest($tos)::DATE AS p_to),
	marked AS (
		SELECT p.key, s.step, s.status, s.uitkomst,
			s.aangemeld_op BETWEEN p.p_from AND p.p_to AS is_in,
			s.closed_on BETWEEN p.p_from AND p.p_to AS closes,
			s.aangemeld_op <= p.p_to AND (s.closed_on IS NULL OR s.closed_on > p.p_to) AS is_open,
			CASE WHEN s.status = 'afgerond' AND s.afgerond_op BETWEEN p.p_from AND p.p_to
				THEN s.afgerond_op - s.aangemeld_op END AS lead
		FROM periods p CROSS JOIN scoped s
		WHERE s.aangemeld_op <= p.p_to
	)
	SELECT key, GROUPING(step)::INTEGER AS g_step, step,
		count(*) FILTER (WHERE is_in)::INTEGER AS "in",
		count(*) FILTER (WHERE closes AND status = 'afgerond' AND uitkomst IN ('opgelost', 'deels_opgelost'))::INTEGER AS solved,
		count(*) FILTER (WHERE closes AND status = 'ingetrokken')::INTEGER AS withdrawn,
		count(*) FILTER (WHERE closes AND status = 'afgerond'
			AND (uitkomst IS NULL OR uitkomst NOT IN ('opgelost', 'deels_opgelost')))::INTEGER AS not_solved,
		count(*) FILTER (WHERE is_open)::INTEGER AS open,
		count(lead)::INTEGER AS lead_cases,
		median(lead)::DOUBLE AS median_lead
	FROM marked
	GROUP BY GROUPING SETS ((key), (key, step))`;

async function countRows(db: Database, reach: Reach, periods: ReportPeriod[]): Promise<CountRow[]> {
	return db.all<CountRow>(COUNTS_SQL, {
		...scopeParams(reach, EMPTY_FILTER),
		keys: periods.map((p) => p.period),
		froms: periods.map((p) => p.from),
		tos: periods.map((p) => p.to)
	});
}

function periodFigures(period: ReportPeriod, row: CountRow | undefined): PeriodFigures {
	return {
		period: period.period,
		from: period.from,
		to: period.to,
		name: period.name,
		cases: {
			in: row?.in ?? 0,
			solved: row?.solved ?? 0,
			open: row?.open ?? 0,
			withdrawn: row?.withdrawn ?? 0
		},
		notSolved: row?.not_solved ?? 0,
		lead: { cases: row?.lead_cases ?? 0, median: row?.median_lead ?? null }
	};
}

function stepLabel(step: string | null): string {
	if (step === null) return 'Geen trede vastgelegd';
	const entry = reference().vocabularies.escalatie.get(step);
	return entry ? `${entry.detail}. ${entry.naam.split(/[,:]/)[0]}` : step;
}

/** Every step of the ladder in trede order, then cases without a step where there are any. */
function stepFigures(rows: CountRow[]): StepFigures[] {
	const ladder = [...reference().vocabularies.escalatie.entries.map((e) => e.code), null];
	return ladder
		.map((step) => {
			const row = rows.find((r) => r.step === step);
			return {
				step,
				label: stepLabel(step),
				in: row?.in ?? 0,
				solved: row?.solved ?? 0,
				withdrawn: row?.withdrawn ?? 0,
				open: row?.open ?? 0,
				medianLead: row?.median_lead ?? null
			};
		})
		.filter((s) => s.step !== null || s.in + s.solved + s.withdrawn + s.open > 0);
}

/**
 * Follow-ups recorded in the period: a case counts on its monitoring_op, else its afgerond_op, else
 * its aangemeld_op. The avoided costs as `savingsCtes` gives them.
 */
async function monitoringFigures(
	db: Database,
	reach: Reach,
	period: ReportPeriod
): Promise<PeriodReport['monitoring']> {
	const rows = await db.all<{ state: string; cases: number; spent: string; low: string; high: string }>(
		`WITH followed AS (
			SELECT * FROM cases WHERE ${CASE_SCOPE} AND monitoring IS NOT NULL
				AND coalesce(monitoring_op, afgerond_op, aangemeld_op) BETWEEN $p_from::DATE AND $p_to::DATE
		),
		${savingsCtes('followed', 'priced')}
		SELECT monitoring AS state, count(*)::INTEGER AS cases,
			coalesce(sum(kosten_oplossing), 0)::VARCHAR AS spent,
			coalesce(sum(savings_low), 0)::VARCHAR AS low,
			coalesce(sum(savings_high), 0)::VARCHAR AS high
		 FROM priced
		 GROUP BY monitoring`,
		{ ...scopeParams(reach, EMPTY_FILTER), p_from: period.from, p_to: period.to }
	);
	const states: MonitoringFigures[] = MONITORING_STATES.map((state) => {
		const row = rows.find((r) => r.state === state);
		return {
			state,
			label: MONITORING_NAMES[state],
			cases: row?.cases ?? 0,
			spent: euros(centsOf(row?.spent)),
			savingsLow: euros(centsOf(row?.low)),
			savingsHigh: euros(centsOf(row?.high))
		};
	});
	const duurzaam = states.find((s) => s.state === 'duurzaam')!;
	return { states, realisedLow: duurzaam.savingsLow, realisedHigh: duurzaam.savingsHigh };
}

/** The kwesties of the scope: those the signals name and those the kwaliteitsteam picked up. */
async function scopeKwesties(
	db: Database,
	reach: Reach,
	keys: string[]
): Promise<(KwestieFigures & { key: string; scope: string })[]> {
	const rows = await db.all<KwestieFigures & { key: string; scope: string }>(
		// A proposal for a standing mandate or beleidsregel says so, beside the problems it sits between.
		`SELECT id::INTEGER AS id, scope, key,
			CASE WHEN kind = 'structurele_oplossing' THEN 'Structurele oplossing: ' || label ELSE label END AS label,
			status, agenda, measure,
			strftime(measure_on, '%Y-%m-%d') AS measureOn
		 FROM kwesties
		 WHERE scope <> 'landelijk' AND ($reach_all OR list_contains($reach, scope))
			AND (status <> 'gesignaleerd' OR list_contains($keys, key))
		 ORDER BY label, scope`,
		{ reach_all: reach.all, reach: reach.all ? [] : [...reach.gemeenten], keys }
	);
	const { gemeenten } = reference();
	return rows.map((r) => ({ ...r, gemeente: gemeenten.naam(r.scope) }));
}

async function signalFigures(
	db: Database,
	reach: Reach,
	gemeente: string | null,
	period: ReportPeriod
): Promise<{ list: PeriodReport['signalList']; kwesties: KwestieFigures[] }> {
	const settings = await signalSettings(db, reach, gemeente);
	const asOf = period.to;
	const found = await signals(db, reach, { ...EMPTY_FILTER, gemeente }, { ...settings, asOf });
	const kwesties = await scopeKwesties(
		db,
		reach,
		found.map((s) => s.key)
	);
	const { gemeenten } = reference();
	const rows: SignalFigures[] = found.map((s) => ({
		kwestie: s.kwestie,
		cases: s.cases,
		first: s.first,
		last: s.last,
		gemeenten: s.gemeenteCodes.map((code) => gemeenten.naam(code)),
		status: s.status,
		measures: kwesties
			.filter((k) => k.key === s.key && s.gemeenteCodes.includes(k.scope) && k.measure)
			.map((k) => ({ gemeente: k.gemeente, measure: k.measure!, measureOn: k.measureOn }))
	}));
	return {
		list: { threshold: settings.threshold, windowMonths: settings.windowMonths, asOf, rows },
		kwesties: kwesties
			.filter((k) => k.status !== 'gesignaleerd')
			.map(({ id, gemeente: naam, label, status, agenda, measure, measureOn }) => ({
				id,
				gemeente: naam,
				label,
				status,
				agenda,
				measure,
				measureOn
			}))
	};
}

async function budgetFigures(
	db: Database,
	reach: Reach,
	filter: CaseFilter,
	period: ReportPeriod
): Promise<PeriodReport['budget']> {
	const yearFilter = { ...filter, from: `${period.year}-01-01` };
	const [summary, yearToDate, settlement] = await Promise.all([
		budgetSummary(db, reach, filter),
		budgetSummary(db, reach, yearFilter),
		settlementProposal(db, reach, yearFilter)
	]);
	const organisaties = reference().vocabularies.organisaties;
	const funds = yearToDate.funds.map((f) => {
		const inPeriod = summary.funds.find((p) => fold(p.fund) === fold(f.fund));
		return {
			fund: f.fund,
			budget: f.budget,
			spent: inPeriod?.spent ?? 0,
			spentYearToDate: f.spent,
			cases: inPeriod?.cases ?? 0
		};
	});
	return {
		cases: summary.cases,
		spent: summary.spent,
		savingsLow: summary.savingsLow,
		savingsHigh: summary.savingsHigh,
		withoutEstimate: summary.withoutEstimate,
		advanced: summary.advanced,
		repaid: summary.repaid,
		forgiven: summary.forgiven,
		outstanding: summary.outstanding,
		contributions: yearToDate.contributions,
		settlement,
		funds,
		benefitsBy: summary.benefitsBy
			.filter((b) => b.savingsLow !== 0 || b.savingsHigh !== 0)
			.map((b) => ({
				...b,
				naam: b.party === 'onbekend' ? 'Onbekend' : (organisaties.get(b.party)?.naam ?? b.party)
			}))
	};
}

/**
 * Every figure of the report for a period and a municipality chosen within the user's reach (the
 * caller checks the choice). Counts follow `GET /api/v1/report` of the interfaces; the other sections
 * count the cases registered in the period, as the views do with the same dates.
 */
export async function periodReport(
	db: Database,
	user: Pick<SessionUser, 'reach'>,
	period: ReportPeriod,
	gemeente: string | null = null
): Promise<PeriodReport> {
	if (gemeente && !reaches(user.reach, gemeente)) throw new Error(`${gemeente} valt buiten het bereik`);
	const reach = reportReach(user.reach, gemeente);
	const filter: CaseFilter = { ...EMPTY_FILTER, from: period.from, to: period.to, gemeente };
	const before = previousPeriod(period);
	const lastYear = yearBefore(period);
	const { vocabularies } = reference();

	const [counts, leefgebieden, organisaties, ministeries, wetten, budget, monitoring, signalled] =
		await Promise.all([
			countRows(db, reach, [period, before, lastYear]),
			cooccurrence(db, 'leefgebieden', 'single', reach, filter),
			countsByLabel(db, 'organisaties', reach, filter),
			countsByLabel(db, 'ministeries', reach, filter),
			wettenView(db, reach, filter),
			budgetFigures(db, reach, filter, period),
			monitoringFigures(db, reach, period),
			signalFigures(db, reach, gemeente, period)
		]);
	const total = (p: ReportPeriod) => counts.find((r) => r.key === p.period && r.g_step === 1);
	const comparison = {
		current: periodFigures(period, total(period)),
		previous: periodFigures(before, total(before)),
		yearBefore: periodFigures(lastYear, total(lastYear))
	};
	const naam = (dimension: 'leefgebieden' | 'organisaties' | 'ministeries', code: string) =>
		vocabularies[dimension].get(code)?.naam ?? code;

	const report: Omit<PeriodReport, 'tables'> = {
		version: 1,
		period: period.period,
		from: period.from,
		to: period.to,
		name: period.name,
		scope: {
			gemeente,
			gemeenten: reach.all ? null : [...reach.gemeenten].sort(),
			label: scopeLabel(reach)
		},
		cases: comparison.current.cases,
		previous: comparison.previous.cases,
		spent: budget.spent,
		savingsLow: budget.savingsLow,
		savingsHigh: budget.savingsHigh,
		signals: signalled.list.rows.length,
		comparison,
		steps: stepFigures(counts.filter((r) => r.key === period.period && r.g_step === 0)),
		leefgebieden: {
			cases: leefgebieden.cases,
			withLabel: leefgebieden.withLabel,
			labels: leefgebieden.labels,
			names: Object.fromEntries(leefgebieden.labels.map((code) => [code, naam('leefgebieden', code)])),
			matrix: leefgebieden.matrix,
			totals: leefgebieden.totals
		},
		organisaties: {
			cases: organisaties.cases,
			counts: organisaties.counts
				.map((c) => ({
					code: c.label,
					naam: naam('organisaties', c.label),
					soort: vocabularies.organisaties.get(c.label)?.detail ?? 'anders',
					cases: c.cases
				}))
				.sort((a, b) => b.cases - a.cases)
		},
		ministeries: {
			cases: ministeries.cases,
			counts: ministeries.counts
				.map((c) => ({ code: c.label, naam: naam('ministeries', c.label), cases: c.cases }))
				.sort((a, b) => b.cases - a.cases)
		},
		wetten: {
			cases: wetten.cases,
			withWet: wetten.withWet,
			wetten: wetten.wetten
				.map((w) => ({ code: w.code, naam: w.naam, cases: w.cases }))
				.sort((a, b) => b.cases - a.cases),
			niveaus: wetten.niveaus.map((n) => ({
				niveau: n.niveau,
				label: NIVEAU_LABELS[n.niveau],
				cases: n.cases
			}))
		},
		budget,
		monitoring,
		signalList: signalled.list,
		kwesties: signalled.kwesties
	};
	return { ...report, tables: reportTables(report) };
}

/** The short form the interfaces define for `GET /api/v1/report?format=json`, followed by the rest. */
export function reportJson(report: PeriodReport): Record<string, unknown> {
	const { period, from, to, cases, previous, spent, savingsLow, savingsHigh, signals, tables, ...rest } =
		report;
	return { period, from, to, cases, previous, spent, savingsLow, savingsHigh, signals, ...rest };
}

const STATUS_TEXT = (status: KwestieStatus) => STATUS_NAMES[status];

/** The report's tables, ids prefixed `rapport-`, in the order the report shows them; also its XLSX annex. */
export function reportTables(report: Omit<PeriodReport, 'tables'>): DataTable[] {
	const { current } = report.comparison;
	const compared = comparedPeriods(report.comparison);
	const periods = [current, ...compared.map((c) => c.figures)];
	const line = (label: string, value: (p: PeriodFigures) => number | null) => ({
		cijfer: label,
		...Object.fromEntries(periods.map((p, i) => [`p${i}`, value(p)]))
	});
	return [
		{
			id: 'rapport-kerncijfers',
			caption: `Kerncijfers ${current.name} tegen ${comparedWith(compared)}`,
			columns: [
				{ key: 'cijfer', label: 'Kerncijfer' },
				{ key: 'p0', label: `${current.name} (deze periode)`, kind: 'count' },
				...compared.map((c, i) => ({
					key: `p${i + 1}`,
					label: `${c.figures.name} (${c.column})`,
					kind: 'count' as const
				}))
			],
			rows: [
				line('Aangemeld', (p) => p.cases.in),
				line('Opgelost of deels opgelost', (p) => p.cases.solved),
				line('Afgerond zonder oplossing', (p) => p.notSolved),
				line('Ingetrokken', (p) => p.cases.withdrawn),
				line('Open aan het eind van de periode', (p) => p.cases.open),
				line('Mediane doorlooptijd in dagen (afgerond in de periode)', (p) => p.lead.median)
			]
		},
		{
			id: 'rapport-treden',
			caption: `Casussen per hoogste escalatietrede, ${current.name}`,
			columns: [
				{ key: 'trede', label: 'Hoogste trede' },
				{ key: 'aangemeld', label: 'Aangemeld', kind: 'count' },
				{ key: 'opgelost', label: 'Opgelost of deels opgelost', kind: 'count' },
				{ key: 'ingetrokken', label: 'Ingetrokken', kind: 'count' },
				{ key: 'open', label: 'Open aan het eind', kind: 'count' },
				{ key: 'doorlooptijd', label: 'Mediane doorlooptijd (dagen)', kind: 'decimal' }
			],
			rows: report.steps.map((s) => ({
				trede: s.label,
				aangemeld: s.in,
				opgelost: s.solved,
				ingetrokken: s.withdrawn,
				open: s.open,
				doorlooptijd: s.medianLead
			}))
		},
		{
			id: 'rapport-leefgebieden',
			caption: 'Casussen per paar leefgebieden; op de diagonaal: alleen dit leefgebied',
			columns: [
				{ key: 'leefgebied', label: 'Leefgebied' },
				...report.leefgebieden.labels.map((code) => ({
					key: code,
					label: report.leefgebieden.names[code],
					kind: 'count' as const
				})),
				{ key: 'totaal', label: 'Totaal', kind: 'count' }
			],
			rows: report.leefgebieden.labels.map((code, i) => ({
				leefgebied: report.leefgebieden.names[code],
				...Object.fromEntries(
					report.leefgebieden.labels.map((other, j) => [other, report.leefgebieden.matrix[i][j]])
				),
				totaal: report.leefgebieden.totals[code]
			}))
		},
		{
			id: 'rapport-organisaties',
			caption: 'Casussen per betrokken organisatie',
			columns: [
				{ key: 'organisatie', label: 'Organisatie' },
				{ key: 'soort', label: 'Soort' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' }
			],
			rows: report.organisaties.counts.map((c) => ({
				organisatie: c.naam,
				soort: c.soort,
				casussen: c.cases
			}))
		},
		{
			id: 'rapport-ministeries',
			caption: 'Casussen per betrokken ministerie',
			columns: [
				{ key: 'ministerie', label: 'Ministerie' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' }
			],
			rows: report.ministeries.counts.map((c) => ({ ministerie: c.naam, casussen: c.cases }))
		},
		{
			id: 'rapport-wetten',
			caption: 'Casussen per wet',
			columns: [
				{ key: 'wet', label: 'Wet' },
				{ key: 'naam', label: 'Naam' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' }
			],
			rows: report.wetten.wetten.map((w) => ({ wet: w.code, naam: w.naam, casussen: w.cases }))
		},
		{
			id: 'rapport-niveaus',
			caption: 'Casussen per niveau van het knelpunt',
			columns: [
				{ key: 'niveau', label: 'Niveau' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' }
			],
			rows: report.wetten.niveaus.map((n) => ({ niveau: n.label, casussen: n.cases }))
		},
		{
			id: 'rapport-fondsen',
			caption: `Budget en besteding per fonds (budget van ${current.from.slice(0, 4)})`,
			columns: [
				{ key: 'fonds', label: 'Fonds' },
				{ key: 'budget', label: 'Budget', kind: 'euro' },
				{ key: 'besteed', label: 'Besteed in de periode', kind: 'euro' },
				{ key: 'jaar', label: 'Besteed in het jaar tot en met de periode', kind: 'euro' },
				{ key: 'casussen', label: 'Casussen in de periode', kind: 'count' }
			],
			rows: report.budget.funds.map((f) => ({
				fonds: f.fund,
				budget: f.budget,
				besteed: f.spent,
				jaar: f.spentYearToDate,
				casussen: f.cases
			}))
		},
		{
			id: 'rapport-kassabon',
			caption: 'Kosten van de oplossingen en vermeden kosten (kassabon)',
			columns: [
				{ key: 'post', label: 'Post' },
				{ key: 'bedrag', label: 'Bedrag', kind: 'euro' }
			],
			rows: [
				{ post: 'Besteed aan oplossingen', bedrag: report.budget.spent },
				{ post: 'Vermeden kosten, lage schatting', bedrag: report.budget.savingsLow },
				{ post: 'Vermeden kosten, hoge schatting', bedrag: report.budget.savingsHigh },
				{ post: 'Voorgeschoten', bedrag: report.budget.advanced },
				{ post: 'Terugbetaald', bedrag: report.budget.repaid },
				{ post: 'Kwijtgescholden', bedrag: report.budget.forgiven },
				{ post: 'Voorschotten die nog openstaan', bedrag: report.budget.outstanding },
				{ post: 'Bijdragen van partners aan de fondsen (het jaar)', bedrag: report.budget.contributions }
			]
		},
		{
			id: 'rapport-baten',
			caption: 'Vermeden kosten per partij waar ze neerslaan',
			columns: [
				{ key: 'partij', label: 'Partij' },
				{ key: 'laag', label: 'Lage schatting', kind: 'euro' },
				{ key: 'hoog', label: 'Hoge schatting', kind: 'euro' }
			],
			rows: report.budget.benefitsBy.map((b) => ({ partij: b.naam, laag: b.savingsLow, hoog: b.savingsHigh }))
		},
		settlementTable('rapport-verrekening', report.budget.settlement),
		{
			id: 'rapport-monitoring',
			caption: 'Monitoring na 6 tot 12 maanden, vastgelegd in de periode',
			columns: [
				{ key: 'uitkomst', label: 'Uitkomst van de monitoring' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' },
				{ key: 'kosten', label: 'Kosten', kind: 'euro' },
				{ key: 'laag', label: 'Vermeden kosten, laag', kind: 'euro' },
				{ key: 'hoog', label: 'Vermeden kosten, hoog', kind: 'euro' }
			],
			rows: report.monitoring.states.map((m) => ({
				uitkomst: m.label,
				casussen: m.cases,
				kosten: m.spent,
				laag: m.savingsLow,
				hoog: m.savingsHigh
			}))
		},
		{
			id: 'rapport-signalen',
			caption: `Signalen: kwesties met ten minste ${report.signalList.threshold} casussen in de ${report.signalList.windowMonths} maanden tot en met ${formatDate(report.signalList.asOf)}`,
			columns: [
				{ key: 'kwestie', label: 'Kwestie' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' },
				{ key: 'eerste', label: 'Eerste', kind: 'date' },
				{ key: 'laatste', label: 'Laatste', kind: 'date' },
				{ key: 'gemeenten', label: 'Gemeenten' },
				{ key: 'status', label: 'Status' },
				{ key: 'maatregel', label: 'Maatregel' }
			],
			rows: report.signalList.rows.map((s) => ({
				kwestie: s.kwestie,
				casussen: s.cases,
				eerste: s.first,
				laatste: s.last,
				gemeenten: s.gemeenten.join(', '),
				status: STATUS_TEXT(s.status),
				maatregel: s.measures
					.map((m) => `${m.gemeente}: ${m.measure}${m.measureOn ? ` (${formatDate(m.measureOn)})` : ''}`)
					.join('; ')
			}))
		},
		{
			id: 'rapport-kwesties',
			caption: 'Kwesties in behandeling en de genomen maatregelen',
			columns: [
				{ key: 'kwestie', label: 'Kwestie' },
				{ key: 'gemeente', label: 'Gemeente' },
				{ key: 'status', label: 'Status' },
				{ key: 'maatregel', label: 'Maatregel' },
				{ key: 'ingegaan', label: 'Ingegaan op', kind: 'date' }
			],
			rows: report.kwesties.map((k) => ({
				kwestie: k.label,
				gemeente: k.gemeente,
				status: STATUS_TEXT(k.status),
				maatregel: k.measure,
				ingegaan: k.measureOn
			}))
		}
	];
}
