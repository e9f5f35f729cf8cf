/** A fund's rules (the most one case may cost, and the decision level that must approve more) and the cases that went past them without it. */
import { parseAmountCents } from '$lib/domain/amount';
import type { CaseFilter } from '$lib/domain/filters';
import { centsOf, decimalCents, decimalText, euros, type Cents } from '$lib/domain/money';
import { reaches, type Reach } from '$lib/domain/roles';
import { fold } from '$lib/domain/text';
import { FUND_KEY } from '../analytics/budget/queries';
import { CASE_SCOPE, scopeParams } from '../analytics/filter';
import type { Database } from '../db';
import { reference } from '../reference';
import { checkFundName, MAX_FUND_CENTS } from './budgets';

export interface FundRule {
	gemeente: string;
	fund: string;
	maxPerCase: Cents;
	/** The besluitniveaus code of the level that must approve a case above the maximum. */
	approval: string;
}

export type RuleInput = Record<'gemeente' | 'fonds' | 'maximum' | 'goedkeuring', string>;

/**
 * The input checked: a municipality within reach, a fund name, a maximum per case (empty: none) in the
 * export's amount format, and a decision level of besluitniveaus.csv (code, name or synonym). A limit
 * without a level, or a level without a limit, says nothing to check: both are asked.
 */
export function checkRule(
	input: RuleInput,
	reach: Reach
): { rule: FundRule } | { message: string; field: keyof RuleInput } {
	const { gemeenten, vocabularies } = reference();
	const gemeente = input.gemeente.trim() ? gemeenten.resolve(input.gemeente.trim()) : undefined;
	if (!gemeente) return { message: 'Kies een gemeente.', field: 'gemeente' };
	if (!reaches(reach, gemeente.code))
		return { message: `${gemeente.naam} valt buiten uw bereik.`, field: 'gemeente' };
	const fund = checkFundName(input.fonds);
	if (typeof fund !== 'string') return { message: fund.message, field: 'fonds' };
	const cents = parseAmountCents(input.maximum);
	if (cents === null || cents === 0 || BigInt(cents) > MAX_FUND_CENTS)
		return {
			message: 'Geef het maximum per casus als bedrag boven 0, bijvoorbeeld 500 of 2.500,00.',
			field: 'maximum'
		};
	const level = vocabularies.besluitniveaus.match(input.goedkeuring);
	if (!level)
		return {
			message: 'Kies wie boven het maximum moet besluiten, bijvoorbeeld teamleider of college.',
			field: 'goedkeuring'
		};
	return { rule: { gemeente: gemeente.code, fund, maxPerCase: BigInt(cents), approval: level.code } };
}

/** Sets (or replaces) the rules of one fund of a municipality. */
export async function setRule(db: Database, rule: FundRule, actor: string): Promise<void> {
	const key = fold(rule.fund);
	await db.transaction(async (tx) => {
		await tx.run('DELETE FROM fund_rules WHERE gemeente = $gemeente AND name_key = $key', {
			gemeente: rule.gemeente,
			key
		});
		await tx.run(
			`INSERT INTO fund_rules (gemeente, name_key, name, max_per_case, approval, updated_by)
			 VALUES ($gemeente, $key, $name, $max::DECIMAL(18, 2), $approval, $actor)`,
			{
				gemeente: rule.gemeente,
				key,
				name: rule.fund.trim(),
				max: decimalText(rule.maxPerCase),
				approval: rule.approval,
				actor
			}
		);
	});
}

/** Removes the rules of one fund within the reach; false where there were none the reach covers. */
export async function removeRule(
	db: Database,
	gemeente: string,
	fund: string,
	reach: Reach
): Promise<boolean> {
	if (!reaches(reach, gemeente)) return false;
	const removed = await db.transaction((tx) =>
		tx.run('DELETE FROM fund_rules WHERE gemeente = $gemeente AND name_key = $key', {
			gemeente,
			key: fold(fund)
		})
	);
	return removed > 0;
}

/** A rule as the beheer page lists it. */
export interface RuleRow {
	gemeente: string;
	gemeenteNaam: string;
	fund: string;
	maxPerCase: number | null;
	approval: string | null;
	approvalLabel: string;
	updatedBy: string;
	/** ISO 8601, UTC. */
	updatedAt: string;
}

