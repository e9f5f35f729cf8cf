/** Load benchmark: 50 concurrent users, for 60 seconds on loopback, each browsing the analysis pages in seeded sessions that change period, route, status and gemeente and open matrix cells; views from the page cache and computed views timed apart. */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { BENCH_DIR } from './fixtures';
import { mulberry32, type Rng } from '../demo/generate';
import { analyticsDatabase } from './cooccurrence';
import {
	EMPTY_FILTER,
	changeQuery,
	filterQuery,
	periodsOf,
	type CaseFilter
} from '../../src/lib/domain/filters';
import { capabilities } from '../../src/lib/domain/roles';
import type { ListDimension } from '../../src/lib/domain/vocabulary';
import type { Database } from '../../src/lib/server/db';
import { warmDefaultViews } from '../../src/lib/server/analytics/warm';
import { filterOptions } from '../../src/lib/server/analytics/reach';
import { cooccurrence } from '../../src/lib/server/analytics/cooccurrence';
import { reachOf } from '../../src/lib/server/auth/users';
import { login, startBenchServer, type BenchUser } from './server';

const USERS = Number(process.env.LOAD_USERS || 50);
const SECONDS = Number(process.env.LOAD_SECONDS || 60);
/** The same seed gives every user the same walk through the pages on every run. */
const SEED = 7;

/** The pages of the main navigation that show figures; every view a real page, rendered on the server. */
const PAGES = ['/', '/leefgebieden', '/organisaties', '/wetten', '/escalatie', '/budget', '/signalen'];
const YEARS = [2023, 2024, 2025, 2026];
/** The last month with cases in the bench data (fixtures.ts: endDate 2026-10-31). */
const LAST_MONTH = 2026 * 12 + 9;
/** The matrices of each page, whose cells open a case list. */
const MATRICES: Record<string, ListDimension[]> = {
	'/leefgebieden': ['leefgebieden'],
	'/organisaties': ['organisaties', 'ministeries']
};

/** Accounts of different reach, as several municipalities, a region and the national programme would use the portal. */
const ACCOUNTS: BenchUser[] = [
	{ email: 'landelijk@bench.example', role: 'landelijk', gemeenten: [] },
	{ email: 'kt-utrecht@bench.example', role: 'kwaliteitsteam', gemeenten: ['GM0344'] },
	{ email: 'kt-amsterdam@bench.example', role: 'kwaliteitsteam', gemeenten: ['GM0363'] },
	{ email: 'beleid-denhaag@bench.example', role: 'beleid', gemeenten: ['GM0518'] },
	{ email: 'college-leeuwarden@bench.example', role: 'college', gemeenten: ['GM0080'] },
	{ email: 'beleid-regio-noord@bench.example', role: 'beleid', gemeenten: ['GM0080', 'GM0074', 'GM0193'] }
];

type Random = Rng;

/** A seeded generator, uniform in [0, 1): the demo's mulberry32. */
const seeded = mulberry32;

