/** A municipality's maatwerk fund budgets per year: set (or replaced) in exact cents; fund names match case-insensitively. */
import { parseAmountCents } from '$lib/domain/amount';
import { decimalText, type Cents } from '$lib/domain/money';
import { reaches, type Reach } from '$lib/domain/roles';
import { fold } from '$lib/domain/text';
import type { Database } from '../db';
import { reference } from '../reference';

export interface Fund {
	gemeente: string;
	name: string;
	year: number;
	budget: Cents;
}

/** The most a budget or a contribution may be: a billion euros keeps every cent exact on its way to DECIMAL(18, 2). */
export const MAX_FUND_CENTS: Cents = 1_000_000_000_00n;

/** A fund's name checked: 1 to 100 characters; a Dutch message otherwise. */
export function checkFundName(name: string): string | { message: string } {
	const trimmed = name.trim();
	if (trimmed.length < 1 || trimmed.length > 100)
		return { message: 'Geef de naam van het fonds (1 tot 100 tekens).' };
	return trimmed;
}

/** A calendar year from a form or the command line, 2000 to 2100; null otherwise. */
export function parseFundYear(text: string): number | null {
	const year = /^\d{4}$/.test(text.trim()) ? Number(text.trim()) : NaN;
	return year >= 2000 && year <= 2100 ? year : null;
}

export type FundForm = Record<'gemeente' | 'naam' | 'jaar' | 'budget', string>;

/** The form's fields checked: a gemeente within reach, a name of 1 to 100 characters, a year 2000-2100, an amount ≥ 0. */
export function checkFund(
	values: FundForm,
	reach: Reach
): { fund: Fund } | { message: string; field: keyof FundForm } {
	const gemeente = values.gemeente ? reference().gemeenten.resolve(values.gemeente) : undefined;
	if (!gemeente) return { message: 'Kies een gemeente.', field: 'gemeente' };
	if (!reaches(reach, gemeente.code))
		return { message: `${gemeente.naam} valt buiten uw bereik.`, field: 'gemeente' };
	const name = checkFundName(values.naam);
	if (typeof name !== 'string') return { message: name.message, field: 'naam' };
	const year = parseFundYear(values.jaar);
	if (year === null) return { message: 'Geef een jaar van 2000 tot en met 2100.', field: 'jaar' };
	const cents = parseAmountCents(values.budget);
	if (cents === null || BigInt(cents) > MAX_FUND_CENTS)
		return {
			message: 'Geef het budget als bedrag van 0 of meer, bijvoorbeeld 50.000 of 500.000,00.',
			field: 'budget'
		};
	return { fund: { gemeente: gemeente.code, name, year, budget: BigInt(cents) } };
}

/** Sets (or replaces) one fund's budget for one year. */
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
				budget: decimalText(fund.budget)
			}
		);
	});
}
