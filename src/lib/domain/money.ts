/** Money in exact whole cents (BigInt): read from DuckDB's DECIMAL text, added, split and rounded without a float, made a euro number only at the end. */

/** An amount in whole cents. */
export type Cents = bigint;

/** A low and a high estimate in whole cents. */
export interface CentsRange {
	low: Cents;
	high: Cents;
}

/** A DECIMAL as DuckDB writes it (`1234.5`, `-0.10`, `7`), to whole cents, exactly; null stays null. */
export function decimalCents(text: string | null | undefined): Cents | null {
	if (text === null || text === undefined) return null;
	const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
	if (!m) throw new Error(`Geen bedrag: ${text}`);
	const fraction = (m[3] ?? '').padEnd(2, '0');
	if (/[1-9]/.test(fraction.slice(2))) throw new Error(`Meer dan twee decimalen: ${text}`);
	const cents = BigInt(m[2]) * 100n + BigInt(fraction.slice(0, 2));
	return m[1] === '-' ? -cents : cents;
}

/** Whole cents as a DECIMAL's text for DuckDB (`1234.50`, `-0.10`): the inverse of `decimalCents`. */
export function decimalText(value: Cents): string {
	const size = value < 0n ? -value : value;
	return `${value < 0n ? '-' : ''}${size / 100n}.${String(size % 100n).padStart(2, '0')}`;
}

/** As `decimalCents`, with no amount (a sum over no rows) as zero. */
export const centsOf = (text: string | null | undefined): Cents => decimalCents(text) ?? 0n;

/**
 * Whole cents as the euro number a page or JSON shows: the last step, after which nothing is added.
 * Every amount below 90 billion euros comes out as the double nearest to its exact decimal, which
 * prints back to the same cents.
 */
export const euros = (value: Cents): number => Number(value) / 100;

/** A range of cents in euros. */
export const eurosOf = (range: CentsRange): { low: number; high: number } => ({
	low: euros(range.low),
	high: euros(range.high)
});

/** `a × b / c` rounded half up (c > 0, a × b ≥ 0). */
export const mulDivRound = (a: bigint, b: bigint, c: bigint): bigint => (a * b * 2n + c) / (c * 2n);

/** How many times the cost an estimate is, to one decimal; null without cost. */
export function ratioOf(savings: Cents, cost: Cents): number | null {
	if (cost <= 0n) return null;
	return Number(mulDivRound(savings, 10n, cost)) / 10;
}

/** Rounded half up to a multiple of `unit` cents (100_000n: whole thousands of euros); for amounts ≥ 0. */
export const roundToUnit = (value: Cents, unit: Cents): Cents => ((value * 2n + unit) / (unit * 2n)) * unit;

/** The party under which savings without baten_bij count. */
export const UNKNOWN_PARTY = 'onbekend';

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/**
 * Splits each group's savings evenly over its parties (mask 0: onbekend), exactly: per party the sum
 * over n of S_n / n (S_n = savings of groups with n parties) is taken over a common denominator in
 * integer cents and rounded half up to a cent once, at the end. Parties in order of first appearance.
 */
export function splitEvenly(
	groups: readonly { mask: bigint; low: Cents; high: Cents }[],
	partiesOf: (mask: bigint) => string[]
): { party: string; savings: CentsRange }[] {
	const perParty = new Map<string, { n: bigint; low: Cents; high: Cents }[]>();
	for (const g of groups) {
		const parties = g.mask === 0n ? [UNKNOWN_PARTY] : partiesOf(g.mask);
		for (const party of parties) {
			const list = perParty.get(party) ?? [];
			list.push({ n: BigInt(parties.length), low: g.low, high: g.high });
			perParty.set(party, list);
		}
	}
	return [...perParty].map(([party, parts]) => {
		const lcm = parts.reduce((acc, p) => (acc * p.n) / gcd(acc, p.n), 1n);
		const low = parts.reduce((acc, p) => acc + p.low * (lcm / p.n), 0n);
		const high = parts.reduce((acc, p) => acc + p.high * (lcm / p.n), 0n);
		return { party, savings: { low: mulDivRound(low, 1n, lcm), high: mulDivRound(high, 1n, lcm) } };
	});
}