const pick = <T>(rng: Random, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

/** One of `items` with a chance in proportion to its weight. */
function weighted<T>(rng: Random, items: readonly { value: T; weight: number }[]): T {
	let u = rng() * items.reduce((sum, item) => sum + item.weight, 0);
	for (const item of items) if ((u -= item.weight) < 0) return item.value;
	return items[items.length - 1].value;
}

/** A matrix cell as the page links it (`cel=a|b`), with its count as its chance of being opened. */
type Cells = { value: string; weight: number }[];

/** What a user of an account can choose in the filter bar and on the matrices, read from the bench database. */
interface Choices {
	/** Landelijk: a whole quarter, half-year or year, or no period (disclosure/period.ts). */
	wholePeriods: boolean;
	/** Gemeenten in reach; the filter bar offers the choice only when there are several. */
	gemeenten: string[];
	routes: string[];
	/** The cells of each matrix that hold cases; none for roles that see aggregates only. */
	cells: Partial<Record<ListDimension, Cells>>;
}

async function choicesOf(db: Database, account: BenchUser): Promise<Choices> {
	const reach = reachOf({ role: account.role, all_gemeenten: false, gemeenten: account.gemeenten });
	// The routes and gemeenten the filter bar offers (SELECT … GROUP BY route over the cases in reach).
	const options = await filterOptions(db, reach);
	const cells: Choices['cells'] = {};
	if (capabilities(account.role).caseLevel) {
		for (const dimension of ['leefgebieden', 'organisaties', 'ministeries'] as const) {
			const { labels, matrix } = await cooccurrence(db, dimension, 'single', reach, EMPTY_FILTER);
			cells[dimension] = labels.flatMap((row, i) =>
				labels
					.slice(i)
					.map((column, k) => ({ value: `${row}|${column}`, weight: Math.sqrt(matrix[i][i + k]) }))
					.filter((cell) => cell.weight > 0)
			);
		}
	}
	const gemeenten = options.gemeenten.map((g) => g.code);
	return { wholePeriods: account.role === 'landelijk', gemeenten, routes: options.routes, cells };
}

/** One address: a page and its query string (`?…` or empty). */
type Address = { page: string; search: string };

function filterOf(search: string): CaseFilter {
	const params = new URLSearchParams(search);
	const keys = ['from', 'to', 'gemeente', 'route', 'status'];
	return { ...EMPTY_FILTER, ...Object.fromEntries(keys.map((key) => [key, params.get(key) || null])) };
}

/** The filter bar submitted: a GET form that sends every field, the empty ones too. */
function formQuery(filter: CaseFilter, choices: Choices): string {
	const params = new URLSearchParams();
	params.set('from', filter.from ?? '');
	params.set('to', filter.to ?? '');
	if (choices.gemeenten.length > 1) params.set('gemeente', filter.gemeente ?? '');
	for (const key of ['route', 'status', 'escalatie', 'knelpunt'] as const) params.set(key, filter[key] ?? '');
	return `?${params}`;
}

/** One to twelve whole months from January 2023 on, as typed into the filter bar's dates. */
function monthRange(rng: Random): { from: string; to: string } {
	const first = 2023 * 12 + Math.floor(rng() * (LAST_MONTH - 2023 * 12 + 1));
	const last = Math.min(first + Math.floor(rng() * 12), 2026 * 12 + 11);
	const day = (index: number, end: boolean) => {
		const date = new Date(Date.UTC(Math.floor(index / 12), (index % 12) + (end ? 1 : 0), end ? 0 : 1));
		return date.toISOString().slice(0, 10);
	};
	return { from: day(first, false), to: day(last, true) };
}

/**
 * A user's walk: sessions of 5 to 30 views that start on the dashboard and then go to other pages
 * (the navigation drops the filter, which the user often sets again), pick a quick period or type a
 * month range, change route, status or gemeente in the filter bar, open matrix cells, switch the
 * diagonal, or go back to an address seen before.
 */
class Session {
	private history: Address[] = [];
	private left = 0;
	/** The filter before the last move to another page, to set again. */
	private carried: CaseFilter | null = null;

	constructor(
		private readonly rng: Random,
		private readonly choices: Choices
	) {}

	next(): Address {
		const current = this.history[this.history.length - 1];
		if (this.left-- <= 0 || !current) {
			this.left = 5 + Math.floor(this.rng() * 26);
			this.history = [{ page: '/', search: '' }];
			return this.history[0];
		}
		if (this.history.length > 1 && this.rng() < 0.1) {
			this.history.pop();
			return this.history[this.history.length - 1];
		}
		const address = this.move(current);
		this.history.push(address);
		if (this.history.length > 20) this.history.shift();
		return address;
	}

	private move(current: Address): Address {
		const { rng, choices } = this;
		const filter = filterOf(current.search);
		const carried = this.carried;
		this.carried = null;
		if (carried && rng() < 0.6) return { page: current.page, search: formQuery(carried, choices) };
		const form = (change: Partial<CaseFilter>) => ({
			page: current.page,
			search: formQuery({ ...filter, ...change }, choices)
		});
		// The pages' own links keep the query and change a parameter (changeQuery); a bare `?` is no query.
		const link = (change: Record<string, string | null>) => ({
			page: current.page,
			search: changeQuery(current.search, change).replace(/^\?$/, '')
		});
		const dimensions = MATRICES[current.page] ?? [];
		const cellable = dimensions.filter((d) => (choices.cells[d]?.length ?? 0) > 0);
		const action = weighted(rng, [
			{ value: 'page', weight: 0.22 },
			{ value: 'period', weight: 0.22 },
			{ value: 'route', weight: 0.12 },
			{ value: 'status', weight: 0.12 },
			{ value: 'gemeente', weight: choices.gemeenten.length > 1 ? 0.1 : 0 },
			{ value: 'cell', weight: cellable.length > 0 ? 0.3 : 0 },
			{ value: 'diagonal', weight: dimensions.length > 0 ? 0.04 : 0 },
			{ value: 'clear', weight: 0.03 }
		]);
		switch (action) {
			case 'page': {
				if (filterQuery(filter)) this.carried = filter;
				return {
					page: pick(
						rng,
						PAGES.filter((p) => p !== current.page)
					),
					search: ''
				};
			}
			case 'period': {
				if (!choices.wholePeriods && rng() < 0.3) return form(monthRange(rng));
				if (filter.from && rng() < 0.15) return form({ from: null, to: null });
				const { from, to } = pick(rng, periodsOf(pick(rng, YEARS)));
				// The quick choices are links that keep the filter and drop everything else.
				return { page: current.page, search: filterQuery({ ...filter, from, to }) };
			}
			case 'route': {
				const others = choices.routes.filter((r) => r !== filter.route);
				return form({ route: filter.route && rng() < 0.3 ? null : pick(rng, others) });
			}
			case 'status': {
				const statuses = ([null, 'open', 'afgerond'] as const).filter((s) => s !== filter.status);
				return form({ status: pick(rng, statuses) });
			}
			case 'gemeente': {
				const others = [null, ...choices.gemeenten].filter((g) => g !== filter.gemeente);
				return form({ gemeente: pick(rng, others) });
			}
			case 'cell': {
				const dimension = cellable.length > 1 && rng() < 0.3 ? cellable[1] : cellable[0];
				const cel = weighted(rng, choices.cells[dimension]!);
				return link(current.page === '/organisaties' ? { cel, matrix: dimension } : { cel });
			}
			case 'diagonal': {
				const diagonal = new URLSearchParams(current.search).get('diagonal') ? null : 'total';
				return link({ diagonal, cel: null, matrix: null });
			}
			default:
				return { page: current.page, search: '' };
		}
	}
}

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

/** p50, p95 and p99 of some view times, and how many. */
function spread(times: number[]): { views: number; p50: number; p95: number; p99: number } {
	const sorted = [...times].sort((a, b) => a - b);
	const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(sorted, p));
	return { views: times.length, p50, p95, p99 };
}

