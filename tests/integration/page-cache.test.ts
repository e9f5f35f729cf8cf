/** Against the built server: an analysis page viewed again is answered as rendered before, with a fresh nonce and the session renewed, until an import; a case list of a cell is rendered and audited every time. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const db = freshDb('page-cache');
/** A kept analysis page whose figures an import changes. */
const KEPT = '/leefgebieden';
let server: RunningServer;
let kwaliteit = '';
let college = '';
let beheer = '';

const EXTRA_EXPORT = [
	'casus_id;gemeente;aangemeld_op;status;leefgebieden;organisaties;kwestie;fonds;kosten_oplossing',
	'LW-EXTRA-1;Leeuwarden;2025-03-01;open;wonen|financiën;UWV;Nieuw probleem;;',
	'LW-EXTRA-2;Leeuwarden;2025-03-02;open;wonen|financiën;UWV;Nieuw probleem;;'
].join('\n');

beforeAll(async () => {
	importExport(db);
	addUser(db, { email: 'kt@leeuwarden.example', role: 'kwaliteitsteam', gemeente: ['GM0080'] });
	addUser(db, { email: 'college@leeuwarden.example', role: 'college', gemeente: ['GM0080'] });
	addUser(db, { email: 'beheer@leeuwarden.example', role: 'beheerder', gemeente: ['GM0080'] });
	server = await startServer({ db });
	kwaliteit = await loginCookie(server, 'kt@leeuwarden.example');
	college = await loginCookie(server, 'college@leeuwarden.example');
	beheer = await loginCookie(server, 'beheer@leeuwarden.example');
});

afterAll(async () => {
	await server?.stop();
	removeDb(db);
});

const scriptNonces = (html: string) => [...html.matchAll(/<script nonce="([^"]+)"/g)].map((m) => m[1]);
const headerNonce = (headers: Headers) =>
	/'nonce-([^']+)'/.exec(headers.get('content-security-policy') ?? '')?.[1];
/** The page with its nonces blanked, to compare two views of it. */
const withoutNonces = (html: string) => {
	let blanked = html;
	for (const nonce of new Set(scriptNonces(html))) blanked = blanked.replaceAll(nonce, 'NONCE');
	return blanked;
};

describe('kept analysis pages', () => {
	it('answers a page viewed again as rendered before, under a new nonce, with the session renewed', async () => {
		const first = await request(server, '/leefgebieden?from=2024-01-01', { cookie: kwaliteit });
		const second = await request(server, '/leefgebieden?from=2024-01-01', { cookie: kwaliteit });
		expect([first.status, second.status]).toEqual([200, 200]);
		expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['miss', 'hit']);
		expect(withoutNonces(second.text)).toBe(withoutNonces(first.text));
		expect(second.text).toContain('Samen voorkomende leefgebieden');

		const nonce = headerNonce(second.headers);
		expect(nonce).toBeTruthy();
		expect(nonce).not.toBe(headerNonce(first.headers));
		expect(new Set(scriptNonces(second.text))).toEqual(new Set([nonce]));

		const renewed = second.headers.getSetCookie().find((c) => c.startsWith('session='));
		expect(renewed).toMatch(/HttpOnly/i);
		expect(renewed).toMatch(/SameSite=Lax/i);
		expect(second.headers.get('cache-control')).toBe('no-store');
	});

	it('keeps the pages of each user apart: another role sees its own page', async () => {
		await request(server, '/leefgebieden?from=2024-02-01', { cookie: kwaliteit });
		const other = await request(server, '/leefgebieden?from=2024-02-01', { cookie: college });
		expect(other.headers.get('x-cache')).toBe('miss');
		expect(other.text).toContain('college@leeuwarden.example');
		expect(other.text).not.toContain('kt@leeuwarden.example');
	});

	it('renders and audits a case list of a cell on every view', async () => {
		const cell = `/leefgebieden?cel=${encodeURIComponent('financiën|wonen')}`;
		const countViews = async () => {
			const log = await request(server, '/download/audit?format=csv&tabel=audit-log', { cookie: beheer });
			return log.text.split('\n').filter((line) => line.includes('casussen bekijken')).length;
		};
		const before = await countViews();
		for (let i = 0; i < 2; i++) {
			const view = await request(server, cell, { cookie: kwaliteit });
			expect(view.text).toContain('id="casussen"');
			expect(view.headers.get('x-cache')).toBeNull();
		}
		expect(await countViews()).toBe(before + 2);
	});

	it('renders the home at every view: what is new there follows the session, not the data', async () => {
		for (let i = 0; i < 2; i++) {
			const home = await request(server, '/', { cookie: kwaliteit });
			expect(home.status).toBe(200);
			expect(home.text).toContain('Nieuwe signalen');
			expect(home.headers.get('x-cache')).toBeNull();
		}
	});

	it('renders every page anew after an import', async () => {
		const before = await request(server, KEPT, { cookie: kwaliteit });
		expect((await request(server, KEPT, { cookie: kwaliteit })).headers.get('x-cache')).toBe('hit');

		const form = new FormData();
		form.set('bestand', new Blob([EXTRA_EXPORT], { type: 'text/csv' }), 'extra.csv');
		form.set('source', 'standaard');
		const upload = await fetch(`${server.url}/import?/importeren`, {
			method: 'POST',
			headers: { cookie: beheer, origin: server.url, accept: 'application/json' },
			body: form
		});
		expect(upload.status).toBe(200);
		expect(await upload.text()).toContain('success');

		const after = await request(server, KEPT, { cookie: kwaliteit });
		expect(after.headers.get('x-cache')).toBe('miss');
		expect(withoutNonces(after.text)).not.toBe(withoutNonces(before.text));
		expect((await request(server, KEPT, { cookie: kwaliteit })).headers.get('x-cache')).toBe('hit');
	});
});
