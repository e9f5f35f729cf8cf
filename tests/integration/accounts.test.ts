/** Against the built server: the granting rule on every path that writes a role or reach, API tokens that end, and changing a password. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	addUser,
	cli,
	defaultPassword,
	freshDb,
	loginCookie,
	removeDb,
	request,
	startServer,
	type RunningServer
} from '../support/server';
import { nextTotpCode, postForm } from '../support/form-login';

const db = freshDb('accounts');
let server: RunningServer;

const UTRECHT = 'beheer@utrecht.example';
const LOKET = 'beheer@loket.example';
const DEN_HAAG = 'college@denhaag.example';
const BEHEER_DEN_HAAG = 'beheer@denhaag.example';
const TEAM = 'kt@utrecht.example';
/** Made by the Utrecht beheerder through the beheer page, then the target of the confirmed attack. */
const VICTIM = 'college@utrecht.example';
const NEW_PASSWORD = 'Een-heel-nieuw-wachtwoord-2026';

const cookies: Record<string, string> = {};

beforeAll(async () => {
	addUser(db, { email: UTRECHT, role: 'beheerder', gemeente: ['GM0344'] });
	addUser(db, { email: LOKET, role: 'beheerder', gemeente: ['alle'] });
	addUser(db, { email: DEN_HAAG, role: 'college', gemeente: ['GM0518'] });
	addUser(db, { email: BEHEER_DEN_HAAG, role: 'beheerder', gemeente: ['GM0518'] });
	addUser(db, { email: TEAM, role: 'kwaliteitsteam', gemeente: ['GM0344'] });
	server = await startServer({ db });
	cookies.utrecht = await loginCookie(server, UTRECHT);
});

afterAll(async () => {
	await server?.stop();
	removeDb(db);
});

interface ActionResult {
	/** The HTTP status, and the status and data of SvelteKit's JSON action result. */
	http: number;
	type: string;
	status: number;
	/** The action's data (or the error's), its strings one per line, for matching messages and tokens. */
	data: string;
}

/** A value of SvelteKit's action data (devalue's flat array: objects and arrays hold indices into it). */
function hydrate(flat: unknown[], index: number): unknown {
	if (index < 0) return undefined;
	const value = flat[index];
	if (Array.isArray(value)) return value.map((i: number) => hydrate(flat, i));
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, i]) => [k, hydrate(flat, i as number)]));
	}
	return value;
}

/** Every string in a value, one per line. */
function strings(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(strings);
	if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
	return [];
}

/** Posts a form action as `use:enhance` does: `Accept: application/json` and the portal's own Origin. */
async function action(
	address: string,
	fields: Record<string, string>,
	auth: { cookie?: string; token?: string }
): Promise<ActionResult> {
	const r = await request(server, address, auth, {
		method: 'POST',
		headers: {
			accept: 'application/json',
			origin: server.url,
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields).toString()
	});
	const body = (typeof r.body === 'object' && r.body ? r.body : {}) as Record<string, unknown>;
	return {
		http: r.status,
		type: String(body.type ?? ''),
		status: Number(body.status ?? r.status),
		data: strings(
			typeof body.data === 'string' ? hydrate(JSON.parse(body.data), 0) : (body.error ?? body)
		).join('\n')
	};
}

const api = (token: string) => request(server, '/api/v1/counts?dimension=leefgebieden', { token });

/** Whether `/login` takes this password (it then asks the second factor; no app code is used up). */
async function passwordAccepted(email: string, password: string): Promise<boolean> {
	const r = await postForm(server.url, '/login', { email, password });
	return r.status === 303 && (r.headers.get('location') ?? '').startsWith('/login/tweede-factor');
}

/** The id the beheer page's forms carry for a user, read from the page as a browser would see it. */
async function userId(cookie: string, email: string): Promise<string> {
	const page = await request(server, '/beheer', { cookie });
	const match = new RegExp(`${email.replace(/\./g, '\\.')}[\\s\\S]*?name="id" value="(\\d+)"`).exec(
		page.text
	);
	if (!match) throw new Error(`${email} is not on the beheer page`);
	return match[1];
}

