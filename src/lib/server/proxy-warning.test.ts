/** The proxy warning: once, only behind a proxy, never when ADDRESS_HEADER is set. */
import { describe, expect, it } from 'vitest';
import { PROXY_WARNING, proxyWarning } from './proxy-warning';

describe('proxy warning', () => {
	it('warns once, at the first request through a proxy, when ADDRESS_HEADER is unset', () => {
		const logged: string[] = [];
		const check = proxyWarning(undefined, (m) => logged.push(m));
		check(new Headers());
		expect(logged).toEqual([]);
		check(new Headers({ 'x-forwarded-for': '203.0.113.9' }));
		check(new Headers({ 'x-forwarded-for': '203.0.113.10' }));
		expect(logged).toEqual([PROXY_WARNING]);
	});

	it('also knows the standard Forwarded header, and says nothing when ADDRESS_HEADER is set', () => {
		const logged: string[] = [];
		proxyWarning(undefined, (m) => logged.push(m))(new Headers({ forwarded: 'for=203.0.113.9' }));
		proxyWarning('X-Forwarded-For', (m) => logged.push(m))(new Headers({ 'x-forwarded-for': '203.0.113.9' }));
		expect(logged).toEqual([PROXY_WARNING]);
	});
});
