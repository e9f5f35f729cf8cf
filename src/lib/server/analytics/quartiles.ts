/** Quartiles of whole numbers given as counts per value, exactly as SQL's percentile_cont computes them. */

/** How many times a value occurs. */
export interface ValueCount {
	value: number;
	count: number;
}

/**
 * percentile_cont at 0.25, 0.5 and 0.75 of the values the counts describe: sorted, the value at
 * position (n − 1) · q, interpolated linearly between its neighbours (lo + (hi − lo) · d). For whole
 * numbers that is exact, so it equals DuckDB's answer to the last bit. Null where there are no
 * values; counts of one value may come in several entries.
 */
export function quartilesOf(counts: readonly ValueCount[]): [number | null, number | null, number | null] {
	const merged = new Map<number, number>();
	for (const { value, count } of counts) merged.set(value, (merged.get(value) ?? 0) + count);
	const values = [...merged].filter(([, count]) => count > 0).sort((a, b) => a[0] - b[0]);
	const n = values.reduce((sum, [, count]) => sum + count, 0);
	if (n === 0) return [null, null, null];
	/** The value at 0-based position `index` of the sorted values. */
	const at = (index: number): number => {
		let seen = 0;
		for (const [value, count] of values) {
			seen += count;
			if (index < seen) return value;
		}
		return values[values.length - 1][0];
	};
	const quartile = (k: 1 | 2 | 3): number => {
		// (n − 1) · k / 4 is exact in a double, as is the interpolation below for whole numbers.
		const position = ((n - 1) * k) / 4;
		const below = Math.floor(position);
		const lo = at(below);
		return position === below ? lo : lo + (at(below + 1) - lo) * (position - below);
	};
	return [quartile(1), quartile(2), quartile(3)];
}
