/** Load benchmark: 50 concurrent users browsing the analysis pages of the 1,000,000-case database for 60 seconds, on loopback. */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { BENCH_DIR } from './fixtures';
import { analyticsDatabase } from './cooccurrence';
import { warmDefaultViews } from '../../src/lib/server/analytics/warm';
import { reachOf } from '../../src/lib/server/auth/users';
import { login, startBenchServer, type BenchUser } from './server';

const USERS = Number(process.env.LOAD_USERS || 50);
const SECONDS = Number(process.env.LOAD_SECONDS || 60);

/** What users open, with the filters they try; every request a real page, rendered on the server. */
const PAGES = [
	'/',
	'/leefgebieden',
	'/leefgebieden?diagonal=total',
	'/organisaties',
	'/wetten',
	'/escalatie',
	'/?from=2025-01-01&to=2025-12-31',
	'/leefgebieden?from=2025-07-01&to=2025-09-30',
	'/wetten?knelpunt=2A',
	'/escalatie?status=afgerond'
];

/** Accounts of different reach, as several municipalities and a region would use the portal. */
const ACCOUNTS: BenchUser[] = [
	{ email: 'landelijk@bench.example', role: 'landelijk', gemeenten: [] },
	{ email: 'kt-utrecht@bench.example', role: 'kwaliteitsteam', gemeenten: ['GM0344'] },
	{ email: 'kt-amsterdam@bench.example', role: 'kwaliteitsteam', gemeenten: ['GM0363'] },
	{ email: 'beleid-denhaag@bench.example', role: 'beleid', gemeenten: ['GM0518'] },
	{ email: 'college-leeuwarden@bench.example', role: 'college', gemeenten: ['GM0080'] }
];

/**
 * One page view as a browser makes it on a kept-alive connection: the whole body read, the status
 * returned. Plain node:http, as autocannon uses: fetch cost the client about 2 ms a page, taken from
 * the same two cores the server runs on.
 */
function view(agent: http.Agent, url: string, cookie: string): Promise<{ status: number; kept: boolean }> {
	return new Promise((resolve, reject) => {
		const request = http.get(url, { agent, headers: { cookie } }, (response) => {
			response.on('data', () => undefined);
			response.on('end', () =>
				resolve({ status: response.statusCode ?? 0, kept: response.headers['x-cache'] === 'hit' })
			);
			response.on('error', reject);
		});
		request.on('error', reject);
	});
}

/** CPU time (ms) the server process used so far, from /proc; null where there is none. */
function serverCpuMs(pid: number | undefined): number | null {
	try {
		const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
	} catch {
		return null;
	}
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Views per second and p95 of each ten seconds: the first ones pay for computing the views, after a start or an import. */
function windows(times: number[], finished: number[], start: number): string[] {
	const buckets: number[][] = [];
	times.forEach((ms, i) => (buckets[Math.floor((finished[i] - start) / 10_000)] ??= []).push(ms));
	return buckets.map((b) => {
		const sorted = [...b].sort((x, y) => x - y);
		return `${(b.length / 10).toFixed(0)}/s ${percentile(sorted, 95).toFixed(0)}`;
	});
}

export async function loadBenchmark(cases: number): Promise<Record<string, number>> {
	const { db, file } = await analyticsDatabase(cases);
	// What the server does at start and after an import before the first visitor comes (warm.ts).
	const warmStart = performance.now();
	const warmed = await warmDefaultViews(
		db,
		ACCOUNTS.map((a) => reachOf({ role: a.role, all_gemeenten: false, gemeenten: a.gemeenten }))
	);
	const warmMs = performance.now() - warmStart;
	console.log(
		`  default views computed ahead: ${warmed} views of ${ACCOUNTS.length} reaches in ${(warmMs / 1000).toFixed(1)} s`
	);
	db.close();
	const server = await startBenchServer(file, path.join(BENCH_DIR, 'load.duckdb'), ACCOUNTS);
	try {
		const cookies = await Promise.all(
			ACCOUNTS.map((a) => login(server.base, a.email, server.passwords[a.email]))
		);
		const times: number[] = [];
		/** When each view ended, for the figures per ten seconds. */
		const finished: number[] = [];
		const errors: string[] = [];
		/** Views answered with a page kept from an earlier view (see src/lib/server/page-cache.ts). */
		let kept = 0;
		const agent = new http.Agent({ keepAlive: true, maxSockets: USERS });
		const deadline = Date.now() + SECONDS * 1000;
		const user = async (n: number) => {
			const cookie = cookies[n % cookies.length];
			for (let i = n; Date.now() < deadline; i++) {
				const page = PAGES[i % PAGES.length];
				const started = performance.now();
				try {
					const { status, kept: wasKept } = await view(agent, server.base + page, cookie);
					if (wasKept) kept++;
					if (status !== 200) errors.push(`${page}: HTTP ${status}`);
				} catch (error) {
					errors.push(`${page}: ${(error as Error).message}`);
				}
				times.push(performance.now() - started);
				finished.push(performance.now());
			}
		};
		const start = performance.now();
		const client = process.cpuUsage();
		const serverBefore = serverCpuMs(server.pid);
		await Promise.all(Array.from({ length: USERS }, (_, n) => user(n)));
		const serverAfter = serverCpuMs(server.pid);
		const clientUsage = process.cpuUsage(client);
		const clientMs = (clientUsage.user + clientUsage.system) / 1000;
		agent.destroy();
		const sorted = [...times].sort((a, b) => a - b);
		const figures = {
			users: USERS,
			seconds: SECONDS,
			requests: times.length,
			errors: errors.length,
			keptPages: kept,
			requestsPerSecond: times.length / SECONDS,
			p50Ms: percentile(sorted, 50),
			p95Ms: percentile(sorted, 95),
			p99Ms: percentile(sorted, 99),
			/** CPU per page of the server (all its threads) and of this client, which share the machine. */
			serverCpuMsPerPage:
				serverBefore === null || serverAfter === null ? NaN : (serverAfter - serverBefore) / times.length,
			clientCpuMsPerPage: clientMs / times.length,
			warmDefaultViewsMs: warmMs
		};
		console.log(
			`  ${USERS} users, ${SECONDS} s: ${times.length} pages (${figures.requestsPerSecond.toFixed(1)}/s), ${errors.length} errors; p50 ${figures.p50Ms.toFixed(0)} ms, p95 ${figures.p95Ms.toFixed(0)} ms (target < 500 ms), p99 ${figures.p99Ms.toFixed(0)} ms`
		);
		console.log(
			`  rendered ${times.length - kept} pages, answered ${kept} as kept from an earlier view of the same user and address`
		);
		console.log(
			`  CPU per page: server ${figures.serverCpuMsPerPage.toFixed(1)} ms, load client ${figures.clientCpuMsPerPage.toFixed(1)} ms`
		);
		console.log(`  per 10 s (views/s, p95 ms): ${windows(times, finished, start).join(' · ')}`);
		if (errors.length > 0) {
			console.log(`  first errors: ${errors.slice(0, 5).join('; ')}`);
			console.log(`  server log (end):\n${server.log().slice(-3000)}`);
		}
		return figures;
	} finally {
		await server.stop();
	}
}
