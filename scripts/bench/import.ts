/** Import benchmark: the portal's import of a 1,000,000-case CSV against DuckDB's own read_csv of the same file. */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { DuckDBInstance } from '@duckdb/node-api';
import { BENCH_DIR, benchExport, megabytes, versionOneExport } from './fixtures';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** DuckDB's own read_csv of the file into a table of a fresh database file, in milliseconds. */
async function rawRead(file: string, allVarchar: boolean): Promise<number> {
	const database = path.join(BENCH_DIR, 'raw.duckdb');
	fs.rmSync(database, { force: true });
	const instance = await DuckDBInstance.create(database);
	const connection = await instance.connect();
	const start = performance.now();
	await connection.run(
		`CREATE TABLE raw AS SELECT * FROM read_csv('${file.replace(/'/g, "''")}', delim = ';', header = true${allVarchar ? ', all_varchar = true' : ''})`
	);
	const ms = performance.now() - start;
	connection.closeSync();
	instance.closeSync();
	fs.rmSync(database, { force: true });
	return ms;
}

/** The portal's import in a process of its own, so that its peak memory (max RSS) is the import's alone. */
function portalImport(file: string): { ms: number; maxRssBytes: number } {
	const database = path.join(BENCH_DIR, 'import.duckdb');
	for (const f of [database, `${database}.wal`]) fs.rmSync(f, { force: true });
	const output = execFileSync(
		process.execPath,
		['--import', 'tsx', path.join('scripts', 'bench', 'import-once.ts'), file, database],
		{
			encoding: 'utf8',
			maxBuffer: 16 * 1024 * 1024
		}
	);
	const run = JSON.parse(output.trim().split('\n').pop()!) as {
		status: string;
		ms: number;
		maxRssBytes: number;
		problems: unknown[];
	};
	if (run.status !== 'imported') throw new Error(`import refused: ${JSON.stringify(run.problems)}`);
	fs.rmSync(database, { force: true });
	return run;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Alternates DuckDB's reads and the portal's imports `repeat` times (this machine's speed drifts) and compares
 * the medians: a version 1 file against DuckDB reading it as text (all_varchar) and with type detection, and the
 * same cases with every version 1.1 column against the version 1 file.
 */
export async function importBenchmark(cases: number, repeat: number): Promise<Record<string, number>> {
	const started = performance.now();
	const full = await benchExport(cases);
	const v1 = await versionOneExport(full);
	console.log(
		`  export: ${cases} cases, ${megabytes(fs.statSync(v1).size)} (version 1), ${megabytes(fs.statSync(full).size)} (version 1.1) (${seconds(performance.now() - started)} to make)`
	);
	const text: number[] = [];
	const typed: number[] = [];
	const imports: number[] = [];
	const importsV11: number[] = [];
	let peak = 0;
	for (let i = 0; i < repeat; i++) {
		text.push(await rawRead(v1, true));
		typed.push(await rawRead(v1, false));
		const run = portalImport(v1);
		const runV11 = portalImport(full);
		imports.push(run.ms);
		importsV11.push(runV11.ms);
		peak = Math.max(peak, run.maxRssBytes, runV11.maxRssBytes);
		console.log(
			`  run ${i + 1}: read_csv all_varchar ${seconds(text[i])}, typed ${seconds(typed[i])}; import v1 ${seconds(run.ms)} (${(run.ms / text[i]).toFixed(2)} x), v1.1 ${seconds(runV11.ms)} (${(runV11.ms / run.ms).toFixed(2)} x v1)`
		);
	}
	const ratio = median(imports) / median(text);
	const ratioTyped = median(imports) / median(typed);
	const ratioV11 = median(importsV11) / median(imports);
	console.log(
		`  DuckDB read_csv into a table, median: all_varchar ${seconds(median(text))}, typed ${seconds(median(typed))}`
	);
	console.log(
		`  portal import of version 1 (checks, personal-data scan, load), median: ${seconds(median(imports))} = ${ratio.toFixed(2)} x read_csv all_varchar (target <= 3), ${ratioTyped.toFixed(2)} x typed`
	);
	console.log(
		`  portal import with every version 1.1 column, median: ${seconds(median(importsV11))} = ${ratioV11.toFixed(2)} x version 1 (target <= 1.5)`
	);
	console.log(`  peak memory of an import process: ${megabytes(peak)} (target < 2048 MB)`);
	return {
		cases,
		runs: repeat,
		rawTextSeconds: median(text) / 1000,
		rawTypedSeconds: median(typed) / 1000,
		importSeconds: median(imports) / 1000,
		importV11Seconds: median(importsV11) / 1000,
		ratio,
		ratioTyped,
		ratioV11,
		peakMemoryMb: peak / 1024 / 1024
	};
}
