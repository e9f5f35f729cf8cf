/** Against the built server: the analytics API's JSON and Arrow answers, the cell drill-down's reach, and the /leefgebieden page. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import {
	freshDb,
	importExport,
	loginCookie,
	removeDb,
	request,
	startServer,
	userWithToken,
	type RunningServer
} from '../support/server';

const ARROW = 'application/vnd.apache.arrow.stream';
/** The public sample of version 1.1 of the export: 12 Zwolle cases (GM0193) with every new column. */
const ZWOLLE = path.resolve('src/lib/server/ingest/fixtures/zwolle-2025-v11.csv');
const db = freshDb('analytics-api');
let server: RunningServer;
const tokens: Record<string, string> = {};
let collegeCookie = '';
let kwaliteitCookie = '';

beforeAll(async () => {
	importExport(db);
	importExport(db, ZWOLLE);
	tokens.zwolle = userWithToken(db, {
		email: 'kt@zwolle.example',
		role: 'kwaliteitsteam',
		gemeente: ['GM0193']
	});
	tokens.kwaliteit = userWithToken(db, {
		email: 'kt@leeuwarden.example',
		role: 'kwaliteitsteam',
		gemeente: ['GM0080']
	});
	tokens.college = userWithToken(db, {
		email: 'college@leeuwarden.example',
		role: 'college',
		gemeente: ['GM0080']
	});
	tokens.landelijk = userWithToken(db, { email: 'l@programma.example', role: 'landelijk' });
	server = await startServer({ db });
	kwaliteitCookie = await loginCookie(server, 'kt@leeuwarden.example');
	collegeCookie = await loginCookie(server, 'college@leeuwarden.example');
});

afterAll(async () => {
	await server?.stop();
	removeDb(db);
});

async function arrow(path: string, token: string) {
	const response = await fetch(server.url + path, {
		headers: { authorization: `Bearer ${token}`, accept: ARROW }
	});
	return { response, table: response.ok ? tableFromIPC(new Uint8Array(await response.arrayBuffer())) : null };
}

interface Matrix {
	labels: string[];
	matrix: number[][];
	totals: Record<string, number>;
	cases: number;
}

describe('GET /api/v1/counts', () => {
	it('gives the same counts as JSON and as an Arrow stream', async () => {
		const json = (await request(server, '/api/v1/counts?dimension=leefgebieden', { token: tokens.kwaliteit }))
			.body as { counts: { label: string; cases: number }[]; cases: number };
		expect(json.cases).toBe(30);
		const { response, table } = await arrow('/api/v1/counts?dimension=leefgebieden', tokens.kwaliteit);
		expect(response.headers.get('content-type')).toBe(ARROW);
		expect(table!.schema.fields.map((f) => f.name)).toEqual(['label', 'cases']);
		expect(table!.schema.metadata.get('cases')).toBe('30');
		expect(table!.toArray().map((row) => row.toJSON())).toEqual(json.counts);
	});
});

