/** Tests of the leefgebieden view on a real DuckDB file: its tables, the trend per quarter, labels per case and the cases of a cell. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTER, type CaseFilter } from '$lib/domain/filters';
import type { Reach, Role, SessionUser } from '$lib/domain/roles';
import { caseRow, closeTempStore, importRows, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { leefgebiedenView } from './leefgebieden';
import { cellCases, parseCell } from './cell-cases';

const filter = (f: Partial<CaseFilter> = {}): CaseFilter => ({ ...EMPTY_FILTER, ...f });
const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
const user = (role: Role, reach: Reach = LEEUWARDEN): SessionUser => ({
	id: 1,
	email: `${role}@example.org`,
	role,
	reach
});

let store: Store;

beforeAll(async () => {
	store = await openTempStore();
	const result = await importRows(store, [
		caseRow('L1', {
			aangemeld_op: '2024-01-10',
			leefgebieden: 'financiën|wonen',
			samenvatting: 'Huurschuld'
		}),
		caseRow('L2', { aangemeld_op: '2024-02-11', leefgebieden: 'financiën|wonen|psychische gezondheid' }),
		caseRow('L3', { aangemeld_op: '2024-04-01', leefgebieden: 'financiën' }),
		caseRow('L4', { aangemeld_op: '2024-04-02', leefgebieden: 'wonen', kwestie: 'Kostendelersnorm' }),
		caseRow('L5', { aangemeld_op: '2025-07-01', leefgebieden: 'financiën|wonen' }),
		caseRow('U1', { gemeente: 'GM0344', aangemeld_op: '2024-01-10', leefgebieden: 'financiën|wonen' })
	]);
	expect(result.status).toBe('imported');
});

afterAll(() => closeTempStore(store));

describe('leefgebiedenView', () => {
	it('puts the matrix with its diagonal reading, the totals and the trend in its tables', async () => {
		const view = await leefgebiedenView(store.db, LEEUWARDEN, filter(), 'single');
		const [matrix, trend, perCase] = view.tables;
		expect(matrix.id).toBe('leefgebieden-matrix');
		expect(matrix.caption).toContain('alleen dit leefgebied');
		expect(matrix.rows.find((r) => r.leefgebied === 'Financiën')).toEqual({
			leefgebied: 'Financiën',
			financiën: 1,
			wonen: 3,
			'psychische gezondheid': 1,
			totaal: 4
		});
		expect(trend.rows).toEqual([
			{ kwartaal: '2024-Q1', financiën: 2, wonen: 2, 'psychische gezondheid': 1 },
			{ kwartaal: '2024-Q2', financiën: 1, wonen: 1, 'psychische gezondheid': 0 },
			{ kwartaal: '2024-Q3', financiën: 0, wonen: 0, 'psychische gezondheid': 0 },
			{ kwartaal: '2024-Q4', financiën: 0, wonen: 0, 'psychische gezondheid': 0 },
			{ kwartaal: '2025-Q1', financiën: 0, wonen: 0, 'psychische gezondheid': 0 },
			{ kwartaal: '2025-Q2', financiën: 0, wonen: 0, 'psychische gezondheid': 0 },
			{ kwartaal: '2025-Q3', financiën: 1, wonen: 1, 'psychische gezondheid': 0 }
		]);
		expect(perCase.rows).toEqual([
			{ aantal: '1', casussen: 2 },
			{ aantal: '2', casussen: 2 },
			{ aantal: '3', casussen: 1 }
		]);
		const total = await leefgebiedenView(store.db, LEEUWARDEN, filter(), 'total');
		expect(total.tables[0].caption).toContain('alle casussen');
		expect(total.tables[0].rows[0].financiën).toBe(4);
	});

	it('is empty, not an error, when the filter matches nothing', async () => {
		const view = await leefgebiedenView(store.db, LEEUWARDEN, filter({ from: '2030-01-01' }), 'single');
		expect(view.matrix.cases).toBe(0);
		expect(view.tables.map((t) => t.rows.length)).toEqual([0, 0, 0]);
	});
});

describe('cellCases', () => {
	const ask = (
		who: SessionUser,
		cell: [string, string],
		diagonal: 'single' | 'total' = 'single',
		extra: { limit?: number; filter?: CaseFilter } = {}
	) =>
		cellCases(store.db, who, {
			dimension: 'leefgebieden',
			cell,
			diagonal,
			filter: extra.filter ?? filter(),
			limit: extra.limit,
			origin: '127.0.0.1'
		});

	it('lists the cases of an off-diagonal cell, newest first, within the reach', async () => {
		const found = await ask(user('kwaliteitsteam'), ['wonen', 'financiën']);
		expect(found?.total).toBe(3);
		expect(found?.cases.map((c) => c.casus_id)).toEqual(['L5', 'L2', 'L1']);
		expect(found?.cases[2]).toMatchObject({
			gemeente: 'Leeuwarden',
			aangemeld_op: '2024-01-10',
			samenvatting: 'Huurschuld'
		});
	});

	it('reads the diagonal as the matrix does: alone with single, every case with total', async () => {
		expect((await ask(user('beleid'), ['financiën', 'financiën']))?.cases.map((c) => c.casus_id)).toEqual([
			'L3'
		]);
		expect((await ask(user('beleid'), ['financiën', 'financiën'], 'total'))?.total).toBe(4);
	});

	it('keeps the total when the limit cuts the list, and applies the filter', async () => {
		const cut = await ask(user('beheerder'), ['financiën', 'wonen'], 'single', { limit: 1 });
		expect(cut?.total).toBe(3);
		expect(cut?.cases).toHaveLength(1);
		const filtered = await ask(user('beheerder'), ['financiën', 'wonen'], 'single', {
			filter: filter({ to: '2024-12-31' })
		});
		expect(filtered?.total).toBe(2);
		const none = await ask(user('beheerder'), ['financiën', 'wonen'], 'single', {
			filter: filter({ from: '2030-01-01' })
		});
		expect(none).toMatchObject({ total: 0, cases: [] });
	});

	it('refuses roles without case-level reach and logs every viewing', async () => {
		expect(await ask(user('college'), ['financiën', 'wonen'])).toBeNull();
		expect(await ask(user('landelijk', { all: true }), ['financiën', 'wonen'])).toBeNull();
		const before = await store.db.one<{ n: number }>(
			"SELECT count(*)::INTEGER AS n FROM audit_log WHERE action = 'casussen bekijken'"
		);
		await ask(user('kwaliteitsteam'), ['wonen', 'wonen']);
		const logged = await store.db.all<{ actor: string; object: string }>(
			"SELECT actor, object FROM audit_log WHERE action = 'casussen bekijken' ORDER BY occurred_at DESC LIMIT 1"
		);
		expect(logged[0]).toEqual({
			actor: 'kwaliteitsteam@example.org',
			object: 'leefgebieden wonen + wonen (1)'
		});
		const after = await store.db.one<{ n: number }>(
			"SELECT count(*)::INTEGER AS n FROM audit_log WHERE action = 'casussen bekijken'"
		);
		expect(after!.n).toBe(before!.n + 1);
	});

	it('accepts only two codes of the dimension as a cell', () => {
		expect(parseCell('leefgebieden', 'wonen|financiën')).toEqual(['wonen', 'financiën']);
		expect(parseCell('leefgebieden', 'wonen')).toBeNull();
		expect(parseCell('leefgebieden', 'wonen|IND')).toBeNull();
		expect(parseCell('leefgebieden', "wonen|x' OR 1=1")).toBeNull();
	});
});
