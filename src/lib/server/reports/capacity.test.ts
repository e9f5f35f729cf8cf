/** The capacity form's checks (every refusal), hours and cost in exact cents, and saving, replacing, removing and listing within reach on a real DuckDB file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reach } from '$lib/domain/roles';
import { closeTempStore, openTempStore, type Store } from '../ingest/fixtures/helpers';
import {
	CAPACITY_MESSAGES,
	capacityRows,
	checkCapacity,
	checkRemoval,
	costOf,
	FTE_HOURS,
	hoursOf,
	removeCapacity,
	setCapacity,
	type CapacityEntry,
	type CapacityForm
} from './capacity';

const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
const BOTH: Reach = { all: false, gemeenten: ['GM0080', 'GM0344'] };
const FORM: CapacityForm = {
	gemeente: 'GM0080',
	kwartaal: '2024-Q3',
	functie: 'omo-functionaris',
	eenheid: 'fte',
	hoeveelheid: '0,8',
	uurtarief: '87,35'
};
const refusal = (change: Partial<CapacityForm>, reach: Reach = LEEUWARDEN) =>
	checkCapacity({ ...FORM, ...change }, reach);

describe('checkCapacity', () => {
	it('reads a form into hundredths of FTE or hours and a rate in cents', () => {
		expect(checkCapacity(FORM, LEEUWARDEN)).toEqual({
			entry: {
				gemeente: 'GM0080',
				kwartaal: '2024-Q3',
				functie: 'omo-functionaris',
				eenheid: 'fte',
				hoeveelheid: 80n,
				uurtarief: 8735n
			}
		});
		// A name for the gemeente, a lower-case q, Dutch thousands and a rate of zero (volunteers) are fine.
		expect(
			checkCapacity(
				{
					...FORM,
					gemeente: 'Leeuwarden',
					kwartaal: ' 2025-q1 ',
					eenheid: 'UREN',
					hoeveelheid: '1.234,5',
					uurtarief: '0'
				},
				LEEUWARDEN
			)
		).toEqual({
			entry: {
				gemeente: 'GM0080',
				kwartaal: '2025-Q1',
				functie: 'omo-functionaris',
				eenheid: 'uren',
				hoeveelheid: 123450n,
				uurtarief: 0n
			}
		});
	});

	it('refuses every field with its own Dutch message, in field order', () => {
		expect(refusal({ gemeente: '' })).toEqual({ field: 'gemeente', message: 'Kies een gemeente.' });
		expect(refusal({ gemeente: 'Nergenshuizen' })).toEqual({
			field: 'gemeente',
			message: 'Kies een gemeente.'
		});
		expect(refusal({ gemeente: 'GM0344' })).toEqual({
			field: 'gemeente',
			message: 'Utrecht valt buiten uw bereik.'
		});
		for (const kwartaal of ['', '2024', '2024-Q5', '2024-K1', '1999-Q4', '2101-Q1']) {
			expect(refusal({ kwartaal }), kwartaal).toEqual({
				field: 'kwartaal',
				message: CAPACITY_MESSAGES.kwartaal
			});
		}
		for (const functie of ['', 'wethouder', 'OMO-functionaris']) {
			expect(refusal({ functie }), functie).toEqual({ field: 'functie', message: CAPACITY_MESSAGES.functie });
		}
		expect(refusal({ eenheid: 'dagen' })).toEqual({ field: 'eenheid', message: CAPACITY_MESSAGES.eenheid });
		for (const hoeveelheid of ['', '0', '0,00', '-3', '1,234', 'veel']) {
			expect(refusal({ hoeveelheid }), hoeveelheid).toEqual({
				field: 'hoeveelheid',
				message: CAPACITY_MESSAGES.hoeveelheid
			});
		}
		expect(refusal({ hoeveelheid: '200,01' })).toEqual({
			field: 'hoeveelheid',
			message: CAPACITY_MESSAGES.fte
		});
		expect(refusal({ eenheid: 'uren', hoeveelheid: '100.000,01' })).toEqual({
			field: 'hoeveelheid',
			message: CAPACITY_MESSAGES.uren
		});
		expect(refusal({ eenheid: 'uren', hoeveelheid: '100.000' })).toHaveProperty('entry');
		for (const uurtarief of ['', '-1', '12,345', 'gratis']) {
			expect(refusal({ uurtarief }), uurtarief).toEqual({
				field: 'uurtarief',
				message: CAPACITY_MESSAGES.uurtarief
			});
		}
		expect(refusal({ uurtarief: '10.000,01' })).toEqual({
			field: 'uurtarief',
			message: CAPACITY_MESSAGES.uurtariefMax
		});
	});

	it('checks a removal: gemeente within reach, quarter and function', () => {
		const row = { gemeente: 'GM0080', kwartaal: '2024-q3', functie: 'coach' };
		expect(checkRemoval(row, LEEUWARDEN)).toEqual({
			key: { gemeente: 'GM0080', kwartaal: '2024-Q3', functie: 'coach' },
			naam: 'Leeuwarden'
		});
		expect(checkRemoval({ ...row, gemeente: 'GM0344' }, LEEUWARDEN)).toEqual({
			message: 'Utrecht valt buiten uw bereik.'
		});
		expect(checkRemoval({ ...row, kwartaal: '2024' }, LEEUWARDEN)).toEqual({
			message: CAPACITY_MESSAGES.kwartaal
		});
		expect(checkRemoval({ ...row, functie: 'x' }, LEEUWARDEN)).toEqual({
			message: CAPACITY_MESSAGES.functie
		});
	});
});

describe('hours and cost', () => {
	const entry = (eenheid: 'uren' | 'fte', hoeveelheid: bigint, uurtarief: bigint) => ({
		eenheid,
		hoeveelheid,
		uurtarief
	});

	it('converts FTE at 36 hours × 13 weeks = 468 hours a quarter', () => {
		expect(FTE_HOURS).toBe(468);
		// 0,33 FTE = 154,44 hours, in hundredths.
		expect(hoursOf(entry('fte', 33n, 0n))).toBe(15444n);
		expect(hoursOf(entry('uren', 1250n, 0n))).toBe(1250n);
	});

	it('rounds hours × rate half up to the cent once per row', () => {
		// 12,5 h × € 33,33 = € 416,625 → € 416,63.
		expect(costOf(entry('uren', 1250n, 3333n))).toBe(41663n);
		// 154,44 h × € 87,35 = € 13.490,334 → € 13.490,33.
		expect(costOf(entry('fte', 33n, 8735n))).toBe(1349033n);
		// 0,25 FTE = 117 h × € 41,67 = € 4.875,39 exactly.
		expect(costOf(entry('fte', 25n, 4167n))).toBe(487539n);
		// 0,01 h × € 0,49 = € 0,0049 → € 0,00; × € 0,50 = € 0,005 → € 0,01.
		expect(costOf(entry('uren', 1n, 49n))).toBe(0n);
		expect(costOf(entry('uren', 1n, 50n))).toBe(1n);
	});
});

describe('saving, removing and listing', () => {
	let store: Store;
	const actor = { email: 'kwaliteitsteam@leeuwarden.example' };
	const put = (entry: Partial<CapacityEntry>, origin?: string) =>
		setCapacity(
			store.db,
			actor,
			{
				gemeente: 'GM0080',
				kwartaal: '2024-Q3',
				functie: 'omo-functionaris',
				eenheid: 'fte',
				hoeveelheid: 50n,
				uurtarief: 8500n,
				...entry
			},
			origin
		);

	beforeAll(async () => {
		store = await openTempStore();
		await put({});
		await put({ functie: 'coach', eenheid: 'uren', hoeveelheid: 12000n, uurtarief: 6235n });
		await put({
			kwartaal: '2024-Q4',
			functie: 'tafellid',
			eenheid: 'uren',
			hoeveelheid: 1250n,
			uurtarief: 3333n
		});
		await put({ kwartaal: '2023-Q4' });
		await put({ gemeente: 'GM0344', kwartaal: '2024-Q3', hoeveelheid: 100n });
		// Replaces the first row: one row per municipality, quarter and function.
		await put({ hoeveelheid: 60n, uurtarief: 8735n }, '127.0.0.1');
	});

	afterAll(() => closeTempStore(store));

	it('keeps one row per municipality, quarter and function, the last one set', async () => {
		const rows = await capacityRows(store.db, LEEUWARDEN);
		expect(
			rows.map((r) => [r.kwartaal, r.functie, r.eenheid, r.hoeveelheid, r.uurtarief, r.hours, r.cost])
		).toEqual([
			['2023-Q4', 'omo-functionaris', 'fte', 50n, 8500n, 23400n, 1989000n],
			// 0,6 FTE = 280,8 h × € 87,35 = € 24.527,88.
			['2024-Q3', 'omo-functionaris', 'fte', 60n, 8735n, 28080n, 2452788n],
			// 120 h × € 62,35 = € 7.482,00.
			['2024-Q3', 'coach', 'uren', 12000n, 6235n, 12000n, 748200n],
			['2024-Q4', 'tafellid', 'uren', 1250n, 3333n, 1250n, 41663n]
		]);
		expect(rows[1]).toMatchObject({
			gemeenteNaam: 'Leeuwarden',
			functieNaam: 'OMO-functionaris',
			updatedBy: 'kwaliteitsteam@leeuwarden.example'
		});
		expect(rows[1].updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	});

	it('lists only the reach and, when asked, only the quarters of a run', async () => {
		const both = await capacityRows(store.db, BOTH, { from: '2024-Q3', to: '2024-Q3' });
		expect(both.map((r) => `${r.gemeenteNaam} ${r.kwartaal} ${r.functie}`)).toEqual([
			'Leeuwarden 2024-Q3 omo-functionaris',
			'Leeuwarden 2024-Q3 coach',
			'Utrecht 2024-Q3 omo-functionaris'
		]);
		expect(await capacityRows(store.db, { all: false, gemeenten: ['GM0518'] })).toEqual([]);
	});

	it('audits every change and removes a row once', async () => {
		const key = { gemeente: 'GM0080', kwartaal: '2023-Q4', functie: 'omo-functionaris' };
		expect(await removeCapacity(store.db, actor, key, '127.0.0.1')).toBe(true);
		expect(await removeCapacity(store.db, actor, key)).toBe(false);
		const log = await store.db.all<{ action: string; object: string; origin: string | null }>(
			`SELECT action, object, origin FROM audit_log WHERE action LIKE 'capaciteit%' ORDER BY id`
		);
		expect(log).toHaveLength(7);
		expect(log[5]).toEqual({
			action: 'capaciteit instellen',
			object: 'GM0080 2024-Q3 omo-functionaris: 0.60 fte à 87.35',
			origin: '127.0.0.1'
		});
		expect(log[6]).toEqual({
			action: 'capaciteit verwijderen',
			object: 'GM0080 2023-Q4 omo-functionaris',
			origin: '127.0.0.1'
		});
	});
});
