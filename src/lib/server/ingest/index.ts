/** The one import pipeline behind the CLI and the web page: read, check, and load all or nothing. */
import type { Reach } from '$lib/domain/roles';
import type { Database, Queryable } from '../db';
import { audit } from '../audit';
import { registerImportedKwesties } from '../kwesties/register';
import { planHeader, V11_COLUMNS, type ColumnMapping } from './columns';
import { detectFormat, inspectCsv, sha256File, type CsvInspection, type ImportFormat } from './detect';
import type { DuckDBConnection } from '@duckdb/node-api';
import { createMacros } from './macros';
import { ReadError, stageFile, type Staged } from './readers';
import { PARSED_TABLE, validateStaged } from './validate';
import { reference } from '../reference';
import { loadParsed } from './load';
import { missingPostWarnings } from './post-warnings';
import { testPause } from '../test-pause';
import type { ImportProblem, ImportResult, PreviewRow } from '$lib/domain/imports';

export type { ImportProblem, ImportResult, PreviewRow } from '$lib/domain/imports';
export { detectFormat, FORMAT_LABELS, type ImportFormat } from './detect';

export const DEFAULT_SOURCE = 'standaard';

export type ImportStage = 'lezen' | 'controleren' | 'opslaan';

export interface ImportOptions {
	/** File name as the user knows it (for the log); the file itself is read from `file`. */
	fileName: string;
	source?: string;
	mapping?: ColumnMapping;
	/** Remove the source's cases (within reach) that the file no longer holds. */
	replace?: boolean;
	sheet?: string;
	/** Who imports: an e-mail, or `cli`. */
	actor: string;
	/** The importer's reach; null for the CLI, which runs with the file system's trust. */
	reach: Reach | null;
	origin?: string;
	onStage?: (stage: ImportStage) => void;
}

const PREVIEW_ROWS = 5;

async function preview(q: Queryable): Promise<PreviewRow[]> {
	const { vocabularies } = reference();
	const rows = await q.all<PreviewRow & { mask: string }>(
		`SELECT row_no AS row, coalesce(casus_id, '') AS casus_id, coalesce(gemeente_code, '') AS gemeente,
			coalesce(strftime(aangemeld_date, '%Y-%m-%d'), '') AS aangemeld_op, coalesce(status_code, '') AS status,
			leefgebieden_mask::VARCHAR AS mask, coalesce(escalatie_code, '') AS escalatie, coalesce(kwestie, '') AS kwestie
		 FROM ${PARSED_TABLE} ORDER BY row_no LIMIT ${PREVIEW_ROWS}`
	);
	return rows.map(({ mask, ...row }) => ({
		...row,
		leefgebieden: vocabularies.leefgebieden.codes(BigInt(mask)).join(' | ')
	}));
}

const PERSONAL_DATA = /persoonsgegeven|BSN|IBAN|e-mailadres|telefoonnummer|postcode/;
/** A source name is shown in lists and used as a key: a short plain label. */
export function sourceProblem(source: string): string | null {
	return /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,63}$/u.test(source)
		? null
		: 'De bron is 1 tot 64 letters, cijfers, spaties, punten, streepjes of lage streepjes.';
}

async function logImport(
	q: Queryable,
	options: ImportOptions,
	fields: { sha: string; format: string; source: string; status: string }
): Promise<number> {
	const row = await q.one<{ id: number }>(
		`INSERT INTO imports (file_name, sha256, format, source, replace_source, actor, status)
		 VALUES ($file, $sha, $format, $source, $replace, $actor, $status) RETURNING id`,
		{
			file: options.fileName.slice(0, 255),
			sha: fields.sha,
			format: fields.format,
			source: fields.source,
			replace: options.replace ?? false,
			actor: options.actor,
			status: fields.status
		}
	);
	return row!.id;
}

async function finishImport(
	q: Queryable,
	id: number,
	result: Omit<ImportResult, 'importId' | 'format' | 'preview'>,
	gemeenten: string[]
) {
	await q.run(
		`UPDATE imports SET finished_at = current_timestamp, status = $status, rows_in = $rows, inserted = $inserted,
			updated = $updated, removed = $removed, rejected_rows = $rejected, problems = $problems::JSON,
			warnings = $warnings::JSON, gemeenten = $gemeenten
		 WHERE id = $id`,
		{
			id,
			status: result.status,
			rows: result.rows,
			inserted: result.inserted,
			updated: result.updated,
			removed: result.removed,
			rejected: result.rejectedRows,
			problems: JSON.stringify(result.problems),
			warnings: JSON.stringify(result.warnings),
			gemeenten
		}
	);
}

/**
 * Reads the file into the staging table. A CSV is also read once in JavaScript (hash, encoding, empty lines);
 * DuckDB reads it at the same time on the likely assumption of plain UTF-8, and only reads it again, from a
 * rewritten copy, when that pass says otherwise.
 */
async function stage(
	connection: DuckDBConnection,
	file: string,
	format: ImportFormat,
	sheet: string | undefined
): Promise<{ staged: Staged; sha: string }> {
	if (format !== 'csv') {
		const [staged, sha] = await Promise.all([
			stageFile(connection, file, format, { sheet }),
			sha256File(file)
		]);
		return { staged, sha };
	}
	const inspecting = inspectCsv(file);
	const plain: CsvInspection = { sha256: '', utf8: true, blankLines: false };
	const optimistic = await stageFile(connection, file, format, { inspection: plain }).then(
		(staged) => ({ staged }),
		(error: unknown) => ({ error })
	);
	const inspection = await inspecting;
	if (inspection.utf8 && !inspection.blankLines) {
		if ('error' in optimistic) throw optimistic.error;
		return { staged: optimistic.staged, sha: inspection.sha256 };
	}
	return { staged: await stageFile(connection, file, format, { inspection }), sha: inspection.sha256 };
}

