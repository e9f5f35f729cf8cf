/** pageFilterParams: a typed dd-mm-jjjj date is sent on to its ISO address, a date that is no date is left out while the other filters stay, and landelijk's ranges are left to parseFilter. */
import { isRedirect } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { pageFilterParams } from './analysis-scope';

const url = (search: string) => new URL(`http://portal.test/leefgebieden${search}`);

/** Where pageFilterParams sends the browser, or null when it answers with parameters. */
function redirectOf(search: string): string | null {
	try {
		pageFilterParams(url(search), 'cases');
		return null;
	} catch (thrown) {
		if (isRedirect(thrown)) {
			expect(thrown.status).toBe(307);
			return thrown.location;
		}
		throw thrown;
	}
}

describe('pageFilterParams', () => {
	it('sends dd-mm-jjjj on to the ISO address, keeping every other parameter', () => {
		expect(redirectOf('?from=01-10-2025&to=&route=wijkteam&status=open')).toBe(
			'/leefgebieden?from=2025-10-01&to=&route=wijkteam&status=open'
		);
		expect(redirectOf('?from=2025-07-01&to=1-2-2026')).toBe('/leefgebieden?from=2025-07-01&to=2026-02-01');
	});

	it('answers ISO addresses and empty dates as they are', () => {
		expect(redirectOf('?from=2025-10-01&to=2025-12-31&gemeente=GM0080')).toBeNull();
		expect(pageFilterParams(url('?from=&to=&status=open'), 'cases').toString()).toBe('from=&to=&status=open');
	});

	it('leaves out a date that is no date, and an end before the start, but keeps the other filters', () => {
		const bad = pageFilterParams(url('?from=31-04-2025&to=30-06-2025&status=open'), 'cases');
		expect(bad.has('from')).toBe(false);
		expect(bad.get('to')).toBe('2025-06-30');
		expect(bad.get('status')).toBe('open');
		const reversed = pageFilterParams(url('?from=2025-10-01&to=2025-09-30&route=wijkteam'), 'cases');
		expect(reversed.get('from')).toBe('2025-10-01');
		expect(reversed.has('to')).toBe(false);
		expect(reversed.get('route')).toBe('wijkteam');
	});

	it("leaves landelijk's dates and a periode to parseFilter, which refuses what is not a whole period", () => {
		expect(pageFilterParams(url('?from=31-04-2025'), 'protected').get('from')).toBe('31-04-2025');
		expect(pageFilterParams(url('?from=01-04-2025&to=30-06-2025'), 'protected').get('from')).toBe(
			'01-04-2025'
		);
		expect(pageFilterParams(url('?periode=2025-Q3&from=x'), 'cases').get('from')).toBe('x');
	});
});
