/** The demo as `npm run demo` fills it: cases through the import, funds, accounts, and kwesties at every stage of the workflow. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTempStore, openTempStore, type Store } from '../../src/lib/server/ingest/fixtures/helpers';
import { fillDemo, DEMO_ACCOUNTS } from './fill';

let store: Store;

beforeAll(async () => {
	store = await openTempStore();
	await fillDemo(store.db, { cases: 1200, seed: 7, endDate: '2026-11-23' });
}, 120_000);

afterAll(() => closeTempStore(store));

describe('fillDemo', () => {
	it('loads the cases, the funds over four years and every demo account', async () => {
		const counts = await store.db.one<{ cases: number; years: number; users: number }>(
			`SELECT (SELECT count(*) FROM cases)::INTEGER AS cases,
				(SELECT count(DISTINCT year) FROM funds)::INTEGER AS years,
				(SELECT count(*) FROM users)::INTEGER AS users`
		);
		expect(counts).toEqual({ cases: 1200, years: 4, users: DEMO_ACCOUNTS.length });
	});

	it('has kwaliteitsteams that picked up kwesties, each change on record, measures with dates', async () => {
		const statuses = await store.db.all<{ status: string; measured: boolean; changes: number }>(
			`SELECT status, measure_on IS NOT NULL AS measured,
				(SELECT count(*) FROM kwestie_changes c WHERE c.kwestie_id = k.id)::INTEGER AS changes
			 FROM kwesties k WHERE status <> 'gesignaleerd' ORDER BY scope, status`
		);
		expect(new Set(statuses.map((s) => s.status))).toEqual(
			new Set(['gemonitord', 'maatregel', 'geagendeerd', 'in_analyse'])
		);
		expect(
			statuses.filter((s) => s.status === 'gemonitord' || s.status === 'maatregel').every((s) => s.measured)
		).toBe(true);
		expect(statuses.every((s) => s.changes > 0)).toBe(true);
	});
});