/** The role label in the header line of the user's own pages. */
async function roleShown(cookie: string): Promise<string> {
	const page = await request(server, '/', { cookie });
	return /<a href="\/account"[^>]*>[^<]*<\/a> · ([^·<]+) ·/.exec(page.text)?.[1].trim() ?? '';
}

describe('granting: a beheerder gives no more than it has', () => {
	let victimId = '';
	let victim = '';

	it('cannot make a user of its own municipality landelijk and so read Den Haag (the confirmed attack)', async () => {
		const added = await action(
			'/beheer?/toevoegen',
			{ email: VICTIM, role: 'college', gemeenten: 'GM0344', password: defaultPassword },
			{ cookie: cookies.utrecht }
		);
		expect(added.type, added.data).toBe('success');
		victimId = await userId(cookies.utrecht, VICTIM);

		const escalated = await action(
			'/beheer?/wijzigen',
			{ id: victimId, role: 'landelijk', gemeenten: 'GM0344' },
			{ cookie: cookies.utrecht }
		);
		expect(escalated.type).toBe('failure');
		expect(escalated.status).toBe(403);
		expect(escalated.data).toContain('rol landelijk');

		victim = await loginCookie(server, VICTIM);
		expect(await roleShown(victim)).toBe('College');
		const denHaag = await request(server, '/api/v1/counts?dimension=leefgebieden&gemeente=GM0518', {
			cookie: victim
		});
		expect(denHaag.status).toBe(403);
		expect((await request(server, '/api/v1/counts?dimension=leefgebieden', { cookie: victim })).status).toBe(
			200
		);
	});

	it('cannot give reach alle, a municipality beyond its own, or a role through a new user either', async () => {
		const attempts: [string, Record<string, string>, RegExp][] = [
			['/beheer?/wijzigen', { id: victimId, role: 'college', gemeenten: 'alle' }, /bereik "alle"/],
			[
				'/beheer?/wijzigen',
				{ id: victimId, role: 'college', gemeenten: 'GM0344 GM0518' },
				/'s-Gravenhage valt buiten uw bereik/
			],
			[
				'/beheer?/toevoegen',
				{ email: 'l2@utrecht.example', role: 'landelijk', gemeenten: '', password: defaultPassword },
				/rol landelijk/
			],
			[
				'/beheer?/toevoegen',
				{ email: 'a2@utrecht.example', role: 'beleid', gemeenten: 'alle', password: defaultPassword },
				/bereik "alle"/
			],
			[
				'/beheer?/toevoegen',
				{ email: 'h2@utrecht.example', role: 'beleid', gemeenten: 'GM0518', password: defaultPassword },
				/'s-Gravenhage valt buiten uw bereik/
			]
		];
		for (const [address, fields, message] of attempts) {
			const r = await action(address, fields, { cookie: cookies.utrecht });
			expect(r.status, `${address} ${JSON.stringify(fields)}`).toBe(403);
			expect(r.data).toMatch(message);
		}
		const page = await request(server, '/beheer', { cookie: cookies.utrecht });
		for (const email of ['l2@utrecht.example', 'a2@utrecht.example', 'h2@utrecht.example']) {
			expect(page.text).not.toContain(email);
		}
		// The refusals changed nothing: the session lives on, with the same role.
		expect(await roleShown(victim)).toBe('College');
		expect(
			(await request(server, '/api/v1/counts?dimension=leefgebieden&gemeente=GM0518', { cookie: victim }))
				.status
		).toBe(403);
	});

	it('cannot change itself, nor a user of another municipality; a beheerder with reach alle can', async () => {
		// Its own row carries no change form; the id is read where the beheerder of all municipalities sees it.
		cookies.loket = await loginCookie(server, LOKET);
		const utrechtId = await userId(cookies.loket, UTRECHT);
		const denHaagId = await userId(cookies.loket, DEN_HAAG);

		const itself = await action(
			'/beheer?/wijzigen',
			{ id: utrechtId, role: 'beheerder', gemeenten: 'GM0344' },
			{ cookie: cookies.utrecht }
		);
		expect(itself.status).toBe(403);
		expect(itself.data).toContain('eigen rol en bereik');

		const outside = await action(
			'/beheer?/wijzigen',
			{ id: denHaagId, role: 'college', gemeenten: 'GM0344' },
			{ cookie: cookies.utrecht }
		);
		expect(outside.status).toBe(403);
		expect(outside.data).toContain('buiten uw bereik');
		const denHaag = await loginCookie(server, DEN_HAAG);
		expect(
			(await request(server, '/api/v1/counts?dimension=leefgebieden&gemeente=GM0518', { cookie: denHaag }))
				.status
		).toBe(200);

		const loketItself = await action(
			'/beheer?/wijzigen',
			{ id: await userId(cookies.utrecht, VICTIM), role: 'landelijk', gemeenten: 'alle' },
			{ cookie: cookies.loket }
		);
		expect(loketItself.type, loketItself.data).toBe('success');
		const now = await loginCookie(server, VICTIM);
		expect(await roleShown(now)).toBe('Landelijk programma');
	});
});

