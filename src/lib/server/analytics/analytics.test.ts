/** Tests of the analytics queries on a real DuckDB file: co-occurrence readings, every filter, reach, money, signals. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTER, type CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import { caseRow, closeTempStore, importRows, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { cooccurrence, expandMatrix } from './cooccurrence';
import { countsByLabel } from './counts';
import { keyFigures } from './dashboard';
import { budgetSummary } from './budget';
import { euros, splitEvenly, type Cents } from '$lib/domain/money';
import { signals } from '../kwesties/signals';
import { parseFilter } from './filter';

const ALL: Reach = { all: true };
const filter = (f: Partial<CaseFilter> = {}): CaseFilter => ({ ...EMPTY_FILTER, ...f });

describe('expandMatrix', () => {
	const positions = [
		{ code: 'a', position: 0 },
		{ code: 'b', position: 1 },
		{ code: 'c', position: 2 },
		{ code: 'd', position: 3 }
	];
	const groups = [
		{ mask: 0b001n, cases: 4 }, // a alone
		{ mask: 0b011n, cases: 2 }, // a + b
		{ mask: 0b111n, cases: 1 }, // a + b + c
		{ mask: 0n, cases: 3 } // none
	];

	it('counts pairs off the diagonal and single-label cases on it with diagonal=single', () => {
		const m = expandMatrix(groups, positions, 'single');
		expect(m.labels).toEqual(['a', 'b', 'c']);
		expect(m.matrix).toEqual([
			[4, 3, 1],
			[3, 0, 1],
			[1, 1, 0]
		]);
		expect(m.totals).toEqual({ a: 7, b: 3, c: 1 });
		expect(m.cases).toBe(10);
		expect(m.withLabel).toBe(7);
	});

	it('puts every case naming the label on the diagonal with diagonal=total', () => {
		const m = expandMatrix(groups, positions, 'total');
		expect(m.matrix.map((row, i) => row[i])).toEqual([7, 3, 1]);
		expect(m.matrix[0][1]).toBe(3);
	});
});

describe('splitting savings over parties', () => {
	/** The shares in euros, as the budget answer gives them. */
	const splitBenefits = (groups: { mask: bigint; low: Cents; high: Cents }[], partiesOf: typeof parties) =>
		splitEvenly(groups, partiesOf).map((s) => ({
			party: s.party,
			savingsLow: euros(s.savings.low),
			savingsHigh: euros(s.savings.high)
		}));
	const parties = (mask: bigint) =>
		['gemeente', 'woningcorporatie', 'zorgverzekeraar'].filter((_, i) => (mask >> BigInt(i)) & 1n);

	it('splits evenly and exactly, rounding to cents only at the end', () => {
		// 3 cases of 100,00 over three parties: 33,333… each, three times = 100,00 exactly, not 99,99.
		const result = splitBenefits([{ mask: 0b111n, low: 30000n, high: 30000n }], parties);
		expect(result.find((r) => r.party === 'gemeente')?.savingsLow).toBe(100);
		const mixed = splitBenefits(
			[
				{ mask: 0b111n, low: 10000n, high: 20000n },
				{ mask: 0b001n, low: 5n, high: 5n },
				{ mask: 0b011n, low: 1n, high: 3n }
			],
			parties
		);
		// gemeente: 10000/3 + 5 + 1/2 = 3338,83… cents.
		expect(mixed.find((r) => r.party === 'gemeente')).toEqual({
			party: 'gemeente',
			savingsLow: 33.39,
			savingsHigh: 66.73
		});
	});

	it('puts savings without parties under onbekend', () => {
		const result = splitBenefits([{ mask: 0n, low: 12345n, high: 99999n }], parties);
		expect(result).toEqual([{ party: 'onbekend', savingsLow: 123.45, savingsHigh: 999.99 }]);
	});
});

