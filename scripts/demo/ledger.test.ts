/** The demo's contributions and fund rules: true to the demo's funds, accepted as the forms would accept them, booked again without doubling. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTempStore, openTempStore, type Store } from '../../src/lib/server/ingest/fixtures/helpers';
import { addContribution, checkContribution } from '../../src/lib/server/funds/contributions';
import { checkRule } from '../../src/lib/server/funds/rules';
import { fold } from '../../src/lib/domain/text';
import { demoFunds } from './generate';
import { demoLedger, fillDemoLedger } from './ledger';

const YEARS = [2023, 2024, 2025, 2026];
const ALL = { all: true } as const;

let store: Store;

beforeAll(async () => {
	store = await openTempStore();
});

afterAll(() => closeTempStore(store));

describe('demoLedger', () => {
	const { contributions, rules } = demoLedger(YEARS);
	const budgets = new Map(demoFunds(YEARS).map((f) => [`${f.gemeente}|${fold(f.name)}|${f.year}`, f.budget]));

	it('books contributions to funds of the demo, for some municipalities, well below their budgets', () => {
		const gemeenten = new Set(contributions.map((c) => c.gemeente));
		expect(gemeenten.size).toBeGreaterThanOrEqual(2);
		expect(gemeenten.size).toBeLessThan(new Set(demoFunds(YEARS).map((f) => f.gemeente)).size);
		const perFund = new Map<string, bigint>();
		for (const c of contributions) {
			const id = `${c.gemeente}|${fold(c.fund)}|${c.year}`;
			expect(budgets.has(id), id).toBe(true);
			perFund.set(id, (perFund.get(id) ?? 0n) + c.amount);
		}
		for (const [id, amount] of perFund) expect(Number(amount) / 100, id).toBeLessThan(budgets.get(id)! / 4);
	});

	it('derives its entries from the years alone, in any order', () => {
		expect(demoLedger([...YEARS].reverse())).toEqual(demoLedger(YEARS));
		expect(new Set(demoLedger(YEARS).contributions.map((c) => c.year))).toEqual(new Set(YEARS));
		const later = demoLedger(YEARS.map((y) => y + 1)).contributions;
		expect(later.map((c) => c.amount)).toEqual(contributions.map((c) => c.amount));
	});

	it('has partners start paying in later years too, so not every year looks the same', () => {
		const partners = (year: number) => contributions.filter((c) => c.year === year).length;
		expect(partners(YEARS[0])).toBeLessThan(partners(YEARS[3]));
	});

	it('is accepted as the Fondsen page and `fund contribute` would accept it', () => {
		for (const c of contributions) {
			const checked = checkContribution(
				{
					gemeente: c.gemeente,
					fonds: c.fund,
					jaar: String(c.year),
					organisatie: c.organisatie,
					bedrag: String(c.amount / 100n)
				},
				ALL
			);
			expect(checked).toEqual({ contribution: c });
		}
		for (const r of rules) {
			const checked = checkRule(
				{
					gemeente: r.gemeente,
					fonds: r.fund,
					maximum: String(r.maxPerCase / 100n),
					goedkeuring: r.approval
				},
				ALL
			);
			expect(checked).toEqual({ rule: r });
			expect(budgets.has(`${r.gemeente}|${fold(r.fund)}|${YEARS[0]}`), r.fund).toBe(true);
		}
	});

	it("sets Utrecht's voorkom-erger-potje to at most 500 euros a case, above which the teamleider decides", () => {
		expect(rules).toContainEqual({
			gemeente: 'GM0344',
			fund: 'voorkom-erger-potje',
			maxPerCase: 50_000n,
			approval: 'teamleider'
		});
		expect(rules.some((r) => r.approval === 'college')).toBe(true);
	});
});

describe('fillDemoLedger', () => {
	it("books the entries as 'demo' and books them again without doubling, leaving others' entries", async () => {
		const other = { gemeente: 'GM0344', fund: 'OMO-fonds', year: 2024, organisatie: 'woningcorporatie' };
		await addContribution(store.db, { ...other, amount: 100_000n }, 'beheerder@demo.example');
		const first = await fillDemoLedger(store.db, YEARS);
		expect(await fillDemoLedger(store.db, YEARS)).toEqual(first);
		const rows = await store.db.all<{ actor: string; n: number; total: string }>(
			`SELECT created_by AS actor, count(*)::INTEGER AS n, sum(amount)::VARCHAR AS total
			 FROM fund_contributions GROUP BY ALL ORDER BY actor`
		);
		const total = demoLedger(YEARS).contributions.reduce((a, c) => a + c.amount, 0n);
		expect(rows).toEqual([
			{ actor: 'beheerder@demo.example', n: 1, total: '1000.00' },
			{ actor: 'demo', n: first.contributions, total: `${total / 100n}.00` }
		]);
		const rules = await store.db.one<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM fund_rules WHERE updated_by = 'demo'`
		);
		expect(rules!.n).toBe(first.rules);
	});
});