describe('API tokens', () => {
	let team = '';
	const tokenIn = (result: ActionResult) => /slp_[a-z0-9]+\.[a-z0-9]+/.exec(result.data)?.[0] ?? '';

	beforeAll(async () => {
		team = cookies.team = await loginCookie(server, TEAM);
	});

	it('are made on the own page after the password, shown once, listed with their dates, and end when revoked', async () => {
		const make = (fields: Record<string, string>) => action('/account?/tokenMaken', fields, { cookie: team });
		const wrong = await make({ naam: 'script', dagen: '30', wachtwoord: 'Niet-het-wachtwoord-1' });
		expect(wrong.status).toBe(400);
		expect(wrong.data).toContain('huidige wachtwoord klopt niet');
		for (const dagen of ['0', '366', 'veel']) {
			const r = await make({ naam: 'script', dagen, wachtwoord: defaultPassword });
			expect(r.status, dagen).toBe(400);
			expect(r.data).toContain('1 tot en met 365 dagen');
		}
		const made = await make({ naam: 'script', dagen: '30', wachtwoord: defaultPassword });
		expect(made.type, made.data).toBe('success');
		const token = tokenIn(made);
		expect(token).not.toBe('');
		const again = await make({ naam: 'script', dagen: '30', wachtwoord: defaultPassword });
		expect(again.status).toBe(400);
		expect(again.data).toContain('al een token met de naam');

		expect((await api(token)).status).toBe(200);
		const page = await request(server, '/account', { cookie: team });
		expect(page.status).toBe(200);
		expect(page.text).toContain('Mijn account');
		expect(page.text).toMatch(/<th[^>]*scope="row">script<\/th>/);
		expect(page.text).not.toContain(token.split('.')[1]);
		expect(page.text).not.toMatch(/laatst gebruikt[\s\S]*nooit/i);

		const revoked = await action('/account?/tokenIntrekken', { naam: 'script' }, { cookie: team });
		expect(revoked.type).toBe('success');
		expect((await api(token)).status).toBe(401);
	});

	it('cannot make tokens or change the password with an API token instead of a session', async () => {
		const made = await action(
			'/account?/tokenMaken',
			{ naam: 'nog een', dagen: '30', wachtwoord: defaultPassword },
			{ cookie: team }
		);
		const token = tokenIn(made);
		const byToken = await action(
			'/account?/tokenMaken',
			{ naam: 'via token', dagen: '365', wachtwoord: defaultPassword },
			{ token }
		);
		expect(byToken.status).toBe(403);
		await action('/account?/tokenIntrekken', { naam: 'nog een' }, { cookie: team });
	});

	it('of the users a beheerder manages are on the beheer page, to revoke; others are not', async () => {
		const made = await action(
			'/account?/tokenMaken',
			{ naam: 'rapport', dagen: '7', wachtwoord: defaultPassword },
			{ cookie: team }
		);
		const token = tokenIn(made);
		const page = await request(server, '/beheer', { cookie: cookies.utrecht });
		expect(page.text).toMatch(new RegExp(`${TEAM.replace(/\./g, '\\.')}</td>[\\s\\S]{0,200}?>rapport</th>`));
		const teamId = /name="id" value="(\d+)"[^>]*>[\s\S]{0,100}?name="name" value="rapport"/.exec(
			page.text
		)?.[1];
		expect(teamId).toBeDefined();

		const outside = await action(
			'/beheer?/tokenIntrekken',
			{ id: teamId!, name: 'rapport' },
			{ cookie: await loginCookie(server, BEHEER_DEN_HAAG) }
		);
		expect(outside.status).toBe(404);
		expect((await api(token)).status).toBe(200);

		const revoked = await action(
			'/beheer?/tokenIntrekken',
			{ id: teamId!, name: 'rapport' },
			{ cookie: cookies.utrecht }
		);
		expect(revoked.type, revoked.data).toBe('success');
		expect((await api(token)).status).toBe(401);

		const log = await request(server, '/download/audit?format=csv', { cookie: cookies.utrecht });
		expect(log.text).toMatch(/API-token aanmaken.*kt@utrecht\.example \(rapport\)/);
		expect(log.text).toMatch(/API-token intrekken.*kt@utrecht\.example \(rapport\)/);
	});
});

