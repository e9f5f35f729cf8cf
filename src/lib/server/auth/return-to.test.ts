/** Where a login may send the browser next: paths of this site only, nothing a browser rewrites into another site. */
import { describe, expect, it } from 'vitest';
import { returnQuery, safeReturn } from './return-to';

describe('safeReturn', () => {
	it('keeps a path of this site, with its query', () => {
		for (const path of [
			'/',
			'/wetten',
			'/leefgebieden?from=2025-01-01&to=2025-12-31',
			'/kwesties/12#notities'
		]) {
			expect(safeReturn(path)).toBe(path);
		}
	});

	it('refuses what a browser reads as another site, a full URL, or nothing', () => {
		for (const value of [
			'//evil.example',
			'/\t/evil.example',
			'/\n/evil.example',
			'/\r/evil.example',
			'/\\evil.example',
			'/\\/evil.example',
			'/wetten\\..\\x',
			'/\u0000/evil.example',
			'/\u007f/evil.example',
			'https://evil.example/',
			'evil.example',
			'javascript:alert(1)',
			' /wetten',
			'',
			null
		]) {
			expect(safeReturn(value), JSON.stringify(value)).toBe('/');
		}
	});

	it('passes only a safe path on to the next step of logging in', () => {
		expect(returnQuery(new URL('http://x/login?terug=%2F%09%2Fevil.example'))).toBe('?terug=%2F');
		expect(returnQuery(new URL('http://x/login?terug=%2Fwetten'))).toBe('?terug=%2Fwetten');
		expect(returnQuery(new URL('http://x/login'))).toBe('');
	});
});
