/** Tests of the settlement proposal: each partner's even share of the avoided costs per year against its contributions, in exact cents, and every wording of the proposal. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '$lib/domain/filters';
import {
	caseRow,
	closeTempStore,
	importRows,
	openTempStore,
	type Store
} from '../../ingest/fixtures/helpers';
import { addContribution } from '../../funds/contributions';
import { proposalOf, settlementProposal, settlementTable } from './settlement';

describe('proposalOf', () => {
	it.each([
		[{ low: 0n, high: 0n }, 0n, 'Geen baten vastgelegd.'],
		[{ low: 0n, high: 0n }, 1n, 'Draagt bij zonder vastgelegde baten.'],
		[{ low: 100n, high: 300n }, 300n, 'Draagt al ten minste zijn baten bij.'],
		[{ low: 100n, high: 300n }, 100n, 'Bijdrage binnen de bandbreedte; overhevelen tot het hoge verschil.'],
		[{ low: 100n, high: 300n }, 99n, 'Overhevelen: het verschil, laag tot hoog.']
	])('words a benefit of %o against %d contributed', (benefit, contributed, words) => {
		expect(proposalOf(benefit, contributed)).toBe(words);
	});
});

describe('settlementProposal', () => {
	let store: Store;

	beforeEach(async () => {
		store = await openTempStore();
		const result = await importRows(store, [
			// 100,00 over three parties: 33,33 each once rounded, never 33,333… summed three times.
			caseRow('L1', {
				aangemeld_op: '2025-02-01',
				besparing_laag: '100',
				besparing_hoog: '100',
				baten_bij: 'gemeente|woningcorporatie|zorgverzekeraar'
			}),
			caseRow('L2', {
				aangemeld_op: '2025-03-01',
				besparing_laag: '0,10',
				besparing_hoog: '0,20',
				baten_bij: 'zorgverzekeraar'
			}),
			caseRow('L3', { aangemeld_op: '2024-03-01', besparing_laag: '1000', besparing_hoog: '2000' }),
			caseRow('L4', {
				aangemeld_op: '2024-04-01',
				besparing_laag: '10',
				besparing_hoog: '20',
				baten_bij: 'woningcorporatie'
			})
		]);
		expect(result.status).toBe('imported');
		await addContribution(
			store.db,
			{ gemeente: 'GM0080', fund: 'OMO-fonds', year: 2025, organisatie: 'woningcorporatie', amount: 3_333n },
			't'
		);
		await addContribution(
			store.db,
			{ gemeente: 'GM0080', fund: 'OMO-fonds', year: 2024, organisatie: 'UWV', amount: 500n },
			't'
		);
	});

	afterEach(() => closeTempStore(store));

	it('sets each partner per year against its contributions, leaves onbekend out, and keeps partners that only paid', async () => {
		const rows = await settlementProposal(store.db, { all: true }, EMPTY_FILTER);
		expect(
			rows.map((r) => [r.year, r.party, r.cases, r.benefit, r.contributed, r.difference, r.proposal])
		).toEqual([
			[
				2024,
				'woningcorporatie',
				1,
				{ low: 10, high: 20 },
				0,
				{ low: 10, high: 20 },
				'Overhevelen: het verschil, laag tot hoog.'
			],
			[2024, 'UWV', 0, { low: 0, high: 0 }, 5, { low: -5, high: -5 }, 'Draagt bij zonder vastgelegde baten.'],
			// 33,33 + 0,10 and 33,33 + 0,20 for the zorgverzekeraar.
			[
				2025,
				'zorgverzekeraar',
				2,
				{ low: 33.43, high: 33.53 },
				0,
				{ low: 33.43, high: 33.53 },
				'Overhevelen: het verschil, laag tot hoog.'
			],
			[
				2025,
				'gemeente',
				1,
				{ low: 33.33, high: 33.33 },
				0,
				{ low: 33.33, high: 33.33 },
				'Overhevelen: het verschil, laag tot hoog.'
			],
			[
				2025,
				'woningcorporatie',
				1,
				{ low: 33.33, high: 33.33 },
				33.33,
				{ low: 0, high: 0 },
				'Draagt al ten minste zijn baten bij.'
			]
		]);
		const table = settlementTable('budget-verrekening', rows);
		expect(table.rows[0]).toMatchObject({ partij: 'Woningcorporatie', jaar: '2024', verschil_hoog: 20 });
	});

	it('follows the filter: a year, and the municipalities within reach', async () => {
		const rows = await settlementProposal(
			store.db,
			{ all: true },
			{ ...EMPTY_FILTER, from: '2024-01-01', to: '2024-12-31' }
		);
		expect(rows.map((r) => r.year)).toEqual([2024, 2024]);
		expect(await settlementProposal(store.db, { all: false, gemeenten: ['GM0344'] }, EMPTY_FILTER)).toEqual(
			[]
		);
	});
});
