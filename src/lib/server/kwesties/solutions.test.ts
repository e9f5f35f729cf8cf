/** Recurring solutions on a real DuckDB file: the window's edges, folded labels, instruments, outside the kaders, reach, protection, and the structural-solution kwestie with its cases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '$lib/domain/filters';
import type { Reach, Role, SessionUser } from '$lib/domain/roles';
import { caseRow, closeTempStore, importRows, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { openSolutionKwestie, solutions, type Solution } from './solutions';
import { signals } from './signals';
import { signalList } from './signal-list';
import { findKwestie, kwestieTrail } from './kwesties';
import { kwestieDetail } from './detail';

const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
const BOTH: Reach = { all: false, gemeenten: ['GM0080', 'GM0344'] };
const user = (role: Role, reach: Reach = LEEUWARDEN): SessionUser => ({
	id: 7,
	email: `${role}@leeuwarden.example`,
	role,
	reach
});

let store: Store;

/*
 * Window (2024-06-30, 2025-06-30]. "voorschot bijstand", folded, in V1 (on as_of), V2 (the window's
 * first day), V4 (with a second solution) and V5 (Utrecht, written twice): 4 cases. V3 lies on the day
 * twelve months before as_of and does not count. Two written forms are "voorschot bijstand" (V2, V4),
 * one each of the others. Instruments: voorschot (V1, V4), overbruggingsprocedure and hardheidsclausule
 * (V2). binnen_kaders: nee (V1, V5), ja (V2), unknown (V4): 2 outside.
 */
beforeAll(async () => {
	store = await openTempStore();
	const result = await importRows(store, [
		caseRow('V1', {
			aangemeld_op: '2025-06-30',
			oplossing: 'Voorschot  Bijstand',
			instrument: 'voorschot',
			binnen_kaders: 'nee',
			kwestie: 'Inkomen valt weg'
		}),
		caseRow('V2', {
			aangemeld_op: '2024-07-01',
			oplossing: 'voorschot bijstand',
			instrument: 'overbruggingsprocedure|hardheidsclausule',
			binnen_kaders: 'ja',
			kwestie: 'Inkomen valt weg'
		}),
		caseRow('V3', {
			aangemeld_op: '2024-06-30',
			oplossing: 'VOORSCHOT BIJSTAND',
			instrument: 'coulance',
			binnen_kaders: 'nee',
			kwestie: 'Inkomen valt weg'
		}),
		caseRow('V4', {
			aangemeld_op: '2025-01-10',
			oplossing: 'voorschot bijstand|Kwijtschelding',
			instrument: 'voorschot'
		}),
		caseRow('V5', {
			gemeente: 'GM0344',
			aangemeld_op: '2025-03-01',
			oplossing: 'Voorschot bijstand|voorschot  bijstand',
			binnen_kaders: 'nee'
		}),
		caseRow('C1', { aangemeld_op: '2025-02-01', oplossing: 'coulance' }),
		caseRow('C2', { aangemeld_op: '2025-02-02', oplossing: 'Coulance' })
	]);
	expect(result.status).toBe('imported');
});

afterAll(() => closeTempStore(store));

const options = { threshold: 4, windowMonths: 12, asOf: '2025-06-30' };
const find = (list: Solution[], key: string) => list.find((s) => s.key === key);

describe('recurring solutions', () => {
	it('counts a case on as_of and not one on the day the window starts, reaching the threshold exactly', async () => {
		const list = await solutions(store.db, BOTH, EMPTY_FILTER, options);
		expect(list).toEqual([
			{
				oplossing: 'voorschot bijstand',
				key: 'voorschot bijstand',
				cases: 4,
				gemeenten: 2,
				gemeenteCodes: ['GM0080', 'GM0344'],
				first: '2024-07-01',
				last: '2025-06-30',
				instrumenten: ['hardheidsclausule', 'voorschot', 'overbruggingsprocedure'],
				outsideKaders: 2
			}
		]);
		// Exactly the threshold: one more and the label is not listed.
		expect(await solutions(store.db, BOTH, EMPTY_FILTER, { ...options, threshold: 5 })).toEqual([]);
		// A day later V2, now on the day the window starts, falls out; V3 stays out.
		const later = await solutions(store.db, BOTH, EMPTY_FILTER, {
			...options,
			threshold: 1,
			asOf: '2025-07-01'
		});
		expect(find(later, 'voorschot bijstand')?.cases).toBe(3);
	});

	it('counts a case naming two solutions for each, and once for a solution it writes twice', async () => {
		const list = await solutions(store.db, BOTH, EMPTY_FILTER, { ...options, threshold: 1 });
		expect(find(list, 'kwijtschelding')).toMatchObject({
			oplossing: 'Kwijtschelding',
			cases: 1,
			gemeenten: 1
		});
		expect(find(list, 'voorschot bijstand')?.cases).toBe(4);
		expect(list.map((s) => s.key)).toEqual(['voorschot bijstand', 'coulance', 'kwijtschelding']);
	});

	it('names a tie of written forms by the first in code-point order, and counts unknown kaders as not outside', async () => {
		const list = await solutions(store.db, BOTH, EMPTY_FILTER, { ...options, threshold: 2 });
		expect(find(list, 'coulance')).toMatchObject({
			oplossing: 'Coulance',
			cases: 2,
			instrumenten: [],
			outsideKaders: 0
		});
	});

	it('counts only the cases within reach and filter', async () => {
		const mine = await solutions(store.db, LEEUWARDEN, EMPTY_FILTER, { ...options, threshold: 3 });
		expect(find(mine, 'voorschot bijstand')).toMatchObject({ cases: 3, gemeenten: 1, outsideKaders: 1 });
		const utrecht = await solutions(
			store.db,
			BOTH,
			{ ...EMPTY_FILTER, gemeente: 'GM0344' },
			{ ...options, threshold: 1 }
		);
		expect(utrecht.map((s) => [s.key, s.cases])).toEqual([['voorschot bijstand', 1]]);
	});

	it('gives landelijk months and protected counts in the list and its table', async () => {
		const landelijk = user('landelijk', { all: true });
		const list = await signalList(store.db, landelijk, EMPTY_FILTER, options);
		expect(list.solutions).toEqual([
			expect.objectContaining({
				cases: 'geheim',
				outsideKaders: 'geheim',
				gemeenten: 2,
				first: '2024-07',
				last: '2025-06',
				kwesties: [
					{ gemeente: 'GM0080', naam: 'Leeuwarden', id: null, mayOpen: false },
					{ gemeente: 'GM0344', naam: 'Utrecht', id: null, mayOpen: false }
				]
			})
		]);
		const table = list.tables.find((t) => t.id === 'signalen-oplossingen')!;
		expect(table.rows[0]).toMatchObject({ casussen: 'geheim', buiten_kaders: 'geheim', eerste: '2024-07' });
		const team = await signalList(store.db, user('kwaliteitsteam', BOTH), EMPTY_FILTER, options);
		expect(team.solutions[0]).toMatchObject({ cases: 4, outsideKaders: 2, first: '2024-07-01' });
	});

	it('raises a college’s threshold to 3', async () => {
		const list = await signalList(store.db, user('college'), EMPTY_FILTER, { ...options, threshold: 1 });
		expect(list.solutions.map((s) => [s.oplossing, s.cases, s.first])).toEqual([
			['voorschot bijstand', 3, '2024-07']
		]);
	});
});

