/** Single sign-on in Chromium against a real OpenID Connect provider: groups mapped on /beheer/sso, a sign-in with and without the provider's second factor, refusals (no group, a tampered state, an expired or wrongly signed ID token, the provider's error), roles following the groups, linking a local account, and logging out at the provider; all audited. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
	addUser,
	defaultPassword,
	freshDb,
	loginCookie,
	removeDb,
	request,
	startServer,
	type RunningServer
} from '../support/server';
import { asUser, expectAxeClean, giveSecondFactor, launchBrowser } from '../support/browser';
import { postForm } from '../support/form-login';
import { startTestProvider, type ProviderAccount, type TestProvider } from '../support/oidc-provider';

const BEHEER = 'beheer@leeuwarden.example';
/** A beheerder of every municipality, who reads the whole audit log. */
const TOEZICHT = 'toezicht@leeuwarden.example';
/** A local account whose address the provider also knows: refused until linked. */
const DIRK = 'dirk@leeuwarden.example';

const ACCOUNTS: ProviderAccount[] = [
	{ id: 'anna', email: 'anna@leeuwarden.example', groups: ['sociaal-team'], amr: ['pwd', 'otp'] },
	{ id: 'bram', email: 'bram@leeuwarden.example', groups: ['beleidsteam'], amr: ['pwd'] },
	{ id: 'cees', email: 'cees@leeuwarden.example', groups: ['kantine'], amr: ['pwd', 'otp'] },
	{ id: 'dirk', email: DIRK, groups: ['sociaal-team'], amr: ['pwd', 'mfa'] }
];
const emailOf = (id: string) => ACCOUNTS.find((a) => a.id === id)!.email;

/** OIDC_SESSION_HOURS: half an hour, shorter than the idle limit, so the cap shows in the cookie. */
const SESSION_HOURS = 0.5;

const db = freshDb('e2e-sso');
let provider: TestProvider;
let server: RunningServer;
let browser: Browser;
let auditCookie: string;

beforeAll(async () => {
	addUser(db, { email: BEHEER, role: 'beheerder', gemeente: ['GM0080'] });
	addUser(db, { email: TOEZICHT, role: 'beheerder', gemeente: ['alle'] });
	addUser(db, { email: DIRK, role: 'beleid', gemeente: ['GM0080'] });
	provider = await startTestProvider(ACCOUNTS);
	server = await startServer({ db, env: { ...provider.env, OIDC_SESSION_HOURS: String(SESSION_HOURS) } });
	provider.register(server.url);
	browser = await launchBrowser();
	auditCookie = await loginCookie(server, TOEZICHT);
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await provider?.stop();
	removeDb(db);
});

/** A fresh Dutch context on the portal; the provider's default pages may not reach the internet. */
async function newContext(): Promise<BrowserContext> {
	const context = await browser.newContext({ locale: 'nl-NL', baseURL: server.url });
	await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
	return context;
}

async function withContext<T>(fn: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
	const context = await newContext();
	try {
		return await fn(await context.newPage(), context);
	} finally {
		await context.close();
	}
}

/** The portal's address where the browser is now, once it has left the provider and the callback. */
async function backAtPortal(page: Page): Promise<URL> {
	await page.waitForURL((url) => url.origin === server.url && !url.pathname.startsWith('/login/sso'));
	return new URL(page.url());
}

/** From the portal's login page through the provider's login form as this account; returns where the portal sent the browser. */
async function signInAtProvider(page: Page, account: string, start = '/login'): Promise<URL> {
	await page.goto(start, { waitUntil: 'networkidle' });
	await page.getByRole('link', { name: 'Inloggen met het account van uw gemeente' }).click();
	await page.waitForURL((url) => url.origin === provider.issuer);
	await page.locator('input[name="login"]').fill(account);
	await page.locator('input[name="password"]').fill('wat-de-provider-ook-vraagt');
	await page.getByRole('button', { name: 'Sign-in' }).click();
	return backAtPortal(page);
}

/** The whole audit log as the beheerder of every municipality downloads it. */
async function auditLog(): Promise<string> {
	const r = await request(server, '/download/audit?format=csv', { cookie: auditCookie });
	expect(r.status).toBe(200);
	return r.text;
}

/** The lines of the audit log about this action and account. */
async function auditLines(action: string, actor: string): Promise<string[]> {
	return (await auditLog()).split('\n').filter((line) => line.includes(action) && line.includes(actor));
}

/** The portal's header: e-mail, role and reach of the signed-in user. */
async function header(page: Page): Promise<string> {
	return (await page.locator('.portal-header__user').innerText()).replace(/\s+/g, ' ');
}

