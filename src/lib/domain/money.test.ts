/** Exact cents: amounts a float gets wrong come out to the cent, splits round once, thousands round half up. */
import { describe, expect, it } from 'vitest';
import { centsOf, decimalCents, decimalText, euros, ratioOf, roundToUnit, splitEvenly } from './money';

const parties = (mask: bigint) =>
	['gemeente', 'woningcorporatie', 'zorgverzekeraar'].filter((_, i) => (mask >> BigInt(i)) & 1n);

describe('money in cents', () => {
	it('adds 0,10 and 0,20 to 0,30, where a float makes 0,30000000000000004', () => {
		expect(0.1 + 0.2).not.toBe(0.3);
		expect(euros(centsOf('0.10') + centsOf('0.20'))).toBe(0.3);
		// Ten times 0,10 is 1,00, not 0,9999999999999999.
		expect(euros(Array.from({ length: 10 }, () => centsOf('0.10')).reduce((a, b) => a + b))).toBe(1);
	});

	it('keeps every cent of 3 × 33.333.333,33 and beyond what a double holds in euros', () => {
		const third = decimalCents('33333333.33')!;
		expect(euros(third * 3n)).toBe(99_999_999.99);
		expect(decimalCents('99999999999999999.99')).toBe(9_999_999_999_999_999_999n);
		expect(decimalCents('-7')).toBe(-700n);
		expect(decimalCents(null)).toBeNull();
		expect(centsOf(undefined)).toBe(0n);
		expect(() => decimalCents('1.005')).toThrow();
		expect(() => decimalCents('1e3')).toThrow();
	});

	it('writes cents back as DuckDB reads a DECIMAL, the inverse of decimalCents, signs and zeros included', () => {
		const cases: [bigint, string][] = [
			[0n, '0.00'],
			[5n, '0.05'],
			[-10n, '-0.10'],
			[123_456n, '1234.56'],
			[-700n, '-7.00'],
			[9_999_999_999_999_999_999n, '99999999999999999.99']
		];
		for (const [cents, text] of cases) {
			expect(decimalText(cents)).toBe(text);
			expect(decimalCents(text)).toBe(cents);
		}
	});

	it('splits thirds over three parties exactly and rounds each party once, at the end', () => {
		// Three cases of 100,00 over three parties: 33,333… each, three times, is 100,00 each, not 99,99.
		const shares = splitEvenly(
			[1n, 2n, 3n].map(() => ({ mask: 0b111n, low: 10_000n, high: 10_000n })),
			parties
		);
		expect(shares.map((s) => [s.party, s.savings.low])).toEqual([
			['gemeente', 10_000n],
			['woningcorporatie', 10_000n],
			['zorgverzekeraar', 10_000n]
		]);
		// 3 × 33.333.333,33 over three parties: 33.333.333,33 each; 1 cent over three: 0 (a third, rounded).
		const big = splitEvenly([{ mask: 0b111n, low: 9_999_999_999n, high: 1n }], parties);
		expect(big.map((s) => [s.savings.low, s.savings.high])).toEqual([
			[3_333_333_333n, 0n],
			[3_333_333_333n, 0n],
			[3_333_333_333n, 0n]
		]);
		// gemeente: 10.000/3 + 5 + 1/2 = 3.338,83… cents → 3.339; half a cent rounds up.
		const mixed = splitEvenly(
			[
				{ mask: 0b111n, low: 10_000n, high: 20_000n },
				{ mask: 0b001n, low: 5n, high: 5n },
				{ mask: 0b011n, low: 1n, high: 3n }
			],
			parties
		);
		expect(mixed[0]).toEqual({ party: 'gemeente', savings: { low: 3_339n, high: 6_673n } });
		expect(splitEvenly([{ mask: 0n, low: 1n, high: 2n }], parties)).toEqual([
			{ party: 'onbekend', savings: { low: 1n, high: 2n } }
		]);
	});

	it('rounds half up to whole thousands and gives a ratio to one decimal', () => {
		expect(roundToUnit(10_000_000_059n, 100_000n)).toBe(10_000_000_000n);
		expect(roundToUnit(50_000n, 100_000n)).toBe(100_000n);
		expect(roundToUnit(49_999n, 100_000n)).toBe(0n);
		expect(ratioOf(500_000n, 339_900n)).toBe(1.5);
		expect(ratioOf(1n, 0n)).toBeNull();
	});
});
