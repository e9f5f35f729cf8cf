/** The evaluation's own queries: cases per quarter of the run as the college report counts them, and the kwesties of the scope with their status trail and effect. */
import { EMPTY_FILTER } from '$lib/domain/filters';
import { formatDate } from '$lib/domain/format';
import { STATUS_NAMES, isStatus, type KwestieSummary } from '$lib/domain/kwesties';
import type { Reach } from '$lib/domain/roles';
import type { Database } from '../db';
import { CASE_SCOPE, scopeParams } from '../analytics/filter';
import { CASE_KWESTIES, foldSql } from '../kwesties/case-kwesties';
import { measureEffect, type Effect } from '../kwesties/detail';
import { SOLUTION_KEY_PREFIX, SOLUTION_KIND } from '../kwesties/solutions';
import { reference } from '../reference';
import type { Quarter } from './run';

/** One quarter's cases, counted as the college report counts a period. */
export interface QuarterCounts {
	quarter: string;
	/** Registered (aangemeld_op) in the quarter. */
	in: number;
	/** Closed in the quarter: afgerond or ingetrokken on afgerond_op, else on aangemeld_op. */
	closed: number;
	/** Registered by the quarter's last day and not closed by then. */
	open: number;
}

/*
 * The definitions of the college report's COUNTS_SQL (report.ts), one row per quarter of the run: a
 * case closes on its afgerond_op, or on its aangemeld_op where the export gives none.
 */
const QUARTERS_SQL = `
	WITH scoped AS (
		SELECT aangemeld_op,
			CASE WHEN status <> 'open' THEN coalesce(afgerond_op, aangemeld_op) END AS closed_on
		FROM cases WHERE ${CASE_SCOPE}
	),
	periods AS (SELECT unnest($keys) AS key, unnest($froms)::DATE AS p_from, unnest($tos)::DATE AS p_to)
	SELECT p.key AS quarter,
		count(s.aangemeld_op) FILTER (WHERE s.aangemeld_op BETWEEN p.p_from AND p.p_to)::INTEGER AS "in",
		count(s.aangemeld_op) FILTER (WHERE s.closed_on BETWEEN p.p_from AND p.p_to)::INTEGER AS closed,
		count(s.aangemeld_op) FILTER (WHERE s.closed_on IS NULL OR s.closed_on > p.p_to)::INTEGER AS open
	FROM periods p LEFT JOIN scoped s ON s.aangemeld_op <= p.p_to
	GROUP BY p.key`;

export async function quarterCounts(
	db: Database,
	reach: Reach,
	quarters: Quarter[]
): Promise<QuarterCounts[]> {
	const rows = await db.all<QuarterCounts>(QUARTERS_SQL, {
		...scopeParams(reach, EMPTY_FILTER),
		keys: quarters.map((q) => q.key),
		froms: quarters.map((q) => q.from),
		tos: quarters.map((q) => q.to)
	});
	return quarters.map(
		(q) => rows.find((r) => r.quarter === q.key) ?? { quarter: q.key, in: 0, closed: 0, open: 0 }
	);
}

/** A kwestie of the scope and what became of it. */
export interface KwestieOutcome {
	id: number;
	gemeente: string;
	label: string;
	kind: KwestieSummary['kind'];
	status: KwestieSummary['status'];
	/** `Gesignaleerd → In analyse (12-03-2024) → Maatregel genomen (01-06-2024)`. */
	trail: string;
	measure: string | null;
	measureOn: string | null;
	/** Its cases registered in the run. */
	casesInRun: number;
	/** Cases per quarter before and after the measure, up to `today`. */
	effect: Effect | null;
}

const SUMMARY_COLUMNS = `id::INTEGER AS id, scope, key, label, coalesce(kind, 'knelpunt') AS kind, status, owner,
	urgency, agenda, rule, measure, strftime(measure_on, '%Y-%m-%d') AS measureOn,
	strftime(updated_at, '%Y-%m-%dT%H:%M:%SZ') AS updatedAt`;

/*
 * Cases per kwestie and quarter of registration, all kwesties in one scan: a knelpunt has the cases of
 * its municipality whose kwestie folds to its key, a structurele oplossing those with a solution
 * label that folds to its key without the prefix (as KWESTIE_CASES in kwesties/detail.ts).
 */
