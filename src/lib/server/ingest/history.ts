/** The import log as users see it, and the beheerder's acts on it: undo an import, remove a source, retention (AVG). */
import type { Reach } from '$lib/domain/roles';
import type { Database } from '../db';
import { audit } from '../audit';

export interface ImportLogRow {
	id: number;
	file_name: string;
	sha256: string;
	format: string;
	source: string;
	actor: string;
	started_at: string;
	status: 'imported' | 'refused' | 'bezig' | 'ongedaan';
	rows_in: number;
	inserted: number;
	updated: number;
	removed: number;
	rejected_rows: number;
	gemeenten: string[];
	replace_source: boolean;
	/** Only the newest import of a source can be undone. */
	undoable: boolean;
}

const REACH = '($reach_all OR list_has_all($reach, i.gemeenten) AND len(i.gemeenten) > 0)';
const reachParams = (reach: Reach) => ({
	reach_all: reach.all,
	reach: reach.all ? [] : [...reach.gemeenten]
});

/** Imports whose municipalities all lie in the reach, and the user's own refused attempts. */
export async function listImports(
	db: Database,
	reach: Reach,
	actor: string,
	limit = 50
): Promise<ImportLogRow[]> {
	return db.all<ImportLogRow>(
		`SELECT i.id, i.file_name, i.sha256, i.format, i.source, i.actor, i.started_at, i.status, i.rows_in, i.inserted,
			i.updated, i.removed, i.rejected_rows, i.gemeenten, i.replace_source,
			i.status = 'imported' AND NOT EXISTS (
				SELECT 1 FROM imports later WHERE later.source = i.source AND later.id > i.id AND later.status = 'imported'
			) AS undoable
		 FROM imports i
		 WHERE ${REACH} OR i.actor = $actor
		 ORDER BY i.id DESC LIMIT $limit`,
		{ ...reachParams(reach), actor, limit }
	);
}

export async function importProblems(db: Database, id: number, reach: Reach, actor: string) {
	return db.one<{ file_name: string; problems: string | null }>(
		`SELECT file_name, problems::VARCHAR AS problems FROM imports i WHERE id = $id AND (${REACH} OR i.actor = $actor)`,
		{ ...reachParams(reach), id, actor }
	);
}

export class HistoryError extends Error {}

/** Puts back what an import replaced or removed and deletes what it added. */
export async function undoImport(
	db: Database,
	id: number,
	reach: Reach,
	actor: string
): Promise<{ restored: number; deleted: number }> {
	const rows = await listImports(db, reach, actor, 1_000_000);
	const target = rows.find((r) => r.id === id);
	if (!target || target.gemeenten.length === 0) {
		throw new HistoryError('Deze import bestaat niet of valt buiten uw bereik.');
	}
	if (!target.undoable) {
		throw new HistoryError('Alleen de laatste geslaagde import van een bron kan ongedaan worden gemaakt.');
	}
	const outcome = await db.transaction(async (tx) => {
		const deleted = await tx.run('DELETE FROM cases WHERE import_id = $id', { id });
		const restored = await tx.run(
			`INSERT INTO cases SELECT * EXCLUDE (replaced_by_import, removed) FROM case_versions WHERE replaced_by_import = $id`,
			{ id }
		);
		await tx.run('DELETE FROM case_versions WHERE replaced_by_import = $id', { id });
		await tx.run(`UPDATE imports SET status = 'ongedaan', undone_at = current_timestamp WHERE id = $id`, {
			id
		});
		await audit(tx, { actor, action: 'import ongedaan maken', object: `import ${id}`, result: 'ok' });
		return { deleted, restored };
	});
	return outcome;
}

/** Sources and their case counts within the reach. */
export async function listSources(db: Database, reach: Reach) {
	return db.all<{ source: string; gemeente: string; cases: number; last_import: string | null }>(
		`SELECT source, gemeente, count(*)::INTEGER AS cases, max(updated_at)::VARCHAR AS last_import FROM cases
		 WHERE $reach_all OR list_contains($reach, gemeente) GROUP BY source, gemeente ORDER BY gemeente, source`,
		reachParams(reach)
	);
}

