/** Tests of the escalatie view on a real DuckDB file: steps, afloop, exact lead-time quartiles, years, open ages, filters, reach. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTER, type CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import {
	caseRow,
	closeTempStore,
	importRows,
	openTempStore,
	type Row,
	type Store
} from '../ingest/fixtures/helpers';
import { escalatieView, type EscalatieView, type StepFigures } from './escalatie';
import { escalatie } from '../views/registry';
import { showView } from '../views/show';

const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
const ALL: Reach = { all: true };
const AS_OF = '2026-01-01';
const filter = (f: Partial<CaseFilter> = {}): CaseFilter => ({ ...EMPTY_FILTER, ...f });

const closed = (
	id: string,
	step: string | null,
	from: string,
	to: string | null,
	uitkomst: string | null
): Row =>
	caseRow(id, {
		escalatie: step,
		aangemeld_op: from,
		afgerond_op: to,
		status: 'afgerond',
		uitkomst
	});
const open = (id: string, step: string | null, from: string): Row =>
	caseRow(id, { escalatie: step, aangemeld_op: from, status: 'open' });

/*
 * Leeuwarden (GM0080), lead times in days:
 * lokale_tafel: 10, 20, 30 (closed 2024), 40 (closed 2025); two open (ages 214 and 30 on AS_OF),
 *   one registered after AS_OF, one withdrawn;
 * maatwerkcoach: 30 (2024, no uitkomst), one closed without afgerond_op, one open (age 31);
 * no step: 90 (2025), one open (age 366).
 * Utrecht (GM0344), outside the Leeuwarden reach: 1 day at lokale_tafel, one open.
 */
const FIXTURE: Row[] = [
	closed('L1', 'lokale_tafel', '2024-01-01', '2024-01-11', 'opgelost'),
	closed('L2', 'lokale_tafel', '2024-01-01', '2024-01-21', 'deels_opgelost'),
	closed('L3', 'lokale_tafel', '2024-01-01', '2024-01-31', 'niet_opgelost'),
	closed('L4', 'lokale_tafel', '2024-12-01', '2025-01-10', 'opgelost'),
	open('L5', 'lokale_tafel', '2025-06-01'),
	caseRow('L6', {
		escalatie: 'lokale_tafel',
		aangemeld_op: '2024-02-01',
		afgerond_op: '2024-02-05',
		status: 'ingetrokken'
	}),
	open('L7', 'lokale_tafel', '2025-12-02'),
	open('F1', 'lokale_tafel', '2026-02-01'),
	closed('M1', 'maatwerkcoach', '2024-03-01', null, 'opgelost'),
	closed('M2', 'maatwerkcoach', '2024-05-01', '2024-05-31', null),
	open('M3', 'maatwerkcoach', '2025-12-01'),
	open('N1', null, '2024-12-31'),
	closed('N2', null, '2025-01-01', '2025-04-01', 'niet_opgelost'),
	closed('U1', 'lokale_tafel', '2024-01-01', '2024-01-02', 'opgelost'),
	open('U2', 'lokale_tafel', '2025-01-01')
].map((row) => (row.casus_id!.startsWith('U') ? { ...row, gemeente: 'GM0344' } : row));

const stepOf = (view: EscalatieView, step: string | null) => view.steps.find((s) => s.step === step);
const counts = (s: StepFigures | undefined) =>
	s && { cases: s.cases, open: s.open, closed: s.closed, withdrawn: s.withdrawn, solved: s.solved };

