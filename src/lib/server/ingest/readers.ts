/** Reads an export of any accepted format into one staging table of text columns, numbered as a spreadsheet shows rows. */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { VARCHAR, BIGINT, type DuckDBConnection } from '@duckdb/node-api';
import type { ImportProblem } from '$lib/domain/imports';
import { csvHeader, inspectCsv, rewriteCsv, type CsvInspection, type ImportFormat } from './detect';
import { declaredUncompressedSize, ZipLimitError } from './zip-limit';
import { CountedWorkbookReader } from './xlsx-workbook';
import { config } from '../config';
import { importWorkDir } from './work-dir';

/** The staging table: `row_no` (header = row 1) and the file's columns as `c0`, `c1`, … all VARCHAR. */
export const STAGING_TABLE = 'staged';

export interface Staged {
	/** Header names as the file writes them, in order; column i is staged as `c<i>`. */
	columns: string[];
	rows: number;
	/** Notes for the import report, such as the detected encoding. */
	notes: string[];
	/** Rows the reader could not split into the header's columns (CSV); they are not staged. */
	problems: ImportProblem[];
}

export class ReadError extends Error {}

/** SQL string literal; only used for paths the portal itself chose, never for file contents. */
function literal(value: string): string {
	return `'${value.replace(/'/g, "''")}'`;
}

/** DuckDB's reason for rejecting a CSV line, in Dutch. */
function rejectMessage(kind: string, message: string): string {
	const counts = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
	if (kind === 'MISSING COLUMNS' && counts)
		return `Deze rij heeft ${counts[2]} kolommen, de kopregel ${counts[1]}.`;
	if (kind === 'TOO MANY COLUMNS' && counts) {
		return `Deze rij heeft ${counts[2]} kolommen, de kopregel ${counts[1]}; staat er een scheidingsteken in een waarde zonder aanhalingstekens?`;
	}
	if (kind === 'UNQUOTED VALUE')
		return 'Deze rij heeft een aanhalingsteken midden in een waarde; zet de hele waarde tussen aanhalingstekens.';
	return 'Deze rij kan niet worden gelezen; controleer de aanhalingstekens en scheidingstekens.';
}

const positional = (count: number) => Array.from({ length: count }, (_, i) => `c${i}`);

