/** parseFilter's `periode` (a year, half-year or quarter stands for its from and to, for every role; a bad value or one beside from/to is 400) and its dates, typed as dd-mm-jjjj or linked as JJJJ-MM-DD. */
import { describe, expect, it } from 'vitest';
import type { Audience } from '../disclosure/audience';
import { parseFilter, PERIODE_AND_DATES_MESSAGE, PERIODE_MESSAGE } from './filter';

const parse = (query: string, who: Audience = 'cases') =>
	parseFilter(new URLSearchParams(query), { all: true }, who);

describe('parseFilter with periode', () => {
	it('turns a quarter, a half-year and a year into their first and last day', () => {
		expect(parse('periode=2025-Q2')).toMatchObject({
			ok: true,
			filter: { from: '2025-04-01', to: '2025-06-30' }
		});
		expect(parse('periode=2025-H2')).toMatchObject({
			ok: true,
			filter: { from: '2025-07-01', to: '2025-12-31' }
		});
		expect(parse('periode=2024')).toMatchObject({
			ok: true,
			filter: { from: '2024-01-01', to: '2024-12-31' }
		});
		// Lower case, as a person may type it in the address bar.
		expect(parse('periode=2025-q1')).toMatchObject({
			ok: true,
			filter: { from: '2025-01-01', to: '2025-03-31' }
		});
	});

	it('is a whole period, so landelijk gets it too, with the other filters kept', () => {
		for (const who of ['protected', 'totals'] as const) {
			expect(parse('periode=2025-Q3&status=open', who)).toMatchObject({
				ok: true,
				filter: { from: '2025-07-01', to: '2025-09-30', status: 'open' }
			});
		}
	});

	it('takes an empty periode ("Alle gegevens") as no period', () => {
		expect(parse('periode=')).toMatchObject({ ok: true, filter: { from: null, to: null } });
		expect(parse('periode=&from=2025-03-03&to=2025-03-07')).toMatchObject({
			ok: true,
			filter: { from: '2025-03-03', to: '2025-03-07' }
		});
		expect(parse('periode=', 'protected')).toMatchObject({ ok: true, filter: { from: null, to: null } });
	});

	it('answers a period it does not know with 400 and a Dutch message', () => {
		for (const value of ['2025-Q5', '2025-H3', '2025-03', 'vorig jaar', '1800']) {
			expect(parse(`periode=${encodeURIComponent(value)}`), value).toEqual({
				ok: false,
				status: 400,
				field: 'periode',
				message: PERIODE_MESSAGE
			});
		}
	});

	it('answers periode beside from or to with 400', () => {
		for (const dates of ['from=2025-01-01', 'to=2025-03-31', 'from=2025-01-01&to=2025-03-31']) {
			for (const who of ['cases', 'protected'] as const) {
				expect(parse(`periode=2025-Q1&${dates}`, who)).toEqual({
					ok: false,
					status: 400,
					field: 'periode',
					message: PERIODE_AND_DATES_MESSAGE
				});
			}
		}
	});
});

describe('parseFilter with from and to', () => {
	it('reads dd-mm-jjjj as typed in the filter bar, and ISO as links and the API write it, both as ISO', () => {
		expect(parse('from=01-10-2025&to=31-12-2025')).toMatchObject({
			ok: true,
			filter: { from: '2025-10-01', to: '2025-12-31' }
		});
		expect(parse('from=2025-02-01&to=1-3-2025')).toMatchObject({
			ok: true,
			filter: { from: '2025-02-01', to: '2025-03-01' }
		});
	});

	it('answers a day that does not exist, or an end before the start, with 400 and a Dutch message', () => {
		expect(parse('from=31-04-2025')).toEqual({
			ok: false,
			status: 400,
			field: 'from',
			message: 'from: 31-04-2025 bestaat niet: april heeft 30 dagen.'
		});
		expect(parse('to=29-02-2025')).toMatchObject({ ok: false, status: 400, field: 'to' });
		expect(parse('from=01-10-2025&to=30-09-2025')).toEqual({
			ok: false,
			status: 400,
			field: 'to',
			message: 'De einddatum ligt voor de begindatum.'
		});
	});

	it('lets landelijk give a whole period as dates in either form, and nothing else', () => {
		expect(parse('from=01-04-2025&to=30-06-2025', 'protected')).toMatchObject({
			ok: true,
			filter: { from: '2025-04-01', to: '2025-06-30' }
		});
		expect(parse('from=01-04-2025&to=15-06-2025', 'protected')).toMatchObject({ ok: false, status: 400 });
	});
});
