/** Against the built server: the Maatwerkregister's roles, reach, checks and audit entries, and the promises it sets in `GET /api/v1/responses` and on /organisaties. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '$lib/server/db';
import {
	addToken,
	addUser,
	freshDb,
	importExport,
	loginCookie,
	postAction,
	projectDir,
	removeDb,
	request,
	startServer,
	type RunningServer,
	type TestUser
} from '../support/server';
import { postForm } from '../support/form-login';

const ZWOLLE = path.join(projectDir, 'src', 'lib', 'server', 'ingest', 'fixtures', 'zwolle-2025-v11.csv');
const PAGE = '/beheer/maatwerkregister';

const USERS: TestUser[] = [
	{ email: 'kt@zwolle.example', role: 'kwaliteitsteam', gemeente: ['GM0193'] },
	{ email: 'beheer@zwolle.example', role: 'beheerder', gemeente: ['GM0193'] },
	{ email: 'beleid@zwolle.example', role: 'beleid', gemeente: ['GM0193'] },
	{ email: 'college@zwolle.example', role: 'college', gemeente: ['GM0193'] },
	{ email: 'landelijk@programma.example', role: 'landelijk' },
	{ email: 'kt@leeuwarden.example', role: 'kwaliteitsteam', gemeente: ['GM0080'] }
];
const KT = 'kt@zwolle.example';
const OTHER = 'kt@leeuwarden.example';

const db = freshDb('maatwerkregister');
let server: RunningServer;
const cookies: Record<string, string> = {};
const tokens: Record<string, string> = {};

beforeAll(async () => {
	importExport(db, ZWOLLE);
	for (const user of USERS) {
		addUser(db, user);
		tokens[user.email] = addToken(db, user.email);
	}
	server = await startServer({ db, env: { TZ: 'Europe/Amsterdam' } });
	for (const user of USERS) cookies[user.email] = await loginCookie(server, user.email);
});

afterAll(async () => {
	await server?.stop();
	removeDb(db);
});

const get = (email: string, href: string) => request(server, href, { cookie: cookies[email] });
const post = (email: string, action: string, fields: Record<string, string>) =>
	postAction(server, `${PAGE}?/${action}`, fields, { cookie: cookies[email] });
const contact = (fields: Record<string, string> = {}) => ({
	gemeente: 'GM0193',
	organisatie: 'UWV',
	functie: 'Klantmanager Participatiewet',
	contact: 'klantmanager@uwv.example',
	mandaat: 'Betalingsregeling tot 12 maanden',
	antwoordtermijn: '1',
	...fields
});
const uwv = async (email: string) => {
	const r = await request(server, '/api/v1/responses', { token: tokens[email] });
	expect(r.status).toBe(200);
	return (r.body as { organisations: Record<string, unknown>[] }).organisations.find(
		(o) => o.organisation === 'UWV'
	);
};
/** The ids of the contacts a page lists, from the hidden fields of their forms. */
const idsIn = (html: string) => [...html.matchAll(/name="id" value="(\d+)"/g)].map((m) => m[1]);

describe('GET /api/v1/responses', () => {
	it('answers the contract on the Zwolle sample, exactly for the municipality, protected for landelijk', async () => {
		const exact = {
			organisation: 'UWV',
			asked: 4,
			answered: 3,
			medianWorkingDays: 2,
			withinPromise: 2,
			promiseDays: 2,
			openPastPromise: 1
		};
		expect(await uwv(KT)).toEqual(exact);
		expect(await uwv('college@zwolle.example')).toEqual(exact);
		expect(await uwv('landelijk@programma.example')).toEqual({
			organisation: 'UWV',
			asked: 'geheim',
			answered: 'geheim',
			medianWorkingDays: 'geheim',
			withinPromise: 'geheim',
			promiseDays: 2,
			openPastPromise: 'geheim'
		});
		// Another municipality's questions are not counted.
		expect(await uwv(OTHER)).toBeUndefined();
	});
});

