/** Benchmark inputs: a large demo export written as a stream, cached between runs. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { V11_COLUMNS } from '../../src/lib/server/ingest/columns';
import { csvHeader, csvLine, generateDemoRecords } from '../demo/generate';

export const BENCH_DIR = path.resolve(process.env.BENCH_DIR || path.join(os.tmpdir(), 'portal-bench'));

/** Whether a cached export was written with today's columns (the header) and holds about `cases` rows. */
function current(file: string, cases: number): boolean {
	if (!fs.existsSync(file) || fs.statSync(file).size <= cases * 50) return false;
	const fd = fs.openSync(file, 'r');
	try {
		const head = Buffer.alloc(4096);
		const n = fs.readSync(fd, head, 0, head.length, 0);
		return head.subarray(0, n).toString('utf8').split('\n')[0] === csvHeader();
	} finally {
		fs.closeSync(fd);
	}
}

/** A `;` CSV of `cases` demo cases with every column of version 1.1; made once and reused while it is current. */
export async function benchExport(cases: number): Promise<string> {
	fs.mkdirSync(BENCH_DIR, { recursive: true });
	const file = path.join(BENCH_DIR, `export-${cases}.csv`);
	if (current(file, cases)) return file;
	const out = fs.createWriteStream(`${file}.tmp`);
	const write = (text: string) =>
		out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
	await write(csvHeader() + '\n');
	let batch = '';
	let n = 0;
	for (const record of generateDemoRecords({ cases, seed: 7, endDate: '2026-10-31' })) {
		batch += csvLine(record) + '\n';
		if (++n % 5000 === 0) {
			await write(batch);
			batch = '';
		}
	}
	await write(batch);
	await new Promise<void>((resolve, reject) => out.end(() => resolve()).on('error', reject));
	fs.renameSync(`${file}.tmp`, file);
	return file;
}

/** The same export without the version 1.1 columns (a version 1 file), written by DuckDB from the full one. */
export async function versionOneExport(full: string): Promise<string> {
	const file = full.replace(/\.csv$/, '-v1.csv');
	if (fs.existsSync(file) && fs.statSync(file).mtimeMs >= fs.statSync(full).mtimeMs) return file;
	const instance = await DuckDBInstance.create(':memory:');
	const connection = await instance.connect();
	try {
		await connection.run(
			`COPY (SELECT * EXCLUDE (${V11_COLUMNS.join(', ')})
				FROM read_csv('${full.replace(/'/g, "''")}', delim = ';', header = true, all_varchar = true))
			 TO '${file.replace(/'/g, "''")}.tmp' (FORMAT csv, DELIMITER ';', HEADER true)`
		);
	} finally {
		connection.closeSync();
		instance.closeSync();
	}
	fs.renameSync(`${file}.tmp`, file);
	return file;
}

export function megabytes(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}
