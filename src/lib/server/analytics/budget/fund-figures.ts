/** A fund's budget against its spend: per calendar year with the current year's projection, and month by month for the chart. */
import type { CaseFilter } from '$lib/domain/filters';
import { centsOf, euros, mulDivRound, type Cents } from '$lib/domain/money';
import { reference } from '../../reference';
import { moneyOf, type MoneyFigures } from './figures';
import type { BudgetRow, ContributionRow, FundMoneyRow, SpendRow } from './queries';

/** One fund's budget and spend in one calendar year. */
export interface FundYear {
	year: number;
	/** As set with `fund set` or on /beheer/fondsen; null where none was set. */
	budget: number | null;
	/** Paid in by partners (`fund contribute`) that year. */
	contributions: number;
	/** Spent by the cases of the selection registered that year. */
	spent: number;
	/** Only for the current year: see `projection`. */
	projected: number | null;
	/** Budget and contributions minus projection, exact; null without a projection or without either. */
	remaining: number | null;
	/** The days whose pace the projection extends, `YYYY-MM-DD`; null outside the current year. */
	window: { from: string; to: string; days: number } | null;
}

/** A month of a fund's spend over time, with the budget available until then. */
export interface FundMonth {
	/** `YYYY-MM`. */
	month: string;
	spent: number;
	/** Spent from the start of the period through this month; null for months after today. */
	cumulative: number | null;
	/** The budgets of every year up to this month's, added at the start of each year; null where none was set. */
	budget: number | null;
}

export interface FundFigures {
	gemeente: string;
	gemeenteNaam: string;
	/** The folded fund name; null for spend recorded without a fund. */
	key: string | null;
	fund: string;
	/** Summed over the calendar years the filter touches (all years set without a period), as the API does. */
	budget: number | null;
	/** Paid in by partners over the same years. */
	contributions: number;
	/** The balance: budget + contributions + repaid advances - spent, exact; null without a budget or a contribution. */
	remaining: number | null;
	money: MoneyFigures;
	years: FundYear[];
	months: FundMonth[];
	/** The current year's projection drawn from today's cumulative spend to the year's last month. */
	projection: { fromMonth: string; toMonth: string; value: number } | null;
}

const NO_FUND = 'Geen fonds vastgelegd';

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const daysInYear = (year: number) => dayNumber(`${year + 1}-01-01`) - dayNumber(`${year}-01-01`);
const later = (a: string, b: string | null) => (b !== null && b > a ? b : a);
const earlier = (a: string, b: string | null) => (b !== null && b < a ? b : a);

/**
 * The projection of the current year at the pace so far:
 *
 *     projected = spent in the window × days in the year ÷ days in the window
 *
 * The window runs from 1 January (or the filter's start, if later) through today (or the filter's end,
 * if earlier), both included; spent in the window counts the selection's cases registered in it. With
 * no period chosen that is the year to date, so € 10.000 spent by 31 March 2025 (90 days) projects to
 * € 10.000 × 365 ÷ 90 = € 40.555,56. Other years get no projection: past ones are complete.
 */
export function projectYear(
	year: number,
	spentToDate: bigint,
	asOf: string,
	filter: Pick<CaseFilter, 'from' | 'to'>
): { projected: bigint; window: { from: string; to: string; days: number } } | null {
	if (year !== Number(asOf.slice(0, 4))) return null;
	const from = later(`${year}-01-01`, filter.from);
	const to = earlier(asOf, filter.to);
	const days = dayNumber(to) - dayNumber(from) + 1;
	if (days <= 0) return null;
	return {
		projected: mulDivRound(spentToDate, BigInt(daysInYear(year)), BigInt(days)),
		window: { from, to, days }
	};
}

/** Every `YYYY-MM` from the first to the last, both included. */
function monthsBetween(first: string, last: string): string[] {
	const months: string[] = [];
	let [y, m] = first.split('-').map(Number);
	for (;;) {
		const month = `${y}-${String(m).padStart(2, '0')}`;
		if (month > last) return months;
		months.push(month);
		if (++m > 12) [y, m] = [y + 1, 1];
	}
}

const fundId = (gemeente: string, key: string | null) => `${gemeente}|${key ?? ''}`;