describe('the Maatwerkregister', () => {
	it('opens for the kwaliteitsteam and the beheerder only', async () => {
		expect((await get(KT, PAGE)).status).toBe(200);
		expect((await get('beheer@zwolle.example', PAGE)).status).toBe(200);
		for (const email of ['beleid@zwolle.example', 'college@zwolle.example', 'landelijk@programma.example']) {
			expect((await get(email, PAGE)).status, email).toBe(403);
			for (const action of ['toevoegen', 'wijzigen', 'verwijderen']) {
				const r = await post(email, action, { ...contact(), id: '1' });
				expect(r.status, `${email} ${action}`).toBe(403);
				expect(r.body, `${email} ${action}`).toMatchObject({ type: 'error' });
			}
		}
		// The menu offers it to those who may open it.
		expect((await get(KT, '/')).text).toContain(`href="${PAGE}"`);
		expect((await get('beleid@zwolle.example', '/')).text).not.toContain(`href="${PAGE}"`);
	});

	it('checks the form on the server, with a Dutch message per field', async () => {
		const cases: [Record<string, string>, string][] = [
			[{ gemeente: 'GM0080' }, 'Leeuwarden valt buiten uw bereik.'],
			[{ organisatie: 'Rijkswaterstaat' }, 'Kies een organisatie uit de lijst'],
			[{ functie: '' }, 'Geef het team of de functie'],
			[{ contact: 'x'.repeat(201) }, 'Geef hoe de contactpersoon te bereiken is'],
			[
				{ antwoordtermijn: '61' },
				'Geef de antwoordtermijn als een heel aantal werkdagen van 0 tot en met 60.'
			]
		];
		for (const [fields, message] of cases) {
			const r = await post(KT, 'toevoegen', contact(fields));
			expect(r.body).toMatchObject({ type: 'failure', status: 400 });
			expect(JSON.stringify(r.body)).toContain(message);
		}
		// Without JavaScript: the page again, with the message and the values typed.
		const plain = await postForm(
			server.url,
			`${PAGE}?/toevoegen`,
			contact({ antwoordtermijn: 'twee' }),
			cookies[KT]
		);
		expect(plain.status).toBe(400);
		const html = await plain.text();
		expect(html).toContain('Geef de antwoordtermijn als een heel aantal werkdagen');
		expect(html).toContain('value="Klantmanager Participatiewet"');
	});

	it("keeps each municipality's contacts to itself: a forged id of another is refused", async () => {
		const added = await postForm(server.url, `${PAGE}?/toevoegen`, contact(), cookies[KT]);
		expect(added.status).toBe(200);
		const [id] = idsIn(await added.text());
		expect(id).toBeDefined();
		expect(
			(
				await post(
					OTHER,
					'toevoegen',
					contact({ gemeente: 'GM0080', functie: 'Regio', contact: 'regio@uwv.example' })
				)
			).body
		).toMatchObject({
			type: 'success'
		});
		const other = await get(OTHER, PAGE);
		expect(other.text).not.toContain('klantmanager@uwv.example');
		expect(idsIn(other.text)).not.toContain(id);

		const forged = await post(OTHER, 'wijzigen', { ...contact({ gemeente: 'GM0080' }), id });
		expect(forged.body).toMatchObject({ type: 'failure', status: 404 });
		expect((await post(OTHER, 'verwijderen', { id })).body).toMatchObject({ type: 'failure', status: 404 });
		expect((await get(OTHER, `${PAGE}?wijzig=${id}`)).text).not.toContain('Klantmanager Participatiewet');
		const own = await get(KT, `${PAGE}?wijzig=${id}`);
		expect(own.text).toContain('Contact wijzigen');
		expect(own.text).toContain('klantmanager@uwv.example');
	});

	it('sets the promise the answers are held against, on the API and on /organisaties', async () => {
		// UWV answered after 2, 1 and 5 working days: within a promise of 1, only one.
		expect(await uwv(KT)).toMatchObject({ withinPromise: 1, promiseDays: 1, openPastPromise: 1 });
		const page = await get(KT, '/organisaties');
		expect(page.text).toContain('Reactietijden van partners');
		expect(page.text).toContain(
			'UWV beantwoordde 1 van de 3 vragen binnen de beloofde 1 werkdag; 1 vraag staat open over de termijn.'
		);
		const [id] = idsIn((await get(KT, PAGE)).text);
		const changed = await post(KT, 'wijzigen', { ...contact({ antwoordtermijn: '5' }), id });
		expect(changed.body).toMatchObject({ type: 'success' });
		expect(await uwv(KT)).toMatchObject({ withinPromise: 3, promiseDays: 5, openPastPromise: 1 });
		expect((await post(KT, 'verwijderen', { id })).body).toMatchObject({ type: 'success' });
		expect(await uwv(KT)).toMatchObject({ withinPromise: 2, promiseDays: 2 });
		expect((await get(KT, PAGE)).text).not.toContain('klantmanager@uwv.example');
	});

	it('wrote an audit entry for every view and every change, and for each refusal', async () => {
		await server.stop();
		const store = await openStore(db);
		try {
			const rows = await store.all<{ actor: string; action: string; object: string; result: string }>(
				`SELECT actor, action, coalesce(object, '') AS object, result FROM audit_log
				 WHERE action LIKE 'maatwerkregister%' OR (action = 'toegang' AND object LIKE '${PAGE}%') ORDER BY id`
			);
			const count = (actor: string, action: string, result: string, object = /./) =>
				rows.filter(
					(r) => r.actor === actor && r.action === action && r.result === result && object.test(r.object)
				).length;
			// Views: the first, the failed post without JavaScript, the post that added, ?wijzig, and two more.
			expect(count(KT, 'maatwerkregister bekijken', 'ok', /^GM0193 \(\d+ contacten\)$/)).toBe(6);
			expect(count(KT, 'maatwerkregister wijzigen', 'ok', /^toegevoegd \d+: GM0193 UWV: Klantmanager/)).toBe(
				1
			);
			expect(count(KT, 'maatwerkregister wijzigen', 'ok', /^gewijzigd \d+: GM0193 UWV/)).toBe(1);
			expect(count(KT, 'maatwerkregister wijzigen', 'ok', /^verwijderd \d+: GM0193 UWV/)).toBe(1);
			expect(count(OTHER, 'maatwerkregister wijzigen', 'geweigerd', /^gewijzigd \d+$/)).toBe(1);
			expect(count(OTHER, 'maatwerkregister wijzigen', 'geweigerd', /^verwijderd \d+$/)).toBe(1);
			// Refused for the role: the page and each action, once each.
			expect(count('beleid@zwolle.example', 'toegang', 'geweigerd')).toBe(4);
			expect(count('landelijk@programma.example', 'toegang', 'geweigerd')).toBe(4);
			// A contact's details never go into the log.
			expect(rows.filter((r) => r.object.includes('klantmanager@uwv.example'))).toEqual([]);
		} finally {
			store.close();
		}
	});
});