/** Imports one export file. Refused files write nothing but their line in the import log. */
export function importFile(db: Database, file: string, options: ImportOptions): Promise<ImportResult> {
	return runImport(db, file, options, true);
}

/** Reads and checks a file like an import, and writes nothing (not even a log line): the page's "Controleren". */
export function checkFile(db: Database, file: string, options: ImportOptions): Promise<ImportResult> {
	return runImport(db, file, options, false);
}

async function runImport(
	db: Database,
	file: string,
	options: ImportOptions,
	write: boolean
): Promise<ImportResult> {
	const source = (options.source ?? DEFAULT_SOURCE).trim() || DEFAULT_SOURCE;
	const empty = {
		rows: 0,
		inserted: 0,
		updated: 0,
		removed: 0,
		rejectedRows: 0,
		warnings: [] as ImportProblem[],
		preview: [] as PreviewRow[]
	};
	const refuse = async (
		format: ImportFormat | null,
		sha: string,
		problems: ImportProblem[],
		extra: Partial<ImportResult> = {}
	) => {
		const result = { ...empty, ...extra, status: 'refused' as const, problems };
		if (!write) return { ...result, importId: 0, format };
		const importId = await logImport(db, options, {
			sha,
			format: format ?? 'onbekend',
			source,
			status: 'refused'
		});
		await finishImport(db, importId, result, []);
		await audit(db, {
			actor: options.actor,
			action: 'importeren',
			object: `import ${importId}`,
			result: 'geweigerd',
			origin: options.origin
		});
		return { ...result, importId, format };
	};

	options.onStage?.('lezen');
	const format = await detectFormat(file);
	const problem = sourceProblem(source);
	if (problem) return refuse(null, await sha256File(file), [{ row: null, column: null, message: problem }]);

	return db.connection(async (connection, q) => {
		await createMacros(connection);
		let staged: Staged;
		let sha: string;
		try {
			({ staged, sha } = await stage(connection, file, format, options.sheet));
		} catch (error) {
			if (error instanceof ReadError) {
				return refuse(format, await sha256File(file), [{ row: null, column: null, message: error.message }]);
			}
			throw error;
		}
		options.onStage?.('controleren');
		if (staged.problems.length > 0) {
			// Rows the reader had to skip shift the numbering of the rest: report only these first.
			return refuse(format, sha, staged.problems, {
				rows: staged.rows + staged.problems.length,
				rejectedRows: staged.problems.length
			});
		}
		const plan = planHeader(staged.columns, options.mapping);
		const warnings: ImportProblem[] = [
			...staged.notes.map((message) => ({ row: null, column: null, message })),
			...plan.warnings.map((w) => ({ row: null, ...w }))
		];
		const validation = await validateStaged(q, plan, options.reach);
		const problems: ImportProblem[] = [
			...plan.problems.map((p) => ({ row: null, ...p })),
			...validation.problems
		];
		if (staged.rows === 0)
			problems.push({ row: null, column: null, message: 'Het bestand bevat geen casussen.' });
		const shown = problems.some((p) => PERSONAL_DATA.test(p.message)) ? [] : await preview(q);
		if (problems.length > 0) {
			return refuse(format, sha, problems, {
				rows: staged.rows,
				rejectedRows: validation.rejectedRows,
				warnings,
				preview: shown
			});
		}
		// Only a file that will load (or would, on a check) is told which of its posts the cost table lacks.
		const posts = plan.columns.find((c) => c.canonical === 'vermeden_posten');
		if (posts) warnings.push(...(await missingPostWarnings(q, posts.file)));
		if (!write) {
			return {
				...empty,
				status: 'checked',
				importId: 0,
				format,
				rows: staged.rows,
				problems: [],
				warnings,
				preview: shown
			};
		}

		options.onStage?.('opslaan');
		await q.run('BEGIN TRANSACTION');
		try {
			const importId = await logImport(q, options, { sha, format, source, status: 'bezig' });
			const counts = await loadParsed(q, {
				importId,
				source,
				replace: options.replace ?? false,
				reach: options.reach,
				absent: V11_COLUMNS.filter((c) => !plan.columns.some((p) => p.canonical === c))
			});
			// Every kwestie label of these cases gets its record now, whatever the signal threshold.
			await registerImportedKwesties(q, importId);
			const result = {
				status: 'imported' as const,
				rows: staged.rows,
				inserted: counts.inserted,
				updated: counts.updated,
				removed: counts.removed,
				rejectedRows: 0,
				problems: [],
				warnings,
				preview: shown
			};
			await finishImport(q, importId, result, counts.gemeenten);
			await audit(q, {
				actor: options.actor,
				action: 'importeren',
				object: `import ${importId}`,
				result: 'ok',
				origin: options.origin
			});
			await testPause('import-transaction');
			await q.run('COMMIT');
			db.changed();
			await testPause('import-committed');
			return { ...result, importId, format };
		} catch (error) {
			await q.run('ROLLBACK').catch(() => undefined);
			throw error;
		}
	});
}
