/** Against the built server: every route of the route tree, as every role, with and without filters, in every format, leaks nothing outside the caller's reach or role. */
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	addUser,
	cli,
	freshDb,
	importExport,
	loginCookie,
	removeDb,
	startServer,
	type RunningServer,
	type TestUser
} from '../support/server';
import { postForm } from '../support/form-login';
import { fetchBody, fetchPageData, type ReadBody } from '../support/bodies';
import {
	CASE_FIELD_KINDS,
	GEMEENTE,
	marker,
	markedExport,
	markersIn,
	markersOf,
	type Side
} from '../support/markers';
import { routeTree } from '../support/routes';
import { VIEWS } from '$lib/server/views/registry';
import type { DataTable } from '$lib/domain/table';

const A = GEMEENTE.A;
const B = GEMEENTE.B;
const ARROW = 'application/vnd.apache.arrow.stream';

type RoleName = TestUser['role'];
const ROLES: RoleName[] = ['beheerder', 'kwaliteitsteam', 'beleid', 'college', 'landelijk'];
const emailOf = (role: RoleName) => `${role}@leak.example`;
/** Sets up what only the second municipality's own staff can make: its saved report and a note. */
const HELPER_B = 'kwaliteitsteam-b@leak.example';

/** The ids the dynamic segments are filled with, of both municipalities. */
interface Ids {
	kwesties: Record<Side, number[]>;
	cases: Record<Side, number[]>;
	imports: Record<Side, number[]>;
	reports: Record<Side, number[]>;
}

/** One request of a route's table entry: a path with query, and the Accept header where it matters. */
interface Req {
	path: string;
	accept?: string;
}

type Plan = { skip: string } | ((ids: Ids, role: RoleName) => (string | Req)[]);

const YEAR = 'from=2026-01-01&to=2026-12-31';
/** The common filters: none, a whole year, the own and the other municipality, a route, a status, a quarter. */
const FILTERS = [
	'',
	YEAR,
	`gemeente=${A}`,
	`gemeente=${B}`,
	`route=${marker('A', 'route')}`,
	'status=open',
	'status=afgerond&from=2026-07-01&to=2026-09-30'
];
/** A few of them, where a route has many requests per filter. */
const SOME_FILTERS = ['', YEAR, `gemeente=${B}`];
const SIGNAL_OPTIONS = ['', 'threshold=1', 'threshold=1&window_months=24&as_of=2026-12-31'];
/** Choices of Verkennen: every measure, dimensions of every kind (codes, values, the municipality, time) and splits. */
const EXPLORE = [
	'',
	'maat=uitgaven&dimensie=gemeente',
	'maat=besparing&dimensie=kwartaal&uitsplitsing=leefgebied',
	'maat=doorlooptijd&dimensie=escalatie&uitsplitsing=gemeente',
	'maat=antwoordtijd&dimensie=organisatie&uitsplitsing=jaar',
	'maat=casussen&dimensie=knelpunt_niveau&uitsplitsing=status'
];
const DIMENSIONS = ['leefgebieden', 'organisaties', 'ministeries', 'wetten'];
const CELLS: Record<string, string> = {
	leefgebieden: 'financiën|wonen',
	organisaties: 'gemeente|Belastingdienst',
	ministeries: 'FIN|BZK',
	wetten: 'Awir|Pw'
};

const q = (...parts: string[]) => {
	const query = parts.filter((p) => p !== '').join('&');
	return query ? `?${query}` : '';
};
const withFilters = (base: string, filters = FILTERS, extra = '') => filters.map((f) => base + q(f, extra));
const both = <T>(record: Record<Side, T[]>) => [...record.A, ...record.B];
const enc = encodeURIComponent;

/** Per download view, what it needs beside the filters (the kwestie's id, the comparison's period). */
const DOWNLOADS: Record<string, (ids: Ids) => string[]> = {
	audit: () => ['', YEAR],
	besluiten: () => FILTERS,
	budget: () => FILTERS,
	dashboard: () => FILTERS,
	escalatie: () => FILTERS,
	fondsen: () => [''],
	kwestie: (ids) => both(ids.kwesties).map((id) => `kwestie=${id}`),
	leefgebieden: () => [...FILTERS, 'diagonal=total'],
	organisaties: () => [...FILTERS, 'diagonal=total'],
	signalen: () => [...SOME_FILTERS, ...SIGNAL_OPTIONS.slice(1)],
	vergelijking: () => ['period=2026', 'period=2026-Q3', `period=2026&trend=${A}`, `period=2026&trend=${B}`],
	verkennen: () => EXPLORE.flatMap((c) => SOME_FILTERS.map((f) => [f, c].filter(Boolean).join('&'))),
	wetten: () => FILTERS
};