describe('escalatieView', () => {
	let store: Store;

	beforeEach(async () => {
		store = await openTempStore();
		const result = await importRows(store, FIXTURE);
		expect(result.status).toBe('imported');
	});

	afterEach(() => closeTempStore(store));

	it('lists the ladder in trede order, then the cases without a step, with status and solved counts', async () => {
		const view = await escalatieView(store.db, LEEUWARDEN, filter(), AS_OF);
		expect(view.steps.map((s) => s.step)).toEqual([
			'team',
			'maatwerkcoach',
			'lokale_tafel',
			'bestuurlijk',
			'maatwerkloket',
			'let',
			null
		]);
		expect(view.steps[2].label).toBe('3. Lokale doorbraaktafel');
		expect(view.steps[6].label).toBe('Geen trede vastgelegd');
		expect(counts(stepOf(view, 'lokale_tafel'))).toEqual({
			cases: 8,
			open: 3,
			closed: 4,
			withdrawn: 1,
			solved: 3
		});
		expect(counts(stepOf(view, 'maatwerkcoach'))).toEqual({
			cases: 3,
			open: 1,
			closed: 2,
			withdrawn: 0,
			solved: 1
		});
		expect(counts(stepOf(view, null))).toEqual({ cases: 2, open: 1, closed: 1, withdrawn: 0, solved: 0 });
		expect(counts(stepOf(view, 'let'))).toEqual({ cases: 0, open: 0, closed: 0, withdrawn: 0, solved: 0 });
		expect(counts(view.total)).toEqual({ cases: 13, open: 5, closed: 7, withdrawn: 1, solved: 4 });
	});

	it('crosses steps with their afloop, each case counted once', async () => {
		const view = await escalatieView(store.db, LEEUWARDEN, filter(), AS_OF);
		expect(stepOf(view, 'lokale_tafel')!.afloop).toEqual({
			opgelost: 2,
			deels_opgelost: 1,
			niet_opgelost: 1,
			zonder_uitkomst: 0,
			ingetrokken: 1,
			open: 3
		});
		expect(stepOf(view, 'maatwerkcoach')!.afloop).toMatchObject({ opgelost: 1, zonder_uitkomst: 1, open: 1 });
		expect(view.total.afloop).toEqual({
			opgelost: 3,
			deels_opgelost: 1,
			niet_opgelost: 2,
			zonder_uitkomst: 1,
			ingetrokken: 1,
			open: 5
		});
		const table = view.tables.find((t) => t.id === 'escalatie-afloop')!;
		expect(table.rows.at(-1)).toMatchObject({ trede: 'Alle treden', opgelost: 3, open: 5, totaal: 13 });
	});

	it('gives exact interpolated quartiles of the lead time per step, over cases afgerond with a date', async () => {
		const view = await escalatieView(store.db, LEEUWARDEN, filter(), AS_OF);
		// 10, 20, 30, 40: interpolated (quantile_disc would give 20 and 30 for the quartiles).
		expect(stepOf(view, 'lokale_tafel')!.leadTime).toEqual({
			cases: 4,
			min: 10,
			p25: 17.5,
			median: 25,
			p75: 32.5,
			max: 40,
			buckets: [3, 1, 0, 0, 0]
		});
		expect(stepOf(view, 'maatwerkcoach')!.leadTime).toEqual({
			cases: 1,
			min: 30,
			p25: 30,
			median: 30,
			p75: 30,
			max: 30,
			buckets: [1, 0, 0, 0, 0]
		});
		expect(stepOf(view, 'team')!.leadTime).toEqual({
			cases: 0,
			min: null,
			p25: null,
			median: null,
			p75: null,
			max: null,
			buckets: [0, 0, 0, 0, 0]
		});
		// 10, 20, 30, 30, 40, 90.
		expect(view.total.leadTime).toEqual({
			cases: 6,
			min: 10,
			p25: 22.5,
			median: 30,
			p75: 37.5,
			max: 90,
			buckets: [4, 2, 0, 0, 0]
		});
		const table = view.tables.find((t) => t.id === 'escalatie-doorlooptijd')!;
		expect(table.rows.map((r) => r.trede)).toEqual([
			'2. Maatwerkcoach',
			'3. Lokale doorbraaktafel',
			'Geen trede vastgelegd',
			'Alle treden'
		]);
	});

	it('groups lead times by year of afronding, per year and per step within it', async () => {
		const view = await escalatieView(store.db, LEEUWARDEN, filter(), AS_OF);
		expect(view.years.map((y) => y.year)).toEqual([2024, 2025]);
		const [y2024, y2025] = view.years;
		expect(y2024.leadTime).toMatchObject({ cases: 4, min: 10, p25: 17.5, median: 25, p75: 30, max: 30 });
		expect(y2024.steps.map((s) => [s.step, s.leadTime.cases, s.leadTime.median])).toEqual([
			['maatwerkcoach', 1, 30],
			['lokale_tafel', 3, 20]
		]);
		expect(y2024.steps[1].leadTime).toMatchObject({ p25: 15, p75: 25 });
		expect(y2025.leadTime).toMatchObject({
			cases: 2,
			p25: 52.5,
			median: 65,
			p75: 77.5,
			buckets: [0, 2, 0, 0, 0]
		});
		expect(y2025.steps.map((s) => s.step)).toEqual(['lokale_tafel', null]);
		const table = view.tables.find((t) => t.id === 'escalatie-doorlooptijd-trede-jaar')!;
		expect(table.rows.map((r) => [r.jaar, r.trede, r.aantal])).toEqual([
			['2024', '2. Maatwerkcoach', 1],
			['2024', '3. Lokale doorbraaktafel', 3],
			['2025', '3. Lokale doorbraaktafel', 1],
			['2025', 'Geen trede vastgelegd', 1]
		]);
	});

	it('ages open cases on asOf, leaving out cases registered after it', async () => {
		const view = await escalatieView(store.db, LEEUWARDEN, filter(), AS_OF);
		expect(stepOf(view, 'lokale_tafel')!.openAge).toEqual([1, 0, 0, 1, 0]);
		expect(stepOf(view, 'maatwerkcoach')!.openAge).toEqual([0, 1, 0, 0, 0]);
		expect(stepOf(view, null)!.openAge).toEqual([0, 0, 0, 0, 1]);
		expect(view.total.openAge).toEqual([1, 1, 0, 1, 1]);
		// A year later the same cases are older; F1 now counts too.
		const later = await escalatieView(store.db, LEEUWARDEN, filter(), '2027-01-01');
		expect(later.total.openAge).toEqual([0, 0, 0, 1, 4]);
		const table = view.tables.find((t) => t.id === 'escalatie-open-leeftijd')!;
		expect(table.caption).toContain('01-01-2026');
		expect(table.rows.at(-1)).toMatchObject({
			trede: 'Alle treden',
			dagen_0_30: 1,
			dagen_366_plus: 1,
			totaal: 4
		});
	});

	it('applies the filters', async () => {
		const coach = await escalatieView(store.db, LEEUWARDEN, filter({ escalatie: 'maatwerkcoach' }), AS_OF);
		expect(coach.total.cases).toBe(3);
		expect(stepOf(coach, 'lokale_tafel')!.cases).toBe(0);
		expect(stepOf(coach, null)).toBeUndefined();
		const afgerond = await escalatieView(store.db, LEEUWARDEN, filter({ status: 'afgerond' }), AS_OF);
		expect(counts(afgerond.total)).toEqual({ cases: 7, open: 0, closed: 7, withdrawn: 0, solved: 4 });
		expect(afgerond.total.openAge).toEqual([0, 0, 0, 0, 0]);
		const recent = await escalatieView(store.db, LEEUWARDEN, filter({ from: '2025-01-01' }), AS_OF);
		expect(recent.total.cases).toBe(5);
		expect(recent.total.leadTime).toMatchObject({ cases: 1, median: 90 });
	});

	it('never counts a gemeente outside the reach, and counts it within the reach', async () => {
		const outside = await escalatieView(store.db, LEEUWARDEN, filter({ gemeente: 'GM0344' }), AS_OF);
		expect(outside.total.cases).toBe(0);
		const own = await escalatieView(store.db, LEEUWARDEN, filter(), AS_OF);
		expect(own.total.leadTime.min).toBe(10);
		const all = await escalatieView(store.db, ALL, filter(), AS_OF);
		expect(counts(stepOf(all, 'lokale_tafel'))).toEqual({
			cases: 10,
			open: 4,
			closed: 5,
			withdrawn: 1,
			solved: 4
		});
		expect(all.total.leadTime).toMatchObject({ cases: 7, min: 1 });
	});

	it('gives an empty answer, not an error, when nothing matches', async () => {
		const view = await escalatieView(store.db, LEEUWARDEN, filter({ from: '2030-01-01' }), AS_OF);
		expect(view.total.cases).toBe(0);
		expect(view.steps.every((s) => s.cases === 0 && s.step !== null)).toBe(true);
		expect(view.years).toEqual([]);
		expect(view.total.leadTime).toMatchObject({ cases: 0, median: null });
		expect(view.tables.map((t) => t.id)).toEqual([
			'escalatie-treden',
			'escalatie-afloop',
			'escalatie-doorlooptijd',
			'escalatie-doorlooptijd-jaren',
			'escalatie-doorlooptijd-trede-jaar',
			'escalatie-open-leeftijd',
			'escalatie-tijd-per-trede',
			'escalatie-trede-route',
			'escalatie-trede-jaar'
		]);
	});
});