describe('changing a password', () => {
	it('asks the current one, refuses weak ones as at creation, and ends every other session and every token', async () => {
		const current = cookies.team;
		const other = await loginCookie(server, TEAM);
		const made = await action(
			'/account?/tokenMaken',
			{ naam: 'voor de wijziging', dagen: '30', wachtwoord: defaultPassword },
			{ cookie: current }
		);
		const token = /slp_[a-z0-9]+\.[a-z0-9]+/.exec(made.data)![0];
		const change = (fields: Record<string, string>) =>
			action('/account?/wachtwoord', { huidig: defaultPassword, ...fields }, { cookie: current });

		const wrong = await action(
			'/account?/wachtwoord',
			{ huidig: 'Niet-het-wachtwoord-1', nieuw: NEW_PASSWORD, herhaling: NEW_PASSWORD },
			{ cookie: current }
		);
		expect(wrong.status).toBe(400);
		expect(wrong.data).toContain('huidige wachtwoord klopt niet');
		const short = await change({ nieuw: 'kort', herhaling: 'kort' });
		expect(short.status).toBe(400);
		expect(short.data).toContain('minstens 12 tekens');
		const common = await change({ nieuw: 'password1234', herhaling: 'password1234' });
		expect(common.status).toBe(400);
		expect(common.data).toContain('veelgebruikte wachtwoorden');
		const mismatch = await change({ nieuw: NEW_PASSWORD, herhaling: NEW_PASSWORD + 'x' });
		expect(mismatch.status).toBe(400);
		expect((await api(token)).status).toBe(200);

		const changed = await change({ nieuw: NEW_PASSWORD, herhaling: NEW_PASSWORD });
		expect(changed.type, changed.data).toBe('success');
		expect((await request(server, '/', { cookie: current })).status).toBe(200);
		expect((await request(server, '/', { cookie: other })).status).toBe(303);
		expect((await api(token)).status).toBe(401);
		expect(await passwordAccepted(TEAM, defaultPassword)).toBe(false);
		expect(await passwordAccepted(TEAM, NEW_PASSWORD)).toBe(true);
		const log = await request(server, '/download/audit?format=csv', { cookie: cookies.utrecht });
		expect(log.text).toMatch(/wachtwoord wijzigen.*kt@utrecht\.example/);
	});

	it('makes new recovery codes only after the current password or a fresh code of the app', async () => {
		const session = cookies.team;
		const nieuw = (fields: Record<string, string>) =>
			action('/login/tweede-factor/herstelcodes?/nieuw', fields, { cookie: session });
		expect((await nieuw({})).status).toBe(400);
		const wrong = await nieuw({ wachtwoord: defaultPassword });
		expect(wrong.status).toBe(400);
		expect(wrong.data).toContain('huidige wachtwoord klopt niet');
		expect((await nieuw({ code: '000000' })).status).toBe(400);
		const byPassword = await nieuw({ wachtwoord: NEW_PASSWORD });
		expect(byPassword.type).toBe('success');
		expect(byPassword.data.match(/[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}/g)).toHaveLength(10);
		const byCode = await nieuw({ code: await nextTotpCode(server.url, TEAM) });
		expect(byCode.type).toBe('success');
	});
});

