/** The budget's SQL: DuckDB sums the DECIMAL(18, 2) money columns per group and hands each sum over as text, never as a float. */
import type { CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import type { Database, Params } from '../../db';
import { CASE_SCOPE, scopeParams } from '../filter';
import { savingsCtes } from '../savings';

/** The SQL twin of `fold` for fund names, as `funds.name_key` holds them. */
export const FUND_KEY = `lower(trim(regexp_replace(strip_accents(fonds), '\\s+', ' ', 'g')))`;

/** The cases of the selection with the columns money needs; the avoided costs as `savingsCtes` gives them. */
export const SCOPED = `scoped_cases AS (SELECT * FROM cases WHERE ${CASE_SCOPE}),
	${savingsCtes('scoped_cases', 'scoped_priced')},
	scoped AS (
		SELECT id, casus_id, gemeente, fonds, CASE WHEN fonds IS NOT NULL THEN ${FUND_KEY} END AS fund_key, aangemeld_op,
			kosten_oplossing AS cost, savings_low AS low, savings_high AS high,
			baten_bij, monitoring, voorgeschoten, terugbetaald, kwijtgescholden, terug_van, status, afgerond_op
		FROM scoped_priced
	)`;

/** One group's cost and avoided cost, with the cases that lack one side kept apart. */
const MONEY_COLUMNS = `count(*)::INTEGER AS cases,
	count(cost)::INTEGER AS with_cost,
	coalesce(sum(cost), 0)::VARCHAR AS spent,
	coalesce(sum(terugbetaald), 0)::VARCHAR AS repaid,
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

/** The columns of MONEY_COLUMNS; amounts as DuckDB's DECIMAL text. */
export interface MoneyRow {
	cases: number;
	with_cost: number;
	spent: string;
	/** Advances paid back (into the group's fund). */
	repaid: string;
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

export const EMPTY_MONEY_ROW: MoneyRow = {
	cases: 0,
	with_cost: 0,
	spent: '0',
	repaid: '0',
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

export interface FundMoneyRow extends MoneyRow {
	g_fund: number;
	g_monitoring: number;
	gemeente: string | null;
	fund_key: string | null;
	fund: string | null;
	monitoring: string | null;
}

export interface SpendRow {
	g_month: number;
	gemeente: string;
	fund_key: string;
	year: number;
	month: string | null;
	spent: string;
	to_date: string;
}

export interface BudgetRow {
	gemeente: string;
	fund_key: string;
	name: string;
	year: number;
	budget: string;
}

export interface ContributionRow {
	gemeente: string;
	fund_key: string;
	name: string;
	year: number;
	organisatie: string;
	amount: string;
}

export interface BenefitRow {
	g_quarter: number;
	quarter: string | null;
	mask: string;
	cases: number;
	low: string;
	high: string;
}

export interface AdvanceRow {
	g: number;
	terug_van: string | null;
	cases: number;
	advanced: string;
	repaid: string;
	forgiven: string;
	/** Cases with something still to pay back, and since when the oldest of them waits (`YYYY-MM-DD`). */
	open_cases: number;
	oldest: string | null;
	/** What is still to pay back, by its age: under half a year, half a year to a year, a year or more. */
	open_young: string;
	open_half: string;
	open_old: string;
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

/** Savings per baten_bij mask, and per quarter of aangemeld_op as well where the view draws them. */
const BENEFITS_SQL = `WITH ${SCOPED}
	SELECT GROUPING(quarter)::INTEGER AS g_quarter, quarter, baten_bij::VARCHAR AS mask, count(*)::INTEGER AS cases,
		sum(low)::VARCHAR AS low, sum(high)::VARCHAR AS high
	FROM (SELECT *, year(aangemeld_op) || '-Q' || quarter(aangemeld_op) AS quarter FROM scoped)
	WHERE low IS NOT NULL
	GROUP BY GROUPING SETS ((quarter, baten_bij), (baten_bij))`;

const BENEFITS_OVERALL_SQL = `WITH ${SCOPED}
	SELECT 1 AS g_quarter, NULL::VARCHAR AS quarter, baten_bij::VARCHAR AS mask, count(*)::INTEGER AS cases,
		sum(low)::VARCHAR AS low, sum(high)::VARCHAR AS high
	FROM scoped
	WHERE low IS NOT NULL
	GROUP BY baten_bij`;

/**
 * Advances per party that pays back. What is outstanding (advanced - repaid - forgiven) ages from the day the
 * case closed, or from its registration while it is open, to as_of (today where the caller gives none).
 */
const ADVANCES_SQL = `WITH ${SCOPED}
	SELECT GROUPING(terug_van)::INTEGER AS g, terug_van, count(*)::INTEGER AS cases,
		sum(voorgeschoten)::VARCHAR AS advanced, coalesce(sum(terugbetaald), 0)::VARCHAR AS repaid,
		coalesce(sum(kwijtgescholden), 0)::VARCHAR AS forgiven,
		count(*) FILTER (WHERE outstanding > 0)::INTEGER AS open_cases,
		strftime(min(since) FILTER (WHERE outstanding > 0), '%Y-%m-%d') AS oldest,
		coalesce(sum(outstanding) FILTER (WHERE outstanding > 0 AND age < 183), 0)::VARCHAR AS open_young,
		coalesce(sum(outstanding) FILTER (WHERE outstanding > 0 AND age >= 183 AND age < 365), 0)::VARCHAR AS open_half,
		coalesce(sum(outstanding) FILTER (WHERE outstanding > 0 AND age >= 365), 0)::VARCHAR AS open_old
	FROM (
		SELECT *, voorgeschoten - coalesce(terugbetaald, 0) - coalesce(kwijtgescholden, 0) AS outstanding,
			CASE WHEN status = 'open' THEN aangemeld_op ELSE coalesce(afgerond_op, aangemeld_op) END AS since,
			date_diff('day', since, coalesce($as_of::DATE, current_date)) AS age
		FROM scoped WHERE voorgeschoten IS NOT NULL
	)
	GROUP BY GROUPING SETS ((terug_van), ())`;

/** Contributions to the funds of the selection's municipalities, in the calendar years its period touches. */
export const CONTRIBUTIONS_SQL = `SELECT gemeente, name_key AS fund_key, min(name) AS name, year::INTEGER AS year, organisatie,
		sum(amount)::VARCHAR AS amount
	FROM fund_contributions
	WHERE ($reach_all OR list_contains($reach, gemeente)) AND ($gemeente::VARCHAR IS NULL OR gemeente = $gemeente)
		AND ($from::DATE IS NULL OR year >= year($from::DATE)) AND ($to::DATE IS NULL OR year <= year($to::DATE))
	GROUP BY gemeente, name_key, year, organisatie
	ORDER BY year`;

/** What every money figure of a selection is made of: the summary needs these five. */
export interface MoneyRows {
	money: FundMoneyRow[];
	budgets: BudgetRow[];
	contributions: ContributionRow[];
	benefits: BenefitRow[];
	advances: AdvanceRow[];
}

/** The parameters a statement names: DuckDB refuses values it has no place for. */
export function paramsFor(sql: string, params: Params): Params {
	return Object.fromEntries(Object.entries(params).filter(([name]) => sql.includes(`$${name}`)));
}

/**
 * The rows of a selection's money, each query aggregated in DuckDB. `detail` (the budget page) adds the
 * spend per month and year up to `asOf` and the savings per quarter.
 */
export async function moneyRows(
	db: Database,
	reach: Reach,
	filter: CaseFilter,
	detail: { asOf: string } | null = null
): Promise<MoneyRows & { spend: SpendRow[] }> {
	const params = { ...scopeParams(reach, filter), as_of: detail?.asOf ?? null };
	const query = <T>(sql: string) => db.all<T>(sql, paramsFor(sql, params));
	const [money, budgets, contributions, benefits, advances, spend] = await Promise.all([
		query<FundMoneyRow>(MONEY_SQL),
		query<BudgetRow>(BUDGETS_SQL),
		query<ContributionRow>(CONTRIBUTIONS_SQL),
		query<BenefitRow>(detail ? BENEFITS_SQL : BENEFITS_OVERALL_SQL),
		query<AdvanceRow>(ADVANCES_SQL),
		detail ? query<SpendRow>(SPEND_SQL) : Promise.resolve([])
	]);
	return { money, budgets, contributions, benefits, advances, spend };
}
