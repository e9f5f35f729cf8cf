/** Money: spent from the funds against the avoided costs (the kassabon), per fund and per party that benefits. */
import type { CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import type { Database } from '../db';
import { reference } from '../reference';
import { CASE_SCOPE, scopeParams } from './filter';

export interface BudgetSummary {
	cases: number;
	spent: number;
	savingsLow: number;
	savingsHigh: number;
	/** Cases with a cost but no estimate of avoided costs: shown, never counted as zero savings. */
	withoutEstimate: number;
	advanced: number;
	repaid: number;
	funds: { fund: string; budget: number | null; spent: number; cases: number }[];
	benefitsBy: { party: string; savingsLow: number; savingsHigh: number }[];
}

const cents = (value: number | string | null) => BigInt(Math.round(Number(value ?? 0) * 100));
const euros = (value: bigint) => Number(value) / 100;

/**
 * Splits each case's savings evenly over its baten_bij parties, exactly: per party the sum over n of
 * S_n / n (S_n = savings of cases with n parties) is taken over a common denominator in integer cents and
 * rounded to a cent once, at the end.
 */
export function splitBenefits(
	groups: { mask: bigint; low: bigint; high: bigint }[],
	partyOf: (mask: bigint) => string[]
): { party: string; savingsLow: number; savingsHigh: number }[] {
	const perParty = new Map<string, { n: bigint; low: bigint; high: bigint }[]>();
	for (const g of groups) {
		const parties = g.mask === 0n ? ['onbekend'] : partyOf(g.mask);
		for (const party of parties) {
			const list = perParty.get(party) ?? [];
			list.push({ n: BigInt(parties.length), low: g.low, high: g.high });
			perParty.set(party, list);
		}
	}
	const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
	const round = (numerator: bigint, denominator: bigint) =>
		(numerator * 2n + denominator) / (denominator * 2n);
	const result: { party: string; savingsLow: number; savingsHigh: number }[] = [];
	for (const [party, parts] of perParty) {
		const lcm = parts.reduce((acc, p) => (acc * p.n) / gcd(acc, p.n), 1n);
		const low = parts.reduce((acc, p) => acc + p.low * (lcm / p.n), 0n);
		const high = parts.reduce((acc, p) => acc + p.high * (lcm / p.n), 0n);
		result.push({ party, savingsLow: euros(round(low, lcm)), savingsHigh: euros(round(high, lcm)) });
	}
	return result;
}

export async function budgetSummary(db: Database, reach: Reach, filter: CaseFilter): Promise<BudgetSummary> {
	const params = scopeParams(reach, filter);
	const totals = (await db.one<{
		cases: number;
		spent: string;
		low: string;
		high: string;
		without_estimate: number;
		advanced: string;
		repaid: string;
		has_advances: boolean;
	}>(
		`SELECT count(*)::INTEGER AS cases,
			coalesce(sum(kosten_oplossing), 0)::VARCHAR AS spent,
			coalesce(sum(besparing_laag), 0)::VARCHAR AS low,
			coalesce(sum(besparing_hoog), 0)::VARCHAR AS high,
			count(*) FILTER (WHERE kosten_oplossing IS NOT NULL AND besparing_laag IS NULL)::INTEGER AS without_estimate,
			coalesce(sum(voorgeschoten), 0)::VARCHAR AS advanced,
			coalesce(sum(terugbetaald), 0)::VARCHAR AS repaid,
			count(voorgeschoten) > 0 AS has_advances
		 FROM cases WHERE ${CASE_SCOPE}`,
		params
	))!;
	const funds = await db.all<{ fund: string; spent: string; cases: number; budget: string | null }>(
		`WITH spent AS (
			SELECT lower(trim(regexp_replace(strip_accents(fonds), '\\s+', ' ', 'g'))) AS name_key, mode(fonds) AS fund,
				coalesce(sum(kosten_oplossing), 0) AS spent, count(*)::INTEGER AS cases,
				list(DISTINCT gemeente) AS gemeenten
			FROM cases WHERE ${CASE_SCOPE} AND fonds IS NOT NULL GROUP BY 1
		),
		years AS (
			SELECT DISTINCT year FROM funds
			WHERE ($from::DATE IS NULL OR year >= year($from::DATE)) AND ($to::DATE IS NULL OR year <= year($to::DATE))
		),
		budgets AS (
			SELECT name_key, sum(budget) AS budget, min(name) AS name FROM funds
			WHERE ($reach_all OR list_contains($reach, gemeente)) AND ($gemeente::VARCHAR IS NULL OR gemeente = $gemeente)
			  AND year IN (SELECT year FROM years)
			GROUP BY name_key
		)
		SELECT coalesce(s.fund, b.name) AS fund, coalesce(s.spent, 0)::VARCHAR AS spent, coalesce(s.cases, 0)::INTEGER AS cases,
			b.budget::VARCHAR AS budget
		FROM spent s FULL JOIN budgets b ON b.name_key = s.name_key
		ORDER BY coalesce(s.spent, 0) DESC, fund`,
		params
	);
	const benefitGroups = await db.all<{ mask: string; low: string; high: string }>(
		`SELECT baten_bij::VARCHAR AS mask, sum(besparing_laag)::VARCHAR AS low, sum(besparing_hoog)::VARCHAR AS high
		 FROM cases WHERE ${CASE_SCOPE} AND besparing_laag IS NOT NULL GROUP BY baten_bij`,
		params
	);
	const organisaties = reference().vocabularies.organisaties;
	const benefitsBy = splitBenefits(
		benefitGroups.map((g) => ({ mask: BigInt(g.mask), low: cents(g.low), high: cents(g.high) })),
		(mask) => organisaties.codes(mask)
	).sort((a, b) => b.savingsHigh - a.savingsHigh);
	return {
		cases: totals.cases,
		spent: euros(cents(totals.spent)),
		savingsLow: euros(cents(totals.low)),
		savingsHigh: euros(cents(totals.high)),
		withoutEstimate: totals.without_estimate,
		advanced: euros(cents(totals.advanced)),
		repaid: euros(cents(totals.repaid)),
		funds: funds.map((f) => ({
			fund: f.fund,
			budget: f.budget === null ? null : euros(cents(f.budget)),
			spent: euros(cents(f.spent)),
			cases: f.cases
		})),
		benefitsBy
	};
}