describe('GET /api/v1/counts of the decisions (version 1.1)', () => {
	type Counts = {
		dimension: string;
		counts: { label: string; cases: number | 'geheim' }[];
		cases: number | 'geheim';
	};
	const counts = async (query: string, token: string) => {
		const r = await request(server, `/api/v1/counts?${query}`, { token });
		expect(r.status, r.text.slice(0, 200)).toBe(200);
		return r.body as Counts;
	};
	const byLabel = (body: Counts) => Object.fromEntries(body.counts.map((c) => [c.label, c.cases]));

	it('counts who decided in vocabulary order and the kaders as ja, nee, onbekend (the contract on the Zwolle sample)', async () => {
		const who = await counts('dimension=besluit_door', tokens.zwolle);
		// ZW-04, 09, 12 professional; ZW-02, 05 teamleider; ZW-01, 03 omo_functionaris; ZW-07 tafel; ZW-08 college.
		expect(who.counts).toEqual([
			{ label: 'professional', cases: 3 },
			{ label: 'teamleider', cases: 2 },
			{ label: 'omo_functionaris', cases: 2 },
			{ label: 'tafel', cases: 1 },
			{ label: 'college', cases: 1 }
		]);
		expect(who.cases).toBe(12);
		const kaders = await counts('dimension=binnen_kaders', tokens.zwolle);
		expect(kaders).toEqual({
			dimension: 'binnen_kaders',
			counts: [
				{ label: 'ja', cases: 5 },
				{ label: 'nee', cases: 4 },
				{ label: 'onbekend', cases: 3 }
			],
			cases: 12
		});
		// Without vier_ogen: ZW-06, 10, 11; nee: ZW-03, 09.
		expect(byLabel(await counts('dimension=vier_ogen', tokens.zwolle))).toEqual({
			ja: 7,
			nee: 2,
			onbekend: 3
		});
		// A case counts under each of its instruments (ZW-03: voorschot and overbruggingsprocedure).
		expect((await counts('dimension=instrument', tokens.zwolle)).counts).toEqual([
			{ label: 'hardheidsclausule', cases: 1 },
			{ label: 'voorschot', cases: 3 },
			{ label: 'overbruggingsprocedure', cases: 1 },
			{ label: 'kwijtschelding', cases: 2 },
			{ label: 'coulance', cases: 1 },
			{ label: 'urgentie', cases: 1 }
		]);
	});

	it('takes the same filters, and answers the same counts as an Arrow stream', async () => {
		// The open ZW-06 and ZW-10 and the withdrawn ZW-11 are the three without kaders.
		const closed = await counts('dimension=binnen_kaders&status=afgerond', tokens.zwolle);
		expect(closed).toMatchObject({
			counts: [
				{ label: 'ja', cases: 5 },
				{ label: 'nee', cases: 4 }
			],
			cases: 9
		});
		const { response, table } = await arrow('/api/v1/counts?dimension=besluit_door', tokens.zwolle);
		expect(response.headers.get('content-type')).toBe(ARROW);
		expect(table!.schema.metadata.get('dimension')).toBe('besluit_door');
		expect(table!.toArray().map((row) => row.toJSON())).toEqual(
			(await counts('dimension=besluit_door', tokens.zwolle)).counts
		);
	});

	it('counts nothing of another municipality: Leeuwarden has no decisions', async () => {
		const who = await counts('dimension=besluit_door', tokens.kwaliteit);
		expect(who).toEqual({ dimension: 'besluit_door', counts: [], cases: 30 });
		const kaders = await counts('dimension=binnen_kaders', tokens.kwaliteit);
		expect(kaders.counts).toEqual([{ label: 'onbekend', cases: 30 }]);
	});

	it('gives landelijk "geheim" for 1 to 7 cases, in JSON and in the Arrow stream', async () => {
		const who = await counts('dimension=besluit_door&gemeente=GM0193', tokens.landelijk);
		expect(who.counts.map((c) => c.cases)).toEqual(['geheim', 'geheim', 'geheim', 'geheim', 'geheim']);
		// 12 cases, rounded to a multiple of 5.
		expect(who.cases).toBe(10);
		const kaders = await counts('dimension=binnen_kaders&gemeente=GM0193', tokens.landelijk);
		expect(kaders.counts.map((c) => c.cases)).toEqual(['geheim', 'geheim', 'geheim']);
		const { table } = await arrow('/api/v1/counts?dimension=besluit_door&gemeente=GM0193', tokens.landelijk);
		expect(table!.toArray()[0].toJSON()).toEqual({ label: 'professional', cases: null, cases_geheim: true });
		expect(table!.numRows).toBe(5);
	});

	it('refuses an unknown dimension with a Dutch message naming every dimension', async () => {
		const r = await request(server, '/api/v1/counts?dimension=besluit', { token: tokens.zwolle });
		expect(r.status).toBe(400);
		expect(r.text).toContain(
			'dimension is een van: leefgebieden, organisaties, ministeries, wetten, besluit_door, instrument, binnen_kaders, vier_ogen.'
		);
		// The co-occurrence matrix stays with the list dimensions.
		expect(
			(await request(server, '/api/v1/cooccurrence?dimension=besluit_door', { token: tokens.zwolle })).status
		).toBe(400);
	});
});

