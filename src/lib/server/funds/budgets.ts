/** A municipality's maatwerk fund budgets per year: set (or replaced) in exact cents; fund names match case-insensitively. */
import { decimalText, type Cents } from '$lib/domain/money';
import { fold } from '$lib/domain/text';
import type { Database } from '../db';

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
