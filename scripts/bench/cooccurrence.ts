/** Co-occurrence benchmark: the portal's leefgebieden matrix against a plain GROUP BY and a naive self-join, and the /leefgebieden page over HTTP. */
import fs from 'node:fs';
import path from 'node:path';
import { EMPTY_FILTER } from '../../src/lib/domain/filters';
import { openStore, type Database } from '../../src/lib/server/db';
import { importFile } from '../../src/lib/server/ingest';
import { reference } from '../../src/lib/server/reference';
import { cooccurrence } from '../../src/lib/server/analytics/cooccurrence';
import { BENCH_DIR, benchExport } from './fixtures';
import { login, removeDatabase, startBenchServer } from './server';

const RUNS = 5;
const REQUESTS = 50;
const PAGE_PATH = '/leefgebieden';
const API_PATH = '/api/v1/cooccurrence?dimension=leefgebieden&diagonal=single';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Nearest-rank percentile (p in 0..100). */
function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function time(work: () => Promise<unknown>): Promise<number> {
	const start = performance.now();
	await work();
	return performance.now() - start;
}

/** One warm-up, then the median of `runs` timings. */
async function medianOf(work: () => Promise<unknown>, runs = RUNS): Promise<number> {
	await work();
	const times: number[] = [];
	for (let i = 0; i < runs; i++) times.push(await time(work));
	return median(times);
}

/** The benchmark database with `cases` imported cases: reused when it already holds them, else imported afresh. */
export async function analyticsDatabase(
	cases: number
): Promise<{ db: Database; file: string; importSeconds: number | null }> {
	const file = path.join(BENCH_DIR, 'analytics.duckdb');
	if (fs.existsSync(file)) {
		const db = await openStore(file);
		const row = await db.one<{ n: number }>('SELECT count(*) AS n FROM cases');
		if (row?.n === cases) {
			console.log(`  database: ${file} already holds ${cases} cases`);
			return { db, file, importSeconds: null };
		}
		db.close();
		removeDatabase(file);
	}
	const csv = await benchExport(cases);
	const db = await openStore(file);
	const started = performance.now();
	const result = await importFile(db, csv, { fileName: path.basename(csv), actor: 'bench', reach: null });
	const importSeconds = (performance.now() - started) / 1000;
	if (result.status !== 'imported') {
		db.close();
		removeDatabase(file);
		throw new Error(`import refused: ${JSON.stringify(result.problems.slice(0, 3))}`);
	}
	await db.checkpoint();
	console.log(`  database: imported ${cases} cases into ${file} in ${importSeconds.toFixed(1)} s`);
	return { db, file, importSeconds };
}

/** The naive form: one row per (case, label), joined with itself. Returns the build time and the query's best of two. */
async function selfJoin(db: Database): Promise<{ buildMs: number; queryMs: number; pairs: number }> {
	const { entries } = reference().vocabularies.leefgebieden;
	const codes: string[] = [];
	for (const entry of entries) codes[entry.position] = entry.code;
	const width = Math.max(...entries.map((e) => e.position)) + 1;
	return db.connection(async (_connection, q) => {
		const buildMs = await time(() =>
			q.run(
				`CREATE OR REPLACE TEMP TABLE case_labels AS
				 SELECT id AS case_id, $codes[bit + 1] AS label
				 FROM (SELECT id, leefgebieden, unnest(range(${width})) AS bit FROM cases)
				 WHERE (leefgebieden >> bit::UBIGINT) & 1::UBIGINT = 1`,
				{ codes: codes.map((c) => c ?? '') }
			)
		);
		const query = `SELECT a.label AS a, b.label AS b, count(*)::INTEGER AS cases
			FROM case_labels a JOIN case_labels b USING (case_id) GROUP BY ALL`;
		let pairs = 0;
		const times: number[] = [];
		for (let i = 0; i < 2; i++) {
			times.push(
				await time(async () => {
					const rows = await q.all<{ a: string; b: string; cases: number }>(query);
					pairs = rows.reduce((sum, r) => sum + (r.a !== r.b ? r.cases : 0), 0);
				})
			);
		}
		await q.run('DROP TABLE case_labels');
		return { buildMs, queryMs: Math.min(...times), pairs };
	});
}