describe('GET /api/v1/cooccurrence/cases', () => {
	let matrix: Matrix;
	let pair: [string, string];

	beforeAll(async () => {
		matrix = (
			await request(server, '/api/v1/cooccurrence?dimension=leefgebieden&diagonal=single', {
				token: tokens.kwaliteit
			})
		).body as Matrix;
		const [i, j] = matrix.labels
			.flatMap((_, a) => matrix.labels.map((__, b) => [a, b]))
			.find(([a, b]) => a !== b && matrix.matrix[a][b] > 1)!;
		pair = [matrix.labels[i], matrix.labels[j]];
	});

	const cellPath = (cell: string[], query = '') =>
		`/api/v1/cooccurrence/cases?dimension=leefgebieden&cell=${encodeURIComponent(cell.join('|'))}${query}`;

	it('lists as many cases as the matrix counts in the cell, as JSON and as Arrow', async () => {
		const i = matrix.labels.indexOf(pair[0]);
		const j = matrix.labels.indexOf(pair[1]);
		const json = (await request(server, cellPath(pair), { token: tokens.kwaliteit })).body as {
			total: number;
			cases: { casus_id: string; gemeente: string }[];
		};
		expect(json.total).toBe(matrix.matrix[i][j]);
		expect(json.cases).toHaveLength(json.total);
		expect(json.cases.every((c) => c.gemeente === 'Leeuwarden')).toBe(true);
		const { table } = await arrow(cellPath(pair), tokens.kwaliteit);
		expect(table!.numRows).toBe(json.total);
		expect(table!.getChild('casus_id')!.toArray()).toEqual(json.cases.map((c) => c.casus_id));
		expect(table!.schema.metadata.get('total')).toBe(String(json.total));
	});

	it('reads the diagonal as the matrix does and honours the limit and filters', async () => {
		const code = matrix.labels[0];
		const single = (await request(server, cellPath([code, code]), { token: tokens.kwaliteit })).body as {
			total: number;
		};
		const total = (
			await request(server, cellPath([code, code], '&diagonal=total'), { token: tokens.kwaliteit })
		).body as { total: number; cases: unknown[] };
		expect(single.total).toBe(matrix.matrix[0][0]);
		expect(total.total).toBe(matrix.totals[code]);
		const cut = (
			await request(server, cellPath([code, code], '&diagonal=total&limit=2'), { token: tokens.kwaliteit })
		).body as { total: number; cases: unknown[] };
		expect(cut).toMatchObject({ total: total.total });
		expect(cut.cases).toHaveLength(2);
		const none = (await request(server, cellPath(pair, '&from=2030-01-01'), { token: tokens.kwaliteit }))
			.body;
		expect(none).toMatchObject({ total: 0, cases: [] });
	});

	it('refuses roles that see aggregates only, and malformed requests', async () => {
		expect((await request(server, cellPath(pair), { token: tokens.college })).status).toBe(403);
		expect((await request(server, cellPath(pair), { token: tokens.landelijk })).status).toBe(403);
		expect((await arrow(cellPath(pair), tokens.landelijk)).response.status).toBe(403);
		expect((await request(server, cellPath(['wonen']), { token: tokens.kwaliteit })).status).toBe(400);
		expect((await request(server, cellPath(pair, '&limit=0'), { token: tokens.kwaliteit })).status).toBe(400);
		expect(
			(await request(server, cellPath(pair, '&gemeente=GM0344'), { token: tokens.kwaliteit })).status
		).toBe(403);
		expect((await request(server, cellPath(pair))).status).toBe(401);
	});
});

