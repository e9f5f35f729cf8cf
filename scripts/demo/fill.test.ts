/** The demo as `npm run demo` fills it: cases through the import, funds, accounts, and kwesties at every stage of the workflow. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTempStore, openTempStore, type Store } from '../../src/lib/server/ingest/fixtures/helpers';
import { installationKey } from '../../src/lib/server/national/installation-key';
import { buildPackage } from '../../src/lib/server/national/package';
import { parsePeriod } from '../../src/lib/server/national/period';
import { receivePackage } from '../../src/lib/server/national/receive';
import { signPackage } from '../../src/lib/server/national/signing';
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

	it('has a kwestie for every label of its cases, before any page is opened', async () => {
		const missing = await store.db.one<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM (SELECT DISTINCT gemeente, kwestie_key FROM cases WHERE kwestie_key IS NOT NULL) c
			 WHERE NOT EXISTS (SELECT 1 FROM kwesties k WHERE k.scope = c.gemeente AND k.key = c.kwestie_key)`
		);
		const labelled = await store.db.one<{ n: number }>(
			'SELECT count(DISTINCT kwestie_key)::INTEGER AS n FROM cases WHERE kwestie_key IS NOT NULL'
		);
		expect(labelled!.n).toBeGreaterThan(0);
		expect(missing!.n).toBe(0);
	});

	it('trusts its own package key for its municipalities, so a downloaded package reads back in', async () => {
		const gemeenten = await store.db.all<{ gemeente: string; key: string }>(
			`SELECT c.gemeente, k.public_key AS key FROM (SELECT DISTINCT gemeente FROM cases) c
			 LEFT JOIN package_keys k USING (gemeente)`
		);
		expect(gemeenten.length).toBeGreaterThan(1);
		expect(gemeenten.every((g) => g.key === installationKey().publicKey)).toBe(true);
		const pkg = signPackage(
			await buildPackage(store.db, gemeenten[0].gemeente, parsePeriod('2025')!),
			installationKey()
		);
		const received = await receivePackage(store.db, JSON.stringify(pkg), {
			actor: 'beheerder@demo.example',
			reach: { all: true },
			fileName: 'demo.json'
		});
		expect(received.ok).toBe(true);
	});
});
