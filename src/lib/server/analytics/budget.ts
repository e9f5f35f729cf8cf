/** The one money summary (spent, savings, funds, who benefits, advances) in exact cents: the budget page, the API, the college report and the national package all take their money from `summarize`. */
import type { CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import { centsOf, euros, type Cents } from '$lib/domain/money';
import type { Database } from '../db';
import { splitRows } from './budget/parties';
import { moneyRows, type FundMoneyRow, type MoneyRows } from './budget/queries';

/** A selection's money in whole cents. */
export interface MoneySummary {
	cases: number;
	/** Cases with a kosten_oplossing, and with an estimate of the avoided costs. */
	withCost: number;
	withEstimate: number;
	spent: Cents;
	savingsLow: Cents;
	savingsHigh: Cents;
	/** Cases with a cost but no estimate of avoided costs: shown, never counted as zero savings. */
	withoutEstimate: number;
	advanced: Cents;
	repaid: Cents;
	forgiven: Cents;
	/** Advanced - repaid - forgiven. */
	outstanding: Cents;
	/** Paid into the funds by partners (and top-ups), over the years the period touches. */
	contributions: Cents;
	/** Per fund name (folded), over the municipalities of the selection; budgets and contributions over the years the period touches. */
	funds: {
		key: string;
		fund: string;
		budget: Cents | null;
		contributions: Cents;
		spent: Cents;
		cases: number;
	}[];
	/** Each case's savings split evenly over its baten_bij parties, rounded to a cent once per party. */
	benefitsBy: { party: string; savingsLow: Cents; savingsHigh: Cents }[];
}

/** The summary as `GET /api/v1/budget` answers it: euros, exact to the cent. */
export interface BudgetSummary {
	cases: number;
	spent: number;
	savingsLow: number;
	savingsHigh: number;
	/** Cases with a cost but no estimate of avoided costs: shown, never counted as zero savings. */
	withoutEstimate: number;
	advanced: number;
	repaid: number;
	forgiven: number;
	outstanding: number;
	contributions: number;
	funds: { fund: string; budget: number | null; contributions: number; spent: number; cases: number }[];
	benefitsBy: { party: string; savingsLow: number; savingsHigh: number }[];
}

/**
 * A fund's name as the budget page shows it: as its budget was set for the latest year, else as a
 * contribution or most of its cases spell it; over several municipalities, the first municipality's (by code).
 */
function fundNames(
	money: FundMoneyRow[],
	budgets: MoneyRows['budgets'],
	contributions: MoneyRows['contributions']
): Map<string, string> {
	const perGemeente = new Map<string, { gemeente: string; name: string }>();
	for (const r of money)
		if (r.g_fund === 0 && r.fund_key !== null && r.fund !== null)
			perGemeente.set(`${r.gemeente}|${r.fund_key}`, { gemeente: r.gemeente!, name: r.fund });
	for (const c of contributions)
		perGemeente.set(`${c.gemeente}|${c.fund_key}`, { gemeente: c.gemeente, name: c.name });
	// Budget rows come oldest first: the latest year's name wins.
	for (const b of budgets)
		perGemeente.set(`${b.gemeente}|${b.fund_key}`, { gemeente: b.gemeente, name: b.name });
	const names = new Map<string, { gemeente: string; name: string }>();
	for (const [id, named] of perGemeente) {
		const key = id.slice(id.indexOf('|') + 1);
		const seen = names.get(key);
		if (!seen || named.gemeente < seen.gemeente) names.set(key, named);
	}
	return new Map([...names].map(([key, n]) => [key, n.name]));
}

function fundsOf(rows: MoneyRows): MoneySummary['funds'] {
	const names = fundNames(rows.money, rows.budgets, rows.contributions);
	const funds = new Map<string, MoneySummary['funds'][number]>();
	const fund = (key: string) => {
		let f = funds.get(key);
		if (!f) {
			f = { key, fund: names.get(key) ?? key, budget: null, contributions: 0n, spent: 0n, cases: 0 };
			funds.set(key, f);
		}
		return f;
	};
	for (const r of rows.money) {
		if (r.g_fund !== 0 || r.fund_key === null) continue;
		const f = fund(r.fund_key);
		f.spent += centsOf(r.spent);
		f.cases += r.cases;
	}
	for (const b of rows.budgets) {
		const f = fund(b.fund_key);
		f.budget = (f.budget ?? 0n) + centsOf(b.budget);
	}
	for (const c of rows.contributions) fund(c.fund_key).contributions += centsOf(c.amount);
	return [...funds.values()].sort(
		(a, b) =>
			(b.spent > a.spent ? 1 : b.spent < a.spent ? -1 : 0) || (a.fund < b.fund ? -1 : a.fund > b.fund ? 1 : 0)
	);
}

/** The one computation of a selection's money, from the rows `moneyRows` fetched; exact, in cents. */
export function summarize(rows: MoneyRows): MoneySummary {
	const total = rows.money.find((r) => r.g_fund === 1 && r.g_monitoring === 1);
	const advances = rows.advances.find((r) => r.g === 1);
	const advanced = centsOf(advances?.advanced);
	const repaid = centsOf(advances?.repaid);
	const forgiven = centsOf(advances?.forgiven);
	return {
		cases: total?.cases ?? 0,
		withCost: total?.with_cost ?? 0,
		withEstimate: total?.with_estimate ?? 0,
		spent: centsOf(total?.spent),
		savingsLow: centsOf(total?.low),
		savingsHigh: centsOf(total?.high),
		withoutEstimate: total?.no_estimate_cases ?? 0,
		advanced,
		repaid,
		forgiven,
		outstanding: advanced - repaid - forgiven,
		contributions: rows.contributions.reduce((sum, c) => sum + centsOf(c.amount), 0n),
		funds: fundsOf(rows),
		benefitsBy: splitRows(rows.benefits.filter((r) => r.g_quarter === 1)).map((s) => ({
			party: s.party,
			savingsLow: s.savings.low,
			savingsHigh: s.savings.high
		}))
	};
}

/** The summary in euros: the only place its cents become numbers. */
export function inEuros(s: MoneySummary): BudgetSummary {
	return {
		cases: s.cases,
		spent: euros(s.spent),
		savingsLow: euros(s.savingsLow),
		savingsHigh: euros(s.savingsHigh),
		withoutEstimate: s.withoutEstimate,
		advanced: euros(s.advanced),
		repaid: euros(s.repaid),
		forgiven: euros(s.forgiven),
		outstanding: euros(s.outstanding),
		contributions: euros(s.contributions),
		funds: s.funds.map((f) => ({
			fund: f.fund,
			budget: f.budget === null ? null : euros(f.budget),
			contributions: euros(f.contributions),
			spent: euros(f.spent),
			cases: f.cases
		})),
		benefitsBy: s.benefitsBy.map((b) => ({
			party: b.party,
			savingsLow: euros(b.savingsLow),
			savingsHigh: euros(b.savingsHigh)
		}))
	};
}

export async function moneySummary(db: Database, reach: Reach, filter: CaseFilter): Promise<MoneySummary> {
	return summarize(await moneyRows(db, reach, filter));
}

/** `GET /api/v1/budget` and the college report. */
export async function budgetSummary(db: Database, reach: Reach, filter: CaseFilter): Promise<BudgetSummary> {
	return inEuros(await moneySummary(db, reach, filter));
}
