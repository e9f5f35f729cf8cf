/** Tests of fund rules on a real DuckDB file: the cases past a fund's maximum per case decided below the level it asks, on every edge, within the reach. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import { caseRow, closeTempStore, importRows, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { checkRule, listRules, removeRule, ruleBreaches, setRule, type RuleInput } from './rules';

const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
let store: Store;

beforeEach(async () => {
	store = await openTempStore();
	const spent = (id: string, cost: string, besluit: string, over: Record<string, string> = {}) =>
		caseRow(id, {
			fonds: 'OMO-fonds',
			kosten_oplossing: cost,
			besluit_door: besluit,
			aangemeld_op: '2025-03-01',
			...over
		});
	const result = await importRows(store, [
		spent('R1', '500,00', 'professional'),
		spent('R2', '500,01', 'professional'),
		spent('R3', '600', 'teamleider'),
		spent('R4', '700', 'college'),
		spent('R5', '800', ''),
		spent('R6', '900', 'koploper', { fonds: ' omo-FONDS', aangemeld_op: '2024-06-01' }),
		spent('R7', '5000', 'professional', { fonds: 'regulier' }),
		spent('U1', '5000', 'professional', { gemeente: 'GM0344' })
	]);
	expect(result.status).toBe('imported');
});

afterEach(() => closeTempStore(store));

describe('fund rules', () => {
	it('list the cases above the maximum whose decision lies below the level the fund asks, or is not recorded', async () => {
		await setRule(
			store.db,
			{ gemeente: 'GM0080', fund: 'OMO-fonds', maxPerCase: 50_000n, approval: 'teamleider' },
			'a@x.nl'
		);
		const breaches = await ruleBreaches(store.db, LEEUWARDEN, EMPTY_FILTER);
		expect(breaches.map((b) => [b.casusId, b.cost, b.maxPerCase, b.decidedBy, b.required])).toEqual([
			// koploper is a synonym of professional (niveau 1).
			['R6', 900, 500, 'professional', 'teamleider'],
			['R5', 800, 500, null, 'teamleider'],
			['R2', 500.01, 500, 'professional', 'teamleider']
		]);
		expect(
			(await ruleBreaches(store.db, LEEUWARDEN, { ...EMPTY_FILTER, from: '2025-01-01' })).map(
				(b) => b.casusId
			)
		).toEqual(['R5', 'R2']);
		// Utrecht's fund of the same name has no rule; Leeuwarden's rule does not reach it.
		expect((await ruleBreaches(store.db, { all: true }, EMPTY_FILTER)).map((b) => b.gemeente)).not.toContain(
			'GM0344'
		);
		expect(await ruleBreaches(store.db, { all: false, gemeenten: ['GM0344'] }, EMPTY_FILTER)).toEqual([]);
	});

	it('are replaced by a new rule for the same fund, listed with who set them, and removed within the reach only', async () => {
		await setRule(
			store.db,
			{ gemeente: 'GM0080', fund: 'OMO-fonds', maxPerCase: 50_000n, approval: 'teamleider' },
			'a@x.nl'
		);
		await setRule(
			store.db,
			{ gemeente: 'GM0080', fund: 'omo-fonds', maxPerCase: 100_000n, approval: 'college' },
			'b@x.nl'
		);
		expect(await listRules(store.db, LEEUWARDEN)).toMatchObject([
			{
				gemeente: 'GM0080',
				fund: 'omo-fonds',
				maxPerCase: 1000,
				approval: 'college',
				approvalLabel: 'College van burgemeester en wethouders',
				updatedBy: 'b@x.nl'
			}
		]);
		// Above 1.000 and below the college: R6 (teamleider would not do either).
		expect((await ruleBreaches(store.db, LEEUWARDEN, EMPTY_FILTER)).map((b) => b.casusId)).toEqual([]);
		await setRule(
			store.db,
			{ gemeente: 'GM0080', fund: 'OMO-fonds', maxPerCase: 59_999n, approval: 'college' },
			'b@x.nl'
		);
		expect((await ruleBreaches(store.db, LEEUWARDEN, EMPTY_FILTER)).map((b) => b.casusId)).toEqual([
			'R6',
			'R5',
			'R3'
		]);
		expect(await removeRule(store.db, 'GM0080', 'OMO-FONDS', { all: false, gemeenten: ['GM0344'] })).toBe(
			false
		);
		expect(await removeRule(store.db, 'GM0080', 'OMO-FONDS', LEEUWARDEN)).toBe(true);
		expect(await listRules(store.db, { all: true })).toEqual([]);
	});
});

describe('checkRule', () => {
	const input = (over: Partial<RuleInput> = {}): RuleInput => ({
		gemeente: 'GM0080',
		fonds: 'Doorpakbudget',
		maximum: '500',
		goedkeuring: 'wethouder',
		...over
	});

	it('takes a level by code, name or synonym, and the maximum in exact cents', () => {
		expect(checkRule(input(), LEEUWARDEN)).toEqual({
			rule: { gemeente: 'GM0080', fund: 'Doorpakbudget', maxPerCase: 50_000n, approval: 'portefeuillehouder' }
		});
	});

	it.each([
		[{ gemeente: 'GM0344' }, 'gemeente'],
		[{ fonds: '' }, 'fonds'],
		[{ maximum: '' }, 'maximum'],
		[{ maximum: '0' }, 'maximum'],
		[{ maximum: 'vijfhonderd' }, 'maximum'],
		[{ goedkeuring: 'de buurman' }, 'goedkeuring']
	])('refuses %o on its field with a Dutch message', (over, field) => {
		expect(checkRule(input(over as Partial<RuleInput>), LEEUWARDEN)).toMatchObject({
			field,
			message: expect.stringMatching(/^[A-Z]/)
		});
	});
});
