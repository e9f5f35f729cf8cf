/** Seeded randomness for the demo: a small PRNG and the draws the generators make with it. */

/** A uniform number in [0, 1). */
export type Rng = () => number;

/** mulberry32: a small, fast 32-bit PRNG; the same seed gives the same stream. */
export function mulberry32(seed: number): Rng {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
	return items[Math.floor(rng() * items.length)];
}

export function chance(rng: Rng, p: number): boolean {
	return rng() < p;
}

export function between(rng: Rng, min: number, max: number): number {
	return min + rng() * (max - min);
}

export function intBetween(rng: Rng, min: number, max: number): number {
	return min + Math.floor(rng() * (max - min + 1));
}

/** Roughly standard normal (Irwin-Hall of four uniforms, scaled to unit variance). */
export function normalish(rng: Rng): number {
	return (rng() + rng() + rng() + rng() - 2) * 1.7320508;
}

export function logNormal(rng: Rng, median: number, sigma: number): number {
	return median * Math.exp(sigma * normalish(rng));
}

/** Log-uniform between min and max: as many cases around 100 as around 1,000. */
export function logBetween(rng: Rng, min: number, max: number): number {
	return min * Math.exp(rng() * Math.log(max / min));
}

/** One of the items, drawn with the given weights. */
export function weighted<T>(rng: Rng, pairs: readonly (readonly [T, number])[]): T {
	let total = 0;
	for (const p of pairs) total += p[1];
	let u = rng() * total;
	for (const p of pairs) {
		u -= p[1];
		if (u < 0) return p[0];
	}
	return pairs[pairs.length - 1][0];
}
