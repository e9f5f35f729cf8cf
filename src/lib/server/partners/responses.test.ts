/** Tests of the partners' answer times on a real DuckDB file: the SQL calendar against the TS one, promises from the register, reach, filters and today. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTER, type CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import { isWorkingDay, workingDaysBetween } from '$lib/domain/working-days';
import {
	FIXTURES,
	caseRow,
	closeTempStore,
	importRows,
	openTempStore,
	runImport,
	type Store
} from '../ingest/fixtures/helpers';
import { addContact, removeContact } from './contacts';
import {
	calendarCte,
	calendarHolidays,
	partnerResponses,
	protectResponses,
	responsesTable
} from './responses';

const ALL: Reach = { all: true };
const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
const filter = (f: Partial<CaseFilter> = {}): CaseFilter => ({ ...EMPTY_FILTER, ...f });
/** A Monday. */
const TODAY = '2025-06-16';

let store: Store;

beforeAll(async () => {
	store = await openTempStore();
	const result = await importRows(store, [
		caseRow('L1', {
			aangemeld_op: '06-01-2025',
			status: 'afgerond',
			afgerond_op: '20-01-2025',
			// Monday to Wednesday: 2; Monday to the next Monday: 5.
			reacties: 'UWV@06-01-2025/08-01-2025|SVB@06-01-2025/13-01-2025'
		}),
		caseRow('L2', {
			aangemeld_op: '07-02-2025',
			// Friday to Monday: 1; unanswered since Monday 2 June: 10 working days on 16 June.
			reacties: 'UWV@07-02-2025/10-02-2025|UWV@02-06-2025/'
		}),
		caseRow('L3', {
			aangemeld_op: '03-03-2025',
			status: 'afgerond',
			afgerond_op: '13-06-2025',
			// 5 working days; the unanswered question of a closed case is not open.
			reacties: 'UWV@03-03-2025/10-03-2025|UWV@12-06-2025/'
		}),
		// Friday 13 June to Monday 16 June: 1 working day, within any promise of 1 or more.
		caseRow('L4', { aangemeld_op: '13-06-2025', reacties: 'SVB@13-06-2025/' }),
		caseRow('L5', { aangemeld_op: '13-06-2025' }),
		caseRow('U1', {
			gemeente: 'GM0344',
			aangemeld_op: '17-04-2025',
			// Thursday to Tuesday over Easter Monday: 2; unanswered since 1 May, long past.
			reacties: 'UWV@17-04-2025/22-04-2025|UWV@01-05-2025/'
		})
	]);
	expect(result.status).toBe('imported');
});

afterAll(() => closeTempStore(store));

describe('the SQL calendar', () => {
	it('agrees with workingDaysBetween on every day of 2024 to 2026', async () => {
		const rows = await store.db.all<{ d: string; idx: number }>(
			`WITH bounds AS (SELECT DATE '2023-12-31' AS lo, DATE '2026-12-31' AS hi), ${calendarCte('lo', 'hi')}
			 SELECT d::VARCHAR AS d, idx FROM calendar ORDER BY d`,
			{ holidays: calendarHolidays() }
		);
		expect(rows).toHaveLength(1097);
		const [start, ...days] = rows;
		let previous = start;
		for (const day of days) {
			expect(day.idx - previous.idx === 1, day.d).toBe(isWorkingDay(day.d));
			expect(day.idx - start.idx, day.d).toBe(workingDaysBetween(start.d, day.d));
			previous = day;
		}
		// Weekdays 262 + 261 + 261; holidays on a weekday 6 (2024), 7 (2025) and 7 (2026).
		expect(rows.at(-1)!.idx - start.idx).toBe(784 - 20);
	});
});

