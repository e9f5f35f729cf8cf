/** Tests of the fund ledger on a real DuckDB file: budget + contributions + repaid - spent per fund and year, exact to the cent, each funder's share, and the reach. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reach } from '$lib/domain/roles';
import { caseRow, closeTempStore, importRows, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { setFund } from './budgets';
import {
	addContribution,
	checkContribution,
	removeContribution,
	type ContributionInput
} from './contributions';
import { fundLedger, ledgerTables } from './ledger';

const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
let store: Store;

beforeEach(async () => {
	store = await openTempStore();
	const result = await importRows(store, [
		// 0,10 + 0,20 spent: a float makes 0,30000000000000004 of it.
		caseRow('L1', { aangemeld_op: '2025-01-10', fonds: 'OMO-fonds', kosten_oplossing: '0,10' }),
		caseRow('L2', {
			aangemeld_op: '2025-02-10',
			fonds: 'omo-fonds',
			kosten_oplossing: '0,20',
			voorgeschoten: '0,20',
			terug_van: 'inwoner',
			terugbetaald: '0,10'
		}),
		caseRow('L3', { aangemeld_op: '2024-03-10', fonds: 'OMO-fonds', kosten_oplossing: '500' }),
		caseRow('U1', {
			gemeente: 'GM0344',
			aangemeld_op: '2025-03-10',
			fonds: 'OMO-fonds',
			kosten_oplossing: '7'
		})
	]);
	expect(result.status).toBe('imported');
});

afterEach(() => closeTempStore(store));

describe('the fund ledger', () => {
	it('balances budget + contributions + repaid advances - spent per fund and year, exact to the cent', async () => {
		await setFund(store.db, { gemeente: 'GM0080', name: 'OMO-fonds', year: 2025, budget: 10n });
		// One third each: 0,01 of budget and two contributions of 0,01 make shares a float rounds wrong.
		await addContribution(
			store.db,
			{ gemeente: 'GM0080', fund: 'omo-FONDS ', year: 2025, organisatie: 'zorgverzekeraar', amount: 10n },
			'a@x.nl'
		);
		await addContribution(
			store.db,
			{ gemeente: 'GM0080', fund: 'OMO-fonds', year: 2025, organisatie: 'woningcorporatie', amount: 10n },
			'a@x.nl'
		);
		const { rows } = await fundLedger(store.db, LEEUWARDEN);
		expect(
			rows.map((r) => [r.fund, r.year, r.budget, r.contributions, r.repaid, r.spent, r.balance, r.cases])
		).toEqual([
			// 0,10 + 0,10 + 0,10 + 0,10 - 0,30 = 0,10
			['OMO-fonds', 2025, 0.1, 0.2, 0.1, 0.3, 0.1, 2],
			// Spent without a budget or a contribution: no balance to speak of.
			['OMO-fonds', 2024, null, 0, 0, 500, null, 1]
		]);
		expect(rows[0].funders).toEqual([
			{ funder: 'budget', label: 'Gemeente (budget)', amount: 0.1, share: 33.3 },
			{ funder: 'woningcorporatie', label: 'Woningcorporatie', amount: 0.1, share: 33.3 },
			{ funder: 'zorgverzekeraar', label: 'Zorgverzekeraar', amount: 0.1, share: 33.3 }
		]);
	});

	it('adds up entries of one partner, keeps every entry listed, and removes one only within the reach', async () => {
		const first = await addContribution(
			store.db,
			{ gemeente: 'GM0080', fund: 'OMO-fonds', year: 2025, organisatie: 'UWV', amount: 2_000_000n },
			'a@x.nl'
		);
		await addContribution(
			store.db,
			{ gemeente: 'GM0080', fund: 'OMO-fonds', year: 2025, organisatie: 'UWV', amount: 1_000_001n },
			'b@x.nl'
		);
		const utrecht = await addContribution(
			store.db,
			{ gemeente: 'GM0344', fund: 'OMO-fonds', year: 2025, organisatie: 'UWV', amount: 100n },
			'c@x.nl'
		);
		const ledger = await fundLedger(store.db, LEEUWARDEN);
		expect(ledger.rows[0].funders).toEqual([
			{ funder: 'UWV', label: 'Uitvoeringsinstituut Werknemersverzekeringen', amount: 30_000.01, share: 100 }
		]);
		// Without a budget, the contributions alone make a balance: 30.000,01 + 0,10 - 0,30.
		expect(ledger.rows[0].balance).toBe(29_999.81);
		expect(ledger.entries.map((e) => [e.amount, e.createdBy])).toEqual([
			[20_000, 'a@x.nl'],
			[10_000.01, 'b@x.nl']
		]);
		expect(await removeContribution(store.db, utrecht, LEEUWARDEN)).toBeNull();
		expect(await removeContribution(store.db, first, LEEUWARDEN)).toMatchObject({
			gemeente: 'GM0080',
			amount: '20000.00'
		});
		expect(await removeContribution(store.db, first, LEEUWARDEN)).toBeNull();
		expect((await fundLedger(store.db, { all: true })).entries.map((e) => e.amount)).toEqual([10_000.01, 1]);
	});

	it('gives its tables for the download', async () => {
		await setFund(store.db, { gemeente: 'GM0080', name: 'OMO-fonds', year: 2025, budget: 100_000n });
		const [grootboek, financiers, bijdragen, regels] = ledgerTables({
			...(await fundLedger(store.db, LEEUWARDEN)),
			rules: []
		});
		expect(grootboek.rows[0]).toMatchObject({ fonds: 'OMO-fonds', jaar: '2025', budget: 1000, saldo: 999.8 });
		expect(financiers.rows).toEqual([
			{
				fonds: 'OMO-fonds',
				gemeente: 'Leeuwarden',
				jaar: '2025',
				financier: 'Gemeente (budget)',
				bedrag: 1000,
				aandeel: 100
			}
		]);
		expect(bijdragen.rows).toEqual([]);
		expect(regels.rows).toEqual([]);
	});
});

describe('checkContribution', () => {
	const input = (over: Partial<ContributionInput> = {}): ContributionInput => ({
		gemeente: 'GM0080',
		fonds: 'OMO-fonds',
		jaar: '2025',
		organisatie: 'Zorgverzekeraar',
		bedrag: '1.250,50',
		...over
	});

	it('takes an organisation by name or synonym and a Dutch amount, in exact cents', () => {
		expect(checkContribution(input({ organisatie: 'corporatie' }), LEEUWARDEN)).toEqual({
			contribution: {
				gemeente: 'GM0080',
				fund: 'OMO-fonds',
				year: 2025,
				organisatie: 'woningcorporatie',
				amount: 125_050n
			}
		});
	});

	it.each([
		[{ gemeente: 'GM0344' }, 'gemeente', 'Utrecht valt buiten uw bereik.'],
		[{ gemeente: '' }, 'gemeente', 'Kies een gemeente.'],
		[{ fonds: ' ' }, 'fonds', 'Geef de naam van het fonds (1 tot 100 tekens).'],
		[{ jaar: '1999' }, 'jaar', 'Geef een jaar van 2000 tot en met 2100.'],
		[{ organisatie: 'de buurman' }, 'organisatie', expect.stringContaining('Kies de partij')],
		[{ bedrag: '0' }, 'bedrag', expect.stringContaining('boven 0')],
		[{ bedrag: '-5' }, 'bedrag', expect.stringContaining('boven 0')],
		[{ bedrag: '1.000.000.000,01' }, 'bedrag', expect.stringContaining('boven 0')]
	])('refuses %o with a Dutch message on its field', (over, field, message) => {
		expect(checkContribution(input(over as Partial<ContributionInput>), LEEUWARDEN)).toEqual({
			message,
			field
		});
	});
});
