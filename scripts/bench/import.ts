/** Import benchmark: the portal's import of a 1,000,000-case CSV against DuckDB's own read_csv of the same file. */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { DuckDBInstance } from '@duckdb/node-api';
import { BENCH_DIR, benchExport, megabytes } from './fixtures';

export async function importBenchmark(cases: number): Promise<Record<string, number | string>> {
	const started = performance.now();
	const file = await benchExport(cases);
	console.log(
		`  export: ${cases} cases, ${megabytes(fs.statSync(file).size)} (${((performance.now() - started) / 1000).toFixed(1)} s to make)`
	);

	const rawDb = path.join(BENCH_DIR, 'raw.duckdb');
	fs.rmSync(rawDb, { force: true });
	const instance = await DuckDBInstance.create(rawDb);
	const connection = await instance.connect();
	const rawStart = performance.now();
	await connection.run(
		`CREATE TABLE raw AS SELECT * FROM read_csv('${file.replace(/'/g, "''")}', delim = ';', header = true)`
	);
	const rawMs = performance.now() - rawStart;
	connection.closeSync();
	instance.closeSync();
	fs.rmSync(rawDb, { force: true });

	const portalDb = path.join(BENCH_DIR, 'import.duckdb');
	fs.rmSync(portalDb, { force: true });
	fs.rmSync(`${portalDb}.wal`, { force: true });
	const output = execFileSync(
		process.execPath,
		['--import', 'tsx', path.join('scripts', 'bench', 'import-once.ts'), file, portalDb],
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
	fs.rmSync(portalDb, { force: true });
	const ratio = run.ms / rawMs;
	console.log(`  DuckDB read_csv into a table: ${(rawMs / 1000).toFixed(2)} s`);
	console.log(
		`  portal import (checks, personal-data scan, load): ${(run.ms / 1000).toFixed(2)} s = ${ratio.toFixed(2)} x read_csv (target <= 3)`
	);
	console.log(`  peak memory of the import process: ${megabytes(run.maxRssBytes)} (target < 2048 MB)`);
	return {
		cases,
		rawSeconds: rawMs / 1000,
		importSeconds: run.ms / 1000,
		ratio,
		peakMemoryMb: run.maxRssBytes / 1024 / 1024
	};
}