describe('the structural-solution kwestie', () => {
	it('is opened by the kwaliteitsteam once, named as most cases write it, with its trail and an audit line', async () => {
		const kt = user('kwaliteitsteam');
		const opened = await openSolutionKwestie(store.db, kt, 'GM0080', 'Voorschot  Bijstand');
		expect(opened).toMatchObject({ ok: true, created: true });
		if (!opened.ok) return;
		const again = await openSolutionKwestie(store.db, kt, 'GM0080', 'voorschot bijstand');
		expect(again).toEqual({ ok: true, id: opened.id, created: false });
		const kwestie = await findKwestie(store.db, opened.id);
		// In Leeuwarden "voorschot bijstand" is written twice (V2, V4), the other forms once each.
		expect(kwestie).toMatchObject({
			scope: 'GM0080',
			key: 'oplossing:voorschot bijstand',
			label: 'voorschot bijstand',
			kind: 'structurele_oplossing',
			status: 'gesignaleerd'
		});
		const trail = await kwestieTrail(store.db, opened.id);
		expect(trail.changes).toMatchObject([
			{ actor: kt.email, field: 'status', oldValue: null, newValue: 'gesignaleerd' }
		]);
		const audited = await store.db.all<{ object: string }>(
			`SELECT object FROM audit_log WHERE action = 'kwestie openen'`
		);
		expect(audited).toEqual([
			{ object: `kwestie ${opened.id} (GM0080): structurele oplossing "voorschot bijstand"` }
		]);
	});

	it('has as its cases those whose solution folds to its label, of its own municipality, in any period', async () => {
		const opened = await openSolutionKwestie(store.db, user('beheerder'), 'GM0080', 'VOORSCHOT bijstand');
		if (!opened.ok) throw new Error(opened.message);
		const kwestie = (await findKwestie(store.db, opened.id))!;
		const detail = await kwestieDetail(store.db, user('kwaliteitsteam'), kwestie, '2026-01-15');
		expect(detail.caseList?.map((c) => c.casus_id)).toEqual(['V1', 'V4', 'V2', 'V3']);
		expect(detail).toMatchObject({ cases: 4, gemeenten: 1, first: '2024-06-30', last: '2025-06-30' });
	});

	it('is refused to beleid and college, outside the reach, and for a label no case of the municipality writes', async () => {
		const before = await store.db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM kwesties');
		for (const role of ['beleid', 'college', 'landelijk'] as const) {
			expect(await openSolutionKwestie(store.db, user(role), 'GM0080', 'coulance')).toMatchObject({
				ok: false,
				status: 403
			});
		}
		expect(await openSolutionKwestie(store.db, user('kwaliteitsteam'), 'GM0344', 'coulance')).toMatchObject({
			ok: false,
			status: 403
		});
		for (const label of ['urgentie', '   ', 'x'.repeat(501)]) {
			expect(await openSolutionKwestie(store.db, user('kwaliteitsteam'), 'GM0080', label)).toMatchObject({
				ok: false,
				status: 400,
				field: 'oplossing'
			});
		}
		const after = await store.db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM kwesties');
		expect(after!.n).toBe(before!.n);
	});

	it('is no problem: a signal’s status comes from the knelpunt of the same key only', async () => {
		// A problem whose label happens to fold to a solution kwestie's key keeps its own status.
		const kt = user('kwaliteitsteam');
		const opened = await openSolutionKwestie(store.db, kt, 'GM0080', 'coulance');
		if (!opened.ok) throw new Error(opened.message);
		await store.db.run(`UPDATE kwesties SET status = 'afgesloten' WHERE id = $id`, { id: opened.id });
		await importRows(store, [
			caseRow('P1', { aangemeld_op: '2025-05-01', kwestie: 'oplossing:coulance' }),
			caseRow('P2', { aangemeld_op: '2025-05-02', kwestie: 'oplossing:coulance' })
		]);
		const list = await signals(store.db, LEEUWARDEN, EMPTY_FILTER, { ...options, threshold: 2 });
		expect(list.find((s) => s.key === 'oplossing:coulance')?.status).toBe('gesignaleerd');
	});
});