interface FundParts {
	gemeente: string;
	key: string | null;
	name: string | null;
	money?: FundMoneyRow;
	budgets: Map<number, Cents>;
	contributions: Map<number, Cents>;
	spendYears: Map<number, { spent: Cents; toDate: Cents }>;
	spendMonths: Map<string, Cents>;
}

/** The months the spend charts share: the filter's period, or the years with a budget or spend. */
function chartMonths(parts: FundParts[], filter: CaseFilter, asOf: string): string[] {
	const years = parts.flatMap((p) => [
		...p.budgets.keys(),
		...p.contributions.keys(),
		...p.spendYears.keys()
	]);
	if (years.length === 0) return [];
	const first = filter.from?.slice(0, 7) ?? `${Math.min(...years)}-01`;
	const last = filter.to?.slice(0, 7) ?? `${Math.max(...years, Number(asOf.slice(0, 4)))}-12`;
	return first <= last ? monthsBetween(first, last) : [];
}

function fundFigures(p: FundParts, months: string[], filter: CaseFilter, asOf: string): FundFigures {
	const years = [...new Set([...p.budgets.keys(), ...p.contributions.keys(), ...p.spendYears.keys()])].sort(
		(a, b) => a - b
	);
	const sum = (values: Iterable<Cents>) => [...values].reduce((a, b) => a + b, 0n);
	const budgetTotal = p.budgets.size > 0 ? sum(p.budgets.values()) : null;
	const contributed = sum(p.contributions.values());
	const funded = budgetTotal !== null || p.contributions.size > 0;
	let current: { year: number; projected: bigint; toDate: bigint } | null = null;
	const fundYears: FundYear[] = years.map((year) => {
		const spend = p.spendYears.get(year) ?? { spent: 0n, toDate: 0n };
		const budget = p.budgets.get(year);
		const contributions = p.contributions.get(year);
		const available =
			budget === undefined && contributions === undefined ? null : (budget ?? 0n) + (contributions ?? 0n);
		const projection = projectYear(year, spend.toDate, asOf, filter);
		if (projection) current = { year, projected: projection.projected, toDate: spend.toDate };
		return {
			year,
			budget: budget === undefined ? null : euros(budget),
			contributions: euros(contributions ?? 0n),
			spent: euros(spend.spent),
			projected: projection ? euros(projection.projected) : null,
			remaining: available === null || !projection ? null : euros(available - projection.projected),
			window: projection?.window ?? null
		};
	});

	const asOfMonth = asOf.slice(0, 7);
	let cumulative = 0n;
	let lastShown: { month: string; cumulative: bigint } | null = null;
	const fundMonths: FundMonth[] = months.map((month) => {
		const spent = p.spendMonths.get(month) ?? 0n;
		cumulative += spent;
		if (month <= asOfMonth) lastShown = { month, cumulative };
		const year = Number(month.slice(0, 4));
		let budget: bigint | null = null;
		for (const [y, b] of p.budgets) if (y <= year) budget = (budget ?? 0n) + b;
		return {
			month,
			spent: euros(spent),
			cumulative: month <= asOfMonth ? euros(cumulative) : null,
			budget: budget === null ? null : euros(budget)
		};
	});

	return {
		gemeente: p.gemeente,
		gemeenteNaam: reference().gemeenten.naam(p.gemeente),
		key: p.key,
		fund: p.name ?? NO_FUND,
		budget: budgetTotal === null ? null : euros(budgetTotal),
		contributions: euros(contributed),
		remaining: funded
			? euros((budgetTotal ?? 0n) + contributed + centsOf(p.money?.repaid) - centsOf(p.money?.spent))
			: null,
		money: moneyOf(p.money),
		years: fundYears,
		months: p.key === null ? [] : fundMonths,
		projection: p.key === null ? null : projectionLine(months, lastShown, current)
	};
}

/** The dotted line of the chart: from today's cumulative spend to the year's end at the projected pace. */
function projectionLine(
	months: string[],
	lastShown: { month: string; cumulative: bigint } | null,
	current: { year: number; projected: bigint; toDate: bigint } | null
): FundFigures['projection'] {
	if (!lastShown || !current) return null;
	const yearEnd = `${current.year}-12`;
	if (!months.includes(yearEnd) || lastShown.month >= yearEnd) return null;
	return {
		fromMonth: lastShown.month,
		toMonth: yearEnd,
		value: euros(lastShown.cumulative + current.projected - current.toDate)
	};
}

