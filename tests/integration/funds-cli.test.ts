/** The CLI's fund ledger (`fund set`, `fund contribute`): amounts in the export's format kept to the cent, partners as organisation codes, refusals with exit 1 and misuse with exit 2. */
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '$lib/server/db';
import { fundLedger } from '$lib/server/funds/ledger';
import { cli, freshDb, removeDb } from '../support/server';

const db = freshDb('funds');
afterAll(() => removeDb(db));

describe('fund set and fund contribute', () => {
	it('books a budget and contributions by code, name or synonym, and the ledger balances them', async () => {
		const set = cli(
			[
				'fund',
				'set',
				'OMO-fonds',
				'--gemeente',
				'Leeuwarden',
				'--year',
				'2026',
				'--budget',
				'100.000,10',
				'--json'
			],
			{ db }
		);
		expect(set.code).toBe(0);
		expect(set.json).toEqual({
			status: 'ok',
			gemeente: 'GM0080',
			fund: 'OMO-fonds',
			year: 2026,
			budget: 100_000.1
		});
		const contribute = (from: string, amount: string) =>
			cli(
				[
					'fund',
					'contribute',
					'omo-fonds',
					'--gemeente',
					'GM0080',
					'--year',
					'2026',
					'--from',
					from,
					'--amount',
					amount,
					'--json'
				],
				{ db }
			);
		const first = contribute('Zorgverzekeraar', '€ 25.000,20');
		expect(first.code).toBe(0);
		expect(first.json).toMatchObject({
			status: 'ok',
			gemeente: 'GM0080',
			fund: 'omo-fonds',
			year: 2026,
			from: 'zorgverzekeraar',
			amount: 25_000.2
		});
		expect(contribute('corporatie', '0,10').code).toBe(0);
		const text = cli(
			[
				'fund',
				'contribute',
				'OMO-fonds',
				'--gemeente',
				'GM0080',
				'--year',
				'2026',
				'--from',
				'UWV',
				'--amount',
				'0,20'
			],
			{ db }
		);
		expect(text.code).toBe(0);
		expect(text.stdout.replace(/\u00a0/g, ' ')).toContain(
			'Bijdrage van UWV aan OMO-fonds (Leeuwarden, 2026) geboekt: € 0,20.'
		);

		const store = await openStore(db);
		try {
			const { rows, entries } = await fundLedger(store, { all: true });
			// 100.000,10 + 25.000,20 + 0,10 + 0,20, nothing spent.
			expect(rows).toMatchObject([
				{ fund: 'OMO-fonds', year: 2026, budget: 100_000.1, contributions: 25_000.5, balance: 125_000.6 }
			]);
			expect(entries.map((e) => [e.organisatie, e.amount, e.createdBy])).toEqual([
				['zorgverzekeraar', 25_000.2, 'cli'],
				['woningcorporatie', 0.1, 'cli'],
				['UWV', 0.2, 'cli']
			]);
		} finally {
			store.close();
		}
	});

	it('refuses an unknown partner, a zero or negative amount and an unknown municipality with exit 1, and nothing is booked', async () => {
		const db2 = freshDb('funds-refused');
		try {
			const run = (over: Record<string, string>) => {
				const o = { gemeente: 'GM0080', year: '2026', from: 'UWV', amount: '10', ...over };
				return cli(
					[
						'fund',
						'contribute',
						'OMO-fonds',
						'--gemeente',
						o.gemeente,
						'--year',
						o.year,
						'--from',
						o.from,
						`--amount=${o.amount}`
					],
					{ db: db2 }
				);
			};
			const unknown = run({ from: 'de buurman' });
			expect(unknown.code).toBe(1);
			expect(unknown.stderr).toContain('Kies de partij die bijdraagt');
			expect(run({ amount: '0' }).code).toBe(1);
			expect(run({ amount: '-5' }).code).toBe(1);
			expect(run({ gemeente: 'Atlantis' }).code).toBe(1);
			expect(run({ year: '99' }).code).toBe(1);
			const missing = cli(
				['fund', 'contribute', 'OMO-fonds', '--gemeente', 'GM0080', '--year', '2026', '--amount', '10'],
				{ db: db2 }
			);
			expect(missing.code).toBe(2);
			const store = await openStore(db2);
			try {
				expect((await fundLedger(store, { all: true })).entries).toEqual([]);
			} finally {
				store.close();
			}
		} finally {
			removeDb(db2);
		}
	});
});
