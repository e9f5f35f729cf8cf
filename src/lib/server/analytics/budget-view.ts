/** The budget view: funds against spend and its projection, the kassabon of avoided costs, who benefits, what monitoring saw, advances, and one case's kassabon. */
import type { CaseFilter } from '$lib/domain/filters';
import { formatDate } from '$lib/domain/format';
import { capabilities, reaches, type Reach, type SessionUser } from '$lib/domain/roles';
import type { DataTable } from '$lib/domain/table';
import type { Database, Params } from '../db';
import { audit } from '../audit';
import { reference } from '../reference';
import { splitBenefits } from './budget';
import { CASE_SCOPE, scopeParams } from './filter';

/*
 * Money stays exact: DuckDB sums DECIMAL(18, 2) columns, the sums travel as text, `decimalCents` turns
 * each into integer cents once, JavaScript only adds and divides BigInt cents, and `euros` makes the
 * final number for the page. Amounts count on the case's aangemeld_op, as every filter does: the
 * export has no payment date.
 */

/** A DECIMAL as DuckDB writes it (`1234.5`, `-0.10`, `7`), to whole cents, exactly; null stays null. */
export function decimalCents(text: string | null | undefined): bigint | null {
	if (text === null || text === undefined) return null;
	const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
	if (!m) throw new Error(`Geen bedrag: ${text}`);
	const fraction = (m[3] ?? '').padEnd(2, '0');
	if (/[1-9]/.test(fraction.slice(2))) throw new Error(`Meer dan twee decimalen: ${text}`);
	const cents = BigInt(m[2]) * 100n + BigInt(fraction.slice(0, 2));
	return m[1] === '-' ? -cents : cents;
}

const cents = (text: string | null | undefined): bigint => decimalCents(text) ?? 0n;

/** Whole cents as the euro amount a page or JSON shows; exact up to 90 billion euros. */
export const euros = (value: bigint): number => Number(value) / 100;

/** `a × b / c` in whole cents, rounded half up (c > 0, a ≥ 0). */
const mulDivRound = (a: bigint, b: bigint, c: bigint): bigint => (a * b * 2n + c) / (c * 2n);

/** How many times the cost an estimate is, to one decimal; null without cost. */
function ratioOf(savings: bigint, cost: bigint): number | null {
	if (cost <= 0n) return null;
	return Number(mulDivRound(savings, 10n, cost)) / 10;
}

/** The SQL twin of `fold` for fund names, as `funds.name_key` holds them. */
const FUND_KEY = `lower(trim(regexp_replace(strip_accents(fonds), '\\s+', ' ', 'g')))`;

/** The cases of the selection with the columns money needs; an estimate with one side filled counts as both. */
const SCOPED = `scoped AS (
	SELECT id, casus_id, gemeente, fonds, CASE WHEN fonds IS NOT NULL THEN ${FUND_KEY} END AS fund_key, aangemeld_op,
		kosten_oplossing AS cost,
		coalesce(besparing_laag, besparing_hoog) AS low,
		coalesce(besparing_hoog, besparing_laag) AS high,
		baten_bij, monitoring, voorgeschoten, terugbetaald, terug_van
	FROM cases WHERE ${CASE_SCOPE}
)`;

/** One group's cost and avoided cost, with the cases that lack one side kept apart. */
const MONEY_COLUMNS = `count(*)::INTEGER AS cases,
	count(cost)::INTEGER AS with_cost,
	coalesce(sum(cost), 0)::VARCHAR AS spent,
	count(low)::INTEGER AS with_estimate,
	coalesce(sum(low), 0)::VARCHAR AS low,
	coalesce(sum(high), 0)::VARCHAR AS high,
	count(*) FILTER (WHERE cost IS NOT NULL AND low IS NOT NULL)::INTEGER AS complete_cases,
	coalesce(sum(cost) FILTER (WHERE low IS NOT NULL), 0)::VARCHAR AS complete_cost,
	coalesce(sum(low) FILTER (WHERE cost IS NOT NULL), 0)::VARCHAR AS complete_low,
	coalesce(sum(high) FILTER (WHERE cost IS NOT NULL), 0)::VARCHAR AS complete_high,
	count(*) FILTER (WHERE cost IS NOT NULL AND low IS NULL)::INTEGER AS no_estimate_cases,
	coalesce(sum(cost) FILTER (WHERE low IS NULL), 0)::VARCHAR AS no_estimate_cost,
	count(*) FILTER (WHERE cost IS NULL AND low IS NOT NULL)::INTEGER AS no_cost_cases,
	coalesce(sum(low) FILTER (WHERE cost IS NULL), 0)::VARCHAR AS no_cost_low,
	coalesce(sum(high) FILTER (WHERE cost IS NULL), 0)::VARCHAR AS no_cost_high`;

interface MoneyRow {
	cases: number;
	with_cost: number;
	spent: string;
	with_estimate: number;
	low: string;
	high: string;
	complete_cases: number;
	complete_cost: string;
	complete_low: string;
	complete_high: string;
	no_estimate_cases: number;
	no_estimate_cost: string;
	no_cost_cases: number;
	no_cost_low: string;
	no_cost_high: string;
}

/** Euros, exact to the cent. */
export interface Range {
	low: number;
	high: number;
}

/** What a group of cases cost from the funds and what doing nothing would have cost (the kassabon). */
export interface MoneyFigures {
	cases: number;
	/** Cases with a kosten_oplossing. */
	withCost: number;
	spent: number;
	/** Cases with an estimate of the avoided costs. */
	withEstimate: number;
	/** Over every case with an estimate. */
	savings: Range;
	/** Cases with both a cost and an estimate: the base of the ratio. */
	complete: { cases: number; cost: number; savings: Range };
	/** A cost but no estimate: shown apart, never counted as zero savings. */
	withoutEstimate: { cases: number; cost: number };
	/** An estimate without a cost from a fund. */
	withoutCost: { cases: number; savings: Range };
	/** Avoided cost per euro spent over the complete cases, to one decimal; null without their cost. */
	ratio: Range | null;
}