/**
 * Every route of the tree and the requests that check it. CSV downloads of every table are added by
 * following the download links every page offers (see `linksIn`), so each `tabel` is asked for too.
 */
const ROUTES: Record<string, Plan> = {
	'/': () => withFilters('/'),
	'/account': () => ['/account'],
	'/api/v1/budget': () => withFilters('/api/v1/budget'),
	'/api/v1/cooccurrence': () => [
		...DIMENSIONS.flatMap((d) => withFilters('/api/v1/cooccurrence', FILTERS, `dimension=${d}`)),
		...DIMENSIONS.map((d) => `/api/v1/cooccurrence?dimension=${d}&diagonal=total`),
		'/api/v1/cooccurrence'
	],
	'/api/v1/cooccurrence/cases': () => [
		...DIMENSIONS.flatMap((d) =>
			withFilters('/api/v1/cooccurrence/cases', SOME_FILTERS, `dimension=${d}&cell=${enc(CELLS[d])}`)
		),
		{
			path: `/api/v1/cooccurrence/cases?dimension=leefgebieden&cell=${enc(CELLS.leefgebieden)}`,
			accept: ARROW
		},
		'/api/v1/cooccurrence/cases'
	],
	'/api/v1/counts': () => [
		...DIMENSIONS.flatMap((d) => withFilters('/api/v1/counts', FILTERS, `dimension=${d}`)),
		...DIMENSIONS.flatMap((d) =>
			SOME_FILTERS.map((f) => ({ path: `/api/v1/counts${q(f, `dimension=${d}`)}`, accept: ARROW }))
		),
		// The decision dimensions of version 1.1: counts only, no co-occurrence.
		...['besluit_door', 'instrument', 'binnen_kaders', 'vier_ogen'].flatMap((d) => [
			...withFilters('/api/v1/counts', FILTERS, `dimension=${d}`),
			...SOME_FILTERS.map((f) => ({ path: `/api/v1/counts${q(f, `dimension=${d}`)}`, accept: ARROW }))
		]),
		'/api/v1/counts'
	],
	'/api/v1/health': () => ['/api/v1/health'],
	'/api/v1/responses': () => withFilters('/api/v1/responses'),
	'/api/v1/report': () => [
		'/api/v1/report',
		'/api/v1/report?period=2026-Q3',
		'/api/v1/report?period=2026',
		`/api/v1/report?period=2026-Q3&gemeente=${A}`,
		`/api/v1/report?period=2026-Q3&gemeente=${B}`,
		'/api/v1/report?period=2026-Q3&format=xlsx',
		`/api/v1/report?period=2026&gemeente=${B}&format=xlsx`,
		'/api/v1/report?period=2026-Q3&format=pdf'
	],
	'/api/v1/signals': () => [
		...SIGNAL_OPTIONS.flatMap((o) => withFilters('/api/v1/signals', SOME_FILTERS, o)),
		`/api/v1/signals?threshold=1&route=${marker('A', 'route')}`
	],
	'/api/v1/solutions': () => SIGNAL_OPTIONS.flatMap((o) => withFilters('/api/v1/solutions', SOME_FILTERS, o)),
	'/api/v1/steps': () => withFilters('/api/v1/steps'),
	'/beheer': () => ['/beheer'],
	'/beheer/audit': () => ['/beheer/audit', `/beheer/audit?${YEAR}`],
	'/beheer/fondsen': () => ['/beheer/fondsen', `/beheer/fondsen?gemeente=${B}`],
	'/beheer/kostentabel': () => ['/beheer/kostentabel', `/beheer/kostentabel?gemeente=${B}`],
	'/beheer/maatwerkregister': () => [
		'/beheer/maatwerkregister',
		...[1, 2, 3, 4].map((id) => `/beheer/maatwerkregister?wijzig=${id}`)
	],
	'/beheer/pakketten': () => ['/beheer/pakketten'],
	'/beheer/sso': () => ['/beheer/sso'],
	'/beheer/pakketten/pakket': () => [
		`/beheer/pakketten/pakket?gemeente=${A}&period=2026`,
		`/beheer/pakketten/pakket?gemeente=${B}&period=2026`,
		`/beheer/pakketten/pakket?gemeente=${B}&period=2026-Q3`,
		'/beheer/pakketten/pakket'
	],
	'/besluiten': () => withFilters('/besluiten'),
	'/budget': () => withFilters('/budget'),
	'/budget/casus/[id]': (ids) => both(ids.cases).map((id) => `/budget/casus/${id}`),
	'/download/[view]': (ids) =>
		Object.entries(DOWNLOADS).flatMap(([view, queries]) =>
			queries(ids).flatMap((query) => [
				`/download/${view}${q(query, 'format=xlsx')}`,
				`/download/${view}${q(query, 'format=csv')}`
			])
		),
	'/escalatie': () => withFilters('/escalatie'),
	'/import': () => ['/import'],
	'/import/[id]/problemen': (ids) => both(ids.imports).map((id) => `/import/${id}/problemen`),
	'/import/sjabloon': () => ['/import/sjabloon', '/import/sjabloon?format=xlsx'],
	'/kwesties/[id]': (ids) => both(ids.kwesties).map((id) => `/kwesties/${id}`),
	'/kwesties/[id]/melding': (ids) =>
		both(ids.kwesties).flatMap((id) => [`/kwesties/${id}/melding`, `/kwesties/${id}/melding?format=json`]),
	'/leefgebieden': () => [
		...withFilters('/leefgebieden'),
		'/leefgebieden?diagonal=total',
		`/leefgebieden?cel=${enc(CELLS.leefgebieden)}`,
		`/leefgebieden?cel=${enc(CELLS.leefgebieden)}&gemeente=${B}`
	],
	'/login': () => ['/login'],
	// Without OIDC_* both answer 404; with it, the start only redirects to the provider.
	'/login/sso': () => ['/login/sso', '/login/sso?terug=%2Fsignalen'],
	'/login/sso/callback': () => ['/login/sso/callback', '/login/sso/callback?code=x&state=y'],
	'/login/tweede-factor': () => ['/login/tweede-factor'],
	'/login/tweede-factor/herstelcodes': () => ['/login/tweede-factor/herstelcodes'],
	'/login/tweede-factor/instellen': () => ['/login/tweede-factor/instellen'],
	'/logout': () => ['/logout'],
	'/organisaties': () => [
		...withFilters('/organisaties'),
		'/organisaties?matrix=ministeries&diagonal=total',
		`/organisaties?cel=${enc(CELLS.organisaties)}`,
		`/organisaties?matrix=ministeries&cel=${enc(CELLS.ministeries)}`
	],
	'/rapportage': () => [
		'/rapportage',
		'/rapportage?periode=2026-Q3',
		'/rapportage?periode=2026',
		`/rapportage?periode=2026-Q3&gemeente=${A}`,
		`/rapportage?periode=2026-Q3&gemeente=${B}`
	],
	'/rapportage/[id]': (ids) => both(ids.reports).map((id) => `/rapportage/${id}`),
	'/rapportage/[id]/download': (ids) => [
		...both(ids.reports).map((id) => `/rapportage/${id}/download?format=xlsx`),
		...both(ids.reports).map((id) => `/rapportage/${id}/download?format=pdf`)
	],
	'/signalen': () => [
		...SIGNAL_OPTIONS.flatMap((o) => withFilters('/signalen', SOME_FILTERS, o)),
		`/signalen?threshold=1&route=${marker('A', 'route')}`,
		'/signalen?status=open'
	],
	'/toegankelijkheid': () => ['/toegankelijkheid'],
	'/verkennen': () => EXPLORE.flatMap((c) => withFilters('/verkennen', SOME_FILTERS, c)),
	'/rapportage/evaluatie': () => [
		'/rapportage/evaluatie',
		'/rapportage/evaluatie?van=2026-Q1&tot=2026-Q4',
		`/rapportage/evaluatie?van=2026-Q1&tot=2026-Q4&gemeente=${A}`,
		`/rapportage/evaluatie?van=2026-Q1&tot=2026-Q4&gemeente=${B}`
	],
	'/rapportage/evaluatie/download': () => [
		...['pdf', 'xlsx', 'print'].map(
			(f) => `/rapportage/evaluatie/download?van=2026-Q1&tot=2026-Q4&format=${f}`
		),
		`/rapportage/evaluatie/download?van=2026-Q1&tot=2026-Q4&gemeente=${B}&format=xlsx`,
		...['evaluatie-problemen', 'evaluatie-oplossingen', 'evaluatie-kwesties', 'evaluatie-jaren'].map(
			(t) => `/rapportage/evaluatie/download?van=2026-Q1&tot=2026-Q4&format=csv&tabel=${t}`
		)
	],
	'/vergelijking/agenda': () => [
		'/vergelijking/agenda',
		'/vergelijking/agenda?period=2026',
		'/vergelijking/agenda?period=2026-Q3'
	],
	'/vergelijking/agenda/bestand': () => ['/vergelijking/agenda/bestand'],
	'/vergelijking': () => [
		'/vergelijking',
		'/vergelijking?period=2026',
		'/vergelijking?period=2026-Q3',
		`/vergelijking?period=2026&trend=${A}`,
		`/vergelijking?period=2026&trend=${B}`
	],
	'/wetten': () => withFilters('/wetten')
};