describe('queries', () => {
	let store: Store;

	beforeEach(async () => {
		store = await openTempStore();
		const result = await importRows(store, [
			caseRow('A1', {
				aangemeld_op: '2024-01-10',
				leefgebieden: 'financiën|wonen',
				organisaties: 'IND|UWV',
				route: 'Casusteam',
				escalatie: 'lokale_tafel',
				knelpunt: '4',
				status: 'afgerond',
				afgerond_op: '2024-02-10',
				uitkomst: 'opgelost',
				kwestie: 'Verblijfsvergunning te laat verlengd',
				fonds: 'Maatwerkbudget',
				kosten_oplossing: '100,00',
				besparing_laag: '300,00',
				besparing_hoog: '900,00',
				baten_bij: 'gemeente|woningcorporatie|zorgverzekeraar'
			}),
			caseRow('A2', {
				aangemeld_op: '2024-06-30',
				leefgebieden: 'financiën',
				organisaties: 'IND',
				route: 'Maatwerkcoach',
				escalatie: 'maatwerkcoach',
				knelpunt: '2A',
				kwestie: 'verblijfsvergunning  te laat VERLENGD',
				fonds: 'maatwerkbudget',
				kosten_oplossing: '0,10'
			}),
			caseRow('A3', {
				aangemeld_op: '2025-03-01',
				leefgebieden: 'wonen|psychische gezondheid',
				route: 'Casusteam',
				escalatie: 'lokale_tafel',
				knelpunt: '4',
				status: 'ingetrokken',
				afgerond_op: '2025-03-02',
				kwestie: 'Verblijfsvergunning te laat verlengd',
				besparing_hoog: '50,00'
			}),
			caseRow('U1', {
				gemeente: 'GM0344',
				aangemeld_op: '2024-03-03',
				leefgebieden: 'financiën|wonen',
				organisaties: 'IND',
				kwestie: 'Verblijfsvergunning te laat verlengd',
				fonds: 'OMO-fonds',
				kosten_oplossing: '1.000.000,00'
			})
		]);
		expect(result.status).toBe('imported');
	});

	afterEach(() => closeTempStore(store));

	it('co-occurrence counts pairs and both diagonals over the cases in reach', async () => {
		const single = await cooccurrence(
			store.db,
			'leefgebieden',
			'single',
			{ all: false, gemeenten: ['GM0080'] },
			filter()
		);
		expect(single.cases).toBe(3);
		expect(single.labels).toEqual(['financiën', 'wonen', 'psychische gezondheid']);
		expect(single.matrix).toEqual([
			[1, 1, 0],
			[1, 0, 1],
			[0, 1, 0]
		]);
		const total = await cooccurrence(store.db, 'leefgebieden', 'total', ALL, filter());
		expect(total.cases).toBe(4);
		expect(total.matrix[0][0]).toBe(3);
		expect(total.matrix[0][1]).toBe(2);
		const organisaties = await cooccurrence(store.db, 'organisaties', 'single', ALL, filter());
		expect(organisaties.withLabel).toBe(3);
		expect(organisaties.cases).toBe(4);
	});

	it('applies every filter', async () => {
		const count = async (f: Partial<CaseFilter>) =>
			(await countsByLabel(store.db, 'leefgebieden', ALL, filter(f))).cases;
		expect(await count({ from: '2024-06-30' })).toBe(2);
		expect(await count({ to: '2024-06-30' })).toBe(3);
		expect(await count({ from: '2024-01-10', to: '2024-01-10' })).toBe(1);
		expect(await count({ gemeente: 'GM0344' })).toBe(1);
		expect(await count({ route: 'casusteam' })).toBe(2);
		expect(await count({ status: 'ingetrokken' })).toBe(1);
		expect(await count({ escalatie: 'maatwerkcoach' })).toBe(1);
		expect(await count({ knelpunt: '4' })).toBe(2);
		expect(await count({ gemeente: 'GM0080', knelpunt: '4', status: 'afgerond' })).toBe(1);
	});

	it('gives an empty answer, not an error, when nothing matches', async () => {
		const empty = await cooccurrence(store.db, 'wetten', 'single', ALL, filter({ from: '2030-01-01' }));
		expect(empty).toMatchObject({ labels: [], matrix: [], cases: 0, withLabel: 0 });
		const figures = await keyFigures(store.db, ALL, filter({ from: '2030-01-01' }));
		expect(figures.cases).toBe(0);
		expect(figures.byYear).toEqual([]);
	});

	it('never leaves the reach, whatever the filter asks', async () => {
		const reach: Reach = { all: false, gemeenten: ['GM0080'] };
		expect((await countsByLabel(store.db, 'leefgebieden', reach, filter({ gemeente: 'GM0344' }))).cases).toBe(
			0
		);
		const parsed = parseFilter(new URLSearchParams('gemeente=Utrecht'), reach);
		expect(parsed).toMatchObject({ ok: false, status: 403 });
		expect(parseFilter(new URLSearchParams('from=2024-02-31'), reach)).toMatchObject({
			ok: false,
			status: 400
		});
	});

	it('key figures count status, outcome, steps and years', async () => {
		const f = await keyFigures(store.db, { all: false, gemeenten: ['GM0080'] }, filter());
		expect(f).toMatchObject({ cases: 3, open: 1, solved: 1, withdrawn: 1, gemeenten: 1 });
		expect(f.byYear).toEqual([
			{ year: 2024, cases: 2, open: 1, solved: 1, withdrawn: 0 },
			{ year: 2025, cases: 1, open: 0, solved: 0, withdrawn: 1 }
		]);
		expect(f.byStep.find((s) => s.step === 'lokale_tafel')?.cases).toBe(2);
	});

	it('budget sums exactly, groups funds case-insensitively and counts missing estimates', async () => {
		const b = await budgetSummary(store.db, ALL, filter());
		expect(b.spent).toBe(1_000_100.1);
		expect(b.savingsLow).toBe(350);
		expect(b.savingsHigh).toBe(950);
		expect(b.funds.find((f) => f.fund.toLowerCase() === 'maatwerkbudget')).toMatchObject({
			spent: 100.1,
			cases: 2,
			budget: null
		});
		expect(b.withoutEstimate).toBe(2);
		expect(b.benefitsBy.find((p) => p.party === 'onbekend')).toEqual({
			party: 'onbekend',
			savingsLow: 50,
			savingsHigh: 50
		});
		expect(b.benefitsBy.find((p) => p.party === 'gemeente')).toEqual({
			party: 'gemeente',
			savingsLow: 100,
			savingsHigh: 300
		});
	});

	it('signals: the window ends on as_of (included) and starts the day after as_of minus the months', async () => {
		const options = { threshold: 3, windowMonths: 12 };
		const at = async (asOf: string, reach: Reach = ALL, extra = {}) =>
			(await signals(store.db, reach, filter(), { ...options, asOf, ...extra }))[0]?.cases ?? 0;
		// Cases on 2024-01-10, 2024-03-03, 2024-06-30 and 2025-03-01, one label written three ways.
		expect(await at('2024-06-30')).toBe(3);
		expect(await at('2024-06-29')).toBe(0);
		expect(await at('2025-01-09'), 'the window (2024-01-09, 2025-01-09] holds 2024-01-10').toBe(3);
		expect(await at('2025-01-10'), 'the window (2024-01-10, 2025-01-10] excludes 2024-01-10').toBe(0);
		expect(await at('2025-03-01')).toBe(3);
		expect(await at('2025-03-03')).toBe(0);
		expect(await at('2024-06-30', { all: false, gemeenten: ['GM0080'] })).toBe(0);
		expect(await at('2024-06-30', { all: false, gemeenten: ['GM0080'] }, { threshold: 2 })).toBe(2);
		const [signal] = await signals(store.db, ALL, filter(), { ...options, asOf: '2024-12-31' });
		expect(signal).toMatchObject({
			kwestie: 'Verblijfsvergunning te laat verlengd',
			first: '2024-01-10',
			last: '2024-06-30',
			gemeenten: 2
		});
	});

	it('signals clamp calendar months to the month end', async () => {
		const store2 = await openTempStore();
		try {
			await importRows(store2, [
				caseRow('M1', { aangemeld_op: '2025-02-28', kwestie: 'x' }),
				caseRow('M2', { aangemeld_op: '2025-03-01', kwestie: 'x' }),
				caseRow('M3', { aangemeld_op: '2025-03-31', kwestie: 'x' })
			]);
			const found = await signals(store2.db, ALL, filter(), {
				threshold: 1,
				windowMonths: 1,
				asOf: '2025-03-31'
			});
			expect(found[0].cases).toBe(2);
		} finally {
			closeTempStore(store2);
		}
	});
});
