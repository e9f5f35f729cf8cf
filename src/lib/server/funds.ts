/** Fund administration: a municipality's maatwerk fund budgets per year, set and listed with what the cases spent from them. */
import { centsOf, decimalCents, euros } from '$lib/domain/money';
import type { Reach } from '$lib/domain/roles';
import { fold } from '$lib/domain/text';
import { FUND_KEY } from './analytics/budget/queries';
import type { Database } from './db';
import { reference } from './reference';

export interface Fund {
	gemeente: string;
	name: string;
	year: number;
	budget: number;
}

/** Sets (or replaces) one fund's budget for one year; fund names match case-insensitively. */
export async function setFund(db: Database, fund: Fund): Promise<void> {
	const key = fold(fund.name);
	await db.transaction(async (tx) => {
		await tx.run('DELETE FROM funds WHERE gemeente = $gemeente AND name_key = $key AND year = $year', {
			gemeente: fund.gemeente,
			key,
			year: fund.year
		});
		await tx.run(
			`INSERT INTO funds (gemeente, name, name_key, year, budget)
			 VALUES ($gemeente, $name, $key, $year, $budget::DECIMAL(18, 2))`,
			{
				gemeente: fund.gemeente,
				name: fund.name.trim(),
				key,
				year: fund.year,
				budget: fund.budget.toFixed(2)
			}
		);
	});
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
				spent: euros(centsOf(r.spent)),
				remaining: budget === null ? null : euros(budget - centsOf(r.spent)),
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