/** Addresses whose JSON holds counts of cases in `cases` fields and `matrix` cells. */
const COUNT_ENDPOINTS = ['/api/v1/counts', '/api/v1/cooccurrence', '/api/v1/signals', '/api/v1/solutions'];

/** The registry's pages landelijk receives after disclosure control: their tables' count columns are checked. */
const PROTECTED_PAGES = VIEWS.filter((view) => view.page && view.levels.protected === 'protected').map(
	(view) => view.page!.path
);

/**
 * Routes that are not views of the registry, each for a reason: sign-in, account and administration,
 * forms, single cases and kwesties, the API, and the home (`/`), whose blocks each read their own
 * query or a view of the registry (server/home/blocks.ts). A new route that shows figures belongs in
 * the registry; the test below fails until it is in one of the two.
 */
const NOT_VIEWS = [
	'/',
	'/account',
	'/api/v1/budget',
	'/api/v1/cooccurrence',
	'/api/v1/cooccurrence/cases',
	'/api/v1/counts',
	'/api/v1/health',
	'/api/v1/report',
	'/api/v1/responses',
	'/api/v1/signals',
	'/api/v1/solutions',
	'/api/v1/steps',
	'/beheer',
	'/beheer/audit',
	'/beheer/fondsen',
	'/beheer/kostentabel',
	'/beheer/maatwerkregister',
	'/beheer/pakketten',
	'/beheer/pakketten/pakket',
	'/beheer/sso',
	'/budget/casus/[id]',
	'/download/[view]',
	'/import',
	'/import/[id]/problemen',
	'/import/sjabloon',
	'/kwesties/[id]',
	'/kwesties/[id]/melding',
	'/login',
	'/login/sso',
	'/login/sso/callback',
	'/login/tweede-factor',
	'/login/tweede-factor/herstelcodes',
	'/login/tweede-factor/instellen',
	'/logout',
	'/rapportage',
	'/rapportage/[id]',
	'/rapportage/[id]/download',
	'/rapportage/evaluatie',
	'/rapportage/evaluatie/download',
	'/toegankelijkheid',
	'/vergelijking',
	'/vergelijking/agenda',
	'/vergelijking/agenda/bestand'
];

