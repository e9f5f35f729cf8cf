/** The page cache answers a kept page to the same user and address only, with a fresh nonce, until the version changes. */
import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/domain/roles';
import { keepPage, pageCache, type PageCacheOptions } from './page-cache';

const UTRECHT: SessionUser = {
	id: 1,
	email: 'kt@utrecht.example',
	role: 'kwaliteitsteam',
	reach: { all: false, gemeenten: ['GM0344'] }
};

interface Asked {
	user?: SessionUser | null;
	path?: string;
	method?: string;
	isDataRequest?: boolean;
}

function event({
	user = UTRECHT,
	path = '/leefgebieden',
	method = 'GET',
	isDataRequest = false
}: Asked = {}) {
	const url = new URL(path, 'http://portal.test');
	return {
		request: new Request(url, { method }),
		url,
		locals: { user, session: null, pendingSecondFactor: null },
		isDataRequest,
		isSubRequest: false
	} as unknown as RequestEvent;
}

/** A page renderer that counts its renders and writes the nonce where SvelteKit does. */
function renderer(options: { keep?: boolean; status?: number; cookies?: string[]; type?: string } = {}) {
	let renders = 0;
	const resolve = async (e: RequestEvent) => {
		renders++;
		if (options.keep ?? true) keepPage(e.locals);
		const nonce = `nonce${renders}nonce${renders}nonce${renders}==`;
		const headers = new Headers({
			'content-type': options.type ?? 'text/html',
			'content-security-policy': `script-src 'self' 'nonce-${nonce}'`,
			etag: `"${renders}"`
		});
		for (const cookie of options.cookies ?? []) headers.append('set-cookie', cookie);
		const body = `<p>${e.url.pathname}${e.url.search} voor ${e.locals.user?.email} (${renders})</p><script nonce="${nonce}">start()</script>`;
		return new Response(body, { status: options.status ?? 200, headers });
	};
	return { resolve, renders: () => renders };
}

function cache(version = () => 'v1', more: Partial<PageCacheOptions> = {}) {
	return pageCache({ version, requestCookies: () => ['session=abc; Path=/; HttpOnly'], ...more });
}

const scriptNonce = (html: string) => /<script nonce="([^"]+)">/.exec(html)?.[1];
const headerNonce = (response: Response) =>
	/'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];