describe('/leefgebieden', () => {
	it('shows the matrix and, for case-level roles only, the cases of a cell', async () => {
		const cell = encodeURIComponent('financiën|wonen');
		const kwaliteit = await request(server, `/leefgebieden?cel=${cell}`, { cookie: kwaliteitCookie });
		expect(kwaliteit.status).toBe(200);
		expect(kwaliteit.text).toContain('Samen voorkomende leefgebieden');
		expect(kwaliteit.text).toContain('id="casussen"');
		const college = await request(server, `/leefgebieden?cel=${cell}`, { cookie: collegeCookie });
		expect(college.status).toBe(200);
		expect(college.text).toContain('Samen voorkomende leefgebieden');
		expect(college.text).not.toContain('id="casussen"');
	});

	it('shows an empty state for a filter without cases, says why a date is no date, and refuses a malformed cell', async () => {
		const empty = await request(server, '/leefgebieden?from=2030-01-01', { cookie: kwaliteitCookie });
		expect(empty.status).toBe(200);
		expect(empty.text).toContain('Er zijn geen casussen bij deze selectie');
		// A date that is no date is left out of the figures, with the Dutch reason beside the field.
		const notADate = await request(server, '/leefgebieden?from=gisteren', { cookie: kwaliteitCookie });
		expect(notADate.status).toBe(200);
		expect(notADate.text).toContain('is geen datum');
		expect(notADate.text).toContain('De cijfers hieronder gelden zonder deze datum.');
		expect((await request(server, '/leefgebieden?cel=wonen', { cookie: kwaliteitCookie })).status).toBe(400);
	});
});

describe('GET /api/v1/steps', () => {
	const steps = async (query: string, token: string) => {
		const r = await request(server, `/api/v1/steps${query}`, { token });
		expect(r.status).toBe(200);
		return (r.body as { steps: unknown[] }).steps;
	};

	it('gives reach and days per step of the Zwolle sample in ladder order', async () => {
		// lokale_tafel: ZW-01 13-01 -> afgerond 20-01: 7 days; ZW-02 07-02 -> 17-02: 10; ZW-03 10-03 -> bestuurlijk 17-03: 7.
		// maatwerkcoach: 7, 4, 7, 5, 12 (ZW-06 is open: its only step has no end).
		expect(await steps('', tokens.zwolle)).toEqual([
			{ step: 'team', reached: 2, medianDays: 2, p75Days: 2 },
			{ step: 'maatwerkcoach', reached: 6, medianDays: 7, p75Days: 7 },
			{ step: 'lokale_tafel', reached: 3, medianDays: 7, p75Days: 8.5 },
			{ step: 'bestuurlijk', reached: 1, medianDays: 7, p75Days: 7 }
		]);
		expect(await steps('?route=Wijkteam%20Zuid', tokens.zwolle)).toEqual([
			{ step: 'team', reached: 2, medianDays: 2, p75Days: 2 },
			{ step: 'maatwerkcoach', reached: 2, medianDays: 8.5, p75Days: 10.25 }
		]);
	});

	it('counts only cases in reach and refuses a gemeente outside it', async () => {
		// The Leeuwarden sample is of version 1: no case has stappen.
		expect(await steps('', tokens.kwaliteit)).toEqual([]);
		expect(await steps('', tokens.college)).toEqual([]);
		const outside = await request(server, '/api/v1/steps?gemeente=GM0080', { token: tokens.zwolle });
		expect(outside.status).toBe(403);
	});

	it('gives landelijk "geheim" for reach from 1 to 7 and for quantiles of fewer than 8 spans', async () => {
		const published = await steps('', tokens.landelijk);
		expect(published).toHaveLength(4);
		for (const step of published) {
			expect(step).toMatchObject({ reached: 'geheim', medianDays: 'geheim', p75Days: 'geheim' });
		}
		const period = await request(server, '/api/v1/steps?from=2025-01-01&to=2025-02-10', {
			token: tokens.landelijk
		});
		expect(period.status).toBe(400);
	});
});