/** Removes every case of a source in one municipality (within reach); versions go too, so nothing lingers. */
export async function removeSource(
	db: Database,
	source: string,
	gemeente: string,
	actor: string
): Promise<number> {
	return db.transaction(async (tx) => {
		await tx.run('DELETE FROM case_versions WHERE source = $source AND gemeente = $gemeente', {
			source,
			gemeente
		});
		const removed = await tx.run('DELETE FROM cases WHERE source = $source AND gemeente = $gemeente', {
			source,
			gemeente
		});
		await audit(tx, {
			actor,
			action: 'bron verwijderen',
			object: `${gemeente} ${source} (${removed} casussen)`,
			result: 'ok'
		});
		return removed;
	});
}

/** Retention in months per municipality; null when none is set (cases are then kept). */
export async function retentionMonths(db: Database, gemeente: string): Promise<number | null> {
	const row = await db.one<{ value: number }>(
		`SELECT value::INTEGER AS value FROM settings WHERE scope = $gemeente AND key = 'retention_months'`,
		{ gemeente }
	);
	return row?.value ?? null;
}

export async function setRetention(
	db: Database,
	gemeente: string,
	months: number | null,
	actor: string
): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.run(`DELETE FROM settings WHERE scope = $gemeente AND key = 'retention_months'`, { gemeente });
		if (months !== null) {
			await tx.run(`INSERT INTO settings VALUES ($gemeente, 'retention_months', $months::JSON)`, {
				gemeente,
				months: String(months)
			});
		}
		await audit(tx, {
			actor,
			action: 'bewaartermijn instellen',
			object: `${gemeente}: ${months === null ? 'geen' : `${months} maanden`}`,
			result: 'ok'
		});
	});
}

/** Deletes cases closed (or, when open, registered) longer ago than each municipality's retention period. */
export async function purgeExpiredCases(db: Database, actor: string): Promise<number> {
	return db.transaction(async (tx) => {
		const expired = `EXISTS (SELECT 1 FROM settings s WHERE s.scope = t.gemeente AND s.key = 'retention_months'
			AND coalesce(t.afgerond_op, t.aangemeld_op) < (current_date - to_months(s.value::INTEGER))::DATE)`;
		await tx.run(`DELETE FROM case_versions t WHERE ${expired}`);
		const purged = await tx.run(`DELETE FROM cases t WHERE ${expired}`);
		if (purged > 0)
			await audit(tx, {
				actor,
				action: 'bewaartermijn toepassen',
				object: `${purged} casussen`,
				result: 'ok'
			});
		return purged;
	});
}

/** The latest imports as a home block lists them, with how many problems and warnings each holds. */
export interface ImportOverviewRow {
	id: number;
	file_name: string;
	/** UTC, `YYYY-MM-DDTHH:MM:SSZ`. */
	started_at: string;
	status: ImportLogRow['status'];
	rows_in: number;
	inserted: number;
	updated: number;
	problems: number;
	warnings: number;
}

export interface ImportOverview {
	latest: ImportOverviewRow[];
	/** Since `from`: imports written, and files refused. */
	imported: number;
	refused: number;
}

/** The newest imports the user sees (as `listImports` chooses them), and counts of those started on or after `from` (`YYYY-MM-DD`). */
export async function importOverview(
	db: Database,
	reach: Reach,
	actor: string,
	from: string,
	limit: number
): Promise<ImportOverview> {
	const params = { ...reachParams(reach), actor };
	const [latest, counts] = await Promise.all([
		db.all<ImportOverviewRow>(
			`SELECT i.id::INTEGER AS id, i.file_name, strftime(i.started_at, '%Y-%m-%dT%H:%M:%SZ') AS started_at, i.status,
				i.rows_in, i.inserted, i.updated,
				coalesce(json_array_length(i.problems), 0)::INTEGER AS problems,
				coalesce(json_array_length(i.warnings), 0)::INTEGER AS warnings
			 FROM imports i WHERE ${REACH} OR i.actor = $actor
			 ORDER BY i.id DESC LIMIT $limit`,
			{ ...params, limit }
		),
		db.one<{ imported: number; refused: number }>(
			`SELECT count(*) FILTER (WHERE i.status = 'imported')::INTEGER AS imported,
				count(*) FILTER (WHERE i.status = 'refused')::INTEGER AS refused
			 FROM imports i WHERE (${REACH} OR i.actor = $actor) AND i.started_at >= $from::DATE`,
			{ ...params, from }
		)
	]);
	return { latest, imported: counts?.imported ?? 0, refused: counts?.refused ?? 0 };
}
