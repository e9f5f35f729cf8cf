/** Against the built server: the analytics API's JSON and Arrow answers, the cell drill-down's reach, and the /leefgebieden page. */
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
const db = freshDb('analytics-api');
let server: RunningServer;
const tokens: Record<string, string> = {};
let collegeCookie = '';
let kwaliteitCookie = '';

beforeAll(async () => {
	importExport(db);
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

	it('shows an empty state for a filter without cases and refuses a malformed one', async () => {
		const empty = await request(server, '/leefgebieden?from=2030-01-01', { cookie: kwaliteitCookie });
		expect(empty.status).toBe(200);
		expect(empty.text).toContain('Er zijn geen casussen bij deze selectie');
		expect((await request(server, '/leefgebieden?from=gisteren', { cookie: kwaliteitCookie })).status).toBe(
			400
		);
		expect((await request(server, '/leefgebieden?cel=wonen', { cookie: kwaliteitCookie })).status).toBe(400);
	});
});
