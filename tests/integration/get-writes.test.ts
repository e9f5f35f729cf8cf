/** Against the built server: a link cannot make the portal write. Kwesties exist from the import on; opening pages writes nothing but the audit log. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '$lib/server/db';
import {
	addUser,
	freshDb,
	importExport,
	loginCookie,
	removeDb,
	request,
	startServer,
	type RunningServer
} from '../support/server';

const EXPORT = [
	'casus_id;gemeente;aangemeld_op;status;leefgebieden;organisaties;wetten;knelpunt;kwestie;kosten_oplossing;samenvatting',
	'K1;GM0080;2025-01-10;open;wonen;Belastingdienst;Wht;2B;Huurtoeslag na verhuizing;1.200,00;Toeslag teruggevorderd.',
	'K2;GM0080;2025-03-02;open;wonen;Belastingdienst;Wht;2B;huurtoeslag NA verhuizing;300,00;Vorige bewoner ingeschreven.',
	'K3;GM0080;2025-05-20;afgerond;wonen;Belastingdienst;Wht;2B;Huurtoeslag na verhuizing;;',
	'R1;GM0080;2025-06-01;open;financiën;UWV;Pw;3;;;Uitkering gestopt na werkaanvaarding.',
	'R2;GM0080;2025-07-01;open;financiën;UWV;Pw;3;;;Uitkering gestopt, inkomen nog niet binnen.',
	'E1;GM0080;2019-02-01;afgerond;wonen;;;;Eenmalig probleem van lang geleden;;',
	'U1;GM0344;2025-02-14;open;wonen;Belastingdienst;Wht;2B;Huurtoeslag na verhuizing;;',
	'H1;GM0518;2025-02-01;open;financiën;;Pw;;Kostendelersnorm;;',
	'H2;GM0518;2025-03-01;open;financiën;;Pw;;Kostendelersnorm;;',
	'H3;GM0518;2025-04-01;open;financiën;;Pw;;Kostendelersnorm;;'
].join('\n');

const USERS = [
	{ email: 'kt@leeuwarden.example', role: 'kwaliteitsteam', gemeente: ['GM0080'] },
	{ email: 'beheer@leeuwarden.example', role: 'beheerder', gemeente: ['GM0080'] },
	{ email: 'college@leeuwarden.example', role: 'college', gemeente: ['GM0080'] },
	{ email: 'landelijk@programma.example', role: 'landelijk' },
	{ email: 'loket@programma.example', role: 'kwaliteitsteam', gemeente: ['alle'] }
] as const;

const db = freshDb('get-writes');
let server: RunningServer | undefined;
const cookies: Record<string, string> = {};

type Snapshot = Record<string, string>;

/**
 * Every table but the audit log as a row count and a hash of its contents; sessions by count only,
 * since using a session renews it (its last-seen time), which is not a change of the data.
 */
async function snapshot(): Promise<Snapshot> {
	const store = await openStore(db);
	try {
		const tables = await store.all<{ name: string }>(
			`SELECT table_name AS name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary ORDER BY name`
		);
		const result: Snapshot = {};
		for (const { name } of tables) {
			if (name === 'audit_log') continue;
			if (!/^[a-z_]+$/.test(name)) throw new Error(`unexpected table name ${name}`);
			const sql =
				name === 'sessions'
					? `SELECT count(*)::VARCHAR AS v FROM sessions`
					: `SELECT count(*)::VARCHAR || ' ' || coalesce(sum(hash(t)), 0)::VARCHAR AS v FROM "${name}" t`;
			result[name] = (await store.one<{ v: string }>(sql))!.v;
		}
		return result;
	} finally {
		store.close();
	}
}

async function kwestiePairs(): Promise<{ cases: string[]; kwesties: string[]; ids: number[] }> {
	const store = await openStore(db);
	try {
		const cases = await store.all<{ p: string }>(
			`SELECT DISTINCT gemeente || ' ' || kwestie_key AS p FROM cases WHERE kwestie_key IS NOT NULL ORDER BY p`
		);
		const kwesties = await store.all<{ p: string; id: number }>(
			`SELECT scope || ' ' || key AS p, id::INTEGER AS id FROM kwesties ORDER BY p`
		);
		return {
			cases: cases.map((r) => r.p),
			kwesties: kwesties.map((r) => r.p),
			ids: kwesties.map((r) => r.id)
		};
	} finally {
		store.close();
	}
}