const db = freshDb('leak');
let server: RunningServer;
const cookies = {} as Record<RoleName, string>;
const ids: Ids = {
	kwesties: { A: [], B: [] },
	cases: { A: [], B: [] },
	imports: { A: [], B: [] },
	reports: { A: [], B: [] }
};

/**
 * A national status for each side's kwestie, its toelichting carrying that side's note marker: a kwestie
 * page shows the status of its own label, so a user of one municipality must never meet the other's.
 */
async function addAgenda(): Promise<void> {
	const instance = await DuckDBInstance.create(db);
	const connection = await instance.connect();
	try {
		for (const side of ['A', 'B'] as const) {
			const label = marker(side, 'kwestie');
			await connection.run(
				`INSERT INTO national_agenda (kwestie_key, label, status, toelichting, set_by, set_at)
				 VALUES ('${label.toLowerCase()}', '${label}', 'agenda_let', 'Besproken: ${marker(side, 'notitie')}',
				 'landelijk@leak.example', TIMESTAMP '2026-11-01 10:00:00')`
			);
		}
	} finally {
		connection.closeSync();
		instance.closeSync();
	}
}

/** Reads the ids of both municipalities' kwesties, cases and imports from the file, before the server holds it. */
async function readIds(): Promise<void> {
	const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
	const connection = await instance.connect();
	const rows = async (sql: string) =>
		(await connection.runAndReadAll(sql)).getRowObjectsJson() as { id: string; gemeente: string }[];
	const side = (gemeente: string): Side => (gemeente === A ? 'A' : 'B');
	try {
		for (const r of await rows('SELECT id, scope AS gemeente FROM kwesties ORDER BY id'))
			ids.kwesties[side(r.gemeente)].push(Number(r.id));
		for (const r of await rows(
			`SELECT min(id) AS id, gemeente FROM cases GROUP BY gemeente, voorgeschoten IS NULL ORDER BY 1`
		))
			ids.cases[side(r.gemeente)].push(Number(r.id));
		for (const r of await rows('SELECT id, gemeenten[1] AS gemeente FROM imports ORDER BY id'))
			ids.imports[side(r.gemeente)].push(Number(r.id));
	} finally {
		connection.closeSync();
		instance.closeSync();
	}
}

