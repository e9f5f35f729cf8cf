/** Benchmark inputs: a large demo export written as a stream, cached between runs. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { csvHeader, csvLine, generateDemoRecords } from '../demo/generate';

export const BENCH_DIR = path.resolve(process.env.BENCH_DIR || path.join(os.tmpdir(), 'portal-bench'));

/** A `;` CSV of `cases` demo cases; made once and reused while its size matches. */
export async function benchExport(cases: number): Promise<string> {
	fs.mkdirSync(BENCH_DIR, { recursive: true });
	const file = path.join(BENCH_DIR, `export-${cases}.csv`);
	if (fs.existsSync(file) && fs.statSync(file).size > cases * 50) return file;
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

export function megabytes(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}
