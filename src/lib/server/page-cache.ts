/** Keeps rendered analysis pages per user and address until the data changes, so a page viewed again is not rendered again. */
import { randomBytes } from 'node:crypto';
import type { Handle, RequestEvent } from '@sveltejs/kit';

/**
 * Called by a page's load when its answer depends on nothing but the signed-in user, the address and
 * the data: no audit entry, no form, no clock. Pages that record who viewed what never call it, so
 * every view of them still runs (and is audited).
 */
export function keepPage(locals: App.Locals): void {
	locals.keepPage = true;
}

export interface PageCacheOptions {
	/**
	 * What kept pages depend on besides user and address (the data's generation, today's date): when
	 * it changes, every kept page goes.
	 */
	version(): Promise<string> | string;
	/** The `set-cookie` values a request gets whatever its page: the session cookie, renewed. */
	requestCookies(event: RequestEvent): string[];
	/** At most this many characters of pages kept; the least recently viewed go first. */
	maxChars?: number;
}

/** A rendered page, with its body and headers cut at the CSP nonce so that every view gets a new one. */
interface KeptPage {
	status: number;
	headers: [name: string, parts: string[]][];
	body: string[];
	chars: number;
}

const DEFAULT_MAX_CHARS = 64 * 1024 * 1024;

/** Cookies belong to the request; the ETag and length were of the body with the old nonce. */
const NOT_KEPT_HEADERS = new Set(['set-cookie', 'etag', 'content-length']);

/** SvelteKit's nonce is 16 random bytes in base64; a kept page gets a fresh one of the same kind. */
function freshNonce(): string {
	return randomBytes(16).toString('base64');
}

/** The signed-in user and the address: who sees the page (name, role and reach are in it) and which page. */
function pageKey(event: RequestEvent): string | null {
	const user = event.locals.user;
	const { method } = event.request;
	if (!user || method !== 'GET' || event.isDataRequest || event.isSubRequest) return null;
	return [user.id, user.role, JSON.stringify(user.reach), event.url.pathname + event.url.search].join('\n');
}

function cookieName(setCookie: string): string {
	return setCookie.slice(0, setCookie.indexOf('='));
}

/** A page that may be kept: rendered whole, as HTML, and setting no cookie but the request's own. */
function keepable(response: Response, ownCookies: string[]): boolean {
	if (response.status !== 200) return false;
	if (!response.headers.get('content-type')?.startsWith('text/html')) return false;
	const own = new Set(ownCookies.map(cookieName));
	return response.headers.getSetCookie().every((c) => own.has(cookieName(c)));
}

async function keep(response: Response): Promise<{ page: KeptPage; text: string }> {
	const text = await response.text();
	const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
	const cut = (value: string) => (nonce ? value.split(nonce) : [value]);
	const headers: KeptPage['headers'] = [];
	response.headers.forEach((value, name) => {
		if (!NOT_KEPT_HEADERS.has(name)) headers.push([name, cut(value)]);
	});
	return { page: { status: response.status, headers, body: cut(text), chars: text.length }, text };
}

function replay(page: KeptPage, cookies: string[]): Response {
	const nonce = freshNonce();
	const headers = new Headers();
	for (const [name, parts] of page.headers) headers.set(name, parts.join(nonce));
	for (const cookie of cookies) headers.append('set-cookie', cookie);
	headers.set('x-cache', 'hit');
	return new Response(page.body.join(nonce), { status: page.status, headers });
}

/**
 * A handle that answers a page kept earlier for the same user and address, while `version()` is the
 * same; it renders and keeps pages whose load called `keepPage`. Place it after authentication.
 */
export function pageCache(options: PageCacheOptions): Handle {
	const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
	const pages = new Map<string, KeptPage>();
	let keptVersion = '';
	let chars = 0;

	const rendering = new Map<string, Promise<KeptPage | null>>();

	const store = (key: string, page: KeptPage) => {
		chars += page.chars - (pages.get(key)?.chars ?? 0);
		pages.delete(key);
		pages.set(key, page);
		for (const [oldest, old] of pages) {
			if (chars <= maxChars) break;
			pages.delete(oldest);
			chars -= old.chars;
		}
	};

	const forgetAll = (version: string) => {
		pages.clear();
		chars = 0;
		keptVersion = version;
	};

	return async ({ event, resolve }) => {
		const key = pageKey(event);
		if (key === null) return resolve(event);
		const version = await options.version();
		if (version !== keptVersion) forgetAll(version);
		const hit = pages.get(key);
		if (hit) {
			// Most recently viewed last, so the first in the map goes first.
			pages.delete(key);
			pages.set(key, hit);
			return replay(hit, options.requestCookies(event));
		}
		// Views of a page being rendered wait for that render instead of rendering it again.
		const pending = rendering.get(key);
		if (pending) {
			const page = await pending;
			return page ? replay(page, options.requestCookies(event)) : resolve(event);
		}
		let rendered!: (page: KeptPage | null) => void;
		rendering.set(key, new Promise((settle) => (rendered = settle)));
		try {
			const response = await resolve(event);
			if (!event.locals.keepPage || !keepable(response, options.requestCookies(event))) return response;
			const { page, text } = await keep(response);
			// The data may have changed while the page was rendered: keep it only if it still holds.
			if ((await options.version()) === version && version === keptVersion && page.chars <= maxChars) {
				store(key, page);
				rendered(page);
			}
			const headers = new Headers(response.headers);
			headers.set('x-cache', 'miss');
			return new Response(text, { status: response.status, headers });
		} finally {
			// Not kept (or failed): those waiting render it themselves.
			rendered(null);
			rendering.delete(key);
		}
	};
}
