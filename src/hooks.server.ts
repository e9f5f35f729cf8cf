/** Request pipeline: refusing cross-site changes, who is asking (session or API token), whether they may, and the security headers. */
import { error, redirect, type Handle, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { getDb, closeDb } from '$lib/server/db';
import { purgeExpiredSessions, validateSessionToken } from '$lib/server/auth/session';
import {
	deleteSessionTokenCookie,
	sessionCookieHeader,
	sessionCookieName,
	setSessionTokenCookie
} from '$lib/server/auth/cookie';
import { purgeExpiredTokens, validateApiToken } from '$lib/server/auth/api-tokens';
import { pendingStep, protectSecondFactors, STEP_PAGES } from '$lib/server/auth/second-factor';
import { purgeExpiredCases } from '$lib/server/ingest/history';
import { serverBackup } from '$lib/server/backup';
import { config } from '$lib/server/config';
import { admission } from '$lib/server/admission';
import { pageCache } from '$lib/server/page-cache';
import { todayInAmsterdam } from '$lib/server/kwesties/signals';
import { keepViewsWarm } from '$lib/server/analytics/warm';
import { registerAllKwesties } from '$lib/server/kwesties/register';
import { auditRefusals } from '$lib/server/refusal-audit';
import { flushRefusedLogins } from '$lib/server/auth/login';
import { proxyWarning } from '$lib/server/proxy-warning';

const DAY_MS = 24 * 60 * 60 * 1000;

export const init: ServerInit = async () => {
	// A half or wrong single-sign-on setting stops the start with its reason, not the first login.
	const oidc = config.oidc;
	if (oidc) console.log(`Inloggen via de identiteitsprovider ${oidc.issuer.href} staat aan.`);
	const db = await getDb();
	// Second-factor secrets are stored encrypted; a database of before that is sealed now.
	const { sealed } = await protectSecondFactors(db);
	if (sealed > 0)
		console.log(`Tweede factor: ${sealed} geheimen versleuteld met de sleutel in SECRET_KEY_PATH.`);
	await purgeExpiredSessions(db);
	// Kwesties of cases imported before imports registered them; pages never create one while read.
	await registerAllKwesties(db);
	// Retention (AVG): cases past their municipality's period go at start and once a day after.
	const housekeeping = async () => {
		await purgeExpiredSessions(db);
		await purgeExpiredTokens(db);
		await purgeExpiredCases(db, 'systeem (bewaartermijn)');
	};
	await housekeeping();
	setInterval(
		() => void housekeeping().catch((error) => console.error('Onderhoud mislukt:', error)),
		DAY_MS
	).unref();
	// While the server runs it holds the file, so it makes the backups itself (BIO 8.13).
	if (config.backupIntervalHours > 0) {
		setInterval(
			() =>
				void serverBackup(db, 'systeem (back-up)', config.backupDir, config.backupKeep).catch((error) =>
					console.error('Back-up mislukt:', error)
				),
			config.backupIntervalHours * 60 * 60 * 1000
		).unref();
	}
	// Refused logins are written once per address and window, when the window has closed.
	setInterval(
		() => void flushRefusedLogins(db).catch((error) => console.error('Auditlog mislukt:', error)),
		60_000
	).unref();
	// The first visitor after a start or an import finds the default views computed.
	const warmer = keepViewsWarm(db);
	// adapter-node emits this once it has stopped taking requests (SIGTERM, SIGINT).
	process.once('sveltekit:shutdown' as 'exit', () => {
		// A view being computed finishes first: the file is not closed under a running query.
		warmer.stop();
		void warmer
			.idle()
			.then(() => flushRefusedLogins(db, true))
			.catch((error) => console.error('Auditlog mislukt:', error))
			.finally(closeDb);
	});
};

/** Pages and endpoints anyone may open. */
function isPublic(pathname: string): boolean {
	return (
		pathname === '/login' ||
		pathname === '/login/sso' ||
		pathname === '/login/sso/callback' ||
		pathname === '/api/v1/health' ||
		pathname === '/toegankelijkheid' ||
		pathname.startsWith('/_app/') ||
		pathname === '/favicon.svg' ||
		pathname === '/robots.txt'
	);
}

const handleAuth: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	event.locals.pendingSecondFactor = null;
	const authorization = event.request.headers.get('authorization');
	if (authorization) {
		const db = await getDb();
		const match = /^Bearer\s+(\S+)$/i.exec(authorization);
		event.locals.user = match ? await validateApiToken(db, match[1]) : null;
		return resolve(event);
	}
	const token = event.cookies.get(sessionCookieName(event.url));
	if (token) {
		const db = await getDb();
		const { session, user, totpEnrolled } = await validateSessionToken(db, token);
		if (session) setSessionTokenCookie(event.cookies, event.url, token, session.expiresAt);
		else deleteSessionTokenCookie(event.cookies, event.url);
		event.locals.session = session;
		const step = session ? pendingStep(session, totpEnrolled) : null;
		if (step && user) event.locals.pendingSecondFactor = { step, user };
		else event.locals.user = user;
	}
	return resolve(event);
};

