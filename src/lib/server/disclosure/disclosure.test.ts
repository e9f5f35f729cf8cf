/** Every rule of "Who sees what": audiences, protected counts and tables, thresholds, months, whole periods and landelijk's signal windows. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '$lib/domain/filters';
import type { Role, SessionUser } from '$lib/domain/roles';
import { caseRow, closeTempStore, importRows, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { parseFilter } from '../analytics/filter';
import { expandMatrix } from '../analytics/cooccurrence';
import { signalList } from '../kwesties/signal-list';
import { audience, listDate, listThreshold } from './audience';
import { checkWholePeriod, latestCompleteQuarterEnd, windowStart } from './period';
import { arrowCount, protectCooccurrence, protectCounts } from './protect';
import { protectSignal, signalRequest } from './signals';

const DEFAULTS = { threshold: 3, windowMonths: 12 };

describe('audience', () => {
	it('gives case rows to case-level roles, exact totals to college and protected totals to landelijk', () => {
		const by = (role: Role) => audience(role);
		expect([by('beheerder'), by('kwaliteitsteam'), by('beleid')]).toEqual(['cases', 'cases', 'cases']);
		expect(by('college')).toBe('totals');
		expect(by('landelijk')).toBe('protected');
	});
});

describe('protected counts', () => {
	it('publishes 0, hides 1 to 7 and rounds the others to 5', () => {
		const result = protectCounts({
			dimension: 'wetten',
			counts: [0, 1, 7, 8, 12, 13].map((cases, i) => ({ label: `w${i}`, cases })),
			cases: 200
		});
		expect(result.counts.map((c) => c.cases)).toEqual([0, 'geheim', 'geheim', 10, 10, 15]);
		expect(result.cases).toBe(200);
	});

	it('hides a second count of a list whose counts add up to its total', () => {
		// One secret count and the total would give it away: 40 - 20 - 15 = 5.
		const result = protectCounts({
			dimension: 'leefgebieden',
			counts: [
				{ label: 'wonen', cases: 20 },
				{ label: 'werk', cases: 15 },
				{ label: 'zorg', cases: 5 }
			],
			cases: 40
		});
		const hidden = result.counts.filter((c) => c.cases === 'geheim').map((c) => c.label);
		expect(hidden).toEqual(['werk', 'zorg']);
		expect(result.cases).toBe(40);
	});

	it('protects a matrix with its totals: symmetric, no line with one secret entry', () => {
		const positions = ['a', 'b', 'c'].map((code, position) => ({ code, position }));
		// 20 cases of a alone, 15 of b alone, 10 of a and b, 3 of a and c, 12 of c alone.
		const groups = [
			{ mask: 0b001n, cases: 20 },
			{ mask: 0b010n, cases: 15 },
			{ mask: 0b011n, cases: 10 },
			{ mask: 0b101n, cases: 3 },
			{ mask: 0b100n, cases: 12 },
			{ mask: 0n, cases: 9 }
		];
		const exact = {
			dimension: 'leefgebieden' as const,
			diagonal: 'single' as const,
			...expandMatrix(groups, positions, 'single')
		};
		const result = protectCooccurrence(exact);
		const m = result.matrix;
		expect(m[0][2]).toBe('geheim');
		expect(m[2][0]).toBe('geheim');
		for (let i = 0; i < 3; i++)
			for (let j = 0; j < 3; j++) expect(m[i][j] === 'geheim').toBe(m[j][i] === 'geheim');
		// Row a adds up (20 + 10 + 3 = 33 = its total): the secret 3 takes a second entry with it.
		const rowA = [...m[0], result.totals.a];
		expect(rowA.filter((v) => v === 'geheim').length).toBeGreaterThanOrEqual(2);
		for (const value of [...m.flat(), ...Object.values(result.totals), result.cases, result.withLabel]) {
			if (value !== 'geheim') expect(value % 5).toBe(0);
		}
		expect(result.cases).toBe(70);
	});

	it('protects an empty selection: no labels, a total of 0 published as 0', () => {
		const empty = {
			dimension: 'wetten' as const,
			diagonal: 'total' as const,
			...expandMatrix([], [], 'total')
		};
		expect(protectCooccurrence(empty)).toMatchObject({
			labels: [],
			matrix: [],
			totals: {},
			cases: 0,
			withLabel: 0
		});
		expect(protectCounts({ dimension: 'wetten', counts: [], cases: 3 })).toEqual({
			dimension: 'wetten',
			counts: [],
			cases: 'geheim'
		});
	});

	it('marks a secret count in the Arrow row as a null with its flag', () => {
		expect(arrowCount('cases', 'geheim')).toEqual({ cases: null, cases_geheim: true });
		expect(arrowCount('cases', 15)).toEqual({ cases: 15, cases_geheim: false });
	});
});

describe('lists with a threshold', () => {
	it('raise a threshold below 3 for college and landelijk, and keep it for the kwaliteitsteam', () => {
		expect(listThreshold('totals', 1)).toBe(3);
		expect(listThreshold('protected', 2)).toBe(3);
		expect(listThreshold('totals', 5)).toBe(5);
		expect(listThreshold('cases', 1)).toBe(1);
	});

	it('give first and last as a month to roles without case access', () => {
		expect(listDate('cases', '2025-03-07')).toBe('2025-03-07');
		expect(listDate('totals', '2025-03-07')).toBe('2025-03');
		const row = { kwestie: 'k', cases: 5, first: '2025-01-02', last: '2025-03-07', gemeenten: 2 };
		expect(protectSignal('totals', row)).toEqual({ ...row, first: '2025-01', last: '2025-03' });
		expect(protectSignal('protected', row)).toEqual({
			...row,
			cases: 'geheim',
			first: '2025-01',
			last: '2025-03'
		});
		expect(protectSignal('cases', row)).toEqual(row);
	});

	it('say the raised threshold in the request', () => {
		const asked = signalRequest(
			'totals',
			new URLSearchParams('threshold=1&as_of=2025-06-15'),
			DEFAULTS,
			EMPTY_FILTER
		);
		expect(asked).toMatchObject({ ok: true, options: { raised: true, options: { threshold: 3 } } });
		const team = signalRequest(
			'cases',
			new URLSearchParams('threshold=1&as_of=2025-06-15'),
			DEFAULTS,
			EMPTY_FILTER
		);
		expect(team).toMatchObject({ ok: true, options: { raised: false, options: { threshold: 1 } } });
	});
});

describe('periods for landelijk', () => {
	const parse = (query: string) => parseFilter(new URLSearchParams(query), { all: true }, 'protected');

	it('takes all data, a quarter, a half-year or a year', () => {
		expect(parse('')).toMatchObject({ ok: true });
		expect(parse('from=2025-04-01&to=2025-06-30')).toMatchObject({ ok: true });
		expect(parse('from=2025-07-01&to=2025-12-31')).toMatchObject({ ok: true });
		expect(parse('from=2025-01-01&to=2025-12-31')).toMatchObject({ ok: true });
	});

	it('refuses a week, a from without a to and a range across quarters with 400 and a Dutch message', () => {
		for (const query of [
			'from=2025-03-03&to=2025-03-07',
			'from=2025-01-01',
			'to=2025-03-31',
			'from=2025-02-01&to=2025-04-30'
		]) {
			const parsed = parse(query);
			expect(parsed, query).toMatchObject({ ok: false, status: 400 });
			expect(!parsed.ok && parsed.message).toContain('kwartaal, halfjaar of jaar');
		}
		expect(checkWholePeriod('2025-01-01', null)).toMatchObject({ ok: false, field: 'to' });
	});

	it('leaves other roles any range', () => {
		expect(
			parseFilter(new URLSearchParams('from=2025-03-03&to=2025-03-07'), { all: true }, 'totals')
		).toMatchObject({
			ok: true
		});
	});
});

describe("landelijk's signal window", () => {
	it('ends by default on the last day of the latest complete quarter and starts on a whole month', () => {
		expect(latestCompleteQuarterEnd('2026-12-05')).toBe('2026-09-30');
		expect(latestCompleteQuarterEnd('2026-09-30')).toBe('2026-06-30');
		expect(latestCompleteQuarterEnd('2026-02-10')).toBe('2025-12-31');
		expect(windowStart('2025-06-30', 3)).toBe('2025-04-01');
		expect(windowStart('2025-03-31', 12)).toBe('2024-04-01');
		const asked = signalRequest(
			'protected',
			new URLSearchParams(),
			{ threshold: 3, windowMonths: 24 },
			EMPTY_FILTER,
			'2026-12-05'
		);
		expect(asked).toMatchObject({
			ok: true,
			options: { options: { asOf: '2026-09-30', windowMonths: 12 }, filter: { from: '2025-10-01' } }
		});
	});

	it('spans 3, 6 or 12 months and ends on a quarter', () => {
		const ask = (query: string) =>
			signalRequest('protected', new URLSearchParams(query), DEFAULTS, EMPTY_FILTER, '2026-12-05');
		for (const months of [3, 6, 12]) expect(ask(`window_months=${months}`)).toMatchObject({ ok: true });
		expect(ask('window_months=2')).toMatchObject({ ok: false, field: 'window_months' });
		expect(ask('window_months=24')).toMatchObject({ ok: false, field: 'window_months' });
		expect(ask('as_of=2025-06-15')).toMatchObject({ ok: false, field: 'as_of' });
		expect(ask('as_of=2025-06-30')).toMatchObject({ ok: true });
	});
});

describe('the signal list for college', () => {
	let store: Store;
	beforeEach(async () => {
		store = await openTempStore();
	});
	afterEach(() => closeTempStore(store));

	it('lists no kwestie under 3 cases and gives months, however low the threshold asked', async () => {
		await importRows(store, [
			caseRow('A1', { aangemeld_op: '2025-01-05', kwestie: 'Huurtoeslag na verhuizing' }),
			caseRow('A2', { aangemeld_op: '2025-02-05', kwestie: 'Huurtoeslag na verhuizing' }),
			caseRow('A3', { aangemeld_op: '2025-03-05', kwestie: 'Huurtoeslag na verhuizing' }),
			caseRow('B1', { aangemeld_op: '2025-04-05', kwestie: 'Eenmalig probleem' })
		]);
		const user = (role: Role): SessionUser => ({
			id: 1,
			email: `${role}@leeuwarden.example`,
			role,
			reach: { all: false, gemeenten: ['GM0080'] }
		});
		const options = { threshold: 1, windowMonths: 12, asOf: '2025-12-31' };
		const college = await signalList(store.db, user('college'), EMPTY_FILTER, options);
		expect(college.options.threshold).toBe(3);
		expect(college.rows.map((r) => [r.kwestie, r.cases, r.first, r.last])).toEqual([
			['Huurtoeslag na verhuizing', 3, '2025-01', '2025-03']
		]);
		expect(college.tables[0].rows.map((r) => r.eerste)).toEqual(['2025-01']);
		const team = await signalList(store.db, user('kwaliteitsteam'), EMPTY_FILTER, options);
		expect(team.rows.map((r) => r.first)).toEqual(['2025-01-05', '2025-04-05']);
	});
});