/** Times one request per call: `requests` sequential calls after one that is not counted. */
async function latency(
	request: () => Promise<void>,
	requests = REQUESTS
): Promise<{ firstMs: number; p50: number; p95: number }> {
	const firstMs = await time(request);
	const times: number[] = [];
	for (let i = 0; i < requests; i++) times.push(await time(request));
	return { firstMs, p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** The built server on a copy of the database, with a bench account: 50 sequential page and API requests each. */
async function serverLatency(
	file: string,
	cases: number
): Promise<{ page: Awaited<ReturnType<typeof latency>>; api: Awaited<ReturnType<typeof latency>> }> {
	const email = 'bench@example.org';
	const server = await startBenchServer(file, path.join(BENCH_DIR, 'api.duckdb'), [
		{ email, role: 'beheerder', gemeenten: ['alle'], token: true }
	]);
	const { base } = server;
	const token = server.tokens[email];
	try {
		const cookie = await login(base, email, server.passwords[email]);
		const formatted = new Intl.NumberFormat('nl-NL').format(cases);
		const page = await latency(async () => {
			const response = await fetch(`${base}${PAGE_PATH}`, { headers: { cookie } });
			const html = await response.text();
			if (!response.ok) throw new Error(`${PAGE_PATH}: HTTP ${response.status}`);
			if (!html.includes(`${formatted} casussen`))
				throw new Error(`${PAGE_PATH} does not show ${formatted} cases`);
		});
		const api = await latency(async () => {
			const response = await fetch(`${base}${API_PATH}`, { headers: { authorization: `Bearer ${token}` } });
			if (!response.ok) throw new Error(`${API_PATH}: HTTP ${response.status} ${await response.text()}`);
			const body = (await response.json()) as { cases: number };
			if (body.cases !== cases) throw new Error(`${API_PATH} counted ${body.cases} cases, not ${cases}`);
		});
		return { page, api };
	} finally {
		await server.stop();
	}
}

export async function cooccurrenceBenchmark(cases: number): Promise<Record<string, number>> {
	const { db, file, importSeconds } = await analyticsDatabase(cases);
	let figures: Record<string, number>;
	try {
		const reach = { all: true } as const;
		let matrix = await cooccurrence(db, 'leefgebieden', 'single', reach, EMPTY_FILTER);
		if (matrix.cases !== cases) throw new Error(`co-occurrence counted ${matrix.cases} cases, not ${cases}`);
		const coMs = await medianOf(async () => {
			matrix = await cooccurrence(db, 'leefgebieden', 'single', reach, EMPTY_FILTER);
		});
		const groupMs = await medianOf(() => db.all('SELECT gemeente, count(*) FROM cases GROUP BY gemeente'));
		const ratio = coMs / groupMs;
		console.log(
			`  co-occurrence (leefgebieden, ${matrix.labels.length} labels): ${ms(coMs)} (median) vs GROUP BY gemeente: ${ms(groupMs)} = ${ratio.toFixed(2)} x (target <= 3)`
		);
		const join = await selfJoin(db);
		const offDiagonal = matrix.matrix.reduce(
			(sum, row, i) => sum + row.reduce((s, n, j) => s + (i === j ? 0 : n), 0),
			0
		);
		if (join.pairs !== offDiagonal) {
			throw new Error(`self-join counted ${join.pairs} label pairs, the matrix ${offDiagonal}`);
		}
		console.log(
			`  self-join of unnested lists: ${ms(join.queryMs)} (best of 2; building case_labels took ${ms(join.buildMs)}) = ${(join.queryMs / coMs).toFixed(1)} x the co-occurrence query`
		);
		figures = {
			cases,
			cooccurrenceMs: coMs,
			groupByGemeenteMs: groupMs,
			ratio,
			selfJoinMs: join.queryMs,
			selfJoinBuildMs: join.buildMs
		};
		if (importSeconds !== null) figures.importSeconds = importSeconds;
	} finally {
		db.close();
	}
	const { page, api } = await serverLatency(file, cases);
	console.log(
		`  page ${PAGE_PATH}, ${REQUESTS} sequential requests: p50 ${ms(page.p50)}, p95 ${ms(page.p95)} (target p95 < 300 ms; first request ${ms(page.firstMs)}, not counted)`
	);
	console.log(
		`  API ${API_PATH}, ${REQUESTS} sequential requests: p50 ${ms(api.p50)}, p95 ${ms(api.p95)} (first request ${ms(api.firstMs)}, not counted)`
	);
	return {
		...figures,
		pageFirstMs: page.firstMs,
		pageP50Ms: page.p50,
		pageP95Ms: page.p95,
		apiFirstMs: api.firstMs,
		apiP50Ms: api.p50,
		apiP95Ms: api.p95
	};
}
