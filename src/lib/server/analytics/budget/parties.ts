/** The parties where avoided costs fall (baten_bij) or that pay back (terug_van): names, order and the even split of grouped savings. */
import { centsOf, splitEvenly, UNKNOWN_PARTY, type CentsRange } from '$lib/domain/money';
import { reference } from '../../reference';
import type { BenefitRow } from './queries';

/** The display name of a party of baten_bij or terug_van. */
export function partyLabel(code: string | null): string {
	if (code === null) return 'Niet vastgelegd';
	if (code === UNKNOWN_PARTY) return 'Onbekend (geen partij genoemd)';
	if (code === 'inwoner') return 'Inwoner';
	return reference().vocabularies.organisaties.get(code)?.naam ?? code;
}

/** The parties a baten_bij mask names; onbekend for none. */
export function partiesOf(mask: bigint): string[] {
	return mask === 0n ? [UNKNOWN_PARTY] : reference().vocabularies.organisaties.codes(mask);
}

/** Parties in order of their high estimate, onbekend last. */
export function partyOrder<T extends { party: string; savings: { high: number | bigint } }>(
	a: T,
	b: T
): number {
	if ((a.party === UNKNOWN_PARTY) !== (b.party === UNKNOWN_PARTY)) return a.party === UNKNOWN_PARTY ? 1 : -1;
	const high = b.savings.high > a.savings.high ? 1 : b.savings.high < a.savings.high ? -1 : 0;
	return high || a.party.localeCompare(b.party, 'nl');
}

/** The savings of benefit rows split evenly over their parties, in exact cents, in party order. */
export function splitRows(rows: readonly BenefitRow[]): { party: string; savings: CentsRange }[] {
	return splitEvenly(
		rows.map((r) => ({ mask: BigInt(r.mask), low: centsOf(r.low), high: centsOf(r.high) })),
		partiesOf
	).sort(partyOrder);
}
