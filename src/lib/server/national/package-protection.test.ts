/** The national package as "Who sees what" asks it on a real DuckDB file: kwesties of at least 3 cases, whatever the municipality's threshold, and amounts that nested periods cannot difference. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseRow, closeTempStore, importRows, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { MIN_LIST_THRESHOLD } from '../disclosure/audience';
import { buildPackage, PACKAGE_AMOUNTS, type NationalPackage } from './package';
import { parsePeriod } from './period';

const EXACT = { minimum: 0, rounding: 1, publishZero: true, amountCents: 1 };

let store: Store;
beforeEach(async () => {
	store = await openTempStore();
});
afterEach(() => closeTempStore(store));

/** Sets the municipality's own signal threshold, as its beheerder does. */
const setThreshold = (threshold: number) =>
	store.db.run(`INSERT INTO settings VALUES ('GM0080', 'signal_threshold', $value::JSON)`, {
		value: JSON.stringify(threshold)
	});

describe('kwesties in a package', () => {
	it('lists the kwesties that reached the threshold within the period, with their count and status', async () => {
		const rows = [
			// Nine cases in Q2 on one kwestie, written three ways: one signal of 9, published as 10.
			...Array.from({ length: 9 }, (_, i) =>
				caseRow(`K-${i}`, {
					aangemeld_op: `0${i + 1}-05-2025`,
					kwestie: ['Wachttijd schuldhulp', 'wachttijd  schuldhulp', 'Wáchttijd Schuldhulp'][i % 3]
				})
			),
			// Two cases: below the threshold of 3.
			caseRow('L-1', { aangemeld_op: '01-06-2025', kwestie: 'Geen postadres' }),
			caseRow('L-2', { aangemeld_op: '02-06-2025', kwestie: 'Geen postadres' }),
			// Three cases, of which one before the period: not a signal in Q2.
			caseRow('M-1', { aangemeld_op: '31-03-2025', kwestie: 'Energietoeslag' }),
			caseRow('M-2', { aangemeld_op: '01-04-2025', kwestie: 'Energietoeslag' }),
			caseRow('M-3', { aangemeld_op: '02-04-2025', kwestie: 'Energietoeslag' })
		];
		expect((await importRows(store, rows)).status).toBe('imported');
		// The import may already have registered the kwestie: its status is set either way.
		await store.db.run(
			`INSERT INTO kwesties (scope, key, label, status) VALUES ('GM0080', 'wachttijd schuldhulp', 'Wachttijd schuldhulp', 'in_analyse')
			 ON CONFLICT (scope, key) DO UPDATE SET status = excluded.status`
		);
		const pkg = await buildPackage(store.db, 'GM0080', parsePeriod('2025-Q2')!);
		expect(pkg.tables.kwesties.rows).toHaveLength(1);
		expect(pkg.tables.kwesties.rows[0].toLowerCase().replace(/\s+/g, ' ')).toMatch(/w[aá]chttijd schuldhulp/);
		expect(pkg.tables.kwesties.cells).toEqual([[10]]);
		expect(pkg.kwestieStatus).toEqual(['in_analyse']);
	});

	it('keeps a kwestie of fewer than 3 cases out of the package, even when the municipality’s own threshold is 1 or 2', async () => {
		const rows = [
			...Array.from({ length: 9 }, (_, i) =>
				caseRow(`K-${i}`, { aangemeld_op: `0${i + 1}-05-2025`, kwestie: 'Wachttijd schuldhulp' })
			),
			// Exactly 3 cases: reaches the raised threshold (a hidden count).
			...[1, 2, 3].map((d) =>
				caseRow(`M-${d}`, { aangemeld_op: `0${d}-04-2025`, kwestie: 'Energietoeslag' })
			),
			// 2 cases and 1 case: signals at the municipality's own threshold of 1, never in a package.
			caseRow('L-1', { aangemeld_op: '01-06-2025', kwestie: 'Geen postadres' }),
			caseRow('L-2', { aangemeld_op: '02-06-2025', kwestie: 'Geen postadres' }),
			caseRow('E-1', { aangemeld_op: '03-06-2025', kwestie: 'Eenmalige kwestie' })
		];
		expect((await importRows(store, rows)).status).toBe('imported');
		expect(MIN_LIST_THRESHOLD).toBe(3);
		const q2 = parsePeriod('2025-Q2')!;
		for (const threshold of [1, 2]) {
			await store.db.run(`DELETE FROM settings WHERE scope = 'GM0080' AND key = 'signal_threshold'`);
			await setThreshold(threshold);
			const exact = await buildPackage(store.db, 'GM0080', q2, EXACT);
			expect(exact.tables.kwesties.rows, `drempel ${threshold}`).toEqual([
				'Wachttijd schuldhulp',
				'Energietoeslag'
			]);
			expect(exact.tables.kwesties.cells).toEqual([[9], [3]]);
			const pkg = await buildPackage(store.db, 'GM0080', q2);
			expect(pkg.tables.kwesties.rows).toEqual(exact.tables.kwesties.rows);
			// The 3 is hidden, and so is the 9 beside it, since the total (12, published as 10) would give it away.
			expect(pkg.tables.kwesties.cells).toEqual([['geheim'], ['geheim']]);
			expect(pkg.tables.kwesties.total).toBe(10);
			expect(pkg.kwestieStatus).toHaveLength(2);
		}
		// A threshold above 3 is the municipality's own choice and stays.
		await store.db.run(`DELETE FROM settings WHERE scope = 'GM0080' AND key = 'signal_threshold'`);
		await setThreshold(4);
		expect((await buildPackage(store.db, 'GM0080', q2, EXACT)).tables.kwesties.rows).toEqual([
			'Wachttijd schuldhulp'
		]);
	});
});

