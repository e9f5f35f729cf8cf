/** Import benchmark: the portal's import of a 1,000,000-case CSV against DuckDB's own read_csv of the same file. */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { DuckDBInstance } from '@duckdb/node-api';
import { BENCH_DIR, benchExport, megabytes } from './fixtures';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** DuckDB's own read_csv of the file into a table of a fresh database file, in milliseconds. */
async function rawRead(file: string): Promise<number> {
	const database = path.join(BENCH_DIR, 'raw.duckdb');
	fs.rmSync(database, { force: true });
	const instance = await DuckDBInstance.create(database);
	const connection = await instance.connect();
	const start = performance.now();
	await connection.run(
		`CREATE TABLE raw AS SELECT * FROM read_csv('${file.replace(/'/g, "''")}', delim = ';', header = true)`
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

/** Alternates raw reads and imports `repeat` times (this machine's speed drifts) and compares the medians. */
export async function importBenchmark(cases: number, repeat: number): Promise<Record<string, number>> {
	const started = performance.now();
	const file = await benchExport(cases);
	console.log(
		`  export: ${cases} cases, ${megabytes(fs.statSync(file).size)} (${((performance.now() - started) / 1000).toFixed(1)} s to make)`
	);
	const raw: number[] = [];
	const imports: number[] = [];
	let peak = 0;
	for (let i = 0; i < repeat; i++) {
		raw.push(await rawRead(file));
		const run = portalImport(file);
		imports.push(run.ms);
		peak = Math.max(peak, run.maxRssBytes);
		console.log(
			`  run ${i + 1}: read_csv ${(raw[i] / 1000).toFixed(2)} s, import ${(run.ms / 1000).toFixed(2)} s (${(run.ms / raw[i]).toFixed(2)} x)`
		);
	}
	const ratio = median(imports) / median(raw);
	console.log(`  DuckDB read_csv into a table, median: ${(median(raw) / 1000).toFixed(2)} s`);
	console.log(
		`  portal import (checks, personal-data scan, load), median: ${(median(imports) / 1000).toFixed(2)} s = ${ratio.toFixed(2)} x read_csv (target <= 3)`
	);
	console.log(`  peak memory of an import process: ${megabytes(peak)} (target < 2048 MB)`);
	return {
		cases,
		runs: repeat,
		rawSeconds: median(raw) / 1000,
		importSeconds: median(imports) / 1000,
		ratio,
		peakMemoryMb: peak / 1024 / 1024
	};
}
