/** Kwestiemanagement on a real DuckDB file: registering, the workflow with its trail and reach, notes, settings, new signals and the effect of a measure. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '$lib/domain/filters';
import type { Reach, Role, SessionUser } from '$lib/domain/roles';
import { caseRow, closeTempStore, importRows, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { signals } from './signals';
import { parseSignalOptions, saveSignalSettings, signalSettings } from './settings';
import {
	addNote,
	changeKwestie,
	findKwestie,
	kwestieTrail,
	parseKwestieChange,
	registerKwesties,
	type KwestieChange
} from './kwesties';
import { kwestieDetail, measureEffect } from './detail';

const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
const user = (role: Role, reach: Reach = LEEUWARDEN): SessionUser => ({
	id: 7,
	email: `${role}@leeuwarden.example`,
	role,
	reach
});
const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.set(k, v);
	return data;
};
const change = (fields: Partial<KwestieChange>): KwestieChange => ({
	status: 'gesignaleerd',
	owner: null,
	urgency: null,
	agenda: null,
	rule: null,
	measure: null,
	measureOn: null,
	...fields
});

let store: Store;
const KOSTENDELER = 'kostendelersnorm bij inwonende jongvolwassene';

beforeAll(async () => {
	store = await openTempStore();
	const result = await importRows(store, [
		caseRow('L1', {
			aangemeld_op: '2025-01-15',
			kwestie: 'Kostendelersnorm bij inwonende jongvolwassene',
			wetten: 'Pw art. 19',
			kosten_oplossing: '100,00'
		}),
		caseRow('L2', {
			aangemeld_op: '2025-02-20',
			kwestie: 'kostendelersnorm bij  inwonende JONGVOLWASSENE',
			wetten: 'Pw',
			kosten_oplossing: '50,50'
		}),
		caseRow('L3', {
			aangemeld_op: '2025-05-01',
			kwestie: 'Kostendelersnorm bij inwonende jongvolwassene',
			besparing_laag: '1.000,00',
			besparing_hoog: '2.000,00'
		}),
		caseRow('L4', { aangemeld_op: '2025-11-03', kwestie: 'Kostendelersnorm bij inwonende jongvolwassene' }),
		caseRow('U1', {
			gemeente: 'GM0344',
			aangemeld_op: '2025-02-01',
			kwestie: 'Kostendelersnorm bij inwonende jongvolwassene'
		}),
		caseRow('U2', {
			gemeente: 'GM0344',
			aangemeld_op: '2025-03-01',
			kwestie: 'Kostendelersnorm bij inwonende jongvolwassene'
		}),
		caseRow('U3', {
			gemeente: 'GM0344',
			aangemeld_op: '2025-04-01',
			kwestie: 'Kostendelersnorm bij inwonende jongvolwassene'
		})
	]);
	expect(result.status).toBe('imported');
});

afterAll(() => closeTempStore(store));

const options = { threshold: 3, windowMonths: 12, asOf: '2025-12-31' };

describe('registering and the workflow', () => {
	it('registers one kwestie per municipality once, whatever the label’s case or spaces', async () => {
		const first = await registerKwesties(store.db, [
			{ scope: 'GM0080', key: KOSTENDELER, label: 'Kostendelersnorm bij inwonende jongvolwassene' },
			{ scope: 'GM0344', key: KOSTENDELER, label: 'Kostendelersnorm bij inwonende jongvolwassene' }
		]);
		const again = await registerKwesties(store.db, [
			{ scope: 'GM0080', key: KOSTENDELER, label: 'anders geschreven' }
		]);
		expect(again.get(`GM0080|${KOSTENDELER}`)).toBe(first.get(`GM0080|${KOSTENDELER}`));
		const count = await store.db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM kwesties');
		expect(count!.n).toBe(2);
		const kwestie = await findKwestie(store.db, first.get(`GM0080|${KOSTENDELER}`)!);
		expect(kwestie).toMatchObject({
			status: 'gesignaleerd',
			label: 'Kostendelersnorm bij inwonende jongvolwassene'
		});
	});

	it('walks every status, recording who changed what from what to what, and audits it', async () => {
		const ids = await registerKwesties(store.db, [{ scope: 'GM0080', key: KOSTENDELER, label: 'x' }]);
		const id = ids.get(`GM0080|${KOSTENDELER}`)!;
		const kt = user('kwaliteitsteam');
		expect(
			await changeKwestie(store.db, kt, id, change({ status: 'in_analyse', owner: 'Team Inkomen' }))
		).toBe('changed');
		expect(
			await changeKwestie(store.db, kt, id, change({ status: 'in_analyse', owner: 'Team Inkomen' }))
		).toBe('unchanged');
		await changeKwestie(
			store.db,
			kt,
			id,
			change({ status: 'geagendeerd', owner: 'Team Inkomen', agenda: 'beleid', urgency: 'hoog' })
		);
		const measure = {
			owner: 'Team Inkomen',
			agenda: 'beleid' as const,
			urgency: 'hoog' as const,
			measure: 'Beleidsregel kostendelersnorm aangepast',
			measureOn: '2025-06-15'
		};
		await changeKwestie(store.db, kt, id, change({ status: 'maatregel', ...measure }));
		await changeKwestie(store.db, kt, id, change({ status: 'gemonitord', ...measure }));
		await changeKwestie(store.db, user('beheerder'), id, change({ status: 'afgesloten', ...measure }));
		const { changes } = await kwestieTrail(store.db, id);
		const statuses = changes.filter((c) => c.field === 'status').reverse();
		expect(statuses.map((c) => [c.oldValue, c.newValue])).toEqual([
			['gesignaleerd', 'in_analyse'],
			['in_analyse', 'geagendeerd'],
			['geagendeerd', 'maatregel'],
			['maatregel', 'gemonitord'],
			['gemonitord', 'afgesloten']
		]);
		expect(statuses.at(-1)!.actor).toBe('beheerder@leeuwarden.example');
		expect(changes.find((c) => c.field === 'measureOn')).toMatchObject({
			oldValue: null,
			newValue: '2025-06-15'
		});
		const audited = await store.db.all<{ object: string }>(
			"SELECT object FROM audit_log WHERE action = 'kwestie wijzigen' ORDER BY id"
		);
		expect(audited).toHaveLength(5);
		expect(audited[0].object).toBe(`kwestie ${id} (GM0080): status, owner`);
	});

	it('lets only kwaliteitsteam and beheerder of the municipality change it; others are refused or do not see it', async () => {
		const ids = await registerKwesties(store.db, [{ scope: 'GM0344', key: KOSTENDELER, label: 'x' }]);
		const utrecht = ids.get(`GM0344|${KOSTENDELER}`)!;
		expect(
			await changeKwestie(store.db, user('kwaliteitsteam'), utrecht, change({ status: 'in_analyse' }))
		).toBe('not-found');
		const inUtrecht = { all: false, gemeenten: ['GM0344'] } as const;
		expect(
			await changeKwestie(store.db, user('beleid', inUtrecht), utrecht, change({ status: 'in_analyse' }))
		).toBe('forbidden');
		expect(
			await changeKwestie(store.db, user('college', inUtrecht), utrecht, change({ status: 'in_analyse' }))
		).toBe('forbidden');
		expect(
			await changeKwestie(
				store.db,
				user('landelijk', { all: true }),
				utrecht,
				change({ status: 'in_analyse' })
			)
		).toBe('not-found');
		expect((await findKwestie(store.db, utrecht))!.status).toBe('gesignaleerd');
		// Outside the reach it answers as if it did not exist, but the log keeps the attempt (BIO 8.15).
		const refused = await store.db.all<{ actor: string; object: string }>(
			`SELECT actor, object FROM audit_log WHERE action = 'kwestie wijzigen' AND result = 'geweigerd' ORDER BY id`
		);
		expect(refused).toEqual([
			{ actor: 'kwaliteitsteam@leeuwarden.example', object: `kwestie ${utrecht}` },
			{ actor: 'landelijk@leeuwarden.example', object: `kwestie ${utrecht}` }
		]);
	});

	it('takes notes from kwaliteitsteam and comments from beleid, none from college', async () => {
		const ids = await registerKwesties(store.db, [{ scope: 'GM0080', key: KOSTENDELER, label: 'x' }]);
		const id = ids.get(`GM0080|${KOSTENDELER}`)!;
		expect(await addNote(store.db, user('beleid'), id, 'Past in de evaluatie van de beleidsregels.')).toBe(
			'added'
		);
		expect(await addNote(store.db, user('college'), id, 'mag niet')).toBe('forbidden');
		const { notes } = await kwestieTrail(store.db, id);
		expect(notes.map((n) => [n.role, n.text])).toEqual([
			['beleid', 'Past in de evaluatie van de beleidsregels.']
		]);
	});

	it('checks the workflow form: statuses, agenda, urgency, dates, and a measure where the status needs one', () => {
		expect(parseKwestieChange(form({ status: 'verzonnen' }))).toMatchObject({ ok: false, field: 'status' });
		expect(parseKwestieChange(form({ status: 'geagendeerd', agenda: 'gemeenteraad' }))).toMatchObject({
			ok: false,
			field: 'agenda'
		});
		expect(parseKwestieChange(form({ status: 'in_analyse', urgency: 'acuut' }))).toMatchObject({
			ok: false,
			field: 'urgency'
		});
		expect(
			parseKwestieChange(form({ status: 'maatregel', measure: 'Regel aangepast', measureOn: '2025-02-30' }))
		).toMatchObject({ ok: false, field: 'measureOn' });
		expect(
			parseKwestieChange(form({ status: 'maatregel', measure: 'Regel aangepast', measureOn: '31-04-2025' }))
		).toEqual({
			ok: false,
			field: 'measureOn',
			message: 'Datum van de maatregel: 31-04-2025 bestaat niet: april heeft 30 dagen.'
		});
		// Typed as the field shows it, stored as ISO.
		expect(
			parseKwestieChange(form({ status: 'maatregel', measure: 'Regel aangepast', measureOn: '1-3-2025' }))
		).toMatchObject({ ok: true, change: { measureOn: '2025-03-01' } });
		expect(parseKwestieChange(form({ status: 'maatregel' }))).toMatchObject({ ok: false, field: 'measure' });
		expect(parseKwestieChange(form({ status: 'in_analyse', owner: 'x'.repeat(201) }))).toMatchObject({
			ok: false,
			field: 'owner'
		});
		expect(parseKwestieChange(form({ status: 'geagendeerd', agenda: 'bestuur', owner: '  Team  ' }))).toEqual(
			{
				ok: true,
				change: change({ status: 'geagendeerd', agenda: 'bestuur', owner: 'Team' })
			}
		);
	});
});

describe('signals with the workflow', () => {
	it('groups folded labels, shows the least advanced status over municipalities, and per municipality its own', async () => {
		const both = await signals(store.db, { all: true }, EMPTY_FILTER, options);
		expect(both).toHaveLength(1);
		expect(both[0]).toMatchObject({
			key: KOSTENDELER,
			cases: 7,
			gemeenten: 2,
			gemeenteCodes: ['GM0080', 'GM0344'],
			status: 'gesignaleerd'
		});
		const [leeuwarden] = await signals(store.db, LEEUWARDEN, EMPTY_FILTER, options);
		expect(leeuwarden).toMatchObject({ cases: 4, status: 'afgesloten' });
	});

	it('marks a signal new when the cases known at the last visit did not reach the threshold', async () => {
		const [known] = await signals(store.db, LEEUWARDEN, EMPTY_FILTER, {
			...options,
			since: '2999-01-01 00:00:00'
		});
		expect(known.isNew).toBe(false);
		const [fresh] = await signals(store.db, LEEUWARDEN, EMPTY_FILTER, {
			...options,
			since: '2000-01-01 00:00:00'
		});
		expect(fresh.isNew).toBe(true);
	});

	it('uses the municipality’s own threshold and window once its beheerder sets them', async () => {
		expect(await signalSettings(store.db, LEEUWARDEN, null)).toEqual({ threshold: 3, windowMonths: 12 });
		await saveSignalSettings(store.db, 'beheerder@leeuwarden.example', 'GM0080', {
			threshold: 5,
			windowMonths: 6
		});
		const defaults = await signalSettings(store.db, LEEUWARDEN, null);
		expect(defaults).toEqual({ threshold: 5, windowMonths: 6 });
		expect(await signalSettings(store.db, { all: true }, null)).toEqual({ threshold: 3, windowMonths: 12 });
		const parsed = parseSignalOptions(new URLSearchParams('as_of=2025-12-31'), defaults);
		expect(parsed).toEqual({ ok: true, options: { threshold: 5, windowMonths: 6, asOf: '2025-12-31' } });
		if (!parsed.ok) return;
		expect(await signals(store.db, LEEUWARDEN, EMPTY_FILTER, parsed.options)).toEqual([]);
		const lower = parseSignalOptions(
			new URLSearchParams('as_of=2025-12-31&threshold=1&window_months=12'),
			defaults
		);
		expect(lower.ok && (await signals(store.db, LEEUWARDEN, EMPTY_FILTER, lower.options))[0].cases).toBe(4);
		expect(parseSignalOptions(new URLSearchParams('threshold=0'), defaults)).toMatchObject({
			ok: false,
			field: 'threshold'
		});
		expect(parseSignalOptions(new URLSearchParams('window_months=2.5'), defaults)).toMatchObject({
			ok: false,
			field: 'window_months'
		});
		expect(parseSignalOptions(new URLSearchParams('as_of=2025-02-29'), defaults)).toMatchObject({
			ok: false,
			field: 'as_of'
		});
		expect(parseSignalOptions(new URLSearchParams('as_of=31-12-2025'), defaults)).toMatchObject({
			ok: true,
			options: { asOf: '2025-12-31' }
		});
		expect(parseSignalOptions(new URLSearchParams('as_of=31-09-2025'), defaults)).toEqual({
			ok: false,
			field: 'as_of',
			message: 'Peildatum: 31-09-2025 bestaat niet: september heeft 30 dagen.'
		});
		await saveSignalSettings(store.db, 'beheerder@leeuwarden.example', 'GM0080', {
			threshold: 3,
			windowMonths: 12
		});
	});
});

describe('the kwestie page’s figures', () => {
	it('counts its cases per quarter, what they name and cost, and the effect of the measure', async () => {
		const ids = await registerKwesties(store.db, [{ scope: 'GM0080', key: KOSTENDELER, label: 'x' }]);
		const kwestie = (await findKwestie(store.db, ids.get(`GM0080|${KOSTENDELER}`)!))!;
		const detail = await kwestieDetail(store.db, user('kwaliteitsteam'), kwestie, '2026-11-23');
		expect(detail).toMatchObject({
			cases: 4,
			gemeenten: 1,
			first: '2025-01-15',
			last: '2025-11-03',
			spent: 150.5,
			savingsLow: 1000,
			savingsHigh: 2000
		});
		expect(detail.quarters).toEqual([
			{ quarter: '2025-Q1', cases: 2, phase: 'voor' },
			{ quarter: '2025-Q2', cases: 1, phase: 'maatregel' },
			{ quarter: '2025-Q3', cases: 0, phase: 'na' },
			{ quarter: '2025-Q4', cases: 1, phase: 'na' }
		]);
		// One quarter before the measure's (2025-Q1: 2 cases) against the first after (2025-Q3: 0).
		expect(detail.effect).toEqual({
			quarters: 1,
			before: 2,
			after: 0,
			perQuarterBefore: 2,
			perQuarterAfter: 0
		});
		expect(detail.involved.wetten).toEqual([{ code: 'Pw', naam: 'Participatiewet', cases: 2 }]);
		expect(detail.involved.artikelen).toEqual([{ code: 'Pw art. 19', naam: 'Pw art. 19', cases: 1 }]);
		expect(detail.caseList?.map((c) => c.casus_id)).toEqual(['L4', 'L3', 'L2', 'L1']);
		const college = await kwestieDetail(store.db, user('college'), kwestie, '2026-11-23');
		expect(college.caseList).toBeNull();
		expect(college.cases).toBe(4);
	});

	it('compares equally many ended quarters on each side of the measure', () => {
		const q = (quarter: string, cases: number) => ({ quarter, cases, phase: null });
		const quarters = [
			q('2024-Q1', 9),
			q('2024-Q2', 4),
			q('2024-Q3', 6),
			q('2024-Q4', 3),
			q('2025-Q1', 1),
			q('2025-Q2', 1),
			q('2025-Q3', 5)
		];
		expect(measureEffect(quarters, '2024-11-01', '2025-07-15')).toEqual({
			quarters: 2,
			before: 10,
			after: 2,
			perQuarterBefore: 5,
			perQuarterAfter: 1
		});
		expect(measureEffect(quarters, '2025-08-01', '2025-09-30')).toBeNull();
		expect(measureEffect(quarters, null, '2025-09-30')).toBeNull();
	});
});