async function stageCsv(
	connection: DuckDBConnection,
	file: string,
	inspection: CsvInspection
): Promise<Staged> {
	const notes: string[] = [];
	let source = file;
	let tempDir: string | undefined;
	if (!inspection.utf8 || inspection.blankLines) {
		const { delimiter, columns } = await csvHeader(file);
		tempDir = await fs.promises.mkdtemp(path.join(await importWorkDir(), 'csv-'));
		source = path.join(tempDir, 'utf8.csv');
		await rewriteCsv(file, source, {
			encoding: inspection.utf8 ? 'utf-8' : 'windows-1252',
			emptyRow: delimiter.repeat(columns.length - 1)
		});
		if (!inspection.utf8) notes.push('Het bestand is gelezen als Windows-1252 (zoals Excel CSV opslaat).');
	}
	try {
		const { delimiter, columns } = await csvHeader(source);
		const names = positional(columns.length);
		const spec = `{${names.map((n) => `'${n}': 'VARCHAR'`).join(', ')}}`;
		// The reader keeps file order, so a row's rowid is its record number: no window function needed.
		// Empty rows (kept only so that the numbering matches a spreadsheet) are left out by the view.
		const emptyRow = names.map((n) => `${n} IS NULL`).join(' AND ');
		// A second read (after the encoding check) must not see the rejects of the first.
		await connection.run('DROP TABLE IF EXISTS csv_rejects; DROP TABLE IF EXISTS csv_reject_scans');
		await connection.run(`CREATE OR REPLACE TEMP TABLE staged_csv AS
			SELECT * FROM read_csv(${literal(source)}, delim = ${literal(delimiter)}, quote = '"', escape = '"',
				header = true, auto_detect = false, columns = ${spec}, max_line_size = 4194304,
				store_rejects = true, rejects_table = 'csv_rejects', rejects_scan = 'csv_reject_scans')`);
		await connection.run(`CREATE OR REPLACE TEMP VIEW ${STAGING_TABLE} AS
			SELECT (rowid + 2)::BIGINT AS row_no, * FROM staged_csv
			${inspection.blankLines ? `WHERE NOT (${emptyRow})` : ''}`);
		const count = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${STAGING_TABLE}`);
		const rejects = await connection.runAndReadAll(
			`SELECT line::BIGINT AS line, error_type::VARCHAR AS kind, error_message AS message FROM csv_rejects ORDER BY line`
		);
		const problems = rejects.getRowObjectsJS().map((r) => ({
			row: Number(r.line),
			column: null,
			message: rejectMessage(String(r.kind), String(r.message))
		}));
		return {
			columns: columns.map((c) => c.trim()),
			rows: Number(count.getRowObjectsJS()[0].n),
			notes,
			problems
		};
	} catch (error) {
		const message = (error as Error).message;
		const line = /CSV Error on Line: (\d+)/.exec(message)?.[1];
		throw new ReadError(
			`Het CSV-bestand kan niet worden gelezen${line ? ` (regel ${line})` : ''}: ${message.split('\n')[0]}`
		);
	} finally {
		if (tempDir) await fs.promises.rm(tempDir, { recursive: true, force: true });
	}
}

/** A spreadsheet cell as the text an export would hold: dates as ISO dates, numbers without float noise. */
export function cellText(value: ExcelJS.CellValue): string | null {
	if (value === null || value === undefined) return null;
	if (value instanceof Date) {
		// exceljs gives date cells as UTC midnight of the calendar date shown in the sheet.
		return value.toISOString().slice(0, 10);
	}
	// A decimal comma, as the export format writes amounts: 0.125 must not read as 125 (a thousands group).
	if (typeof value === 'number')
		return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(8))).replace('.', ',');
	if (typeof value === 'string') return value;
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	if (typeof value === 'object') {
		if ('richText' in value) return value.richText.map((part) => part.text).join('');
		if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
		if ('text' in value) return String(value.text);
		if ('error' in value) return null;
	}
	return String(value);
}

/** The refusal of a workbook that unpacks (or says it unpacks) to more than XLSX_MAX_UNCOMPRESSED_MB. */
function tooLarge(limitMb: number): ReadError {
	return new ReadError(
		`Het Excel-bestand pakt uit tot meer dan ${limitMb} MB (XLSX_MAX_UNCOMPRESSED_MB) en is daarom niet gelezen. Sla de export op als CSV of Parquet.`
	);
}

async function stageXlsx(connection: DuckDBConnection, file: string, sheetName?: string): Promise<Staged> {
	// A zip can unpack to far more than it weighs. What it declares is checked before anything is unpacked;
	// a crafted file declares less than it holds, so the reader also counts what it really inflates.
	const limitMb = config.xlsxMaxUncompressedMb;
	const limitBytes = limitMb * 1024 * 1024;
	const declared = await declaredUncompressedSize(file);
	if (declared === null)
		throw new ReadError(
			'Het Excel-bestand is geen geldig .xlsx-bestand (de inhoudsopgave van het zip-bestand ontbreekt).'
		);
	if (declared > limitBytes) throw tooLarge(limitMb);
	const reader = new CountedWorkbookReader(file, limitBytes, {
		sharedStrings: 'cache',
		styles: 'cache',
		hyperlinks: 'ignore',
		entries: 'emit'
	});
	let columns: string[] | undefined;
	let rows = 0;
	let appender: Awaited<ReturnType<DuckDBConnection['createAppender']>> | undefined;
	try {
		for await (const sheet of reader) {
			// The reader opens each part where the zip's directory says it is: a sheet not read is never unpacked.
			if (columns) break;
			const name = (sheet as unknown as { name?: string }).name;
			if (sheetName && name !== sheetName) continue;
			for await (const row of sheet) {
				const values = (row.values as ExcelJS.CellValue[]).slice(1);
				if (!columns) {
					if (row.number !== 1)
						throw new ReadError('De eerste rij van het werkblad moet de kolomnamen bevatten.');
					columns = values.map((v) => cellText(v)?.trim() ?? '');
					const defs = positional(columns.length).map((c) => `${c} VARCHAR`);
					await connection.run(
						`CREATE OR REPLACE TEMP TABLE ${STAGING_TABLE} (row_no BIGINT, ${defs.join(', ')})`
					);
					appender = await connection.createAppender(STAGING_TABLE, 'main', 'temp');
					continue;
				}
				const texts = columns.map((_, i) => cellText(values[i]));
				if (texts.every((t) => t === null || t.trim() === '')) continue;
				appender!.appendValue(BigInt(row.number), BIGINT);
				for (const text of texts) {
					if (text === null || text === '') appender!.appendNull();
					else appender!.appendValue(text, VARCHAR);
				}
				appender!.endRow();
				rows++;
			}
		}
	} catch (error) {
		if (error instanceof ReadError) throw error;
		if (error instanceof ZipLimitError) throw tooLarge(limitMb);
		throw new ReadError(`Het Excel-bestand kan niet worden gelezen: ${(error as Error).message}`);
	} finally {
		appender?.closeSync();
	}
	if (!columns) {
		throw new ReadError(
			sheetName ? `Werkblad "${sheetName}" bestaat niet of is leeg.` : 'Het Excel-bestand is leeg.'
		);
	}
	return { columns, rows, notes: [], problems: [] };
}

const TEMPORAL = /^(DATE|TIME|TIMESTAMP)/;

/** Turns one column of a typed source (Parquet, JSON) into export text, by its DuckDB type. */
function asText(column: string, type: string): string {
	const ref = `"${column.replace(/"/g, '""')}"`;
	if (type.endsWith('[]')) return `array_to_string(list_transform(${ref}, x -> trim(x::VARCHAR, '"')), '|')`;
	if (type === 'DATE') return `strftime(${ref}, '%Y-%m-%d')`;
	if (type === 'TIMESTAMP WITH TIME ZONE')
		return `strftime(timezone('Europe/Amsterdam', ${ref}), '%Y-%m-%d')`;
	if (type.startsWith('TIMESTAMP')) return `strftime(${ref}, '%Y-%m-%d')`;
	if (type === 'JSON') return `trim(${ref}::VARCHAR, '"')`;
	if (/^(DOUBLE|FLOAT|REAL|DECIMAL)/.test(type)) return `replace(${ref}::VARCHAR, '.', ',')`;
	return `${ref}::VARCHAR`;
}

