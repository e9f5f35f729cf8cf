/** The session cookie: HttpOnly, SameSite=Lax, Path=/, and Secure with the `__Host-` prefix over HTTPS. */
import type { Cookies } from '@sveltejs/kit';

const PLAIN = 'session';
const HOST = '__Host-session';

/** Plain HTTP is only accepted on localhost; everywhere else the cookie is Secure and host-bound. */
export function secure(url: URL): boolean {
	return url.protocol === 'https:' || !['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export function sessionCookieName(url: URL): string {
	return secure(url) ? HOST : PLAIN;
}

function cookieOptions(url: URL, expiresAt: number) {
	return {
		httpOnly: true,
		sameSite: 'lax',
		path: '/',
		secure: secure(url),
		expires: new Date(expiresAt)
	} as const;
}

export function setSessionTokenCookie(cookies: Cookies, url: URL, token: string, expiresAt: number): void {
	cookies.set(sessionCookieName(url), token, cookieOptions(url, expiresAt));
}

/** The same cookie as a `set-cookie` value, for a response that SvelteKit did not render (a kept page). */
export function sessionCookieHeader(cookies: Cookies, url: URL, token: string, expiresAt: number): string {
	return cookies.serialize(sessionCookieName(url), token, cookieOptions(url, expiresAt));
}

export function deleteSessionTokenCookie(cookies: Cookies, url: URL): void {
	cookies.delete(sessionCookieName(url), { path: '/', secure: secure(url) });
}
