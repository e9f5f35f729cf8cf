/** Key figures of the dashboard: cases, open, solved, withdrawn, by escalation step and by year. */
import type { CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import type { DataTable } from '$lib/domain/table';
import type { Database } from '../db';
import { reference } from '../reference';
import { CASE_SCOPE, scopeParams } from './filter';
import { memoUntilWrite, viewKey } from '../db/memo';

export interface KeyFigures {
	cases: number;
	open: number;
	/** Closed as opgelost or deels_opgelost. */
	solved: number;
	notSolved: number;
	withdrawn: number;
	gemeenten: number;
	/** Median days from aangemeld_op to afgerond_op over closed cases. */
	medianLeadDays: number | null;
	byStep: { step: string | null; cases: number; solved: number }[];
	byYear: { year: number; cases: number; open: number; solved: number; withdrawn: number }[];
}

async function computeKeyFigures(db: Database, reach: Reach, filter: CaseFilter): Promise<KeyFigures> {
	const rows = await db.all<{
		grouping: string;
		year: number | null;
		step: string | null;
		cases: number;
		open: number;
		solved: number;
		not_solved: number;
		withdrawn: number;
		gemeenten: number;
		median_lead: number | null;
	}>(
		`SELECT
			CASE WHEN GROUPING(year) = 0 THEN 'year' WHEN GROUPING(escalatie) = 0 THEN 'step' ELSE 'all' END AS grouping,
			year, escalatie AS step,
			count(*)::INTEGER AS cases,
			count(*) FILTER (WHERE status = 'open')::INTEGER AS open,
			count(*) FILTER (WHERE status = 'afgerond' AND uitkomst IN ('opgelost', 'deels_opgelost'))::INTEGER AS solved,
			count(*) FILTER (WHERE status = 'afgerond' AND uitkomst = 'niet_opgelost')::INTEGER AS not_solved,
			count(*) FILTER (WHERE status = 'ingetrokken')::INTEGER AS withdrawn,
			count(DISTINCT gemeente)::INTEGER AS gemeenten,
			median(afgerond_op - aangemeld_op)::DOUBLE AS median_lead
		 FROM (SELECT *, year(aangemeld_op)::INTEGER AS year FROM cases WHERE ${CASE_SCOPE})
		 GROUP BY GROUPING SETS ((), (escalatie), (year))
		 ORDER BY year NULLS LAST`,
		scopeParams(reach, filter)
	);
	const all = rows.find((r) => r.grouping === 'all');
	return {
		cases: all?.cases ?? 0,
		open: all?.open ?? 0,
		solved: all?.solved ?? 0,
		notSolved: all?.not_solved ?? 0,
		withdrawn: all?.withdrawn ?? 0,
		gemeenten: all?.gemeenten ?? 0,
		medianLeadDays: all?.median_lead ?? null,
		byStep: rows
			.filter((r) => r.grouping === 'step')
			.map((r) => ({ step: r.step, cases: r.cases, solved: r.solved })),
		byYear: rows
			.filter((r) => r.grouping === 'year')
			.map((r) => ({ year: r.year!, cases: r.cases, open: r.open, solved: r.solved, withdrawn: r.withdrawn }))
	};
}

/** The dashboard's tables (shown under its charts and offered for download). */
export function dashboardTables(figures: KeyFigures): DataTable[] {
	const escalatie = reference().vocabularies.escalatie;
	const position = (step: string | null) => escalatie.get(step ?? '')?.position ?? Number.MAX_SAFE_INTEGER;
	const steps = [...figures.byStep].sort((a, b) => position(a.step) - position(b.step));
	return [
		{
			id: 'dashboard-jaren',
			caption: 'Casussen per jaar van aanmelding',
			columns: [
				{ key: 'jaar', label: 'Jaar' },
				{ key: 'aangemeld', label: 'Aangemeld', kind: 'count' },
				{ key: 'opgelost', label: 'Opgelost of deels opgelost', kind: 'count' },
				{ key: 'open', label: 'Nog open', kind: 'count' },
				{ key: 'ingetrokken', label: 'Ingetrokken', kind: 'count' }
			],
			rows: figures.byYear.map((y) => ({
				jaar: String(y.year),
				aangemeld: y.cases,
				opgelost: y.solved,
				open: y.open,
				ingetrokken: y.withdrawn
			}))
		},
		{
			id: 'dashboard-treden',
			caption: 'Casussen per hoogste escalatietrede',
			columns: [
				{ key: 'trede', label: 'Escalatietrede' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' },
				{ key: 'opgelost', label: 'Opgelost of deels opgelost', kind: 'count' }
			],
			rows: steps.map((s) => ({
				trede: s.step
					? `${escalatie.get(s.step)?.detail ?? ''}. ${escalatie.get(s.step)?.naam ?? s.step}`
					: 'Niet vastgelegd',
				casussen: s.cases,
				opgelost: s.solved
			}))
		}
	];
}

/** Kept until the next committed write: the figures only change with the data (an import bumps the generation). */
export const keyFigures = memoUntilWrite(viewKey('dashboard'), computeKeyFigures);