/** Saves a period report through the page's form as the given session; returns its id. */
async function saveReport(cookie: string, gemeente: string, lessons: string): Promise<number> {
	const r = await postForm(
		server.url,
		'/rapportage?/opslaan',
		{ periode: '2026-Q3', gemeente, lessons },
		cookie
	);
	const id = /^\/rapportage\/(\d+)/.exec(r.headers.get('location') ?? '')?.[1];
	if (r.status !== 303 || !id)
		throw new Error(
			`saving the report of ${gemeente} failed: HTTP ${r.status}\n${server.log().slice(-2000)}`
		);
	return Number(id);
}

/** The Maatwerkregister's marker of one side: a contact only that municipality's kwaliteitsteam and beheerder may read. */
const contactMarker = (side: Side) => `MARKER-${side}-contact`;

/** The marker of a saved view's name: only its own user reads it, and a beheerder of its reach in the audit log. */
const viewMarker = (side: Side) => `MARKER-${side}-weergave`;

/** Saves the default Verkennen choice under a side's marker through the page's form as the given session. */
async function saveView(cookie: string, side: Side): Promise<void> {
	const r = await postForm(
		server.url,
		'/verkennen?maat=uitgaven&/bewaren',
		{ naam: viewMarker(side) },
		cookie
	);
	if (r.status !== 200 || !(await r.text()).includes(viewMarker(side)))
		throw new Error(`saving the view of ${side} failed: HTTP ${r.status}\n${server.log().slice(-2000)}`);
}

/** Adds a contact through the register's form as the given session. */
async function addContact(cookie: string, side: Side): Promise<void> {
	const r = await postForm(
		server.url,
		'/beheer/maatwerkregister?/toevoegen',
		{
			gemeente: GEMEENTE[side],
			organisatie: 'UWV',
			functie: 'Klantmanager',
			contact: `${contactMarker(side)}@uwv.example`,
			mandaat: '',
			antwoordtermijn: '3'
		},
		cookie
	);
	if (r.status !== 200 || !(await r.text()).includes(contactMarker(side)))
		throw new Error(`adding the contact of ${side} failed: HTTP ${r.status}\n${server.log().slice(-2000)}`);
}

async function writeNote(cookie: string, kwestie: number, note: string): Promise<void> {
	const r = await postForm(server.url, `/kwesties/${kwestie}?/notitie`, { note }, cookie);
	if (r.status !== 200)
		throw new Error(`the note on kwestie ${kwestie} failed: HTTP ${r.status}\n${server.log().slice(-2000)}`);
}

