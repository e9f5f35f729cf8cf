/** The national agenda on a real DuckDB file: every refusal of a status change, the trail, and the status reaching a municipality's kwestie only within reach, without other municipalities in it. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Reach, Role, SessionUser } from '$lib/domain/roles';
import { caseRow, closeTempStore, importRows, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { findKwestie, mayRead } from '../kwesties/kwesties';
import {
	agendaItems,
	agendaOverview,
	agendaRows,
	nationalStatusOf,
	parseAgendaChange,
	setAgendaStatus,
	type AgendaChange
} from './agenda';
import { parsePeriod } from './period';

const KOSTENDELER = 'kostendelersnorm bij inwonende jongvolwassene';
const HUURTOESLAG = 'huurtoeslag na verhuizing';

const user = (role: Role, reach: Reach, email = `${role}@example.nl`): SessionUser => ({
	id: 1,
	email,
	role,
	reach
});
const LANDELIJK = user('landelijk', { all: true }, 'landelijk@programma.example');
const only = (code: string): Reach => ({ all: false, gemeenten: [code] });

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.set(k, v);
	return data;
};
const change = (fields: Partial<AgendaChange>): AgendaChange => ({
	key: KOSTENDELER,
	status: 'ontvangen',
	toelichting: null,
	period: parsePeriod('2025'),
	...fields
});

let store: Store;

/** Three cases of a kwestie in 2025 for a municipality, written as given. */
const three = (gemeente: string, kwestie: string) =>
	['02-10', '03-12', '05-20'].map((day, i) =>
		caseRow(`${gemeente}-${kwestie.slice(0, 4)}-${i}`, { gemeente, aangemeld_op: `2025-${day}`, kwestie })
	);

beforeAll(async () => {
	store = await openTempStore();
	const result = await importRows(store, [
		...three('GM0080', 'Kostendelersnorm bij inwonende jongvolwassene'),
		...three('GM0344', 'kostendelersnorm bij  inwonende JONGVOLWASSENE'),
		...three('GM0518', 'Kostendelersnorm bij inwonende jongvolwassene'),
		...three('GM0363', 'Huurtoeslag na verhuizing')
	]);
	expect(result.status).toBe('imported');
});
afterAll(() => closeTempStore(store));
/** The last audit row before the test: its own rows come after. */
let auditFrom = 0;
beforeEach(async () => {
	await store.db.run('DELETE FROM national_agenda');
	// The audit log is append-only: each test reads only the rows written after it began.
	auditFrom = (await store.db.one<{ id: number }>(
		'SELECT coalesce(max(id), 0)::INTEGER AS id FROM audit_log'
	))!.id;
});

async function kwestie(scope: string, key: string) {
	const row = await store.db.one<{ id: number }>(
		'SELECT id FROM kwesties WHERE scope = $scope AND key = $key',
		{
			scope,
			key
		}
	);
	return (await findKwestie(store.db, row!.id))!;
}

describe('the form of a status change', () => {
	it('refuses every fault with a Dutch message beside its field', () => {
		const base = { key: 'Kostendelersnorm', status: 'ontvangen', toelichting: '', period: '2025' };
		const refused = (fields: Record<string, string>) => {
			const checked = parseAgendaChange(form({ ...base, ...fields }));
			return checked.ok ? 'ok' : `${checked.field}: ${checked.message}`;
		};
		expect(refused({})).toBe('ok');
		expect(refused({ key: '  ' })).toMatch(/^key: Deze kwestie staat niet op de landelijke signalenlijst/);
		expect(refused({ key: 'x'.repeat(501) })).toMatch(/^key: /);
		expect(refused({ status: 'geagendeerd' })).toBe('status: Kies een landelijke status.');
		expect(refused({ toelichting: 'x'.repeat(1001) })).toBe(
			'toelichting: De toelichting is ten hoogste 1000 tekens.'
		);
		expect(refused({ status: 'maatregel' })).toBe(
			'toelichting: Beschrijf bij "Maatregel genomen" welke maatregel is genomen.'
		);
		expect(refused({ status: 'agenda_ministerie', toelichting: '   ' })).toBe(
			'toelichting: Noem bij "Op de agenda van een ministerie" welk ministerie.'
		);
		expect(refused({ period: '2025-05' })).toMatch(/^period: Kies een periode/);
		expect(refused({ status: 'agenda_ministerie', toelichting: 'x'.repeat(1000) })).toBe('ok');
	});

	it('folds the kwestie and keeps an empty toelichting as none', () => {
		const checked = parseAgendaChange(
			form({ key: ' KostenDelersnorm  bij ', status: 'agenda_let', period: '' })
		);
		expect(checked).toEqual({
			ok: true,
			change: { key: 'kostendelersnorm bij', status: 'agenda_let', toelichting: null, period: null }
		});
	});
});

