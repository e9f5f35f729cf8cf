/** The settlement proposal (verrekenvoorstel): per partner and year, the avoided costs that fell to it against what it paid into the funds, exact to the cent. */
import type { CaseFilter } from '$lib/domain/filters';
import { centsOf, euros, UNKNOWN_PARTY, type Cents, type CentsRange } from '$lib/domain/money';
import type { Reach } from '$lib/domain/roles';
import type { DataTable } from '$lib/domain/table';
import type { SettlementRow } from '$lib/domain/report';
import type { Database } from '../../db';
import { scopeParams } from '../filter';
import { partiesOf, partyLabel, splitRows } from './parties';
import { CONTRIBUTIONS_SQL, paramsFor, SCOPED, type BenefitRow, type ContributionRow } from './queries';

export type { SettlementRow };

const BENEFITS_PER_YEAR_SQL = `WITH ${SCOPED}
	SELECT year(aangemeld_op)::INTEGER AS year, baten_bij::VARCHAR AS mask, count(*)::INTEGER AS cases,
		sum(low)::VARCHAR AS low, sum(high)::VARCHAR AS high
	FROM scoped WHERE low IS NOT NULL
	GROUP BY ALL`;

/**
 * The proposal in words: transfer the part of the benefit not yet paid in (the amounts stand in the columns
 * beside it, so that a table protected for the national programme hides them there too).
 */
export function proposalOf(benefit: CentsRange, contributed: Cents): string {
	if (benefit.high === 0n)
		return contributed > 0n ? 'Draagt bij zonder vastgelegde baten.' : 'Geen baten vastgelegd.';
	if (contributed >= benefit.high) return 'Draagt al ten minste zijn baten bij.';
	if (contributed >= benefit.low) return 'Bijdrage binnen de bandbreedte; overhevelen tot het hoge verschil.';
	return 'Overhevelen: het verschil, laag tot hoog.';
}

/** The proposal from benefit rows per year and mask and the contributions of the same selection. */
export function settlementOf(
	benefits: (BenefitRow & { year: number })[],
	contributions: ContributionRow[]
): SettlementRow[] {
	const years = [...new Set([...benefits.map((b) => b.year), ...contributions.map((c) => c.year)])].sort();
	const rows: SettlementRow[] = [];
	for (const year of years) {
		const inYear = benefits.filter((b) => b.year === year);
		const shares = new Map(splitRows(inYear).map((s) => [s.party, s.savings]));
		const cases = new Map<string, number>();
		for (const b of inYear)
			for (const party of partiesOf(BigInt(b.mask))) cases.set(party, (cases.get(party) ?? 0) + b.cases);
		const paid = new Map<string, Cents>();
		for (const c of contributions.filter((c) => c.year === year))
			paid.set(c.organisatie, (paid.get(c.organisatie) ?? 0n) + centsOf(c.amount));
		const parties = [...new Set([...shares.keys(), ...paid.keys()])].filter((p) => p !== UNKNOWN_PARTY);
		for (const party of parties) {
			const benefit = shares.get(party) ?? { low: 0n, high: 0n };
			const contributed = paid.get(party) ?? 0n;
			rows.push({
				party,
				label: partyLabel(party),
				year,
				cases: cases.get(party) ?? 0,
				benefit: { low: euros(benefit.low), high: euros(benefit.high) },
				contributed: euros(contributed),
				difference: { low: euros(benefit.low - contributed), high: euros(benefit.high - contributed) },
				proposal: proposalOf(benefit, contributed)
			});
		}
	}
	return rows.sort(
		(a, b) => a.year - b.year || b.difference.high - a.difference.high || a.label.localeCompare(b.label, 'nl')
	);
}

/** The proposal for a selection: its cases' benefits and its municipalities' contributions, per year. */
export async function settlementProposal(
	db: Database,
	reach: Reach,
	filter: CaseFilter
): Promise<SettlementRow[]> {
	const params = scopeParams(reach, filter);
	const [benefits, contributions] = await Promise.all([
		db.all<BenefitRow & { year: number }>(BENEFITS_PER_YEAR_SQL, paramsFor(BENEFITS_PER_YEAR_SQL, params)),
		db.all<ContributionRow>(CONTRIBUTIONS_SQL, paramsFor(CONTRIBUTIONS_SQL, params))
	]);
	return settlementOf(benefits, contributions);
}

/** The proposal as a table: `id` names it in the budget view and in the report's annex. */
export function settlementTable(id: string, rows: SettlementRow[]): DataTable {
	return {
		id,
		caption:
			'Verrekenvoorstel per partner en jaar: de vermeden kosten die bij de partner neerslaan (gelijk verdeeld over baten_bij) tegen wat hij in de fondsen stortte',
		columns: [
			{ key: 'partij', label: 'Partner' },
			{ key: 'jaar', label: 'Jaar' },
			{ key: 'casussen', label: 'Casussen met baten bij de partner', kind: 'count' },
			{ key: 'baten_laag', label: 'Vermeden kosten, laag', kind: 'euro', basis: 'casussen' },
			{ key: 'baten_hoog', label: 'Vermeden kosten, hoog', kind: 'euro', basis: 'casussen' },
			{ key: 'bijgedragen', label: 'Bijgedragen aan de fondsen', kind: 'euro' },
			{ key: 'verschil_laag', label: 'Verschil, laag', kind: 'euro', basis: 'casussen' },
			{ key: 'verschil_hoog', label: 'Verschil, hoog', kind: 'euro', basis: 'casussen' },
			{ key: 'voorstel', label: 'Voorstel' }
		],
		rows: rows.map((r) => ({
			partij: r.label,
			jaar: String(r.year),
			casussen: r.cases,
			baten_laag: r.benefit.low,
			baten_hoog: r.benefit.high,
			bijgedragen: r.contributed,
			verschil_laag: r.difference.low,
			verschil_hoog: r.difference.high,
			voorstel: r.proposal
		}))
	};
}