describe('pageCache', () => {
	it('answers the same user and address with the page rendered before, under a fresh nonce', async () => {
		const handle = cache();
		const page = renderer();
		const first = await handle({ event: event(), resolve: page.resolve });
		const firstHtml = await first.text();
		const second = await handle({ event: event(), resolve: page.resolve });
		const secondHtml = await second.text();
		expect(page.renders()).toBe(1);
		expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['miss', 'hit']);
		expect(secondHtml.replace(scriptNonce(secondHtml)!, 'N')).toBe(
			firstHtml.replace(scriptNonce(firstHtml)!, 'N')
		);
		expect(scriptNonce(secondHtml)).not.toBe(scriptNonce(firstHtml));
		expect(headerNonce(second)).toBe(scriptNonce(secondHtml));
		expect(scriptNonce(secondHtml)).toMatch(/^[A-Za-z0-9+/]{22}==$/);
		expect(second.headers.get('etag')).toBeNull();
		expect(second.headers.getSetCookie()).toEqual(['session=abc; Path=/; HttpOnly']);
	});

	it('keeps pages of other users, roles, reach and addresses apart', async () => {
		const handle = cache();
		const page = renderer();
		const views: Asked[] = [
			{},
			{ path: '/leefgebieden?from=2025-01-01' },
			{ path: '/wetten' },
			{ user: { ...UTRECHT, id: 2, email: 'ander@utrecht.example' } },
			{ user: { ...UTRECHT, role: 'college' } },
			{ user: { ...UTRECHT, reach: { all: false, gemeenten: ['GM0344', 'GM0363'] } } }
		];
		for (const asked of views) await handle({ event: event(asked), resolve: page.resolve });
		expect(page.renders()).toBe(views.length);
		for (const asked of views) await handle({ event: event(asked), resolve: page.resolve });
		expect(page.renders()).toBe(views.length);
	});

	it('renders every view of a page whose load did not ask to keep it', async () => {
		const handle = cache();
		const page = renderer({ keep: false });
		for (let i = 0; i < 3; i++) {
			const response = await handle({
				event: event({ path: '/leefgebieden?cel=GELD-WONEN' }),
				resolve: page.resolve
			});
			expect(response.headers.get('x-cache')).toBeNull();
		}
		expect(page.renders()).toBe(3);
	});

	it('keeps no refusals, data requests, forms, anonymous views, other types or pages setting cookies of their own', async () => {
		const cases: [Parameters<typeof renderer>[0], Asked][] = [
			[{ status: 403 }, {}],
			[{}, { isDataRequest: true }],
			[{}, { method: 'POST' }],
			[{}, { user: null }],
			[{ type: 'application/json' }, {}],
			[{ cookies: ['melding=opgeslagen; Path=/'] }, {}]
		];
		for (const [options, asked] of cases) {
			const handle = cache();
			const page = renderer(options);
			await handle({ event: event(asked), resolve: page.resolve });
			await handle({ event: event(asked), resolve: page.resolve });
			expect(page.renders(), JSON.stringify({ options, asked })).toBe(2);
		}
	});

	it('forgets every page when the version changes (a write, another day)', async () => {
		let version = 'generatie 1';
		const handle = cache(() => version);
		const page = renderer();
		await handle({ event: event(), resolve: page.resolve });
		await handle({ event: event(), resolve: page.resolve });
		version = 'generatie 2';
		const after = await handle({ event: event(), resolve: page.resolve });
		expect(await after.text()).toContain('(2)');
		expect(page.renders()).toBe(2);
	});

	it('does not keep a page rendered while the version changed', async () => {
		let version = 'generatie 1';
		const handle = cache(() => version);
		const page = renderer();
		const importing = async (e: RequestEvent) => {
			const response = await page.resolve(e);
			version = 'generatie 2';
			return response;
		};
		await handle({ event: event(), resolve: importing });
		await handle({ event: event(), resolve: page.resolve });
		expect(page.renders()).toBe(2);
	});

	it('lets views of a page being rendered wait for that render', async () => {
		const handle = cache();
		const page = renderer();
		const views = await Promise.all(
			Array.from({ length: 5 }, () => handle({ event: event(), resolve: page.resolve }))
		);
		expect(page.renders()).toBe(1);
		expect(views.map((v) => v.headers.get('x-cache')).sort()).toEqual(['hit', 'hit', 'hit', 'hit', 'miss']);
		const bodies = await Promise.all(views.map((v) => v.text()));
		expect(new Set(bodies.map((b) => b.replace(scriptNonce(b)!, 'N'))).size).toBe(1);
		expect(new Set(bodies.map(scriptNonce)).size).toBe(5);
	});

	it('lets waiting views render for themselves when the page was not kept', async () => {
		const handle = cache();
		const page = renderer({ keep: false });
		const views = await Promise.all(
			Array.from({ length: 3 }, () => handle({ event: event(), resolve: page.resolve }))
		);
		expect(page.renders()).toBe(3);
		expect(views.map((v) => v.status)).toEqual([200, 200, 200]);
	});

	it('lets the least recently viewed pages go beyond its size', async () => {
		const page = renderer();
		const oneSize = (await (await page.resolve(event())).text()).length;
		const handle = cache(undefined, { maxChars: oneSize * 2 + 10 });
		const paths = ['/leefgebieden?a=1', '/leefgebieden?a=2', '/leefgebieden?a=3'];
		const view = (path: string) => handle({ event: event({ path }), resolve: page.resolve });
		await view(paths[0]);
		await view(paths[1]);
		await view(paths[0]); // viewed again: now the most recent
		await view(paths[2]); // a third page pushes out the least recent: a=2
		const before = page.renders();
		expect((await view(paths[0])).headers.get('x-cache')).toBe('hit');
		expect((await view(paths[2])).headers.get('x-cache')).toBe('hit');
		expect((await view(paths[1])).headers.get('x-cache')).toBe('miss');
		expect(page.renders()).toBe(before + 1);
	});
});