/** The pages a session that still needs its second factor may open (besides the public ones). */
function isSecondFactorPage(pathname: string): boolean {
	return pathname.startsWith('/login/tweede-factor') || pathname === '/logout';
}

const handleGuard: Handle = async ({ event, resolve }) => {
	const { pathname } = event.url;
	const pending = event.locals.pendingSecondFactor;
	if (event.locals.user || isPublic(pathname) || (pending && isSecondFactorPage(pathname))) {
		return resolve(event);
	}
	if (pathname.startsWith('/api/')) {
		const message = pending
			? 'Niet ingelogd: de tweede factor is nog niet gegeven.'
			: 'Niet ingelogd: gebruik een sessie of een API-token.';
		return new Response(JSON.stringify({ message }), {
			status: 401,
			headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' }
		});
	}
	if (event.request.method !== 'GET') error(401, 'Niet ingelogd.');
	const back = encodeURIComponent(pathname + event.url.search);
	redirect(303, `${pending ? STEP_PAGES[pending.step] : '/login'}?terug=${back}`);
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * SvelteKit checks the origin of form posts only; every other request that changes something (a JSON
 * POST, PUT, DELETE) from another site is refused too. Browsers send Sec-Fetch-Site, older ones at
 * least Origin; scripts with an API token send neither and pass.
 */
const handleCrossSite: Handle = async ({ event, resolve }) => {
	if (SAFE_METHODS.has(event.request.method)) return resolve(event);
	const site = event.request.headers.get('sec-fetch-site');
	const origin = event.request.headers.get('origin');
	const crossSite = site
		? site !== 'same-origin' && site !== 'none'
		: origin !== null && origin !== event.url.origin;
	if (crossSite) {
		return new Response(JSON.stringify({ message: 'Verzoeken van een andere website worden geweigerd.' }), {
			status: 403,
			headers: { 'content-type': 'application/json' }
		});
	}
	return resolve(event);
};

const warnAboutProxy = proxyWarning(process.env.ADDRESS_HEADER);

const handleHeaders: Handle = async ({ event, resolve }) => {
	warnAboutProxy(event.request.headers);
	const response = await resolve(event);
	const headers = response.headers;
	headers.set('x-content-type-options', 'nosniff');
	headers.set('referrer-policy', 'same-origin');
	headers.set('x-frame-options', 'DENY');
	if (!event.url.pathname.startsWith('/_app/immutable/')) headers.set('cache-control', 'no-store');
	if (event.url.protocol === 'https:') {
		headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
	}
	return response;
};

/**
 * Analysis pages viewed again by the same user are answered as rendered before, until the next write
 * to the database or the next day; the session cookie is renewed as on any other page.
 */
const handlePageCache = pageCache({
	version: async () => `${(await getDb()).generation} ${todayInAmsterdam()}`,
	requestCookies: ({ cookies, url, locals }) => {
		const token = cookies.get(sessionCookieName(url));
		return token && locals.session
			? [sessionCookieHeader(cookies, url, token, locals.session.expiresAt)]
			: [];
	}
});

// Page views queue first, so that under load they are served in the order they came in.
export const handle: Handle = sequence(
	admission(),
	handleHeaders,
	handleCrossSite,
	handleAuth,
	// Refused requests (403) of signed-in users in the audit log, once each (BIO 8.15).
	auditRefusals(getDb),
	handleGuard,
	handlePageCache
);