async function stageTyped(
	connection: DuckDBConnection,
	file: string,
	format: 'parquet' | 'json'
): Promise<Staged> {
	const reader =
		format === 'parquet'
			? `read_parquet(${literal(file)})`
			: `read_json(${literal(file)}, format = 'auto', records = true, maximum_object_size = 16777216)`;
	try {
		await connection.run(`CREATE OR REPLACE TEMP VIEW source_file AS SELECT * FROM ${reader}`);
		const described = await connection.runAndReadAll('DESCRIBE source_file');
		let schema = described
			.getRowObjectsJS()
			.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
		if (format === 'json' && schema.some((c) => TEMPORAL.test(c.type))) {
			// JSON has no dates: DuckDB's guess drops a time zone (…T23:30:00Z), so dates are read as text and
			// parsed by the import's own rules (the date in Europe/Amsterdam).
			schema = schema.map((c) => (TEMPORAL.test(c.type) ? { ...c, type: 'VARCHAR' } : c));
			const columns = schema.map((c) => `${literal(c.name)}: ${literal(c.type)}`).join(', ');
			await connection.run(
				`CREATE OR REPLACE TEMP VIEW source_file AS SELECT * FROM read_json(${literal(file)}, format = 'auto',
					records = true, maximum_object_size = 16777216, columns = {${columns}})`
			);
		}
		const selects = schema.map((c, i) => `nullif(trim(${asText(c.name, c.type)}), '') AS c${i}`);
		await connection.run(`CREATE OR REPLACE TEMP TABLE ${STAGING_TABLE} AS
			SELECT (row_number() OVER () + 1)::BIGINT AS row_no, ${selects.join(', ')} FROM source_file`);
		const count = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${STAGING_TABLE}`);
		return {
			columns: schema.map((c) => c.name.trim()),
			rows: Number(count.getRowObjectsJS()[0].n),
			notes: [],
			problems: []
		};
	} catch (error) {
		const label = format === 'parquet' ? 'Parquet' : 'JSON';
		throw new ReadError(
			`Het ${label}-bestand kan niet worden gelezen: ${(error as Error).message.split('\n')[0]}`
		);
	} finally {
		await connection.run('DROP VIEW IF EXISTS source_file');
	}
}

export async function stageFile(
	connection: DuckDBConnection,
	file: string,
	format: ImportFormat,
	options: { sheet?: string; inspection?: CsvInspection } = {}
): Promise<Staged> {
	switch (format) {
		case 'csv':
			return stageCsv(connection, file, options.inspection ?? (await inspectCsv(file)));
		case 'xlsx':
			return stageXlsx(connection, file, options.sheet);
		case 'parquet':
		case 'json':
			return stageTyped(connection, file, format);
	}
}
