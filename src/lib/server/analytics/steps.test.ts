/** Tests of time on the ladder and the step mix on a real DuckDB file: spans with and without an end, withdrawn cases, quantiles, reach, filters and disclosure. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTER, type CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import { caseRow, closeTempStore, importRows, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { ladderTables, publishStepTimes, shares, stepMix, stepTimes, type StepTime } from './steps';

const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
const ALL: Reach = { all: true };
const filter = (f: Partial<CaseFilter> = {}): CaseFilter => ({ ...EMPTY_FILTER, ...f });

/*
 * Leeuwarden (GM0080), days at each step (escalatie left empty: the import takes the highest step):
 * A afgerond 31-01: team 4, maatwerkcoach 10, lokale_tafel 16 (its last step, to afgerond_op);
 * B open: team 2, maatwerkcoach reached without an end;
 * C afgerond 09-03, one step only: maatwerkcoach 8;
 * D ingetrokken 21-04: team 10, lokale_tafel 10 (to afgerond_op);
 * E open without stappen: not in the steps;
 * F afgerond without afgerond_op: team 5, maatwerkcoach reached without an end;
 * G afgerond 2024: team 10.
 * Utrecht (GM0344), outside the Leeuwarden reach: team 1, lokale_tafel 1.
 */
const FIXTURE = [
	caseRow('A', {
		route: 'Doorbraakteam',
		aangemeld_op: '01-01-2025',
		afgerond_op: '31-01-2025',
		status: 'afgerond',
		stappen: 'team@01-01-2025|maatwerkcoach@05-01-2025|lokale_tafel@15-01-2025'
	}),
	caseRow('B', {
		route: 'Wijkteam',
		aangemeld_op: '01-02-2025',
		stappen: 'team@01-02-2025|maatwerkcoach@03-02-2025'
	}),
	caseRow('C', {
		route: 'Wijkteam',
		aangemeld_op: '01-03-2025',
		afgerond_op: '09-03-2025',
		status: 'afgerond',
		stappen: 'maatwerkcoach@01-03-2025'
	}),
	caseRow('D', {
		route: 'Doorbraakteam',
		aangemeld_op: '01-04-2025',
		afgerond_op: '21-04-2025',
		status: 'ingetrokken',
		stappen: 'team@01-04-2025|lokale_tafel@11-04-2025'
	}),
	caseRow('E', { aangemeld_op: '01-04-2025' }),
	caseRow('F', {
		aangemeld_op: '01-05-2025',
		status: 'afgerond',
		stappen: 'team@01-05-2025|maatwerkcoach@06-05-2025'
	}),
	caseRow('G', {
		route: 'Wijkteam',
		aangemeld_op: '01-06-2024',
		afgerond_op: '11-06-2024',
		status: 'afgerond',
		stappen: 'team@01-06-2024'
	}),
	caseRow('U', {
		gemeente: 'GM0344',
		route: 'Wijkteam',
		aangemeld_op: '01-01-2025',
		afgerond_op: '03-01-2025',
		status: 'afgerond',
		stappen: 'team@01-01-2025|lokale_tafel@02-01-2025'
	})
];

const time = (step: string, reached: number, spans: number, median: number | null, p75: number | null) => ({
	step,
	reached,
	spans,
	medianDays: median,
	p75Days: p75
});