function collectFunds(
	moneyRows: FundMoneyRow[],
	spendRows: SpendRow[],
	budgetRows: BudgetRow[],
	contributionRows: ContributionRow[]
): FundParts[] {
	const parts = new Map<string, FundParts>();
	const part = (gemeente: string, key: string | null) => {
		const id = fundId(gemeente, key);
		let p = parts.get(id);
		if (!p) {
			p = {
				gemeente,
				key,
				name: null,
				budgets: new Map(),
				contributions: new Map(),
				spendYears: new Map(),
				spendMonths: new Map()
			};
			parts.set(id, p);
		}
		return p;
	};
	for (const b of budgetRows) {
		const p = part(b.gemeente, b.fund_key);
		// The name as set for the latest year: rows come oldest first.
		p.name = b.name;
		p.budgets.set(b.year, centsOf(b.budget));
	}
	for (const c of contributionRows) {
		const p = part(c.gemeente, c.fund_key);
		p.name ??= c.name;
		p.contributions.set(c.year, (p.contributions.get(c.year) ?? 0n) + centsOf(c.amount));
	}
	for (const r of moneyRows) {
		if (r.g_fund !== 0) continue;
		const p = part(r.gemeente!, r.fund_key);
		p.money = r;
		p.name ??= r.fund;
	}
	for (const s of spendRows) {
		const p = part(s.gemeente, s.fund_key);
		if (s.g_month === 1) p.spendYears.set(s.year, { spent: centsOf(s.spent), toDate: centsOf(s.to_date) });
		else p.spendMonths.set(s.month!, centsOf(s.spent));
	}
	return [...parts.values()];
}

/** By spend, then budget, then name; spend without a fund last. */
function fundOrder(a: FundFigures, b: FundFigures): number {
	if ((a.key === null) !== (b.key === null)) return a.key === null ? 1 : -1;
	return (
		b.money.spent - a.money.spent ||
		(b.budget ?? -1) - (a.budget ?? -1) ||
		a.gemeenteNaam.localeCompare(b.gemeenteNaam, 'nl') ||
		a.fund.localeCompare(b.fund, 'nl')
	);
}

/** Per fund of a municipality, by spend, then budget, then name; spend recorded without a fund last (key null). */
export function fundsOf(
	rows: { money: FundMoneyRow[]; spend: SpendRow[]; budgets: BudgetRow[]; contributions: ContributionRow[] },
	filter: CaseFilter,
	asOf: string
): FundFigures[] {
	const parts = collectFunds(rows.money, rows.spend, rows.budgets, rows.contributions);
	const months = chartMonths(parts, filter, asOf);
	return parts
		.map((p) => fundFigures(p, months, filter, asOf))
		.filter((f) => f.key !== null || f.money.withCost + f.money.withEstimate > 0)
		.sort(fundOrder);
}

/**
 * The current year over every fund of the selection: the spend projected to 31 December (as `projectYear`)
 * against that year's budgets and contributions; null where the filter's period leaves the year out.
 */
export function currentYearOf(
	rows: { money: FundMoneyRow[]; spend: SpendRow[]; budgets: BudgetRow[]; contributions: ContributionRow[] },
	filter: CaseFilter,
	asOf: string
): { year: number; projected: Cents; available: Cents | null } | null {
	const year = Number(asOf.slice(0, 4));
	if (!projectYear(year, 0n, asOf, filter)) return null;
	let spentToDate = 0n;
	let available: Cents | null = null;
	for (const p of collectFunds(rows.money, rows.spend, rows.budgets, rows.contributions)) {
		if (p.key === null) continue;
		spentToDate += p.spendYears.get(year)?.toDate ?? 0n;
		const funded = [p.budgets.get(year), p.contributions.get(year)].filter((c) => c !== undefined);
		if (funded.length > 0) available = (available ?? 0n) + funded.reduce((a, b) => a + b, 0n);
	}
	return { year, projected: projectYear(year, spentToDate, asOf, filter)!.projected, available };
}
