/** A case's posts priced at the cost table are its avoided costs where it gives no explicit amounts: the budget, the API, the report, the package and the case's kassabon agree to the cent. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTER, type CaseFilter } from '$lib/domain/filters';
import type { Reach, SessionUser } from '$lib/domain/roles';
import { caseRow, closeTempStore, importRows, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { setCost } from '../costs';
import { packageMoney } from '../national/package';
import { parsePeriod } from '../national/period';
import { periodReport } from '../reports/report';
import { budgetSummary, inEuros } from './budget';
import { budgetView } from './budget-view';
import { caseKassabon } from './budget/kassabon';

const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
const PERIOD = parsePeriod('2025-Q1')!;
const FILTER: CaseFilter = { ...EMPTY_FILTER, from: PERIOD.from, to: PERIOD.to, gemeente: 'GM0080' };
const at = { aangemeld_op: '2025-02-03', monitoring: 'duurzaam', monitoring_op: '2025-03-01' };
let store: Store;

beforeAll(async () => {
	store = await openTempStore();
	const result = await importRows(store, [
		// Posts only: 3 × (0,10 to 0,20) + 1 × (1.000 to 2.000); the unpriced post counts for nothing.
		caseRow('P', {
			...at,
			vermeden_posten: 'opvang_nacht*3|huisuitzetting|onbekende_post',
			baten_bij: 'woningcorporatie'
		}),
		// Explicit amounts win over the posts.
		caseRow('E', { ...at, vermeden_posten: 'huisuitzetting*2', besparing_laag: '50', besparing_hoog: '60' }),
		// Only unpriced posts: no estimate at all.
		caseRow('N', { ...at, vermeden_posten: 'onbekende_post', kosten_oplossing: '10' }),
		// Utrecht has no cost table: its posts count nothing.
		caseRow('U', { ...at, gemeente: 'GM0344', vermeden_posten: 'huisuitzetting' })
	]);
	expect(result.status).toBe('imported');
	const cost = (post: string, low: bigint, high: bigint) =>
		setCost(store.db, { gemeente: 'GM0080', post, unit: null, low, high, bron: null }, 'test');
	await cost('opvang_nacht', 10n, 20n);
	await cost('huisuitzetting', 100_000n, 200_000n);
});

afterAll(() => closeTempStore(store));

describe('avoided costs from posts', () => {
	it('count where a case gives no explicit amounts, and everyone sums them alike', async () => {
		const api = await budgetSummary(store.db, LEEUWARDEN, FILTER);
		// P: 1.000,30 to 2.000,60; E: 50 to 60.
		expect([api.savingsLow, api.savingsHigh]).toEqual([1050.3, 2060.6]);
		expect(api.benefitsBy).toContainEqual({
			party: 'woningcorporatie',
			savingsLow: 1000.3,
			savingsHigh: 2000.6
		});
		const view = await budgetView(store.db, LEEUWARDEN, FILTER, '2025-06-30');
		expect(view.summary).toEqual(JSON.parse(JSON.stringify(api)));
		// N has a cost but no estimate: apart, never zero savings.
		expect(view.total.withoutEstimate).toEqual({ cases: 1, cost: 10 });
		expect(inEuros(await packageMoney(store.db, 'GM0080', PERIOD))).toEqual(JSON.parse(JSON.stringify(api)));
		const report = await periodReport(store.db, { reach: LEEUWARDEN }, PERIOD, 'GM0080');
		expect([report.savingsLow, report.savingsHigh]).toEqual([1050.3, 2060.6]);
		expect([report.monitoring.realisedLow, report.monitoring.realisedHigh]).toEqual([1050.3, 2060.6]);
		expect(
			(await budgetSummary(store.db, { all: false, gemeenten: ['GM0344'] }, EMPTY_FILTER)).savingsLow
		).toBe(0);
	});

	it("agree with the case's own kassabon", async () => {
		const ids = await store.db.all<{ id: number; casus_id: string }>('SELECT id, casus_id FROM cases');
		const id = (casus: string) => ids.find((r) => r.casus_id === casus)!.id;
		const team: SessionUser = { id: 1, email: 't@x.nl', role: 'kwaliteitsteam', reach: LEEUWARDEN };
		expect(await caseKassabon(store.db, team, id('P'))).toMatchObject({
			savings: { low: 1000.3, high: 2000.6 },
			savingsSource: 'posten'
		});
		expect(await caseKassabon(store.db, team, id('E'))).toMatchObject({
			savings: { low: 50, high: 60 },
			savingsSource: 'opgegeven',
			postsDifference: { explicit: { low: 50, high: 60 }, posts: { low: 2000, high: 4000 } }
		});
	});
});