const spreadText = (s: ReturnType<typeof spread>) =>
	`${s.views} views, p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, p99 ${s.p99.toFixed(0)} ms`;

/** Views per second and p95 of each ten seconds (the last one shorter): the first ones pay for computing the views, after a start or an import. */
function windows(times: number[], finished: number[], start: number): string[] {
	const buckets: number[][] = [];
	times.forEach((ms, i) => (buckets[Math.floor((finished[i] - start) / 10_000)] ??= []).push(ms));
	return buckets.map((b, i) => {
		const sorted = [...b].sort((x, y) => x - y);
		const seconds = Math.max(1, Math.min(10, SECONDS - i * 10));
		return `${(b.length / seconds).toFixed(0)}/s ${percentile(sorted, 95).toFixed(0)}`;
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
	const choices = await Promise.all(ACCOUNTS.map((account) => choicesOf(db, account)));
	db.close();
	const server = await startBenchServer(file, path.join(BENCH_DIR, 'load.duckdb'), ACCOUNTS);
	try {
		const cookies = await Promise.all(
			ACCOUNTS.map((a) => login(server.base, a.email, server.passwords[a.email]))
		);
		const times: number[] = [];
		/** When each view ended, for the figures per ten seconds. */
		const finished: number[] = [];
		/** Views answered with a page kept from an earlier view (`x-cache: hit`, src/lib/server/page-cache.ts), and the rest. */
		const keptTimes: number[] = [];
		const computedTimes: number[] = [];
		const addresses = new Set<string>();
		let cellViews = 0;
		const errors: string[] = [];
		const agent = new http.Agent({ keepAlive: true, maxSockets: USERS });
		const deadline = Date.now() + SECONDS * 1000;
		const user = async (n: number) => {
			const account = n % ACCOUNTS.length;
			const session = new Session(seeded(SEED * 1_000_003 + n), choices[account]);
			while (Date.now() < deadline) {
				const { page, search } = session.next();
				const address = page + search;
				addresses.add(`${account} ${address}`);
				if (search.includes('cel=')) cellViews++;
				const started = performance.now();
				let kept = false;
				try {
					const answer = await view(agent, server.base + address, cookies[account]);
					kept = answer.kept;
					if (answer.status !== 200)
						errors.push(`${ACCOUNTS[account].role} ${address}: HTTP ${answer.status}`);
				} catch (error) {
					errors.push(`${address}: ${(error as Error).message}`);
				}
				const ms = performance.now() - started;
				times.push(ms);
				finished.push(performance.now());
				(kept ? keptTimes : computedTimes).push(ms);
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
		const all = spread(times);
		const kept = spread(keptTimes);
		const computed = spread(computedTimes);
		const figures = {
			users: USERS,
			seconds: SECONDS,
			requests: times.length,
			errors: errors.length,
			distinctAddresses: addresses.size,
			cellViews,
			requestsPerSecond: times.length / SECONDS,
			p50Ms: all.p50,
			p95Ms: all.p95,
			p99Ms: all.p99,
			keptViews: kept.views,
			keptP50Ms: kept.p50,
			keptP95Ms: kept.p95,
			keptP99Ms: kept.p99,
			computedViews: computed.views,
			computedP50Ms: computed.p50,
			computedP95Ms: computed.p95,
			computedP99Ms: computed.p99,
			/** CPU per page of the server (all its threads) and of this client, which share the machine. */
			serverCpuMsPerPage:
				serverBefore === null || serverAfter === null ? NaN : (serverAfter - serverBefore) / times.length,
			clientCpuMsPerPage: clientMs / times.length,
			warmDefaultViewsMs: warmMs
		};
		console.log(
			`  ${USERS} users, ${SECONDS} s: ${times.length} pages (${figures.requestsPerSecond.toFixed(1)}/s), ${errors.length} errors; p50 ${all.p50.toFixed(0)} ms, p95 ${all.p95.toFixed(0)} ms (target < 500 ms), p99 ${all.p99.toFixed(0)} ms`
		);
		console.log(`  computed (no x-cache hit): ${spreadText(computed)}`);
		console.log(`  kept from an earlier view of the same account and address: ${spreadText(kept)}`);
		console.log(
			`  ${addresses.size} distinct addresses (per account); ${cellViews} views with an opened cell`
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
