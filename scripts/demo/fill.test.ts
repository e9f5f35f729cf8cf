/** The demo as `npm run demo` fills it: cases through the import, funds, accounts, and kwesties at every stage of the workflow. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTempStore, openTempStore, type Store } from '../../src/lib/server/ingest/fixtures/helpers';
import { installationKey } from '../../src/lib/server/national/installation-key';
import { buildPackage } from '../../src/lib/server/national/package';
import { parsePeriod } from '../../src/lib/server/national/period';
import { receivePackage } from '../../src/lib/server/national/receive';
import { signPackage } from '../../src/lib/server/national/signing';
import { signals } from '../../src/lib/server/kwesties/signals';
import { EMPTY_FILTER } from '../../src/lib/domain/filters';
import { fundLedger } from '../../src/lib/server/funds/ledger';
import { ruleBreaches } from '../../src/lib/server/funds/rules';
import { FUND_KEY } from '../../src/lib/server/analytics/budget/queries';
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

	it('signals only a handful of the many kwestie labels of a large municipality within a year', async () => {
		for (const gemeente of ['GM0363', 'GM0518', 'GM0344']) {
			const found = await signals(store.db, { all: false, gemeenten: [gemeente] }, EMPTY_FILTER, {
				threshold: 3,
				windowMonths: 12,
				asOf: '2026-11-23'
			});
			const labels = await store.db.one<{ n: number }>(
				`SELECT count(DISTINCT kwestie_key)::INTEGER AS n FROM cases WHERE gemeente = $gemeente`,
				{ gemeente }
			);
			expect(found.length, gemeente).toBeGreaterThanOrEqual(1);
			expect(found.length, gemeente).toBeLessThanOrEqual(8);
			expect(labels!.n, gemeente).toBeGreaterThan(5 * found.length);
		}
	});

	it('imports the version 1.1 columns: decisions, dated steps and questions to partners', async () => {
		const row = await store.db.one<{
			n: number;
			decided: number;
			stepped: number;
			asked: number;
			outside: number;
			loket: number;
			kwaliteitsteam: number;
		}>(
			`SELECT count(*)::INTEGER AS n,
				count(besluit_door)::INTEGER AS decided,
				count(*) FILTER (WHERE len(stappen) > 0)::INTEGER AS stepped,
				count(*) FILTER (WHERE len(reacties) > 0)::INTEGER AS asked,
				count(*) FILTER (WHERE NOT binnen_kaders AND instrumenten <> 0)::INTEGER AS outside,
				count(*) FILTER (WHERE escalatie IN ('maatwerkloket', 'let'))::INTEGER AS loket,
				count(*) FILTER (WHERE route ILIKE '%kwaliteitsteam%')::INTEGER AS kwaliteitsteam
			 FROM cases`
		);
		expect(row!.stepped / row!.n).toBeGreaterThan(0.8);
		expect(row!.decided).toBeGreaterThan(row!.n / 3);
		expect(row!.asked).toBeGreaterThan(row!.n / 4);
		expect(row!.outside).toBeGreaterThan(0);
		expect(row!.loket / row!.n).toBeLessThan(0.03);
		expect(row!.kwaliteitsteam).toBe(0);
	});

	it('enters capacity for the eight quarters before the current one, more OMO-functionaris in the second year', async () => {
		const rows = await store.db.all<{ gemeente: string; kwartaal: string; fte: string }>(
			`SELECT gemeente, kwartaal, hoeveelheid::VARCHAR AS fte FROM pilot_capacity
			 WHERE functie = 'omo-functionaris' ORDER BY gemeente, kwartaal`
		);
		const utrecht = rows.filter((r) => r.gemeente === 'GM0344');
		// The demo ends on 2026-11-23, in 2026-Q4: the quarters 2024-Q4 to 2026-Q3.
		expect(utrecht.map((r) => r.kwartaal)).toEqual([
			'2024-Q4',
			'2025-Q1',
			'2025-Q2',
			'2025-Q3',
			'2025-Q4',
			'2026-Q1',
			'2026-Q2',
			'2026-Q3'
		]);
		expect(utrecht.map((r) => r.fte)).toEqual([...Array(4).fill('2.00'), ...Array(4).fill('2.50')]);
		expect(new Set(rows.map((r) => r.gemeente))).toEqual(new Set(['GM0193', 'GM0344']));
	});

	it('keeps a Maatwerkregister of a few contacts per demo municipality, with their promised answer times', async () => {
		const rows = await store.db.all<{ gemeente: string; n: number; slow: number }>(
			`SELECT gemeente, count(*)::INTEGER AS n, count(*) FILTER (WHERE antwoordtermijn > 2)::INTEGER AS slow
			 FROM contacts GROUP BY gemeente ORDER BY gemeente`
		);
		const gemeenten = await store.db.all<{ gemeente: string }>(
			'SELECT DISTINCT gemeente FROM cases ORDER BY gemeente'
		);
		expect(rows.map((r) => r.gemeente)).toEqual(gemeenten.map((g) => g.gemeente));
		expect(rows.every((r) => r.n >= 3 && r.n <= 6)).toBe(true);
		expect(rows.some((r) => r.slow > 0)).toBe(true);
	});

	it('books partner contributions to the funds of some municipalities, their balances staying positive', async () => {
		const { rows, entries } = await fundLedger(store.db, { all: true });
		const contributing = new Set(entries.map((e) => e.gemeente));
		expect(contributing.size).toBeGreaterThanOrEqual(2);
		expect(contributing.size).toBeLessThan(new Set(rows.map((r) => r.gemeente)).size);
		expect(entries.every((e) => e.createdBy === 'demo')).toBe(true);
		expect(new Set(entries.map((e) => e.organisatie))).toEqual(
			new Set(['gemeente', 'zorgverzekeraar', 'woningcorporatie'])
		);
		const funded = rows.filter((r) => r.contributions > 0);
		expect(new Set(funded.map((r) => r.year)).size).toBe(4);
		for (const r of funded) {
			const id = `${r.gemeente} ${r.fund} ${r.year}`;
			expect(r.budget, id).not.toBeNull();
			expect(r.contributions, id).toBeLessThan(r.budget! / 4);
			expect(r.balance, id).toBeGreaterThan(0);
			expect(r.funders[0], id).toMatchObject({ funder: 'budget' });
		}
	});

	it('sets fund rules, which a handful of costly cases went past without the level they ask', async () => {
		const rules = await store.db.all<{ gemeente: string }>('SELECT DISTINCT gemeente FROM fund_rules');
		expect(rules.length).toBeGreaterThanOrEqual(2);
		const ruled = await store.db.one<{ n: number }>(
			`SELECT count(*)::INTEGER AS n
			 FROM (SELECT gemeente, ${FUND_KEY} AS fund_key FROM cases WHERE fonds IS NOT NULL AND kosten_oplossing IS NOT NULL) c
			 JOIN fund_rules r ON r.gemeente = c.gemeente AND r.name_key = c.fund_key`
		);
		const breaches = await ruleBreaches(store.db, { all: true }, EMPTY_FILTER);
		expect(breaches.length).toBeGreaterThanOrEqual(1);
		expect(breaches.length).toBeLessThan(ruled!.n * 0.05);
		expect(breaches.every((b) => b.cost > b.maxPerCase)).toBe(true);
	});

	it('lets the Leeuwarden kwaliteitsteam analyse kwesties', async () => {
		const row = await store.db.one<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM kwesties WHERE scope = 'GM0080' AND status <> 'gesignaleerd'`
		);
		expect(row!.n).toBeGreaterThan(0);
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

describe('the demo of npm run demo', () => {
	let demo: Store;
	beforeAll(async () => {
		demo = await openTempStore();
		await fillDemo(demo.db, { cases: 2500, seed: 2026, endDate: '2026-12-05' });
	}, 120_000);
	afterAll(() => closeTempStore(demo));

	it('puts the first national signals of the last two years on the national agenda, each with a longer trail', async () => {
		const rows = await demo.db.all<{ key: string; statuses: string[] }>(
			`SELECT kwestie_key AS key, list(status ORDER BY id) AS statuses FROM national_agenda
			 GROUP BY kwestie_key ORDER BY min(id)`
		);
		expect(rows.length).toBeGreaterThanOrEqual(2);
		expect(rows.map((r) => r.statuses)).toEqual(
			[['ontvangen'], ['ontvangen', 'agenda_let'], ['ontvangen', 'agenda_ministerie', 'maatregel']].slice(
				0,
				rows.length
			)
		);
	});
});