describe('the operator', () => {
	it('lists, adds with a date and revokes tokens, and sets a password that ends them (CLI)', async () => {
		await server.stop();
		const add = cli(['token', 'add', '--email', TEAM, '--name', 'nacht', '--days', '30', '--json'], { db });
		expect(add.code, add.stderr).toBe(0);
		const token = (add.json as { token: string }).token;
		const twice = cli(['token', 'add', '--email', TEAM, '--name', 'nacht', '--json'], { db });
		expect(twice.code).toBe(1);
		expect(twice.stderr).toContain('al een token met de naam "nacht"');
		const keep = cli(['token', 'add', '--email', DEN_HAAG, '--json'], { db });
		const kept = (keep.json as { token: string }).token;
		const gone = cli(['token', 'add', '--email', DEN_HAAG, '--name', 'weg', '--json'], { db });
		expect(cli(['token', 'revoke', '--email', DEN_HAAG, '--name', 'weg'], { db }).code).toBe(0);
		expect(cli(['token', 'revoke', '--email', DEN_HAAG, '--name', 'weg'], { db }).code).toBe(1);

		const list = cli(['token', 'list', '--email', TEAM, '--json'], { db });
		expect(list.code).toBe(0);
		const { tokens } = list.json as { tokens: Record<string, unknown>[] };
		expect(tokens.map((t) => Object.keys(t).sort())).toEqual([['created', 'expires', 'lastUsed', 'name']]);
		const [nacht] = tokens;
		expect(nacht.name).toBe('nacht');
		expect(nacht.lastUsed).toBeNull();
		const days = (Date.parse(String(nacht.expires)) - Date.parse(String(nacht.created))) / 86_400_000;
		expect(days).toBe(30);
		expect(list.stdout).not.toContain(token.split('.')[1]);
		expect(cli(['token', 'list', '--email', 'niemand@x.example', '--json'], { db }).code).toBe(1);

		const weak = cli(['user', 'passwd', '--email', TEAM, '--password-stdin'], { db, input: 'kort\n' });
		expect(weak.code).toBe(1);
		expect(weak.stderr).toContain('minstens 12 tekens');
		const unknown = cli(['user', 'passwd', '--email', 'niemand@x.example', '--password-stdin'], {
			db,
			input: NEW_PASSWORD + '\n'
		});
		expect(unknown.code).toBe(1);
		expect(unknown.stderr).toContain('Er is geen gebruiker');
		const set = cli(['user', 'passwd', '--email', TEAM, '--password-stdin'], {
			db,
			input: defaultPassword + '\n'
		});
		expect(set.code, set.stderr).toBe(0);

		server = await startServer({ db });
		expect((await api(token)).status).toBe(401);
		expect((await api((gone.json as { token: string }).token)).status).toBe(401);
		expect((await api(kept)).status).toBe(200);
		expect(await passwordAccepted(TEAM, defaultPassword)).toBe(true);
	});
});