describe('escalatieView on the ladder in time', () => {
	let store: Store;
	afterEach(() => closeTempStore(store));

	it('adds the highest step per route and per year of aanmelding, and the time per step from stappen', async () => {
		store = await openTempStore();
		const rows = FIXTURE.map((row) =>
			row.casus_id === 'L1'
				? { ...row, route: 'Casusteam', stappen: 'maatwerkcoach@01-01-2024|lokale_tafel@04-01-2024' }
				: row
		);
		expect((await importRows(store, rows)).status).toBe('imported');
		const view = await escalatieView(store.db, LEEUWARDEN, filter(), AS_OF);
		// L1: 3 days at maatwerkcoach, then 7 to its afronding on 11-01-2024.
		expect(view.times).toEqual([
			{ step: 'maatwerkcoach', reached: 1, spans: 1, medianDays: 3, p75Days: 3 },
			{ step: 'lokale_tafel', reached: 1, spans: 1, medianDays: 7, p75Days: 7 }
		]);
		expect(view.mix.steps.map((s) => s.step)).toEqual(['maatwerkcoach', 'lokale_tafel', null]);
		expect(view.mix.routes).toEqual([
			{ label: 'Casusteam', cases: [0, 1, 0], total: 1, shares: [0, 100, 0] },
			{ label: 'Zonder route', cases: [3, 7, 2], total: 12, shares: [25, 58, 17] }
		]);
		expect(view.mix.years).toEqual([
			{ label: '2024', cases: [2, 5, 1], total: 8, shares: [25, 63, 12] },
			{ label: '2025', cases: [1, 2, 1], total: 4, shares: [25, 50, 25] },
			{ label: '2026', cases: [0, 1, 0], total: 1, shares: [0, 100, 0] }
		]);
		const table = view.tables.find((t) => t.id === 'escalatie-trede-jaar')!;
		expect(table.rows[0]).toEqual({
			jaar: '2024',
			'trede-maatwerkcoach': 2,
			'trede-lokale_tafel': 5,
			'trede-geen': 1,
			totaal: 8
		});
	});
});