describe('partnerResponses', () => {
	it('holds each question against the default promise of 2 working days without a register', async () => {
		expect(await partnerResponses(store.db, LEEUWARDEN, filter(), TODAY)).toEqual([
			{
				organisation: 'SVB',
				asked: 2,
				answered: 1,
				medianWorkingDays: 5,
				withinPromise: 0,
				promiseDays: 2,
				openPastPromise: 0
			},
			{
				organisation: 'UWV',
				asked: 5,
				answered: 3,
				medianWorkingDays: 2,
				withinPromise: 2,
				promiseDays: 2,
				openPastPromise: 1
			}
		]);
	});

	it("takes the shortest promise among an organisation's contacts, per municipality", async () => {
		const contact = { gemeente: 'GM0080', organisatie: 'UWV', functie: 'Klantmanager', mandaat: null };
		const five = await addContact(
			store.db,
			{ ...contact, contact: 'a@uwv.example', antwoordtermijn: 5 },
			't'
		);
		const three = await addContact(
			store.db,
			{ ...contact, contact: 'b@uwv.example', antwoordtermijn: 3 },
			't'
		);
		try {
			const leeuwarden = await partnerResponses(store.db, LEEUWARDEN, filter(), TODAY);
			// UWV: answers after 2, 1 and 5 working days against 3; SVB keeps the default.
			expect(leeuwarden.find((o) => o.organisation === 'UWV')).toMatchObject({
				withinPromise: 2,
				promiseDays: 3,
				openPastPromise: 1
			});
			expect(leeuwarden.find((o) => o.organisation === 'SVB')?.promiseDays).toBe(2);
			// Utrecht's questions to UWV keep 2 days: the promises differ, so none is given.
			const all = await partnerResponses(store.db, ALL, filter(), TODAY);
			expect(all.find((o) => o.organisation === 'UWV')).toEqual({
				organisation: 'UWV',
				asked: 7,
				answered: 4,
				medianWorkingDays: 2,
				withinPromise: 3,
				promiseDays: null,
				openPastPromise: 2
			});
			const utrecht = await partnerResponses(store.db, ALL, filter({ gemeente: 'GM0344' }), TODAY);
			expect(utrecht).toEqual([
				{
					organisation: 'UWV',
					asked: 2,
					answered: 1,
					medianWorkingDays: 2,
					withinPromise: 1,
					promiseDays: 2,
					openPastPromise: 1
				}
			]);
		} finally {
			await removeContact(store.db, five, ALL);
			await removeContact(store.db, three, ALL);
		}
	});

	it('counts an open question past its promise only from the day the promise runs out', async () => {
		// Wednesday 4 June: 2 working days since Monday 2 June, not more than the promise of 2.
		const early = await partnerResponses(store.db, LEEUWARDEN, filter(), '2025-06-04');
		expect(early.find((o) => o.organisation === 'UWV')?.openPastPromise).toBe(0);
		const late = await partnerResponses(store.db, LEEUWARDEN, filter(), '2025-06-05');
		expect(late.find((o) => o.organisation === 'UWV')?.openPastPromise).toBe(1);
	});

	it('applies the filters and never counts a municipality outside the reach', async () => {
		const open = await partnerResponses(store.db, LEEUWARDEN, filter({ status: 'open' }), TODAY);
		expect(open).toEqual([
			{
				organisation: 'SVB',
				asked: 1,
				answered: 0,
				medianWorkingDays: null,
				withinPromise: 0,
				promiseDays: 2,
				openPastPromise: 0
			},
			{
				organisation: 'UWV',
				asked: 2,
				answered: 1,
				medianWorkingDays: 1,
				withinPromise: 1,
				promiseDays: 2,
				openPastPromise: 1
			}
		]);
		expect(await partnerResponses(store.db, LEEUWARDEN, filter({ gemeente: 'GM0344' }), TODAY)).toEqual([]);
		expect(await partnerResponses(store.db, LEEUWARDEN, filter({ from: '2025-06-14' }), TODAY)).toEqual([]);
	});

	it('gives a table with the names and the median resting on the answers', async () => {
		const names = { UWV: 'Uitvoeringsinstituut Werknemersverzekeringen', SVB: 'Sociale Verzekeringsbank' };
		const table = responsesTable(await partnerResponses(store.db, LEEUWARDEN, filter(), TODAY), names);
		expect(table.rows[1]).toEqual({
			organisatie: 'Uitvoeringsinstituut Werknemersverzekeringen',
			gevraagd: 5,
			beantwoord: 3,
			mediaan: 2,
			binnen: 2,
			termijn: 2,
			open: 1
		});
		expect(table.columns.find((c) => c.key === 'mediaan')?.basis).toBe('beantwoord');
		expect(table.columns.find((c) => c.key === 'termijn')?.counts).toBe('other');
	});
});

describe('the Zwolle sample of version 1.1', () => {
	it('answers the contract: UWV asked 4, answered 3, median 2, within 2, promise 2, 1 open past it', async () => {
		const zwolle = await openTempStore();
		try {
			const result = await runImport(zwolle, path.join(FIXTURES, 'zwolle-2025-v11.csv'));
			expect(result.status).toBe('imported');
			const answer = await partnerResponses(zwolle.db, ALL, filter(), '2026-01-05');
			expect(answer.map((o) => o.organisation)).toEqual(['Belastingdienst', 'SVB', 'UWV']);
			expect(answer.find((o) => o.organisation === 'UWV')).toEqual({
				organisation: 'UWV',
				asked: 4,
				answered: 3,
				medianWorkingDays: 2,
				withinPromise: 2,
				promiseDays: 2,
				openPastPromise: 1
			});
		} finally {
			closeTempStore(zwolle);
		}
	});
});

describe('protectResponses', () => {
	it('protects the counts of questions as counts of cases, the median under 8 answers, never the promise', () => {
		const exact = [
			{
				organisation: 'SVB',
				asked: 20,
				answered: 12,
				medianWorkingDays: 3,
				withinPromise: 9,
				promiseDays: 2,
				openPastPromise: 1
			},
			{
				organisation: 'UWV',
				asked: 10,
				answered: 5,
				medianWorkingDays: 1.5,
				withinPromise: 5,
				promiseDays: null,
				openPastPromise: 0
			}
		];
		// SVB's 1 open hides its 9 within (its row); UWV's 5 answered hides SVB's 12 (their column).
		expect(protectResponses(exact)).toEqual([
			{
				organisation: 'SVB',
				asked: 20,
				answered: 'geheim',
				medianWorkingDays: 3,
				withinPromise: 'geheim',
				promiseDays: 2,
				openPastPromise: 'geheim'
			},
			{
				organisation: 'UWV',
				asked: 10,
				answered: 'geheim',
				medianWorkingDays: 'geheim',
				withinPromise: 'geheim',
				promiseDays: null,
				openPastPromise: 0
			}
		]);
		expect(exact[0].answered).toBe(12);
		expect(
			protectResponses([{ ...exact[0], asked: 23, answered: 18, withinPromise: 17, openPastPromise: 0 }])
		).toEqual([{ ...exact[0], asked: 25, answered: 20, withinPromise: 15, openPastPromise: 0 }]);
	});
});
