/** Saved period reports: the figures and "wat leren we" text frozen with the imports they came from, reopened exactly, and compared with the live figures. */
import { createHash } from 'node:crypto';
import type { PeriodReport } from '$lib/domain/report';
import type { Reach, SessionUser } from '$lib/domain/roles';
import type { Database } from '../db';
import { audit } from '../audit';
import { mayReadReports, periodReport, reportReach } from './report';
import { parsePeriod, type ReportPeriod } from './period';

export const LESSONS_MAX = 10_000;

export interface SavedReportSummary {
	id: number;
	period: string;
	/** `derde kwartaal 2025`. */
	name: string;
	scopeLabel: string;
	gemeente: string | null;
	savedBy: string;
	/** UTC, `YYYY-MM-DDTHH:MM:SSZ`. */
	savedAt: string;
}

export interface SavedReport extends SavedReportSummary {
	figures: PeriodReport;
	lessons: string;
	importIds: number[];
	importsFingerprint: string;
	figuresFingerprint: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The same figures give the same fingerprint: the report object is built in a fixed order. */
export function figuresFingerprint(report: PeriodReport): string {
	return sha256(JSON.stringify(report));
}

/** The imports whose cases are in the reach now, and a fingerprint of them (ids with their files' SHA-256). */
export async function scopeImports(
	db: Database,
	reach: Reach
): Promise<{ ids: number[]; fingerprint: string }> {
	const rows = await db.all<{ id: number; sha256: string }>(
		`SELECT i.id::INTEGER AS id, i.sha256 FROM imports i
		 WHERE i.id IN (SELECT DISTINCT import_id FROM cases WHERE $reach_all OR list_contains($reach, gemeente))
		 ORDER BY i.id`,
		{ reach_all: reach.all, reach: reach.all ? [] : [...reach.gemeenten] }
	);
	return {
		ids: rows.map((r) => r.id),
		fingerprint: sha256(rows.map((r) => `${r.id}:${r.sha256}`).join('\n'))
	};
}

export type LessonsCheck = { ok: true; lessons: string } | { ok: false; field: 'lessons'; message: string };

/** The "wat leren we" text of the form: required, at most LESSONS_MAX characters. */
export function parseLessons(value: FormDataEntryValue | null): LessonsCheck {
	const lessons = String(value ?? '')
		.replace(/\r\n/g, '\n')
		.trim();
	if (lessons === '') {
		return { ok: false, field: 'lessons', message: 'Schrijf eerst wat we leren van deze periode.' };
	}
	if (lessons.length > LESSONS_MAX) {
		return {
			ok: false,
			field: 'lessons',
			message: `De tekst is te lang: ten hoogste ${LESSONS_MAX.toLocaleString('nl-NL')} tekens.`
		};
	}
	return { ok: true, lessons };
}

/** Computes the report now and stores it with the text; returns the saved report's id. */
export async function saveReport(
	db: Database,
	user: SessionUser,
	period: ReportPeriod,
	gemeente: string | null,
	lessons: string,
	origin?: string
): Promise<number> {
	const figures = await periodReport(db, user, period, gemeente);
	const imports = await scopeImports(db, reportReach(user.reach, gemeente));
	return db.transaction(async (tx) => {
		const row = await tx.one<{ id: number }>(
			`INSERT INTO saved_reports (gemeente, gemeenten, period, figures, lessons, import_ids, imports_fingerprint,
				figures_fingerprint, saved_by)
			 VALUES ($gemeente, $gemeenten::VARCHAR[], $period, $figures::JSON, $lessons, $import_ids::BIGINT[],
				$imports_fingerprint, $figures_fingerprint, $saved_by)
			 RETURNING id::INTEGER AS id`,
			{
				gemeente,
				gemeenten: figures.scope.gemeenten,
				period: period.period,
				figures: JSON.stringify(figures),
				lessons,
				import_ids: imports.ids,
				imports_fingerprint: imports.fingerprint,
				figures_fingerprint: figuresFingerprint(figures),
				saved_by: user.email
			}
		);
		await audit(tx, {
			actor: user.email,
			action: 'rapportage opslaan',
			object: `rapport ${row!.id}: ${period.period} ${figures.scope.label}`,
			result: 'ok',
			origin
		});
		return row!.id;
	});
}

/** Whether a user may open a saved report: its municipalities all lie within the reach. */
function mayOpen(user: SessionUser, gemeenten: string[] | null): boolean {
	if (!mayReadReports(user)) return false;
	if (user.reach.all) return true;
	const reach = user.reach.gemeenten;
	return gemeenten !== null && gemeenten.every((code) => reach.includes(code));
}

interface SavedRow {
	id: number;
	period: string;
	gemeente: string | null;
	gemeenten: string[] | null;
	figures: string;
	lessons: string;
	import_ids: number[];
	imports_fingerprint: string;
	figures_fingerprint: string;
	saved_by: string;
	saved_at: string;
}

const SAVED_COLUMNS = `id::INTEGER AS id, period, gemeente, gemeenten, figures::VARCHAR AS figures, lessons,
	import_ids, imports_fingerprint, figures_fingerprint, saved_by,
	strftime(saved_at, '%Y-%m-%dT%H:%M:%SZ') AS saved_at`;

function savedReport(row: SavedRow): SavedReport {
	const figures = JSON.parse(row.figures) as PeriodReport;
	return {
		id: row.id,
		period: row.period,
		name: figures.name,
		scopeLabel: figures.scope.label,
		gemeente: row.gemeente,
		savedBy: row.saved_by,
		savedAt: row.saved_at,
		figures,
		lessons: row.lessons,
		importIds: row.import_ids,
		importsFingerprint: row.imports_fingerprint,
		figuresFingerprint: row.figures_fingerprint
	};
}

/** A saved report the user may open; undefined when it does not exist or lies outside the reach (no difference told). */
export async function openSavedReport(
	db: Database,
	user: SessionUser,
	id: number
): Promise<SavedReport | undefined> {
	const row = await db.one<SavedRow>(`SELECT ${SAVED_COLUMNS} FROM saved_reports WHERE id = $id`, { id });
	if (!row || !mayOpen(user, row.gemeenten)) return undefined;
	return savedReport(row);
}

/** The saved reports a user may open, newest first; with a period, only those of that period. */
export async function savedReports(
	db: Database,
	user: SessionUser,
	period: string | null = null
): Promise<SavedReportSummary[]> {
	const rows = await db.all<SavedReportSummary & { gemeenten: string[] | null }>(
		`SELECT id::INTEGER AS id, period, figures->>'name' AS name, figures->'scope'->>'label' AS scopeLabel,
			gemeente, gemeenten, saved_by AS savedBy, strftime(saved_at, '%Y-%m-%dT%H:%M:%SZ') AS savedAt
		 FROM saved_reports
		 WHERE $period::VARCHAR IS NULL OR period = $period
		 ORDER BY saved_at DESC, id DESC`,
		{ period }
	);
	return rows
		.filter((r) => mayOpen(user, r.gemeenten))
		.map((r) => ({
			id: r.id,
			period: r.period,
			name: r.name,
			scopeLabel: r.scopeLabel,
			gemeente: r.gemeente,
			savedBy: r.savedBy,
			savedAt: r.savedAt
		}));
}

/** The most recent text saved for this period and scope, to show with the live report and to start from. */
export async function latestLessons(
	db: Database,
	user: SessionUser,
	period: string,
	gemeenten: string[] | null
): Promise<{ id: number; lessons: string; savedBy: string; savedAt: string } | undefined> {
	const row = await db.one<{ id: number; lessons: string; saved_by: string; saved_at: string }>(
		`SELECT id::INTEGER AS id, lessons, saved_by, strftime(saved_at, '%Y-%m-%dT%H:%M:%SZ') AS saved_at
		 FROM saved_reports
		 WHERE period = $period AND gemeenten IS NOT DISTINCT FROM $gemeenten::VARCHAR[]
		 ORDER BY saved_at DESC, id DESC LIMIT 1`,
		{ period, gemeenten }
	);
	if (!row || !mayOpen(user, gemeenten)) return undefined;
	return { id: row.id, lessons: row.lessons, savedBy: row.saved_by, savedAt: row.saved_at };
}

export interface LiveComparison {
	/** The figures computed now differ from the stored ones. */
	changed: boolean;
	/** Imports with cases in the scope now that the report was not made from. */
	newImports: number[];
	/** Imports the report was made from that no longer hold cases in the scope (undone or replaced). */
	goneImports: number[];
}

/**
 * The figures without their tables: the tables are drawn from the figures, and how they are laid out may
 * change between versions (a year report once showed the year before twice) without a figure changing.
 */
const figuresOnly = (report: PeriodReport) => JSON.stringify({ ...report, tables: [] });

/** Recomputes the saved report's figures for its own scope and says whether they, or their imports, have changed since. */
export async function compareWithLive(db: Database, saved: SavedReport): Promise<LiveComparison> {
	const gemeenten = saved.figures.scope.gemeenten;
	const reach: Reach = gemeenten === null ? { all: true } : { all: false, gemeenten };
	const period = parsePeriod(saved.period);
	if (!period) return { changed: true, newImports: [], goneImports: [] };
	const [live, imports] = await Promise.all([
		periodReport(db, { reach }, period, saved.gemeente),
		scopeImports(db, reach)
	]);
	return {
		changed: figuresOnly(live) !== figuresOnly(saved.figures),
		newImports: imports.ids.filter((id) => !saved.importIds.includes(id)),
		goneImports: saved.importIds.filter((id) => !imports.ids.includes(id))
	};
}
