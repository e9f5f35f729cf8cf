/** parseFilter's `periode`: a year, half-year or quarter stands for its from and to, for every role; a bad value or one beside from/to is 400. */
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