function moneyOf(row: MoneyRow | undefined): MoneyFigures {
	const r = row ?? EMPTY_MONEY_ROW;
	const completeCost = cents(r.complete_cost);
	const lowRatio = ratioOf(cents(r.complete_low), completeCost);
	const highRatio = ratioOf(cents(r.complete_high), completeCost);
	return {
		cases: r.cases,
		withCost: r.with_cost,
		spent: euros(cents(r.spent)),
		withEstimate: r.with_estimate,
		savings: { low: euros(cents(r.low)), high: euros(cents(r.high)) },
		complete: {
			cases: r.complete_cases,
			cost: euros(completeCost),
			savings: { low: euros(cents(r.complete_low)), high: euros(cents(r.complete_high)) }
		},
		withoutEstimate: { cases: r.no_estimate_cases, cost: euros(cents(r.no_estimate_cost)) },
		withoutCost: {
			cases: r.no_cost_cases,
			savings: { low: euros(cents(r.no_cost_low)), high: euros(cents(r.no_cost_high)) }
		},
		ratio: lowRatio === null || highRatio === null ? null : { low: lowRatio, high: highRatio }
	};
}

const EMPTY_MONEY_ROW: MoneyRow = {
	cases: 0,
	with_cost: 0,
	spent: '0',
	with_estimate: 0,
	low: '0',
	high: '0',
	complete_cases: 0,
	complete_cost: '0',
	complete_low: '0',
	complete_high: '0',
	no_estimate_cases: 0,
	no_estimate_cost: '0',
	no_cost_cases: 0,
	no_cost_low: '0',
	no_cost_high: '0'
};

/** One fund's budget and spend in one calendar year. */
export interface FundYear {
	year: number;
	/** As set with `fund set` or on /beheer/fondsen; null where none was set. */
	budget: number | null;
	/** Spent by the cases of the selection registered that year. */
	spent: number;
	/** Only for the current year: see `projection`. */
	projected: number | null;
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
	money: MoneyFigures;
	years: FundYear[];
	months: FundMonth[];
	/** The current year's projection drawn from today's cumulative spend to the year's last month. */
	projection: { fromMonth: string; toMonth: string; value: number } | null;
}

export interface PartyFigures {
	party: string;
	label: string;
	/** Cases with an estimate that name this party (or none, for onbekend). */
	cases: number;
	savings: Range;
}

export interface QuarterBenefits {
	/** `2025-Q3`, by aangemeld_op. */
	quarter: string;
	parties: { party: string; savings: Range }[];
}

export const MONITORING_STATES = ['duurzaam', 'terugval', 'onbekend', 'niet_gemonitord'] as const;
export type MonitoringState = (typeof MONITORING_STATES)[number];

export const MONITORING_LABELS: Record<MonitoringState, string> = {
	duurzaam: 'Duurzaam (hield stand)',
	terugval: 'Terugval',
	onbekend: 'Onbekend',
	niet_gemonitord: 'Nog niet gemonitord'
};

export interface MonitoringFigures {
	state: MonitoringState;
	label: string;
	money: MoneyFigures;
}

export interface AdvanceFigures {
	/** `inwoner`, an organisation code, or null where the export did not say. */
	from: string | null;
	label: string;
	cases: number;
	advanced: number;
	repaid: number;
	outstanding: number;
}

export interface BudgetView {
	/** The day "year to date" and the projection are counted on, `YYYY-MM-DD` (Europe/Amsterdam). */
	asOf: string;
	currentYear: number;
	/** Every case of the selection, with and without money. */
	total: MoneyFigures;
	/** Per fund of a municipality, spend recorded without a fund last (key null). */
	funds: FundFigures[];
	/** Every party's share of the avoided costs, split evenly over each case's baten_bij. */
	parties: PartyFigures[];
	/** The same split per quarter of aangemeld_op, quarters without savings included, oldest first. */
	quarters: QuarterBenefits[];
	/** Cases with a cost or an estimate, per state of the monitoring 6 to 12 months after the solution. */
	monitoring: MonitoringFigures[];
	/** Per party that pays back; empty where no case holds an advance. */
	advances: AdvanceFigures[];
	advancesTotal: AdvanceFigures | null;
	tables: DataTable[];
}

interface FundMoneyRow extends MoneyRow {
	g_fund: number;
	g_monitoring: number;
	gemeente: string | null;
	fund_key: string | null;
	fund: string | null;
	monitoring: string | null;
}

interface SpendRow {
	g_month: number;
	gemeente: string;
	fund_key: string;
	year: number;
	month: string | null;
	spent: string;
	to_date: string;
}

interface BudgetRow {
	gemeente: string;
	fund_key: string;
	name: string;
	year: number;
	budget: string;
}

interface BenefitRow {
	g_quarter: number;
	quarter: string | null;
	mask: string;
	cases: number;
	low: string;
	high: string;
}

interface AdvanceRow {
	g: number;
	terug_van: string | null;
	cases: number;
	advanced: string;
	repaid: string;
}

/**
 * One scan: money per fund of a municipality, per monitoring state, and in all. Only cases with a cost
 * or an estimate have a monitoring state here (the rest group under NULL and are left out).
 */
