/** Kwesties registered when their cases are written (import, confirmation, start), never while the signal list is read. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '$lib/domain/filters';
import type { Reach, SessionUser } from '$lib/domain/roles';
import { caseRow, closeTempStore, importRows, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { registerAllKwesties } from './register';
import { signalList } from './signal-list';
import { confirmSuggestion } from './suggestions';

const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
const team: SessionUser = {
	id: 1,
	email: 'kt@leeuwarden.example',
	role: 'kwaliteitsteam',
	reach: LEEUWARDEN
};

let store: Store;
beforeEach(async () => {
	store = await openTempStore();
});
afterEach(() => closeTempStore(store));

const kwesties = () =>
	store.db.all<{ scope: string; key: string; label: string; status: string }>(
		'SELECT scope, key, label, status FROM kwesties ORDER BY scope, key'
	);

describe('registering kwesties when cases are written', () => {
	it('gives every label of an import its kwestie, once a case and years old, per municipality', async () => {
		const result = await importRows(store, [
			caseRow('A1', { aangemeld_op: '2019-03-01', kwestie: 'Huurtoeslag na verhuizing' }),
			caseRow('A2', { aangemeld_op: '2019-04-01', kwestie: 'huurtoeslag  NA verhuizing' }),
			caseRow('A3', { aangemeld_op: '2019-05-01', kwestie: 'Huurtoeslag na verhuizing' }),
			caseRow('B1', { aangemeld_op: '2020-01-01', kwestie: 'Kostendelersnorm' }),
			caseRow('C1', { aangemeld_op: '2020-01-01' }),
			caseRow('U1', { gemeente: 'GM0344', aangemeld_op: '2020-02-01', kwestie: 'Kostendelersnorm' })
		]);
		expect(result.status).toBe('imported');
		expect(await kwesties()).toEqual([
			{
				scope: 'GM0080',
				key: 'huurtoeslag na verhuizing',
				label: 'Huurtoeslag na verhuizing',
				status: 'gesignaleerd'
			},
			{ scope: 'GM0080', key: 'kostendelersnorm', label: 'Kostendelersnorm', status: 'gesignaleerd' },
			{ scope: 'GM0344', key: 'kostendelersnorm', label: 'Kostendelersnorm', status: 'gesignaleerd' }
		]);
		// A re-import of the same cases, and one more label, adds only the new kwestie.
		await importRows(store, [
			caseRow('A1', { aangemeld_op: '2019-03-01', kwestie: 'Huurtoeslag na verhuizing' }),
			caseRow('D1', { aangemeld_op: '2021-01-01', kwestie: 'Schuldhulp zonder vast adres' })
		]);
		expect((await kwesties()).map((k) => `${k.scope} ${k.key}`)).toEqual([
			'GM0080 huurtoeslag na verhuizing',
			'GM0080 kostendelersnorm',
			'GM0080 schuldhulp zonder vast adres',
			'GM0344 kostendelersnorm'
		]);
	});

	it('registers at start what older releases left unregistered, cases and confirmed links, and nothing twice', async () => {
		await importRows(store, [
			caseRow('A1', { aangemeld_op: '2025-01-01', kwestie: 'Huurtoeslag na verhuizing' }),
			caseRow('A2', { aangemeld_op: '2025-02-01' })
		]);
		// As a database of the previous release holds them: cases and a link, no kwesties.
		await store.db.run(
			`INSERT INTO kwestie_links (gemeente, source, casus_id, kwestie_key, kwestie, linked_by)
			 VALUES ('GM0080', 'standaard', 'A2', 'bijzondere bijstand', 'Bijzondere bijstand', 'kt@leeuwarden.example')`
		);
		await store.db.run('DELETE FROM kwesties');
		expect(await registerAllKwesties(store.db)).toBe(2);
		expect((await kwesties()).map((k) => `${k.scope} ${k.label}`)).toEqual([
			'GM0080 Bijzondere bijstand',
			'GM0080 Huurtoeslag na verhuizing'
		]);
		const generation = store.db.generation;
		expect(await registerAllKwesties(store.db)).toBe(0);
		expect(store.db.generation).toBe(generation);
	});

	it('registers a confirmed kwestie in the confirmation itself', async () => {
		await importRows(store, [
			caseRow('S1', { aangemeld_op: '2025-01-01' }),
			caseRow('S2', { aangemeld_op: '2025-02-01' })
		]);
		await confirmSuggestion(store.db, team, {
			gemeente: 'GM0080',
			cases: [
				{ source: 'standaard', casus_id: 'S1' },
				{ source: 'standaard', casus_id: 'S2' }
			],
			label: 'Wachttijd beschermd wonen'
		});
		expect(await kwesties()).toEqual([
			{
				scope: 'GM0080',
				key: 'wachttijd beschermd wonen',
				label: 'Wachttijd beschermd wonen',
				status: 'gesignaleerd'
			}
		]);
	});
});

describe('reading the signal list', () => {
	it('writes nothing and finds the kwesties the import registered', async () => {
		await importRows(store, [
			caseRow('A1', { aangemeld_op: '2025-01-01', kwestie: 'Huurtoeslag na verhuizing' }),
			caseRow('A2', { aangemeld_op: '2025-02-01', kwestie: 'Huurtoeslag na verhuizing' }),
			caseRow('A3', { aangemeld_op: '2025-03-01', kwestie: 'Huurtoeslag na verhuizing' })
		]);
		const [registered] = await store.db.all<{ id: number }>('SELECT id::INTEGER AS id FROM kwesties');
		const generation = store.db.generation;
		const list = await signalList(store.db, team, EMPTY_FILTER, {
			threshold: 3,
			windowMonths: 12,
			asOf: '2025-12-31',
			since: '1970-01-01 00:00:00'
		});
		expect(list.rows.map((r) => [r.kwestie, r.isNew, r.kwesties])).toEqual([
			['Huurtoeslag na verhuizing', true, [{ gemeente: 'GM0080', naam: 'Leeuwarden', id: registered.id }]]
		]);
		expect(store.db.generation).toBe(generation);
		expect(await kwesties()).toHaveLength(1);
	});
});