const KWESTIE_QUARTERS_SQL = `
	WITH wanted AS (
		SELECT unnest($ids) AS id, unnest($scopes) AS scope, unnest($keys) AS key, unnest($solution) AS solution
	),
	labelled AS (
		SELECT gemeente, k_key, list_transform(oplossing, o -> ${foldSql('o')}) AS solutions,
			strftime(aangemeld_op, '%Y') || '-Q' || quarter(aangemeld_op) AS quarter
		FROM ${CASE_KWESTIES} c WHERE list_contains($scopes, gemeente)
	)
	SELECT w.id, l.quarter, count(*)::INTEGER AS cases
	FROM wanted w JOIN labelled l ON l.gemeente = w.scope
		AND (CASE WHEN w.solution = 1 THEN list_contains(l.solutions, w.key) ELSE l.k_key = w.key END)
	GROUP BY ALL ORDER BY w.id, l.quarter`;

function trailOf(changes: { old_value: string | null; new_value: string | null; day: string }[]): string {
	const name = (status: string | null) =>
		status && isStatus(status) ? STATUS_NAMES[status] : 'Gesignaleerd';
	if (changes.length === 0) return name(null);
	const steps = changes
		.filter((c) => c.old_value !== null || c.new_value !== 'gesignaleerd')
		.map((c) => `${name(c.new_value)} (${formatDate(c.day)})`);
	return [name(changes[0].old_value), ...steps].join(' → ');
}

/**
 * The kwesties of the municipalities in `reach` that the workflow picked up (beyond gesignaleerd), by
 * label: the status trail from their history, the measure, their cases in the run and the effect of the
 * measure. A signal nobody picked up yet stands in the list of recurring problems with its status; all
 * of them here would be thousands of rows over a region's years.
 */
export async function kwestieOutcomes(
	db: Database,
	reach: Reach,
	run: { quarters: Quarter[] },
	today: string
): Promise<KwestieOutcome[]> {
	const kwesties = await db.all<KwestieSummary>(
		`SELECT ${SUMMARY_COLUMNS} FROM kwesties
		 WHERE scope <> 'landelijk' AND ($reach_all OR list_contains($reach, scope))
			AND status <> 'gesignaleerd'
		 ORDER BY label, scope`,
		{ reach_all: reach.all, reach: reach.all ? [] : [...reach.gemeenten] }
	);
	if (kwesties.length === 0) return [];
	const solution = (k: KwestieSummary) => k.kind === SOLUTION_KIND;
	const [changes, perQuarter] = await Promise.all([
		db.all<{ id: number; old_value: string | null; new_value: string | null; day: string }>(
			`SELECT kwestie_id::INTEGER AS id, old_value, new_value, strftime(changed_at, '%Y-%m-%d') AS day
			 FROM kwestie_changes WHERE field = 'status' AND list_contains($ids, kwestie_id)
			 ORDER BY changed_at, new_value`,
			{ ids: kwesties.map((k) => k.id) }
		),
		db.all<{ id: number; quarter: string; cases: number }>(KWESTIE_QUARTERS_SQL, {
			ids: kwesties.map((k) => k.id),
			scopes: kwesties.map((k) => k.scope),
			keys: kwesties.map((k) => (solution(k) ? k.key.slice(SOLUTION_KEY_PREFIX.length) : k.key)),
			solution: kwesties.map((k) => (solution(k) ? 1 : 0))
		})
	]);
	const inRun = new Set(run.quarters.map((q) => q.key));
	const { gemeenten } = reference();
	return kwesties.map((k) => {
		const quarters = perQuarter.filter((r) => r.id === k.id).map((r) => ({ ...r, phase: null }));
		return {
			id: k.id,
			gemeente: gemeenten.naam(k.scope),
			label: k.label,
			kind: k.kind,
			status: k.status,
			trail: trailOf(changes.filter((c) => c.id === k.id)),
			measure: k.measure,
			measureOn: k.measureOn,
			casesInRun: quarters.filter((q) => inRun.has(q.quarter)).reduce((sum, q) => sum + q.cases, 0),
			effect: measureEffect(quarters, k.measureOn, today)
		};
	});
}