const MONEY_SQL = `WITH ${SCOPED}
	SELECT GROUPING(fund_key)::INTEGER AS g_fund, GROUPING(monitoring)::INTEGER AS g_monitoring,
		gemeente, fund_key, mode(fonds) AS fund, monitoring, ${MONEY_COLUMNS}
	FROM (
		SELECT * REPLACE (CASE WHEN cost IS NOT NULL OR low IS NOT NULL THEN coalesce(monitoring, 'niet_gemonitord') END
			AS monitoring)
		FROM scoped
	)
	GROUP BY GROUPING SETS ((gemeente, fund_key), (monitoring), ())`;

/** Spend per fund, year and month; `to_date` counts cases registered on or before as_of. */
const SPEND_SQL = `WITH ${SCOPED}
	SELECT GROUPING(month)::INTEGER AS g_month, gemeente, fund_key, year, month,
		sum(cost)::VARCHAR AS spent,
		coalesce(sum(cost) FILTER (WHERE aangemeld_op <= $as_of::DATE), 0)::VARCHAR AS to_date
	FROM (SELECT *, year(aangemeld_op)::INTEGER AS year, strftime(aangemeld_op, '%Y-%m') AS month FROM scoped)
	WHERE fund_key IS NOT NULL AND cost IS NOT NULL
	GROUP BY GROUPING SETS ((gemeente, fund_key, year), (gemeente, fund_key, year, month))`;

/** Budgets set for the municipalities of the selection, in the calendar years its period touches. */
const BUDGETS_SQL = `SELECT gemeente, name_key AS fund_key, min(name) AS name, year::INTEGER AS year, sum(budget)::VARCHAR AS budget
	FROM funds
	WHERE ($reach_all OR list_contains($reach, gemeente)) AND ($gemeente::VARCHAR IS NULL OR gemeente = $gemeente)
		AND ($from::DATE IS NULL OR year >= year($from::DATE)) AND ($to::DATE IS NULL OR year <= year($to::DATE))
	GROUP BY gemeente, name_key, year
	ORDER BY year`;

const BENEFITS_SQL = `WITH ${SCOPED}
	SELECT GROUPING(quarter)::INTEGER AS g_quarter, quarter, baten_bij::VARCHAR AS mask, count(*)::INTEGER AS cases,
		sum(low)::VARCHAR AS low, sum(high)::VARCHAR AS high
	FROM (SELECT *, year(aangemeld_op) || '-Q' || quarter(aangemeld_op) AS quarter FROM scoped)
	WHERE low IS NOT NULL
	GROUP BY GROUPING SETS ((quarter, baten_bij), (baten_bij))`;

const ADVANCES_SQL = `WITH ${SCOPED}
	SELECT GROUPING(terug_van)::INTEGER AS g, terug_van, count(*)::INTEGER AS cases,
		sum(voorgeschoten)::VARCHAR AS advanced, coalesce(sum(terugbetaald), 0)::VARCHAR AS repaid
	FROM scoped WHERE voorgeschoten IS NOT NULL
	GROUP BY GROUPING SETS ((terug_van), ())`;

const NO_FUND = 'Geen fonds vastgelegd';

const UNKNOWN_PARTY = 'onbekend';

/** The display name of a party of baten_bij or terug_van. */
export function partyLabel(code: string | null): string {
	if (code === null) return 'Niet vastgelegd';
	if (code === UNKNOWN_PARTY) return 'Onbekend (geen partij genoemd)';
	if (code === 'inwoner') return 'Inwoner';
	return reference().vocabularies.organisaties.get(code)?.naam ?? code;
}

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

/** Every `YYYY-Qn` from the first to the last, both included. */
function quartersBetween(first: string, last: string): string[] {
	const index = (quarter: string) => {
		const [y, q] = quarter.split('-Q').map(Number);
		return y * 4 + q - 1;
	};
	const quarters: string[] = [];
	for (let i = index(first); i <= index(last); i++) quarters.push(`${Math.floor(i / 4)}-Q${(i % 4) + 1}`);
	return quarters;
}

/** The parameters a statement names: DuckDB refuses values it has no place for. */
function paramsFor(sql: string, params: Params): Params {
	return Object.fromEntries(Object.entries(params).filter(([name]) => sql.includes(`$${name}`)));
}

const fundId = (gemeente: string, key: string | null) => `${gemeente}|${key ?? ''}`;

interface FundParts {
	gemeente: string;
	key: string | null;
	name: string | null;
	money?: FundMoneyRow;
	budgets: Map<number, bigint>;
	spendYears: Map<number, { spent: bigint; toDate: bigint }>;
	spendMonths: Map<string, bigint>;
}

/** The months the spend charts share: the filter's period, or the years with a budget or spend. */
function chartMonths(parts: FundParts[], filter: CaseFilter, asOf: string): string[] {
	const years = parts.flatMap((p) => [...p.budgets.keys(), ...p.spendYears.keys()]);
	if (years.length === 0) return [];
	const first = filter.from?.slice(0, 7) ?? `${Math.min(...years)}-01`;
	const last = filter.to?.slice(0, 7) ?? `${Math.max(...years, Number(asOf.slice(0, 4)))}-12`;
	return first <= last ? monthsBetween(first, last) : [];
}

