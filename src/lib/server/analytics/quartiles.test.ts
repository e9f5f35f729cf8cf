/** The quartiles from counts per value equal DuckDB's percentile_cont over the values themselves, to the last bit. */
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { quartilesOf, type ValueCount } from './quartiles';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return state / 2147483648;
	};
}

describe('quartilesOf', () => {
	it('interpolates between neighbours, as Excel’s KWARTIEL.INC', () => {
		const counts = [10, 20, 30, 40].map((value) => ({ value, count: 1 }));
		expect(quartilesOf(counts)).toEqual([17.5, 25, 32.5]);
		expect(quartilesOf([{ value: 30, count: 3 }])).toEqual([30, 30, 30]);
		expect(quartilesOf([])).toEqual([null, null, null]);
		expect(quartilesOf([{ value: 5, count: 0 }])).toEqual([null, null, null]);
	});

	it('adds up counts of one value given in several entries, in any order', () => {
		const split: ValueCount[] = [
			{ value: 40, count: 1 },
			{ value: 10, count: 1 },
			{ value: 30, count: 1 },
			{ value: 10, count: 1 }
		];
		expect(quartilesOf(split)).toEqual(quartilesOf([...split].reverse()));
		expect(quartilesOf(split)).toEqual([10, 20, 32.5]);
	});

	it('gives exactly what percentile_cont gives over the same values, to the last bit', async () => {
		const instance = await DuckDBInstance.create(':memory:');
		const connection = await instance.connect();
		const next = random(42);
		for (let round = 0; round < 60; round++) {
			const n = 1 + Math.floor(next() * (round < 30 ? 12 : 400));
			const spread = 1 + Math.floor(next() * 1500);
			const values = Array.from(
				{ length: n },
				() => Math.floor(next() * spread) - (round % 7 === 0 ? 50 : 0)
			);
			const reader = await connection.runAndReadAll(
				`SELECT percentile_cont([0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY v) AS q
				 FROM (SELECT unnest([${values.join(', ')}]::BIGINT[]) AS v)`
			);
			const expected = (reader.getRowObjectsJS()[0].q as number[]).map(Number);
			const counts = values.map((value) => ({ value, count: 1 }));
			expect(quartilesOf(counts), `values ${values.join(',')}`).toEqual(expected);
		}
		connection.closeSync();
		instance.closeSync();
	});
});