describe('mapping groups on /beheer/sso', () => {
	it('adds mappings within the beheerder’s reach and refuses one beyond it, axe clean', async () => {
		await asUser(browser, server.url, BEHEER, async (page) => {
			await page.goto('/beheer', { waitUntil: 'networkidle' });
			await page.getByRole('link', { name: /Inloggen via de gemeente/ }).click();
			await page.waitForURL((url) => url.pathname === '/beheer/sso');
			await page.waitForLoadState('networkidle');
			await expect(page.locator('main').innerText()).resolves.toContain(`${server.url}/login/sso/callback`);
			const add = async (group: string, role: string, gemeenten: string) => {
				await page.getByLabel('Groep', { exact: true }).fill(group);
				await page.getByLabel('Rol', { exact: true }).selectOption(role);
				await page.getByLabel('Gemeenten').fill(gemeenten);
				await page.getByRole('button', { name: 'Groep toevoegen' }).click();
			};
			await add('sociaal-team', 'kwaliteitsteam', 'GM0080');
			await page.getByRole('status').filter({ hasText: 'Groep "sociaal-team" geeft nu' }).waitFor();
			await add('beleidsteam', 'beleid', 'Leeuwarden');
			await page.getByRole('status').filter({ hasText: 'Groep "beleidsteam" geeft nu' }).waitFor();
			await add('iedereen', 'kwaliteitsteam', 'alle');
			await page.getByRole('alert').filter({ hasText: 'Alleen een beheerder met bereik' }).waitFor();
			await add('buren', 'beleid', 'GM0344');
			await page.getByRole('alert').filter({ hasText: 'buiten uw bereik' }).waitFor();
			const groups = await page.locator('#sso-koppelingen tbody th').allInnerTexts();
			expect(groups).toEqual(['beleidsteam', 'sociaal-team']);
			await expectAxeClean(page, '/beheer/sso with mappings and a refusal');
		});
		const refused = await auditLines('sso-koppeling toevoegen', BEHEER);
		expect(refused.filter((l) => l.includes('geweigerd'))).toHaveLength(2);
	});
});

describe('signing in through the provider', () => {
	it('lets a user who gave two factors at the provider in without the portal’s own, for at most OIDC_SESSION_HOURS', async () => {
		await withContext(async (page, context) => {
			await page.goto('/login?terug=%2Fwetten', { waitUntil: 'networkidle' });
			await expectAxeClean(page, '/login with single sign-on');
			const landed = await signInAtProvider(page, 'anna', '/login?terug=%2Fwetten');
			expect(landed.pathname).toBe('/wetten');
			await expect(header(page)).resolves.toContain(`${emailOf('anna')} · Kwaliteitsteam · Leeuwarden`);
			const session = (await context.cookies()).find((c) => c.name === 'session')!;
			const now = Date.now() / 1000;
			expect(session.expires).toBeLessThanOrEqual(now + SESSION_HOURS * 3600 + 5);
			expect(session.expires).toBeGreaterThan(now + SESSION_HOURS * 3600 - 300);
			expect(session.httpOnly).toBe(true);
		});
		const lines = await auditLines('via identiteitsprovider', emailOf('anna'));
		expect(lines.some((l) => l.includes('gebruiker aanmaken via identiteitsprovider'))).toBe(true);
		expect(
			lines.some((l) => l.includes('meer factoren bij de identiteitsprovider') && l.includes('ok'))
		).toBe(true);
	});

	it('asks a user who gave only a password at the provider for the portal’s second factor, set up first', async () => {
		await withContext(async (page) => {
			const landed = await signInAtProvider(page, 'bram');
			expect(landed.pathname).toBe('/login/tweede-factor/instellen');
			await giveSecondFactor(page, server.url, emailOf('bram'));
			expect(new URL(page.url()).pathname).toBe('/');
			await expect(header(page)).resolves.toContain('Beleid · Leeuwarden');
		});
		expect(
			(await auditLines('inloggen via identiteitsprovider', emailOf('bram'))).some((l) =>
				l.includes('tweede factor van de portal gevraagd')
			)
		).toBe(true);
	});

	it('refuses a user in no mapped group with a clear message, creates no account and audits it', async () => {
		await withContext(async (page) => {
			const landed = await signInAtProvider(page, 'cees');
			expect(landed.pathname).toBe('/login');
			await expect(page.getByRole('alert').innerText()).resolves.toContain(
				'hoort bij geen groep die toegang geeft tot de portal'
			);
			await expectAxeClean(page, '/login after a refused single sign-on');
		});
		const lines = await auditLines('inloggen via identiteitsprovider', emailOf('cees'));
		expect(lines.some((l) => l.includes('geen gekoppelde groep') && l.includes('kantine'))).toBe(true);
		const users = await request(server, '/beheer', { cookie: auditCookie });
		expect(users.text).toContain(emailOf('anna'));
		expect(users.text).not.toContain(emailOf('cees'));
	});

	it('lets role and reach follow the groups at each sign-in, and refuses once no group is left', async () => {
		provider.setGroups('bram', ['sociaal-team']);
		const earlier = await newContext();
		try {
			const page = await earlier.newPage();
			await signInAtProvider(page, 'bram');
			await giveSecondFactor(page, server.url, emailOf('bram'));
			await expect(header(page)).resolves.toContain('Kwaliteitsteam · Leeuwarden');
			provider.setGroups('bram', []);
			await withContext(async (other) => {
				const landed = await signInAtProvider(other, 'bram');
				expect(landed.search).toBe('?sso=geen-toegang');
			});
			// The refused sign-in ended the sessions the user still had.
			await page.goto('/');
			expect(new URL(page.url()).pathname).toBe('/login');
		} finally {
			await earlier.close();
		}
		const lines = await auditLines('via identiteitsprovider', emailOf('bram'));
		expect(lines.some((l) => l.includes('Beleid GM0080 → Kwaliteitsteam GM0080'))).toBe(true);
		expect(lines.some((l) => l.includes('geen gekoppelde groep'))).toBe(true);
	});
});