describe('stepTimes and stepMix', () => {
	let store: Store;

	beforeAll(async () => {
		store = await openTempStore();
		const result = await importRows(store, FIXTURE);
		expect(result.status).toBe('imported');
	});

	afterAll(() => closeTempStore(store));

	it('counts reach and days per step in ladder order, leaving out steps nobody reached', async () => {
		expect(await stepTimes(store.db, LEEUWARDEN, filter())).toEqual([
			// 2, 4, 5, 10, 10: median 5; 75th percentile at position 3 of 0–4: 10.
			time('team', 5, 5, 5, 10),
			// 8 and 10 (B and F have no end there): interpolated, 9 and 9.5.
			time('maatwerkcoach', 4, 2, 9, 9.5),
			// 16 (A, closed) and 10 (D, ingetrokken with a date): 13 and 14.5.
			time('lokale_tafel', 2, 2, 13, 14.5)
		]);
	});

	it('never counts a case outside the reach, and counts it for a reach that holds it', async () => {
		const all = await stepTimes(store.db, ALL, filter());
		// U adds 1 day at team (1, 2, 4, 5, 10, 10: position 3.75 gives 5 + 0.75 × 5) and 1 at lokale_tafel (1, 10, 16).
		expect(all.find((s) => s.step === 'team')).toEqual(time('team', 6, 6, 4.5, 8.75));
		expect(all.find((s) => s.step === 'lokale_tafel')).toEqual(time('lokale_tafel', 3, 3, 10, 13));
	});

	it('applies the filters', async () => {
		// Only B: its last step is reached without a span.
		expect(await stepTimes(store.db, LEEUWARDEN, filter({ status: 'open' }))).toEqual([
			time('team', 1, 1, 2, 2),
			time('maatwerkcoach', 1, 0, null, null)
		]);
		// A and D.
		expect(await stepTimes(store.db, LEEUWARDEN, filter({ escalatie: 'lokale_tafel' }))).toEqual([
			time('team', 2, 2, 7, 8.5),
			time('maatwerkcoach', 1, 1, 10, 10),
			time('lokale_tafel', 2, 2, 13, 14.5)
		]);
		// C, D and F.
		expect(await stepTimes(store.db, LEEUWARDEN, filter({ from: '2025-03-01', to: '2025-12-31' }))).toEqual([
			time('team', 2, 2, 7.5, 8.75),
			time('maatwerkcoach', 2, 1, 8, 8),
			time('lokale_tafel', 1, 1, 10, 10)
		]);
		expect(await stepTimes(store.db, LEEUWARDEN, filter({ gemeente: 'GM0344' }))).toEqual([]);
	});

	it('gives the highest step per route and per year of aanmelding, cases without a step last', async () => {
		const mix = await stepMix(store.db, LEEUWARDEN, filter());
		expect(mix.steps.map((s) => [s.step, s.label])).toEqual([
			['team', '1. Eigen team'],
			['maatwerkcoach', '2. Maatwerkcoach'],
			['lokale_tafel', '3. Lokale doorbraaktafel'],
			[null, 'Geen trede vastgelegd']
		]);
		expect(mix.routes).toEqual([
			{ label: 'Doorbraakteam', cases: [0, 0, 2, 0], total: 2, shares: [0, 0, 100, 0] },
			{ label: 'Wijkteam', cases: [1, 2, 0, 0], total: 3, shares: [33, 67, 0, 0] },
			{ label: 'Zonder route', cases: [0, 1, 0, 1], total: 2, shares: [0, 50, 0, 50] }
		]);
		expect(mix.years).toEqual([
			{ label: '2024', cases: [1, 0, 0, 0], total: 1, shares: [100, 0, 0, 0] },
			{ label: '2025', cases: [0, 3, 2, 1], total: 6, shares: [0, 50, 33, 17] }
		]);
		const all = await stepMix(store.db, ALL, filter());
		expect(all.routes.find((r) => r.label === 'Wijkteam')).toEqual({
			label: 'Wijkteam',
			cases: [1, 2, 1, 0],
			total: 4,
			shares: [25, 50, 25, 0]
		});
	});

	it('offers the time per step and both mixes as tables', async () => {
		const tables = ladderTables(
			await stepTimes(store.db, LEEUWARDEN, filter()),
			await stepMix(store.db, LEEUWARDEN, filter())
		);
		expect(tables.map((t) => t.id)).toEqual([
			'escalatie-tijd-per-trede',
			'escalatie-trede-route',
			'escalatie-trede-jaar'
		]);
		expect(tables[0].rows[1]).toEqual({
			trede: '2. Maatwerkcoach',
			bereikt: 4,
			verblijven: 2,
			mediaan: 9,
			p75: 9.5
		});
		expect(tables[1].rows.at(-1)).toEqual({
			route: 'Zonder route',
			'trede-team': 0,
			'trede-maatwerkcoach': 1,
			'trede-lokale_tafel': 0,
			'trede-geen': 1,
			totaal: 2
		});
		expect(tables[2].rows.map((r) => r.jaar)).toEqual(['2024', '2025']);
	});
});

describe('a case that comes back to a step', () => {
	it('reaches it once and has a span for each time it was there', async () => {
		const store = await openTempStore();
		try {
			const result = await importRows(store, [
				caseRow('R', {
					aangemeld_op: '01-01-2025',
					afgerond_op: '20-01-2025',
					status: 'afgerond',
					stappen: 'team@01-01-2025|maatwerkcoach@03-01-2025|team@10-01-2025'
				})
			]);
			expect(result.status).toBe('imported');
			// team: 2 days, then 10 to afgerond_op.
			expect(await stepTimes(store.db, LEEUWARDEN, filter())).toEqual([
				time('team', 1, 2, 6, 8),
				time('maatwerkcoach', 1, 1, 7, 7)
			]);
		} finally {
			closeTempStore(store);
		}
	});
});

describe('publishStepTimes', () => {
	const steps: StepTime[] = [
		time('team', 12, 8, 4.5, 6),
		time('maatwerkcoach', 9, 7, 3, 5),
		time('lokale_tafel', 3, 3, 13, 14.5)
	];

	it('gives the figures as computed to roles that receive exact figures', () => {
		expect(publishStepTimes(steps, true)).toEqual([
			{ step: 'team', reached: 12, medianDays: 4.5, p75Days: 6 },
			{ step: 'maatwerkcoach', reached: 9, medianDays: 3, p75Days: 5 },
			{ step: 'lokale_tafel', reached: 3, medianDays: 13, p75Days: 14.5 }
		]);
	});

	it('rounds reach to fives, hides it from 1 to 7, and hides quantiles of fewer than 8 spans', () => {
		expect(publishStepTimes(steps, false)).toEqual([
			{ step: 'team', reached: 10, medianDays: 4.5, p75Days: 6 },
			{ step: 'maatwerkcoach', reached: 10, medianDays: 'geheim', p75Days: 'geheim' },
			{ step: 'lokale_tafel', reached: 'geheim', medianDays: 'geheim', p75Days: 'geheim' }
		]);
		expect(publishStepTimes([time('let', 0, 0, null, null)], false)).toEqual([
			{ step: 'let', reached: 0, medianDays: null, p75Days: null }
		]);
	});
});

describe('shares', () => {
	it('gives whole percentages that add up to 100, the largest remainders rounded up', () => {
		expect(shares([1, 1, 1])).toEqual([34, 33, 33]);
		expect(shares([1, 2, 0, 1])).toEqual([25, 50, 0, 25]);
		expect(shares([0, 0])).toEqual([0, 0]);
	});
});