beforeAll(async () => {
	for (const side of ['A', 'B'] as const) {
		const file = path.join(path.dirname(db), `export-${side}.csv`);
		fs.writeFileSync(file, markedExport(side));
		importExport(db, file);
		const fund = cli(
			[
				'fund',
				'set',
				marker(side, 'fonds'),
				'--gemeente',
				GEMEENTE[side],
				'--year',
				'2026',
				'--budget',
				'25000'
			],
			{ db }
		);
		if (fund.code !== 0) throw new Error(`fund set failed: ${fund.stderr}`);
		// A partner's contribution: the ledger of /beheer/fondsen and /download/fondsen name the fund.
		const contribution = cli(
			[
				'fund',
				'contribute',
				marker(side, 'fonds'),
				'--gemeente',
				GEMEENTE[side],
				'--year',
				'2026',
				'--from',
				'zorgverzekeraar',
				'--amount',
				'5000'
			],
			{ db }
		);
		if (contribution.code !== 0) throw new Error(`fund contribute failed: ${contribution.stderr}`);
		const post = cli(
			['costs', 'set', marker(side, 'post'), '--gemeente', GEMEENTE[side], '--low', '100', '--high', '200'],
			{ db }
		);
		if (post.code !== 0) throw new Error(`costs set failed: ${post.stderr}`);
	}
	for (const role of ROLES) {
		addUser(db, { email: emailOf(role), role, gemeente: role === 'landelijk' ? [] : [A] });
	}
	addUser(db, { email: HELPER_B, role: 'kwaliteitsteam', gemeente: [B] });
	await addAgenda();
	await readIds();
	if (ids.kwesties.A.length === 0 || ids.kwesties.B.length === 0)
		throw new Error('the import made no kwesties');
	server = await startServer({ db });
	for (const role of ROLES) cookies[role] = await loginCookie(server, emailOf(role));
	const helper = await loginCookie(server, HELPER_B);
	ids.reports.A.push(await saveReport(cookies.beheerder, A, `Wat we leren: ${marker('A', 'les')}`));
	ids.reports.B.push(await saveReport(helper, B, `Wat we leren: ${marker('B', 'les')}`));
	await writeNote(cookies.kwaliteitsteam, ids.kwesties.A[0], `Notitie ${marker('A', 'notitie')}`);
	await writeNote(helper, ids.kwesties.B[0], `Notitie ${marker('B', 'notitie')}`);
	await addContact(cookies.kwaliteitsteam, 'A');
	await addContact(helper, 'B');
	await saveView(cookies.kwaliteitsteam, 'A');
	await saveView(helper, 'B');
});

afterAll(async () => {
	await server?.stop();
	removeDb(db);
});