describe('the escalatie view for landelijk', () => {
	let store: Store;
	afterEach(() => closeTempStore(store));

	it('offers the time per step and the mix per year after disclosure control, never the mix per route', async () => {
		store = await openTempStore();
		const rows = FIXTURE.map((row) => ({ ...row, route: `Wijkteam ${row.casus_id}` }));
		expect((await importRows(store, rows)).status).toBe('imported');
		const context = (role: 'landelijk' | 'college') => ({
			db: store.db,
			user: { id: 1, email: `${role}@example.nl`, role, reach: role === 'landelijk' ? ALL : LEEUWARDEN },
			filter: filter(),
			params: new URLSearchParams(),
			today: AS_OF
		});
		const shown = await showView(escalatie, context('landelijk'));
		const ids = shown.tables.map((t) => t.id);
		expect(ids).toContain('escalatie-tijd-per-trede');
		expect(ids).toContain('escalatie-trede-jaar');
		expect(ids).not.toContain('escalatie-trede-route');
		const years = shown.tables.find((t) => t.id === 'escalatie-trede-jaar')!;
		// 2024: 2 at maatwerkcoach, 5 at lokale_tafel, 1 without a step (U1 of Utrecht makes 6): all small.
		expect(years.rows[0]).toMatchObject({ jaar: '2024', 'trede-maatwerkcoach': 'geheim', totaal: 10 });
		const college = await showView(escalatie, context('college'));
		expect(college.tables.map((t) => t.id)).toContain('escalatie-trede-route');
	});
});

describe('escalatieView duration classes', () => {
	let store: Store;
	afterEach(() => closeTempStore(store));

	const plusDays = (iso: string, days: number) =>
		new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

	it('puts each boundary day in the right class, for lead times and open ages alike', async () => {
		store = await openTempStore();
		const days = [0, 30, 31, 90, 91, 180, 181, 365, 366];
		const rows = days.flatMap((n) => [
			closed(`D${n}`, 'bestuurlijk', '2025-01-01', plusDays('2025-01-01', n), 'opgelost'),
			open(`O${n}`, 'bestuurlijk', plusDays(AS_OF, -n))
		]);
		expect((await importRows(store, rows)).status).toBe('imported');
		const view = await escalatieView(store.db, LEEUWARDEN, filter(), AS_OF);
		const step = stepOf(view, 'bestuurlijk')!;
		expect(step.leadTime.buckets).toEqual([2, 2, 2, 2, 1]);
		expect(step.leadTime).toMatchObject({ min: 0, median: 91, max: 366 });
		expect(step.openAge).toEqual([2, 2, 2, 2, 1]);
	});
});