/** The rules within the reach, by municipality and fund. */
export async function listRules(db: Database, reach: Reach): Promise<RuleRow[]> {
	const rows = await db.all<{
		gemeente: string;
		name: string;
		max: string | null;
		approval: string | null;
		updated_by: string;
		updated_at: string;
	}>(
		`SELECT gemeente, name, max_per_case::VARCHAR AS max, approval, updated_by,
			strftime(updated_at, '%Y-%m-%dT%H:%M:%SZ') AS updated_at
		 FROM fund_rules WHERE $all OR list_contains($gemeenten, gemeente)`,
		{ all: reach.all, gemeenten: reach.all ? [] : [...reach.gemeenten] }
	);
	const { gemeenten, vocabularies } = reference();
	return rows
		.map((r) => {
			const max = decimalCents(r.max);
			return {
				gemeente: r.gemeente,
				gemeenteNaam: gemeenten.naam(r.gemeente),
				fund: r.name,
				maxPerCase: max === null ? null : euros(max),
				approval: r.approval,
				approvalLabel: r.approval ? (vocabularies.besluitniveaus.get(r.approval)?.naam ?? r.approval) : '',
				updatedBy: r.updated_by,
				updatedAt: r.updated_at
			};
		})
		.sort((a, b) => a.gemeenteNaam.localeCompare(b.gemeenteNaam, 'nl') || a.fund.localeCompare(b.fund, 'nl'));
}

/** A case that cost more than its fund allows per case, decided below the level the fund asks. */
export interface RuleBreach {
	id: number;
	casusId: string;
	gemeente: string;
	gemeenteNaam: string;
	fund: string;
	aangemeldOp: string;
	cost: number;
	maxPerCase: number;
	/** The besluitniveaus code the case names; null where the export names none. */
	decidedBy: string | null;
	required: string;
}

/**
 * Cases of the selection past their fund's maximum per case whose besluit_door is below the level the fund
 * asks (by the niveau of besluitniveaus.csv), or not given. The export records what happened: they are
 * listed for the kwaliteitsteam, never refused at import.
 */
export async function ruleBreaches(db: Database, reach: Reach, filter: CaseFilter): Promise<RuleBreach[]> {
	const levels = reference().vocabularies.besluitniveaus.entries;
	const rows = await db.all<{
		id: number;
		casus_id: string;
		gemeente: string;
		fund: string;
		aangemeld_op: string;
		cost: string;
		max: string;
		besluit_door: string | null;
		approval: string;
	}>(
		`WITH scoped AS (
			SELECT id, casus_id, gemeente, fonds, ${FUND_KEY} AS fund_key, aangemeld_op, kosten_oplossing, besluit_door
			FROM cases WHERE ${CASE_SCOPE} AND fonds IS NOT NULL AND kosten_oplossing IS NOT NULL
		)
		SELECT c.id, c.casus_id, c.gemeente, r.name AS fund, strftime(c.aangemeld_op, '%Y-%m-%d') AS aangemeld_op,
			c.kosten_oplossing::VARCHAR AS cost, r.max_per_case::VARCHAR AS max, c.besluit_door, r.approval
		FROM scoped c JOIN fund_rules r ON r.gemeente = c.gemeente AND r.name_key = c.fund_key
		WHERE r.max_per_case IS NOT NULL AND r.approval IS NOT NULL AND c.kosten_oplossing > r.max_per_case
			AND (c.besluit_door IS NULL
				OR $levels[list_position($codes, c.besluit_door)] < $levels[list_position($codes, r.approval)])
		ORDER BY c.kosten_oplossing DESC, c.aangemeld_op DESC, c.id`,
		{
			...scopeParams(reach, filter),
			codes: levels.map((l) => l.code),
			levels: levels.map((l) => Number(l.detail))
		}
	);
	const { gemeenten } = reference();
	return rows.map((r) => ({
		id: r.id,
		casusId: r.casus_id,
		gemeente: r.gemeente,
		gemeenteNaam: gemeenten.naam(r.gemeente),
		fund: r.fund,
		aangemeldOp: r.aangemeld_op,
		cost: euros(centsOf(r.cost)),
		maxPerCase: euros(centsOf(r.max)),
		decidedBy: r.besluit_door,
		required: r.approval
	}));
}