/** The download links a page offers (every `tabel` of its views), as addresses. */
function linksIn(html: string): string[] {
	return [...html.matchAll(/href="(\/download\/[^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
}

/** The counts of cases in an answer: `cases` fields and `matrix` cells of the JSON, the `cases` column of an Arrow stream. */
function countsIn(read: ReadBody): number[] {
	const found: number[] = [];
	const walk = (value: unknown, key: string | null) => {
		if (typeof value === 'number' && (key === 'cases' || key === 'matrix')) found.push(value);
		else if (Array.isArray(value)) for (const v of value) walk(v, key === 'matrix' ? 'matrix' : null);
		else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
	};
	walk(read.json, null);
	for (const row of read.arrowRows ?? []) walk(row.cases, 'cases');
	return found;
}

/** The counts of cases from 1 to 7 in the tables of page data: the cells of `count` columns not marked as counting something else. */
function smallCountsInTables(data: unknown): string[] {
	const found: string[] = [];
	const walk = (value: unknown) => {
		if (Array.isArray(value)) for (const v of value) walk(v);
		else if (value && typeof value === 'object') {
			const table = value as Partial<DataTable>;
			if (typeof table.id === 'string' && Array.isArray(table.columns) && Array.isArray(table.rows)) {
				const counts = table.columns.filter((c) => c.kind === 'count' && c.counts !== 'other');
				for (const row of table.rows)
					for (const c of counts) {
						const n = row[c.key];
						if (typeof n === 'number' && n >= 1 && n <= 7) found.push(`${table.id}.${c.key}=${n}`);
					}
			}
			for (const v of Object.values(value)) walk(v);
		}
	};
	walk(data);
	return found;
}

/** What a role must never receive. */
function forbiddenFor(role: RoleName): string[] {
	const forbidden = new Set<string>();
	if (role !== 'landelijk') for (const m of markersOf('B')) forbidden.add(m);
	// The register is not a view of cases: no role reads another municipality's, and only these read their own.
	forbidden.add(contactMarker('B'));
	if (role !== 'beheerder' && role !== 'kwaliteitsteam') forbidden.add(contactMarker('A'));
	// Saved views are their user's own: a beheerder of the same reach meets one only in the audit log.
	forbidden.add(viewMarker('B'));
	if (role !== 'beheerder' && role !== 'kwaliteitsteam') forbidden.add(viewMarker('A'));
	if (role === 'college' || role === 'landelijk') {
		for (const side of ['A', 'B'] as const)
			for (const kind of CASE_FIELD_KINDS) forbidden.add(marker(side, kind));
	}
	return [...forbidden];
}

const keyOf = (req: Req) => `${req.path} ${req.accept ?? ''}`;

interface Finding {
	key: string;
	detail: string;
}

/** Asks every request of every route as one role; returns the leaks found and the markers seen. */
async function sweep(role: RoleName): Promise<{ findings: Finding[]; seen: Set<string>; requests: number }> {
	const cookie = cookies[role];
	const forbidden = forbiddenFor(role);
	const everyMarker = [
		...markersOf('A'),
		...markersOf('B'),
		contactMarker('A'),
		contactMarker('B'),
		viewMarker('A'),
		viewMarker('B')
	];
	const findings: Finding[] = [];
	const seen = new Set<string>();
	const statuses: string[] = [];
	const done = new Set<string>();
	const queue: Req[] = Object.values(ROUTES).flatMap((plan) =>
		typeof plan === 'function' ? plan(ids, role).map((r) => (typeof r === 'string' ? { path: r } : r)) : []
	);
	const check = async (req: Req) => {
		const read = await fetchBody(server.url, req.path, cookie, req.accept);
		statuses.push(`${read.status} ${req.path}`);
		const label = `${req.path}${req.accept ? ` (Accept: ${req.accept})` : ''} -> ${read.status}`;
		for (const m of markersIn(read.text, everyMarker)) seen.add(m);
		const pathname = req.path.split('?')[0];
		for (const m of markersIn(read.text, forbidden)) {
			findings.push({ key: `marker ${role} ${pathname}`, detail: `${label}: ${m}` });
		}
		if (role === 'landelijk' && COUNT_ENDPOINTS.includes(pathname)) {
			const small = countsIn(read).filter((n) => n >= 1 && n <= 7);
			if (small.length > 0) {
				findings.push({
					key: `count ${role} ${pathname}`,
					detail: `${label}: ${[...new Set(small)].join(', ')}`
				});
			}
		}
		// Every page landelijk opens: no table in its data holds a count of cases from 1 to 7.
		if (role === 'landelijk' && read.status === 200 && read.contentType.includes('text/html')) {
			const page = await fetchPageData(server.url, req.path, cookie);
			if (PROTECTED_PAGES.includes(pathname) && page.data.level !== 'protected') {
				findings.push({
					key: `level ${role} ${pathname}`,
					detail: `${label}: level ${String(page.data.level)}`
				});
			}
			const small = smallCountsInTables(page.data);
			if (small.length > 0) {
				findings.push({
					key: `count ${role} ${pathname}`,
					detail: `${label}: ${small.slice(0, 5).join(', ')}`
				});
			}
		}
		if (read.contentType.includes('text/html')) {
			for (const link of linksIn(read.text)) if (!done.has(keyOf({ path: link }))) queue.push({ path: link });
		}
	};
	let requests = 0;
	// Two at a time: the machine is shared, and one server answers them all.
	const worker = async () => {
		for (let req = queue.shift(); req; req = queue.shift()) {
			if (done.has(keyOf(req))) continue;
			done.add(keyOf(req));
			requests++;
			await check(req);
		}
	};
	await Promise.all([worker(), worker()]);
	// LEAK_REPORT=<file>: what each role was answered, for whoever needs to see what the sweep covered.
	if (process.env.LEAK_REPORT) {
		const lines = [`# ${role}`, ...statuses.sort(), ...findings.map((f) => `! ${f.key}: ${f.detail}`)];
		fs.appendFileSync(process.env.LEAK_REPORT, lines.join('\n') + `\nseen: ${[...seen].sort().join(' ')}\n`);
	}
	return { findings, seen, requests };
}

describe('the leak test covers the whole route tree', () => {
	it('finds the counts of cases in JSON and Arrow answers, and not what is protected', () => {
		const json = {
			counts: [
				{ label: 'wonen', cases: 3 },
				{ label: 'IND', cases: 'geheim' }
			],
			cases: 12
		};
		expect(countsIn({ status: 200, contentType: 'application/json', text: '', json })).toEqual([3, 12]);
		const matrix = {
			labels: ['a', 'b'],
			matrix: [
				[1, 'geheim'],
				[0, 40]
			],
			withLabel: 9
		};
		expect(countsIn({ status: 200, contentType: 'application/json', text: '', json: matrix })).toEqual([
			1, 0, 40
		]);
		const arrowRows = [
			{ label: 'wonen', cases: 2 },
			{ label: 'IND', cases: null }
		];
		expect(countsIn({ status: 200, contentType: ARROW, text: '', arrowRows })).toEqual([2]);
	});

	it('has an entry for every route of src/routes, and none for a route that is gone', () => {
		const tree = routeTree();
		expect(tree.length).toBeGreaterThan(20);
		const uncovered = tree
			.filter((route) => !Object.hasOwn(ROUTES, route))
			.map((r) => `route ${r} is not covered`);
		expect(uncovered).toEqual([]);
		const stale = Object.keys(ROUTES).filter((route) => !tree.includes(route));
		expect(stale, 'entries for routes that no longer exist').toEqual([]);
	});

	it('asks every view of the registry at /download/[view]', () => {
		expect(Object.keys(DOWNLOADS).sort()).toEqual(VIEWS.map((view) => view.id).sort());
	});

	it('knows every route as a view of the registry or as a route that is none', () => {
		const pages = VIEWS.flatMap((view) => (view.page ? [view.page.path] : []));
		const unknown = routeTree().filter((route) => !pages.includes(route) && !NOT_VIEWS.includes(route));
		expect(unknown, 'routes that are neither a registry view nor listed as none').toEqual([]);
		expect(PROTECTED_PAGES.length).toBeGreaterThan(4);
	});

	it('finds small counts of cases in the tables of page data, and not in columns counting something else', () => {
		const table: DataTable = {
			id: 't',
			caption: '',
			columns: [
				{ key: 'label', label: 'Label' },
				{ key: 'cases', label: 'Casussen', kind: 'count' },
				{ key: 'gemeenten', label: 'Gemeenten', kind: 'count', counts: 'other' }
			],
			rows: [
				{ label: 'a', cases: 3, gemeenten: 2 },
				{ label: 'b', cases: 'geheim', gemeenten: 1 },
				{ label: 'c', cases: 10, gemeenten: 5 }
			]
		};
		expect(smallCountsInTables({ level: 'protected', nested: { tables: [table] } })).toEqual(['t.cases=3']);
	});
});

describe.each(ROLES)('as %s', (role) => {
	it('no answer of any route carries what this role may not receive', async () => {
		const { findings, seen, requests } = await sweep(role);
		expect(findings.map((f) => `${f.key}: ${f.detail}`)).toEqual([]);
		// The sweep must meet the data it guards, or it proves nothing.
		expect(requests).toBeGreaterThan(100);
		if (role === 'landelijk') expect([...seen]).toContain(marker('B', 'kwestie'));
		else expect([...seen]).toContain(marker('A', 'kwestie'));
		if (role === 'beheerder')
			expect([...seen].sort()).toEqual([...markersOf('A'), contactMarker('A'), viewMarker('A')].sort());
		if (role === 'kwaliteitsteam')
			expect([...seen]).toEqual(expect.arrayContaining([contactMarker('A'), viewMarker('A')]));
	});
});