describe('amounts of nested periods', () => {
	/** One case per amount set, spread over the three months of the quarter that starts in `month`. */
	const quarter = (
		prefix: string,
		month: number,
		amounts: { kosten_oplossing: string; besparing_laag: string; besparing_hoog: string }[]
	) =>
		amounts.map((a, i) =>
			caseRow(`${prefix}-${i}`, {
				aangemeld_op: `${String(i + 1).padStart(2, '0')}-${String(month + (i % 3)).padStart(2, '0')}-2025`,
				...a
			})
		);
	const times = (
		n: number,
		a: { kosten_oplossing: string; besparing_laag: string; besparing_hoog: string }
	) => Array.from({ length: n }, () => a);
	// Q1: 8 cases of 1,111.11 / 2,222.22 / 3,333.33 euros.
	const q1Rows = quarter(
		'Q1',
		1,
		times(8, { kosten_oplossing: '1.111,11', besparing_laag: '2.222,22', besparing_hoog: '3.333,33' })
	);
	// Q2: 8 cases making 12,345.67 spent and 20,432.10 to 31,777.77 saved, none a multiple of 1000.
	const q2Rows = quarter('Q2', 4, [
		...times(7, { kosten_oplossing: '1.500,00', besparing_laag: '2.500,00', besparing_hoog: '4.000,00' }),
		{ kosten_oplossing: '1.845,67', besparing_laag: '2.932,10', besparing_hoog: '3.777,77' }
	]);
	const exactQ2 = { spend: 12_345.67, savingsLow: 20_432.1, savingsHigh: 31_777.77 };

	it('rounds every amount to whole thousands, so that a half-year minus its first quarter is not the second quarter', async () => {
		expect((await importRows(store, [...q1Rows, ...q2Rows])).status).toBe('imported');
		const [h1, q1, q2] = ['2025-H1', '2025-Q1', '2025-Q2'].map((p) => parsePeriod(p)!);
		// The data are what the test says: the exact second quarter, and the half-year as its two quarters.
		const exact = await buildPackage(store.db, 'GM0080', q2, EXACT);
		expect(exact.figures).toMatchObject(exactQ2);

		const packages: NationalPackage[] = await Promise.all(
			[h1, q1, q2].map((p) => buildPackage(store.db, 'GM0080', p))
		);
		const [half, first] = packages;
		for (const name of PACKAGE_AMOUNTS) {
			for (const pkg of packages) {
				const value = pkg.figures[name];
				expect(typeof value, `${name} ${pkg.from}`).toBe('number');
				expect(Math.abs((value as number) % 1000), `${name} ${pkg.from}: ${value}`).toBe(0);
			}
			const difference = (half.figures[name] as number) - (first.figures[name] as number);
			expect(Math.abs(difference - exactQ2[name as keyof typeof exactQ2]), name).toBeGreaterThan(0.5);
		}
	});
});