describe('answers the portal refuses', () => {
	it('refuses a tampered state', async () => {
		let original = '';
		provider.alterNextCallback((callback) => {
			original = callback.searchParams.get('state') ?? '';
			callback.searchParams.set('state', `vervalst-${original}`);
		});
		await withContext(async (page) => {
			const landed = await signInAtProvider(page, 'anna');
			expect(original).not.toBe('');
			expect(landed.search).toBe('?sso=verlopen');
			await expect(page.getByRole('alert').innerText()).resolves.toContain('verlopen');
		});
		expect((await auditLines('inloggen via identiteitsprovider', 'anoniem')).join('\n')).toContain(
			'state klopt niet'
		);
	});

	it('refuses an ID token that is expired, signed with another key, or for another audience, issuer or nonce', async () => {
		for (const [spoil, audited] of [
			['expired', /"exp"/],
			['wrong-key', /signature/i],
			['other-audience', /"aud"/],
			['other-issuer', /"iss"/],
			['other-nonce', /"nonce"/]
		] as const) {
			provider.spoilNextIdToken(spoil);
			await withContext(async (page) => {
				const landed = await signInAtProvider(page, 'anna');
				expect(landed.search, spoil).toBe('?sso=ongeldig');
				await expect(page.getByRole('alert').innerText()).resolves.toContain('niet worden gecontroleerd');
			});
			// The log is newest first.
			const [refused] = await auditLines('ongeldig antwoord of ID-token', 'anoniem');
			expect(refused, spoil).toMatch(audited);
		}
	});

	it('refuses when the user cancels at the provider', async () => {
		await withContext(async (page) => {
			await page.goto('/login', { waitUntil: 'networkidle' });
			await page.getByRole('link', { name: 'Inloggen met het account van uw gemeente' }).click();
			await page.waitForURL((url) => url.origin === provider.issuer);
			await page.getByRole('link', { name: /Cancel/ }).click();
			const landed = await backAtPortal(page);
			expect(landed.search).toBe('?sso=afgebroken');
		});
		expect((await auditLines('fout van de identiteitsprovider', 'anoniem')).join('\n')).toContain(
			'access_denied'
		);
	});
});

describe('a local account with the same e-mail address', () => {
	it('is not taken over until the beheerder links it; after that it signs in there only', async () => {
		await withContext(async (page) => {
			const landed = await signInAtProvider(page, 'dirk');
			expect(landed.search).toBe('?sso=bestaand-account');
		});
		await asUser(browser, server.url, BEHEER, async (page) => {
			await page.goto('/beheer/sso', { waitUntil: 'networkidle' });
			await expectAxeClean(page, '/beheer/sso with a link request');
			await page.getByRole('button', { name: `Koppelen (${DIRK})` }).click();
			await page
				.getByRole('status')
				.filter({ hasText: `${DIRK} is gekoppeld` })
				.waitFor();
		});
		await withContext(async (page) => {
			const landed = await signInAtProvider(page, 'dirk');
			expect(landed.pathname).toBe('/');
			// The provider's groups decide now: sociaal-team gives kwaliteitsteam.
			await expect(header(page)).resolves.toContain(`${DIRK} · Kwaliteitsteam · Leeuwarden`);
		});
		const password = await postForm(server.url, '/login', { email: DIRK, password: defaultPassword });
		expect(password.status).toBe(400);
		expect((await auditLines('sso-account koppelen', BEHEER)).join('\n')).toContain(DIRK);
	});
});

describe('logging out', () => {
	it('ends the portal session and the provider’s, through its end_session_endpoint back to /login', async () => {
		await withContext(async (page) => {
			await signInAtProvider(page, 'anna');
			const endSession = page.waitForRequest((r) => r.url().startsWith(`${provider.issuer}/session/end`));
			await page.getByRole('button', { name: 'Uitloggen' }).click();
			const asked = new URL((await endSession).url());
			expect(asked.searchParams.get('post_logout_redirect_uri')).toBe(`${server.url}/login`);
			expect(asked.searchParams.get('id_token_hint')).toMatch(/^ey/);
			await page.getByRole('button', { name: 'Yes, sign me out' }).click();
			await page.waitForURL((url) => url.origin === server.url && url.pathname === '/login');
			await page.goto('/');
			expect(new URL(page.url()).pathname).toBe('/login');
		});
		expect((await auditLines('uitloggen', emailOf('anna'))).length).toBeGreaterThan(0);
	});
});
