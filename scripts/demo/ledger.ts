/** The demo's fund ledger beside the budgets: partners' contributions (overheveling) to a few funds and the rules of a few funds. */
import type { Database } from '../../src/lib/server/db';
import {
	addContribution,
	removeContribution,
	type Contribution
} from '../../src/lib/server/funds/contributions';
import { setRule, type FundRule } from '../../src/lib/server/funds/rules';

/** Who enters the demo's ledger entries and rules. */
const ACTOR = 'demo';

/**
 * A partner's yearly contribution to a fund: whole euros in the first year it pays, rising by `step` each
 * following year; `from` is the index of the first of the demo's years in which it pays.
 */
interface DemoContributionPlan {
	gemeente: string;
	fund: string;
	organisatie: string;
	from: number;
	euros: number;
	step: number;
}

/**
 * Overheveling from the party that gains from the fund's solutions, well below each fund's budget: Den Haag's
 * doorbraakbudget is paid in part by another department (Werk en Inkomen) and, later on, a zorgverzekeraar;
 * Utrecht's OMO-fonds by a woningcorporatie and, from the third year, a zorgverzekeraar; Zwolle's
 * maatwerkbudget, which also pays for the Regionaal Expertteam, by the other IJsselland municipalities.
 */
const CONTRIBUTIONS: readonly DemoContributionPlan[] = [
	{
		gemeente: 'GM0518',
		fund: 'doorbraakbudget',
		organisatie: 'gemeente',
		from: 0,
		euros: 50_000,
		step: 2_500
	},
	{
		gemeente: 'GM0518',
		fund: 'doorbraakbudget',
		organisatie: 'zorgverzekeraar',
		from: 1,
		euros: 20_000,
		step: 5_000
	},
	{
		gemeente: 'GM0344',
		fund: 'OMO-fonds',
		organisatie: 'woningcorporatie',
		from: 0,
		euros: 40_000,
		step: 5_000
	},
	{
		gemeente: 'GM0344',
		fund: 'OMO-fonds',
		organisatie: 'zorgverzekeraar',
		from: 2,
		euros: 25_000,
		step: 0
	},
	{
		gemeente: 'GM0193',
		fund: 'maatwerkbudget',
		organisatie: 'gemeente',
		from: 0,
		euros: 12_000,
		step: 1_000
	}
];

/**
 * The rules of a few funds: Utrecht's voorkom-erger-potje pays up to 500 euros a case and Leeuwarden's
 * doorpakbudget under 100, above which the teamleider decides; Landgraaf's stelpost asks the portefeuillehouder
 * above 5,000 euros and Utrecht's OMO-fonds the college above 7,500. The demo's decisions do not look at these
 * limits, so a handful of its costly cases went past one without the level it asks.
 */
const RULES: readonly { gemeente: string; fund: string; euros: number; approval: string }[] = [
	{ gemeente: 'GM0344', fund: 'voorkom-erger-potje', euros: 500, approval: 'teamleider' },
	{ gemeente: 'GM0080', fund: 'doorpakbudget', euros: 100, approval: 'teamleider' },
	{ gemeente: 'GM0882', fund: 'stelpost', euros: 5_000, approval: 'portefeuillehouder' },
	{ gemeente: 'GM0344', fund: 'OMO-fonds', euros: 7_500, approval: 'college' }
];

const cents = (euros: number): bigint => BigInt(euros) * 100n;

/** The demo's contributions over its years (any order; a repeated year counts once), oldest year first, and its fund rules. */
export function demoLedger(years: Iterable<number>): { contributions: Contribution[]; rules: FundRule[] } {
	const sorted = [...new Set(years)].sort((a, b) => a - b);
	const contributions = sorted.flatMap((year, i) =>
		CONTRIBUTIONS.filter((c) => i >= c.from).map((c) => ({
			gemeente: c.gemeente,
			fund: c.fund,
			year,
			organisatie: c.organisatie,
			amount: cents(c.euros + c.step * (i - c.from))
		}))
	);
	const rules = RULES.map((r) => ({
		gemeente: r.gemeente,
		fund: r.fund,
		maxPerCase: cents(r.euros),
		approval: r.approval
	}));
	return { contributions, rules };
}

/**
 * Books the demo's contributions and sets its fund rules, replacing what the demo booked before (entries by
 * other users stay); returns how many of each.
 */
export async function fillDemoLedger(
	db: Database,
	years: Iterable<number>
): Promise<{ contributions: number; rules: number }> {
	const { contributions, rules } = demoLedger(years);
	const earlier = await db.all<{ id: number }>(
		'SELECT id FROM fund_contributions WHERE created_by = $actor',
		{ actor: ACTOR }
	);
	for (const { id } of earlier) await removeContribution(db, id, { all: true });
	for (const c of contributions) await addContribution(db, c, ACTOR);
	for (const r of rules) await setRule(db, r, ACTOR);
	return { contributions: contributions.length, rules: rules.length };
}