describe('setting a national status', () => {
	it('is for the national programme only: every other role is refused, logged, nothing written', async () => {
		for (const role of ['beheerder', 'kwaliteitsteam', 'beleid', 'college'] as const) {
			const outcome = await setAgendaStatus(store.db, user(role, { all: true }), change({}));
			expect(outcome).toMatchObject({ ok: false, status: 403 });
		}
		expect(await agendaRows(store.db)).toEqual([]);
		const logged = await store.db.all<{ result: string }>(
			`SELECT result FROM audit_log WHERE action = 'landelijke status zetten' AND id > $from`,
			{ from: auditFrom }
		);
		expect(logged.map((r) => r.result)).toEqual(['geweigerd', 'geweigerd', 'geweigerd', 'geweigerd']);
	});

	it('refuses a kwestie that is neither on the period’s signal list nor on the agenda', async () => {
		const unknown = await setAgendaStatus(store.db, LANDELIJK, change({ key: 'iets anders' }));
		expect(unknown).toMatchObject({ ok: false, status: 400, field: 'key' });
		// One municipality reports it: not on the national list.
		const single = await setAgendaStatus(store.db, LANDELIJK, change({ key: HUURTOESLAG }));
		expect(single).toMatchObject({ ok: false, status: 400, field: 'key' });
		// On the list of 2025, but not of 2024; without a period only what is on the agenda counts.
		const other = await setAgendaStatus(store.db, LANDELIJK, change({ period: parsePeriod('2024') }));
		expect(other).toMatchObject({ ok: false, field: 'key' });
		const none = await setAgendaStatus(store.db, LANDELIJK, change({ period: null }));
		expect(none).toMatchObject({ ok: false, field: 'key' });
		expect(await agendaRows(store.db)).toEqual([]);
	});

	it('writes one row per change under the label most packages use, audited, and keeps the trail', async () => {
		expect(await setAgendaStatus(store.db, LANDELIJK, change({}), '10.0.0.1')).toEqual({
			ok: true,
			changed: true,
			label: 'Kostendelersnorm bij inwonende jongvolwassene'
		});
		// Once on the agenda, a change needs no period.
		const let_ = change({ status: 'agenda_let', toelichting: 'LET van 12 maart', period: null });
		expect(await setAgendaStatus(store.db, LANDELIJK, let_)).toMatchObject({ ok: true, changed: true });
		expect(await setAgendaStatus(store.db, LANDELIJK, let_)).toMatchObject({ ok: true, changed: false });
		const ministerie = change({ status: 'agenda_ministerie', toelichting: 'SZW', period: null });
		await setAgendaStatus(store.db, LANDELIJK, ministerie);
		const rows = await agendaRows(store.db);
		expect(rows.map((r) => [r.status, r.toelichting, r.bron, r.setBy])).toEqual([
			['ontvangen', null, 'hier', 'landelijk@programma.example'],
			['agenda_let', 'LET van 12 maart', 'hier', 'landelijk@programma.example'],
			['agenda_ministerie', 'SZW', 'hier', 'landelijk@programma.example']
		]);
		expect(rows[0].setAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
		const [item] = agendaItems(rows);
		expect(item.current.status).toBe('agenda_ministerie');
		expect(item.trail.map((r) => r.status)).toEqual(['agenda_ministerie', 'agenda_let', 'ontvangen']);
		const logged = await store.db.all<{ object: string; result: string; origin: string | null }>(
			`SELECT object, result, origin FROM audit_log WHERE action = 'landelijke status zetten' AND id > $from ORDER BY id`,
			{ from: auditFrom }
		);
		expect(logged).toEqual([
			{ object: `${KOSTENDELER}: ontvangen`, result: 'ok', origin: '10.0.0.1' },
			{ object: `${KOSTENDELER}: agenda_let`, result: 'ok', origin: null },
			{ object: `${KOSTENDELER}: agenda_ministerie`, result: 'ok', origin: null }
		]);
	});

	it('shows the period’s signal list with its statuses, and what else is on the agenda', async () => {
		await setAgendaStatus(store.db, LANDELIJK, change({ status: 'agenda_let' }));
		const y2025 = await agendaOverview(store.db, LANDELIJK, parsePeriod('2025')!);
		expect(y2025.signals).toEqual([
			expect.objectContaining({
				key: KOSTENDELER,
				gemeenten: 3,
				current: expect.objectContaining({ status: 'agenda_let' })
			})
		]);
		expect(y2025.others).toEqual([]);
		const y2024 = await agendaOverview(store.db, LANDELIJK, parsePeriod('2024')!);
		expect(y2024.signals).toEqual([]);
		expect(y2024.others).toEqual([expect.objectContaining({ key: KOSTENDELER, gemeenten: null })]);
	});
});

describe('the national status on a municipality’s kwestie page', () => {
	it('says plainly that a kwestie of the signal list has no status yet, and shows nothing for one that is not on it', async () => {
		const leeuwarden = await kwestie('GM0080', KOSTENDELER);
		const amsterdam = await kwestie('GM0363', HUURTOESLAG);
		const kt = (code: string) => user('kwaliteitsteam', only(code));
		expect(await nationalStatusOf(store.db, kt('GM0080'), leeuwarden)).toEqual({ current: null, trail: [] });
		expect(await nationalStatusOf(store.db, kt('GM0363'), amsterdam)).toBeNull();
	});

	it('reaches a user whose reach holds the municipality, with the status, toelichting and dates only', async () => {
		await setAgendaStatus(store.db, LANDELIJK, change({}));
		await setAgendaStatus(
			store.db,
			LANDELIJK,
			change({ status: 'maatregel', toelichting: 'Wetswijziging Pw' })
		);
		const leeuwarden = await kwestie('GM0080', KOSTENDELER);
		for (const reader of [
			user('kwaliteitsteam', only('GM0080')),
			user('college', only('GM0080')),
			user('beleid', { all: false, gemeenten: ['GM0080', 'GM0363'] })
		]) {
			const status = await nationalStatusOf(store.db, reader, leeuwarden);
			expect(status?.current).toMatchObject({ status: 'maatregel', toelichting: 'Wetswijziging Pw' });
			expect(status?.trail.map((s) => s.status)).toEqual(['maatregel', 'ontvangen']);
			expect(Object.keys(status!.trail[0]).sort()).toEqual(['setAt', 'status', 'toelichting']);
			// No other municipality, no count, no one who set it.
			const text = JSON.stringify(status);
			for (const other of [
				'GM0344',
				'GM0518',
				'GM0363',
				'Utrecht',
				'Gravenhage',
				'Amsterdam',
				'@',
				'gemeenten'
			]) {
				expect(text).not.toContain(other);
			}
		}
		// Utrecht's own kwestie of the same label carries the same national status.
		const utrecht = await kwestie('GM0344', KOSTENDELER);
		const own = await nationalStatusOf(store.db, user('kwaliteitsteam', only('GM0344')), utrecht);
		expect(own?.current?.status).toBe('maatregel');
	});

	it('does not reach a user of another municipality, nor landelijk on a municipal kwestie', async () => {
		await setAgendaStatus(store.db, LANDELIJK, change({}));
		const leeuwarden = await kwestie('GM0080', KOSTENDELER);
		const amsterdammer = user('kwaliteitsteam', only('GM0363'));
		// The page refuses the kwestie itself, as it does today ...
		expect(mayRead(amsterdammer, leeuwarden.scope)).toBe(false);
		// ... and the agenda gives nothing either.
		expect(await nationalStatusOf(store.db, amsterdammer, leeuwarden)).toBeNull();
		expect(await nationalStatusOf(store.db, LANDELIJK, leeuwarden)).toBeNull();
	});
});
