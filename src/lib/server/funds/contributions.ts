/** Contributions to a fund beside its budget (overheveling by a partner, or a top-up): checked, added as ledger entries, removed within reach. */
import { decimalText, type Cents } from '$lib/domain/money';
import { reaches, type Reach } from '$lib/domain/roles';
import { fold } from '$lib/domain/text';
import type { Database } from '../db';
import { reference } from '../reference';
import { checkFundName, MAX_FUND_CENTS, parseFundYear } from './budgets';
import { parseAmountCents } from '$lib/domain/amount';

export interface Contribution {
	gemeente: string;
	/** The fund as the user wrote it; matched on its folded name. */
	fund: string;
	year: number;
	/** An organisation code of vocabulary/organisaties.csv, as in baten_bij. */
	organisatie: string;
	amount: Cents;
}

/** A contribution as the form or the command line gives it, all text. */
export type ContributionInput = Record<'gemeente' | 'fonds' | 'jaar' | 'organisatie' | 'bedrag', string>;

export type CheckedContribution =
	{ contribution: Contribution } | { message: string; field: keyof ContributionInput };

/**
 * The input checked: a municipality within reach, a fund name of 1 to 100 characters, a year 2000-2100,
 * an organisation of organisaties.csv (code, name or synonym), and an amount above zero in the export's
 * amount format (a correction is a removal, never a negative entry).
 */
export function checkContribution(input: ContributionInput, reach: Reach): CheckedContribution {
	const { gemeenten, vocabularies } = reference();
	const gemeente = input.gemeente.trim() ? gemeenten.resolve(input.gemeente.trim()) : undefined;
	if (!gemeente) return { message: 'Kies een gemeente.', field: 'gemeente' };
	if (!reaches(reach, gemeente.code))
		return { message: `${gemeente.naam} valt buiten uw bereik.`, field: 'gemeente' };
	const fund = checkFundName(input.fonds);
	if (typeof fund !== 'string') return { message: fund.message, field: 'fonds' };
	const year = parseFundYear(input.jaar);
	if (year === null) return { message: 'Geef een jaar van 2000 tot en met 2100.', field: 'jaar' };
	const organisatie = vocabularies.organisaties.match(input.organisatie);
	if (!organisatie)
		return {
			message:
				'Kies de partij die bijdraagt uit de lijst van organisaties, bijvoorbeeld zorgverzekeraar of woningcorporatie.',
			field: 'organisatie'
		};
	const cents = parseAmountCents(input.bedrag);
	if (cents === null || cents === 0 || BigInt(cents) > MAX_FUND_CENTS)
		return {
			message: 'Geef de bijdrage als bedrag boven 0, bijvoorbeeld 25.000 of 25.000,00.',
			field: 'bedrag'
		};
	return {
		contribution: {
			gemeente: gemeente.code,
			fund,
			year,
			organisatie: organisatie.code,
			amount: BigInt(cents)
		}
	};
}

/** Adds one contribution to the ledger; returns its id. */
export async function addContribution(db: Database, c: Contribution, actor: string): Promise<number> {
	const row = await db.transaction((tx) =>
		tx.one<{ id: number }>(
			`INSERT INTO fund_contributions (gemeente, name, name_key, year, organisatie, amount, created_by)
			 VALUES ($gemeente, $name, $key, $year, $organisatie, $amount::DECIMAL(18, 2), $actor)
			 RETURNING id`,
			{
				gemeente: c.gemeente,
				name: c.fund.trim(),
				key: fold(c.fund),
				year: c.year,
				organisatie: c.organisatie,
				amount: decimalText(c.amount),
				actor
			}
		)
	);
	return row!.id;
}

/** Removes one contribution within the reach; what it was, or null where there is none the reach covers. */
export async function removeContribution(
	db: Database,
	id: number,
	reach: Reach
): Promise<{ gemeente: string; fund: string; year: number; organisatie: string; amount: string } | null> {
	if (!Number.isSafeInteger(id) || id <= 0) return null;
	return db.transaction(async (tx) => {
		const row = await tx.one<{
			gemeente: string;
			fund: string;
			year: number;
			organisatie: string;
			amount: string;
		}>(
			`SELECT gemeente, name AS fund, year, organisatie, amount::VARCHAR AS amount FROM fund_contributions WHERE id = $id`,
			{ id }
		);
		if (!row || !reaches(reach, row.gemeente)) return null;
		await tx.run('DELETE FROM fund_contributions WHERE id = $id', { id });
		return row;
	});
}