/** The same-site links of a page (hrefs of anchors), as a browser would follow them. */
function links(html: string): string[] {
	return [...html.matchAll(/<a\b[^>]*\shref="([^"#]+)/g)]
		.map((m) => m[1].replaceAll('&amp;', '&'))
		.filter((href) => href.startsWith('/') && !href.startsWith('//'));
}

/** Opens `start` and every page its links lead to (breadth first, at most `limit`), as this user; returns the statuses. */
async function browse(cookie: string, start: string[], limit: number): Promise<Map<string, number>> {
	const seen = new Map<string, number>();
	const queue = [...start];
	while (queue.length > 0 && seen.size < limit) {
		const href = queue.shift()!;
		if (seen.has(href) || href.startsWith('/_app/') || href === '/logout') continue;
		const r = await request(server!, href, { cookie });
		seen.set(href, r.status);
		const type = r.headers.get('content-type') ?? '';
		if (type.startsWith('text/html')) queue.push(...links(r.text));
	}
	return seen;
}

let beforeBrowsing: Snapshot;
let kwestieIds: number[] = [];

beforeAll(async () => {
	const file = path.join(path.dirname(db), 'export.csv');
	fs.writeFileSync(file, EXPORT);
	importExport(db, file);
	for (const user of USERS) addUser(db, { ...user, gemeente: 'gemeente' in user ? [...user.gemeente] : [] });
});

afterAll(async () => {
	await server?.stop();
	removeDb(db);
});

describe('kwesties are registered when their cases are written', () => {
	it('gives every label of an import its kwestie before anyone opens /signalen, once or years old', async () => {
		const { cases, kwesties } = await kwestiePairs();
		expect(cases).toContain('GM0080 eenmalig probleem van lang geleden');
		expect(kwesties).toEqual(cases);
	});

	it('registers at server start the labels of cases an older release left without kwestie', async () => {
		const store = await openStore(db);
		try {
			await store.run(`DELETE FROM kwesties WHERE scope = 'GM0518'`);
		} finally {
			store.close();
		}
		expect((await kwestiePairs()).kwesties).not.toContain('GM0518 kostendelersnorm');
		server = await startServer({ db });
		for (const user of USERS) cookies[user.email] = await loginCookie(server, user.email);
		await server.stop();
		beforeBrowsing = await snapshot();
		const { cases, kwesties, ids } = await kwestiePairs();
		kwestieIds = ids;
		expect(kwesties).toEqual(cases);
	});
});

describe('opening pages', () => {
	it('answers two simultaneous views of /signalen both', async () => {
		server = await startServer({ db });
		const both = await Promise.all(
			[1, 2].map(() =>
				request(server!, '/signalen?as_of=2025-12-31&window_months=24', {
					cookie: cookies['kt@leeuwarden.example']
				})
			)
		);
		expect(both.map((r) => r.status)).toEqual([200, 200]);
		expect(both[0].text).toContain('Huurtoeslag na verhuizing');
	});

	it('writes nothing but the audit log, whatever page a link opens, for every role', async () => {
		const start = [
			'/',
			'/signalen?as_of=2025-12-31&window_months=24',
			'/signalen',
			'/budget',
			...kwestieIds.map((id) => `/kwesties/${id}`)
		];
		const opened = new Map<string, number>();
		for (const user of USERS) {
			const limit = user.role === 'kwaliteitsteam' || user.role === 'beheerder' ? 60 : 25;
			for (const [href, status] of await browse(cookies[user.email], start, limit)) {
				opened.set(`${user.email} ${href}`, status);
			}
		}
		// The pages named in the issue were really opened, by roles that see them.
		for (const page of ['/', '/signalen', '/budget'])
			expect(opened.get(`kt@leeuwarden.example ${page}`)).toBe(200);
		for (const id of kwestieIds) expect(opened.get(`loket@programma.example /kwesties/${id}`)).toBe(200);
		expect(opened.size).toBeGreaterThan(100);
		expect([...opened.values()].filter((status) => status >= 500)).toEqual([]);
		await server!.stop();
		expect(await snapshot()).toEqual(beforeBrowsing);
	});
});
