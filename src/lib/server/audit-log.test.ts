/** The audit log's filter from an address: dates typed as dd-mm-jjjj or linked as JJJJ-MM-DD, and a Dutch message for a date that is no date. */
import { describe, expect, it } from 'vitest';
import { parseAuditFilter, readAuditFilter } from './audit-log';

const read = (query: string) => readAuditFilter(new URLSearchParams(query));

describe('readAuditFilter', () => {
	it('reads dates in either form as ISO, with the account and the action', () => {
		expect(read('from=1-10-2025&to=2025-10-31&actor=kwaliteit&action=inloggen')).toEqual({
			ok: true,
			filter: { from: '2025-10-01', to: '2025-10-31', actor: 'kwaliteit', action: 'inloggen' }
		});
		expect(read('from=&to=')).toEqual({
			ok: true,
			filter: { from: null, to: null, actor: null, action: null }
		});
	});

	it('names the field and what is wrong with it', () => {
		expect(read('from=31-04-2025')).toEqual({
			ok: false,
			message: 'Vanaf: 31-04-2025 bestaat niet: april heeft 30 dagen.'
		});
		expect(read('from=01-10-2025&to=30-09-2025')).toEqual({
			ok: false,
			message: 'Tot en met: De einddatum ligt voor de begindatum.'
		});
		expect(parseAuditFilter(new URLSearchParams('to=gisteren'))).toBeNull();
	});
});
