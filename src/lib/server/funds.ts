/** Budgets of a municipality's maatwerk funds per year; spending comes from the cases' fonds and kosten_oplossing. */
import { fold } from '$lib/domain/text';
import type { Database } from './db';

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

export async function listFunds(db: Database, gemeenten: readonly string[] | null): Promise<Fund[]> {
	return db.all<Fund>(
		`SELECT gemeente, name, year, budget::DOUBLE AS budget FROM funds
		 WHERE $all OR list_contains($gemeenten, gemeente) ORDER BY gemeente, year DESC, name`,
		{ all: gemeenten === null, gemeenten: gemeenten ?? [] }
	);
}