function fundFigures(p: FundParts, months: string[], filter: CaseFilter, asOf: string): FundFigures {
	const years = [...new Set([...p.budgets.keys(), ...p.spendYears.keys()])].sort((a, b) => a - b);
	const budgetTotal = p.budgets.size > 0 ? [...p.budgets.values()].reduce((a, b) => a + b, 0n) : null;
	let current: { year: number; projected: bigint; toDate: bigint } | null = null;
	const fundYears: FundYear[] = years.map((year) => {
		const spend = p.spendYears.get(year) ?? { spent: 0n, toDate: 0n };
		const budget = p.budgets.get(year);
		const projection = projectYear(year, spend.toDate, asOf, filter);
		if (projection) current = { year, projected: projection.projected, toDate: spend.toDate };
		return {
			year,
			budget: budget === undefined ? null : euros(budget),
			spent: euros(spend.spent),
			projected: projection ? euros(projection.projected) : null,
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
	budgetRows: BudgetRow[]
): FundParts[] {
	const parts = new Map<string, FundParts>();
	const part = (gemeente: string, key: string | null) => {
		const id = fundId(gemeente, key);
		let p = parts.get(id);
		if (!p) {
			p = { gemeente, key, name: null, budgets: new Map(), spendYears: new Map(), spendMonths: new Map() };
			parts.set(id, p);
		}
		return p;
	};
	for (const b of budgetRows) {
		const p = part(b.gemeente, b.fund_key);
		// The name as set for the latest year: rows come oldest first.
		p.name = b.name;
		p.budgets.set(b.year, cents(b.budget));
	}
	for (const r of moneyRows) {
		if (r.g_fund !== 0) continue;
		const p = part(r.gemeente!, r.fund_key);
		p.money = r;
		p.name ??= r.fund;
	}
	for (const s of spendRows) {
		const p = part(s.gemeente, s.fund_key);
		if (s.g_month === 1) p.spendYears.set(s.year, { spent: cents(s.spent), toDate: cents(s.to_date) });
		else p.spendMonths.set(s.month!, cents(s.spent));
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

/** Parties in order of their high estimate, onbekend last. */
function partyOrder(a: { party: string; savings: Range }, b: { party: string; savings: Range }): number {
	if ((a.party === UNKNOWN_PARTY) !== (b.party === UNKNOWN_PARTY)) return a.party === UNKNOWN_PARTY ? 1 : -1;
	return b.savings.high - a.savings.high || a.party.localeCompare(b.party, 'nl');
}

function benefitsOf(rows: BenefitRow[]): { parties: PartyFigures[]; quarters: QuarterBenefits[] } {
	const organisaties = reference().vocabularies.organisaties;
	const partiesOf = (mask: bigint) => (mask === 0n ? [UNKNOWN_PARTY] : organisaties.codes(mask));
	const split = (group: BenefitRow[]) =>
		splitBenefits(
			group.map((g) => ({ mask: BigInt(g.mask), low: cents(g.low), high: cents(g.high) })),
			(mask) => organisaties.codes(mask)
		).map((s) => ({ party: s.party, savings: { low: s.savingsLow, high: s.savingsHigh } }));

	const overall = rows.filter((r) => r.g_quarter === 1);
	const caseCounts = new Map<string, number>();
	for (const r of overall)
		for (const party of partiesOf(BigInt(r.mask)))
			caseCounts.set(party, (caseCounts.get(party) ?? 0) + r.cases);
	const parties = split(overall)
		.map((s) => ({ ...s, label: partyLabel(s.party), cases: caseCounts.get(s.party) ?? 0 }))
		.sort(partyOrder);

	const perQuarter = rows.filter((r) => r.g_quarter === 0);
	const seen = [...new Set(perQuarter.map((r) => r.quarter!))].sort();
	const quarters =
		seen.length === 0
			? []
			: quartersBetween(seen[0], seen.at(-1)!).map((quarter) => {
					const shares = new Map(
						split(perQuarter.filter((r) => r.quarter === quarter)).map((s) => [s.party, s])
					);
					return {
						quarter,
						parties: parties.map((p) => ({
							party: p.party,
							savings: shares.get(p.party)?.savings ?? { low: 0, high: 0 }
						}))
					};
				});
	return { parties, quarters };
}

function advancesOf(rows: AdvanceRow[]): { advances: AdvanceFigures[]; total: AdvanceFigures | null } {
	const figures = (r: AdvanceRow, from: string | null, label: string): AdvanceFigures => {
		const advanced = cents(r.advanced);
		const repaid = cents(r.repaid);
		return {
			from,
			label,
			cases: r.cases,
			advanced: euros(advanced),
			repaid: euros(repaid),
			outstanding: euros(advanced - repaid)
		};
	};
	const totalRow = rows.find((r) => r.g === 1 && r.cases > 0);
	const advances = rows
		.filter((r) => r.g === 0)
		.map((r) => figures(r, r.terug_van, partyLabel(r.terug_van)))
		.sort((a, b) => b.advanced - a.advanced || a.label.localeCompare(b.label, 'nl'));
	return { advances, total: totalRow ? figures(totalRow, null, 'Totaal') : null };
}

export async function budgetView(
	db: Database,
	reach: Reach,
	filter: CaseFilter,
	asOf: string
): Promise<BudgetView> {
	const params = { ...scopeParams(reach, filter), as_of: asOf };
	const query = <T>(sql: string) => db.all<T>(sql, paramsFor(sql, params));
	const [moneyRows, spendRows, budgetRows, benefitRows, advanceRows] = await Promise.all([
		query<FundMoneyRow>(MONEY_SQL),
		query<SpendRow>(SPEND_SQL),
		query<BudgetRow>(BUDGETS_SQL),
		query<BenefitRow>(BENEFITS_SQL),
		query<AdvanceRow>(ADVANCES_SQL)
	]);

	const parts = collectFunds(moneyRows, spendRows, budgetRows);
	const months = chartMonths(parts, filter, asOf);
	const funds = parts
		.map((p) => fundFigures(p, months, filter, asOf))
		.filter((f) => f.key !== null || f.money.withCost + f.money.withEstimate > 0)
		.sort(fundOrder);

	const monitoringRows = moneyRows.filter((r) => r.g_monitoring === 0);
	const monitoring = MONITORING_STATES.map((state) => ({
		state,
		label: MONITORING_LABELS[state],
		money: moneyOf(monitoringRows.find((r) => r.monitoring === state))
	}));
	const { parties, quarters } = benefitsOf(benefitRows);
	const { advances, total: advancesTotal } = advancesOf(advanceRows);
	const total = moneyOf(moneyRows.find((r) => r.g_fund === 1 && r.g_monitoring === 1));
	const view = {
		asOf,
		currentYear: Number(asOf.slice(0, 4)),
		total,
		funds,
		parties,
		quarters,
		monitoring,
		advances,
		advancesTotal
	};
	return { ...view, tables: budgetTables(view) };
}

const percentOf = (part: number, whole: number | null) =>
	whole !== null && whole > 0 ? Math.round((1000 * part) / whole) / 10 : null;

/** Budget minus spend, in cents so that the difference is exact. */
const difference = (budget: number | null, spent: number | null) =>
	budget === null || spent === null
		? null
		: euros(decimalCents(budget.toFixed(2))! - decimalCents(spent.toFixed(2))!);

function budgetTables(view: Omit<BudgetView, 'tables'>): DataTable[] {
	const realFunds = view.funds.filter((f) => f.key !== null);
	const spendFunds = view.funds.filter((f) => f.key !== null || f.money.withCost > 0);
	const tables: DataTable[] = [
		{
			id: 'budget-fondsen',
			caption: 'Budget en besteding per fonds (budget: de kalenderjaren van de selectie)',
			columns: [
				{ key: 'fonds', label: 'Fonds' },
				{ key: 'gemeente', label: 'Gemeente' },
				{ key: 'budget', label: 'Budget', kind: 'euro' },
				{ key: 'besteed', label: 'Besteed', kind: 'euro' },
				{ key: 'over', label: 'Over', kind: 'euro' },
				{ key: 'aandeel', label: 'Besteed (% van budget)', kind: 'decimal' },
				{ key: 'casussen', label: 'Casussen met kosten', kind: 'count' }
			],
			rows: spendFunds.map((f) => ({
				fonds: f.fund,
				gemeente: f.gemeenteNaam,
				budget: f.budget,
				besteed: f.money.spent,
				over: difference(f.budget, f.money.spent),
				aandeel: percentOf(f.money.spent, f.budget),
				casussen: f.money.withCost
			}))
		},
		{
			id: 'budget-fondsen-jaren',
			caption: `Budget, besteding en prognose per fonds en jaar (prognose voor ${view.currentYear} in het tempo tot nu)`,
			columns: [
				{ key: 'fonds', label: 'Fonds' },
				{ key: 'gemeente', label: 'Gemeente' },
				{ key: 'jaar', label: 'Jaar' },
				{ key: 'budget', label: 'Budget', kind: 'euro' },
				{ key: 'besteed', label: 'Besteed', kind: 'euro' },
				{ key: 'prognose', label: 'Prognose jaareinde', kind: 'euro' },
				{ key: 'verschil', label: 'Budget min prognose', kind: 'euro' },
				{ key: 'basis', label: 'Tempo gemeten over' }
			],
			rows: realFunds.flatMap((f) =>
				f.years.map((y) => ({
					fonds: f.fund,
					gemeente: f.gemeenteNaam,
					jaar: String(y.year),
					budget: y.budget,
					besteed: y.spent,
					prognose: y.projected,
					verschil: difference(y.budget, y.projected),
					basis: y.window
						? `${formatDate(y.window.from)} t/m ${formatDate(y.window.to)} (${y.window.days} dagen)`
						: null
				}))
			)
		},
		{
			id: 'budget-verloop',
			caption: 'Besteding per maand en cumulatief, tegen het cumulatieve budget, per fonds',
			columns: [
				{ key: 'fonds', label: 'Fonds' },
				{ key: 'gemeente', label: 'Gemeente' },
				{ key: 'maand', label: 'Maand' },
				{ key: 'besteed', label: 'Besteed in de maand', kind: 'euro' },
				{ key: 'cumulatief', label: 'Besteed cumulatief', kind: 'euro' },
				{ key: 'budget', label: 'Budget cumulatief', kind: 'euro' }
			],
			rows: realFunds.flatMap((f) =>
				f.months.map((m) => ({
					fonds: f.fund,
					gemeente: f.gemeenteNaam,
					maand: m.month,
					besteed: m.spent,
					cumulatief: m.cumulative,
					budget: m.budget
				}))
			)
		},
		{
			id: 'budget-kassabon',
			caption: 'Kosten en vermeden kosten: casussen met en zonder schatting',
			columns: [
				{ key: 'groep', label: 'Casussen' },
				{ key: 'casussen', label: 'Aantal', kind: 'count' },
				{ key: 'kosten', label: 'Kosten', kind: 'euro' },
				{ key: 'laag', label: 'Besparing laag', kind: 'euro' },
				{ key: 'hoog', label: 'Besparing hoog', kind: 'euro' },
				{ key: 'verhouding_laag', label: 'Besparing per euro (laag)', kind: 'decimal' },
				{ key: 'verhouding_hoog', label: 'Besparing per euro (hoog)', kind: 'decimal' }
			],
			rows: [
				{
					groep: 'Met kosten en schatting',
					casussen: view.total.complete.cases,
					kosten: view.total.complete.cost,
					laag: view.total.complete.savings.low,
					hoog: view.total.complete.savings.high,
					verhouding_laag: view.total.ratio?.low ?? null,
					verhouding_hoog: view.total.ratio?.high ?? null
				},
				{
					groep: 'Met kosten, zonder schatting',
					casussen: view.total.withoutEstimate.cases,
					kosten: view.total.withoutEstimate.cost,
					laag: null,
					hoog: null,
					verhouding_laag: null,
					verhouding_hoog: null
				},
				{
					groep: 'Met schatting, zonder kosten',
					casussen: view.total.withoutCost.cases,
					kosten: null,
					laag: view.total.withoutCost.savings.low,
					hoog: view.total.withoutCost.savings.high,
					verhouding_laag: null,
					verhouding_hoog: null
				},
				{
					groep: 'Totaal met kosten of schatting',
					casussen:
						view.total.complete.cases + view.total.withoutEstimate.cases + view.total.withoutCost.cases,
					kosten: view.total.spent,
					laag: view.total.savings.low,
					hoog: view.total.savings.high,
					verhouding_laag: null,
					verhouding_hoog: null
				}
			]
		},
		{
			id: 'budget-besparing-fondsen',
			caption: 'Kosten tegen vermeden kosten per fonds (casussen met kosten én schatting)',
			columns: [
				{ key: 'fonds', label: 'Fonds' },
				{ key: 'gemeente', label: 'Gemeente' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' },
				{ key: 'kosten', label: 'Kosten', kind: 'euro' },
				{ key: 'laag', label: 'Besparing laag', kind: 'euro' },
				{ key: 'hoog', label: 'Besparing hoog', kind: 'euro' },
				{ key: 'verhouding_laag', label: 'Besparing per euro (laag)', kind: 'decimal' },
				{ key: 'verhouding_hoog', label: 'Besparing per euro (hoog)', kind: 'decimal' },
				{ key: 'zonder', label: 'Casussen met kosten zonder schatting', kind: 'count' },
				{ key: 'zonder_kosten', label: 'Hun kosten', kind: 'euro' }
			],
			rows: view.funds
				.filter((f) => f.money.withCost > 0)
				.map((f) => ({
					fonds: f.fund,
					gemeente: f.gemeenteNaam,
					casussen: f.money.complete.cases,
					kosten: f.money.complete.cost,
					laag: f.money.complete.savings.low,
					hoog: f.money.complete.savings.high,
					verhouding_laag: f.money.ratio?.low ?? null,
					verhouding_hoog: f.money.ratio?.high ?? null,
					zonder: f.money.withoutEstimate.cases,
					zonder_kosten: f.money.withoutEstimate.cost
				}))
		},
		{
			id: 'budget-baten',
			caption: 'Vermeden kosten per partij waar ze terechtkomen (gelijk verdeeld over de genoemde partijen)',
			columns: [
				{ key: 'partij', label: 'Partij' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' },
				{ key: 'laag', label: 'Besparing laag', kind: 'euro' },
				{ key: 'hoog', label: 'Besparing hoog', kind: 'euro' }
			],
			rows: view.parties.map((p) => ({
				partij: p.label,
				casussen: p.cases,
				laag: p.savings.low,
				hoog: p.savings.high
			}))
		},
		{
			id: 'budget-baten-kwartalen',
			caption: 'Vermeden kosten per partij en kwartaal van aanmelding',
			columns: [
				{ key: 'kwartaal', label: 'Kwartaal' },
				{ key: 'partij', label: 'Partij' },
				{ key: 'laag', label: 'Besparing laag', kind: 'euro' },
				{ key: 'hoog', label: 'Besparing hoog', kind: 'euro' }
			],
			rows: view.quarters.flatMap((q) =>
				q.parties.map((p) => ({
					kwartaal: q.quarter,
					partij: partyLabel(p.party),
					laag: p.savings.low,
					hoog: p.savings.high
				}))
			)
		},
		{
			id: 'budget-monitoring',
			caption:
				'Geschat tegen gerealiseerd: casussen met kosten of schatting naar de monitoring na 6 tot 12 maanden',
			columns: [
				{ key: 'monitoring', label: 'Monitoring' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' },
				{ key: 'kosten', label: 'Kosten', kind: 'euro' },
				{ key: 'laag', label: 'Besparing laag', kind: 'euro' },
				{ key: 'hoog', label: 'Besparing hoog', kind: 'euro' },
				{ key: 'aandeel', label: 'Aandeel van de geschatte besparing (laag, %)', kind: 'decimal' },
				{ key: 'zonder', label: 'Zonder schatting', kind: 'count' }
			],
			rows: view.monitoring.map((m) => ({
				monitoring: m.label,
				casussen: m.money.cases,
				kosten: m.money.spent,
				laag: m.money.savings.low,
				hoog: m.money.savings.high,
				aandeel: percentOf(m.money.savings.low, view.total.savings.low),
				zonder: m.money.withoutEstimate.cases
			}))
		}
	];
	if (view.advancesTotal) {
		tables.push({
			id: 'budget-voorschotten',
			caption: 'Voorschotten: voorgeschoten en terugbetaald, naar wie terugbetaalt',
			columns: [
				{ key: 'partij', label: 'Terug van' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' },
				{ key: 'voorgeschoten', label: 'Voorgeschoten', kind: 'euro' },
				{ key: 'terugbetaald', label: 'Terugbetaald', kind: 'euro' },
				{ key: 'openstaand', label: 'Openstaand', kind: 'euro' }
			],
			rows: [...view.advances, view.advancesTotal].map((a) => ({
				partij: a.label,
				casussen: a.cases,
				voorgeschoten: a.advanced,
				terugbetaald: a.repaid,
				openstaand: a.outstanding
			}))
		});
	}
	return tables;
}

/** A case as the list of the largest costs shows it, for roles with case-level reach. */
export interface CostlyCase {
	id: number;
	casusId: string;
	gemeente: string;
	aangemeldOp: string;
	fund: string | null;
	cost: number;
	savings: Range | null;
	monitoring: string | null;
}

/** The cases of the selection that cost most, for roles with case-level reach only (null otherwise). */
export async function costliestCases(
	db: Database,
	user: SessionUser,
	filter: CaseFilter,
	limit = 10
): Promise<CostlyCase[] | null> {
	if (!capabilities(user.role).caseLevel) return null;
	const rows = await db.all<{
		id: number;
		casus_id: string;
		gemeente: string;
		aangemeld_op: string;
		fonds: string | null;
		cost_text: string;
		low_text: string | null;
		high_text: string | null;
		monitoring: string | null;
	}>(
		`WITH ${SCOPED}
		SELECT id, casus_id, gemeente, strftime(aangemeld_op, '%Y-%m-%d') AS aangemeld_op, fonds,
			cost::VARCHAR AS cost_text, low::VARCHAR AS low_text, high::VARCHAR AS high_text, monitoring
		FROM scoped
		WHERE cost IS NOT NULL
		ORDER BY scoped.cost DESC, scoped.aangemeld_op DESC, id
		LIMIT $limit`,
		{ ...scopeParams(user.reach, filter), limit }
	);
	return rows.map((r) => ({
		id: r.id,
		casusId: r.casus_id,
		gemeente: reference().gemeenten.naam(r.gemeente),
		aangemeldOp: r.aangemeld_op,
		fund: r.fonds,
		cost: euros(cents(r.cost_text)),
		savings: r.low_text === null ? null : { low: euros(cents(r.low_text)), high: euros(cents(r.high_text)) },
		monitoring: r.monitoring
	}));
}

/** One case's kassabon: what it cost, what it avoided and where, how it held up, and its advance. */
export interface CaseKassabon {
	id: number;
	casusId: string;
	gemeente: string;
	gemeenteNaam: string;
	route: string | null;
	aangemeldOp: string;
	afgerondOp: string | null;
	status: string;
	uitkomst: string | null;
	kwestie: string | null;
	samenvatting: string | null;
	oplossing: string[];
	fund: string | null;
	cost: number | null;
	savings: Range | null;
	ratio: Range | null;
	/** The even split of the estimate over baten_bij (onbekend where none is named), rounded to cents per party. */
	parties: { party: string; label: string; savings: Range }[];
	monitoring: MonitoringState | null;
	monitoringLabel: string;
	monitoringOp: string | null;
	/** The fund's budget in the case's year of aangemeld_op, and what all its cases spent that year. */
	fundYear: { year: number; budget: number | null; spent: number } | null;
	advance: {
		advanced: number;
		repaid: number;
		outstanding: number;
		from: string | null;
		fromLabel: string;
	} | null;
}

interface KassabonRow {
	id: number;
	casus_id: string;
	gemeente: string;
	route: string | null;
	aangemeld_op: string;
	afgerond_op: string | null;
	status: string;
	uitkomst: string | null;
	kwestie: string | null;
	samenvatting: string | null;
	oplossing: string[];
	fonds: string | null;
	fund_key: string | null;
	year: number;
	cost: string | null;
	low: string | null;
	high: string | null;
	baten_bij: string;
	monitoring: MonitoringState | null;
	monitoring_op: string | null;
	voorgeschoten: string | null;
	terugbetaald: string | null;
	terug_van: string | null;
	fund_budget: string | null;
	fund_spent: string | null;
}

const KASSABON_SQL = `WITH the_case AS (
		SELECT *, CASE WHEN fonds IS NOT NULL THEN ${FUND_KEY} END AS fund_key, year(aangemeld_op)::INTEGER AS year
		FROM cases WHERE id = $id AND ($reach_all OR list_contains($reach, gemeente))
	)
	SELECT id, casus_id, gemeente, route, strftime(aangemeld_op, '%Y-%m-%d') AS aangemeld_op,
		strftime(afgerond_op, '%Y-%m-%d') AS afgerond_op, status, uitkomst, kwestie, samenvatting, oplossing,
		fonds, fund_key, year, kosten_oplossing::VARCHAR AS cost,
		coalesce(besparing_laag, besparing_hoog)::VARCHAR AS low, coalesce(besparing_hoog, besparing_laag)::VARCHAR AS high,
		baten_bij::VARCHAR AS baten_bij, monitoring, strftime(monitoring_op, '%Y-%m-%d') AS monitoring_op,
		voorgeschoten::VARCHAR AS voorgeschoten, terugbetaald::VARCHAR AS terugbetaald, terug_van,
		(SELECT sum(budget) FROM funds f WHERE f.gemeente = t.gemeente AND f.name_key = t.fund_key AND f.year = t.year)::VARCHAR
			AS fund_budget,
		(SELECT sum(kosten_oplossing) FROM cases c
			WHERE c.gemeente = t.gemeente AND c.fonds IS NOT NULL
			  AND lower(trim(regexp_replace(strip_accents(c.fonds), '\\s+', ' ', 'g'))) = t.fund_key
			  AND year(c.aangemeld_op) = t.year)::VARCHAR AS fund_spent
	FROM the_case t`;

/**
 * The kassabon of one case (cases.id) for a role with case-level reach within its reach; null
 * otherwise, so that a page answers 404 and never tells whether the case exists. Every viewing,
 * and every refusal, is written to the audit log.
 */
export async function caseKassabon(
	db: Database,
	user: SessionUser,
	id: number,
	origin: string | null = null
): Promise<CaseKassabon | null> {
	const caseLevel = capabilities(user.role).caseLevel;
	const row =
		caseLevel && Number.isSafeInteger(id) && id > 0
			? await db.one<KassabonRow>(KASSABON_SQL, {
					id,
					reach_all: user.reach.all,
					reach: user.reach.all ? [] : [...user.reach.gemeenten]
				})
			: undefined;
	const visible = row !== undefined && reaches(user.reach, row.gemeente);
	await audit(db, {
		actor: user.email,
		action: 'kassabon bekijken',
		object: visible ? `${row.gemeente} ${row.casus_id} (casus ${id})` : `casus ${id}`,
		result: visible ? 'ok' : 'geweigerd',
		origin
	});
	if (!visible) return null;
	return kassabonOf(row);
}

function kassabonOf(row: KassabonRow): CaseKassabon {
	const cost = decimalCents(row.cost);
	const low = decimalCents(row.low);
	const high = decimalCents(row.high);
	const organisaties = reference().vocabularies.organisaties;
	const parties =
		low === null || high === null
			? []
			: splitBenefits([{ mask: BigInt(row.baten_bij), low, high }], (mask) => organisaties.codes(mask)).map(
					(s) => ({
						party: s.party,
						label: partyLabel(s.party),
						savings: { low: s.savingsLow, high: s.savingsHigh }
					})
				);
	const advanced = decimalCents(row.voorgeschoten);
	const repaid = decimalCents(row.terugbetaald) ?? 0n;
	const budget = decimalCents(row.fund_budget);
	return {
		id: row.id,
		casusId: row.casus_id,
		gemeente: row.gemeente,
		gemeenteNaam: reference().gemeenten.naam(row.gemeente),
		route: row.route,
		aangemeldOp: row.aangemeld_op,
		afgerondOp: row.afgerond_op,
		status: row.status,
		uitkomst: row.uitkomst,
		kwestie: row.kwestie,
		samenvatting: row.samenvatting,
		oplossing: row.oplossing,
		fund: row.fonds,
		cost: cost === null ? null : euros(cost),
		savings: low === null || high === null ? null : { low: euros(low), high: euros(high) },
		ratio:
			cost === null || low === null || high === null || cost <= 0n
				? null
				: { low: ratioOf(low, cost)!, high: ratioOf(high, cost)! },
		parties,
		monitoring: row.monitoring,
		monitoringLabel: MONITORING_LABELS[row.monitoring ?? 'niet_gemonitord'],
		monitoringOp: row.monitoring_op,
		fundYear:
			row.fund_key === null
				? null
				: {
						year: row.year,
						budget: budget === null ? null : euros(budget),
						spent: euros(cents(row.fund_spent))
					},
		advance:
			advanced === null
				? null
				: {
						advanced: euros(advanced),
						repaid: euros(repaid),
						outstanding: euros(advanced - repaid),
						from: row.terug_van,
						fromLabel: partyLabel(row.terug_van)
					}
	};
}

/** One fund of a municipality in one year, as /beheer/fondsen lists it. */
export interface FundOverviewRow {
	gemeente: string;
	gemeenteNaam: string;
	fund: string;
	year: number;
	/** Null where cases name the fund but no budget was set for the year. */
	budget: number | null;
	spent: number;
	/** Budget minus spent; null without a budget. */
	remaining: number | null;
	cases: number;
}

/** Every fund within the reach per year: the budgets set and what the cases registered that year spent from them. */
export async function fundOverview(db: Database, reach: Reach): Promise<FundOverviewRow[]> {
	const rows = await db.all<{
		gemeente: string;
		fund: string;
		year: number;
		budget: string | null;
		spent: string;
		cases: number;
	}>(
		`WITH spent AS (
			SELECT gemeente, ${FUND_KEY} AS fund_key, year(aangemeld_op)::INTEGER AS year, mode(fonds) AS fund,
				coalesce(sum(kosten_oplossing), 0) AS spent, count(kosten_oplossing)::INTEGER AS cases
			FROM cases
			WHERE ($reach_all OR list_contains($reach, gemeente)) AND fonds IS NOT NULL
			GROUP BY ALL
		),
		budgets AS (
			SELECT gemeente, name_key AS fund_key, year, min(name) AS fund, sum(budget) AS budget
			FROM funds WHERE $reach_all OR list_contains($reach, gemeente)
			GROUP BY ALL
		)
		SELECT coalesce(b.gemeente, s.gemeente) AS gemeente, coalesce(b.fund, s.fund) AS fund,
			coalesce(b.year, s.year)::INTEGER AS year, b.budget::VARCHAR AS budget,
			coalesce(s.spent, 0)::VARCHAR AS spent, coalesce(s.cases, 0)::INTEGER AS cases
		FROM budgets b FULL JOIN spent s USING (gemeente, fund_key, year)
		ORDER BY gemeente, year DESC, lower(coalesce(b.fund, s.fund))`,
		{ reach_all: reach.all, reach: reach.all ? [] : [...reach.gemeenten] }
	);
	const gemeenten = reference().gemeenten;
	return rows
		.map((r) => {
			const budget = decimalCents(r.budget);
			return {
				gemeente: r.gemeente,
				gemeenteNaam: gemeenten.naam(r.gemeente),
				fund: r.fund,
				year: r.year,
				budget: budget === null ? null : euros(budget),
				spent: euros(cents(r.spent)),
				remaining: budget === null ? null : euros(budget - cents(r.spent)),
				cases: r.cases
			};
		})
		.sort(
			(a, b) =>
				a.gemeenteNaam.localeCompare(b.gemeenteNaam, 'nl') ||
				b.year - a.year ||
				a.fund.localeCompare(b.fund, 'nl')
		);
}
