/** Disclosure control: primary and complementary suppression, rounding, and an attacker who tries to recover hidden cells from what is published. */
import { describe, expect, it } from 'vitest';
import {
	CBS_RULES,
	protectAmount,
	protectCount,
	protectFigure,
	protectTable,
	roundAmount,
	roundTo,
	type CountTable,
	type DisclosureRules,
	type PublishedTable
} from './disclosure';

/** A deterministic pseudo-random generator (mulberry32), so every run attacks the same tables. */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function randomTable(next: () => number, rows: number, cols: number, max: number): CountTable {
	return {
		rows: Array.from({ length: rows }, (_, i) => `r${i}`),
		cols: Array.from({ length: cols }, (_, j) => `c${j}`),
		// Many small counts, as in a municipality's quarter.
		cells: Array.from({ length: rows }, () =>
			Array.from({ length: cols }, () => Math.floor(next() ** 2 * max))
		)
	};
}

/** The published table as a grid with its totals row and column, for the attacker. */
function grid(p: PublishedTable): (number | 'geheim')[][] {
	return [...p.cells.map((row, i) => [...row, p.rowTotals[i]]), [...p.colTotals, p.total]];
}

function exactGrid(t: CountTable): number[][] {
	const rowTotals = t.cells.map((r) => r.reduce((a, b) => a + b, 0));
	const colTotals = t.cols.map((_, j) => t.cells.reduce((s, r) => s + r[j], 0));
	return [
		...t.cells.map((r, i) => [...r, rowTotals[i]]),
		[...colTotals, rowTotals.reduce((a, b) => a + b, 0)]
	];
}

/**
 * How many values each hidden entry can take given what is published, counted up to `enough`: a rounded
 * count r stands for a true count in [r − 2, r + 2] and at least the smallest published count, a
 * published 0 for exactly 0, and every row and column (totals included) adds up. For each hidden entry and each candidate value, a backtracking search over the other hidden
 * entries (0 to `bound`, pruned on the lines' bounds) looks for one complete consistent table.
 */
function feasibleValues(
	p: PublishedTable,
	bound: number,
	rules: DisclosureRules,
	enough = 2
): Map<string, number[]> {
	const g = grid(p);
	const n = g.length;
	const m = g[0].length;
	const hidden: [number, number][] = [];
	for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) if (g[i][j] === 'geheim') hidden.push([i, j]);
	const half = Math.floor(rules.rounding / 2);
	type Line = { cells: [number, number][]; totalAt: [number, number] };
	const lines: Line[] = [];
	for (let i = 0; i < n; i++)
		lines.push({ cells: Array.from({ length: m - 1 }, (_, j) => [i, j]), totalAt: [i, m - 1] });
	for (let j = 0; j < m; j++)
		lines.push({ cells: Array.from({ length: n - 1 }, (_, i) => [i, j]), totalAt: [n - 1, j] });
	const assigned = new Map<string, number>();
	const key = (i: number, j: number) => `${i},${j}`;
	const interval = (i: number, j: number): [number, number] => {
		const v = g[i][j];
		if (v === 0 && rules.publishZero) return [0, 0];
		if (v !== 'geheim') return [Math.max(0, rules.minimum, v - half), v + half];
		const a = assigned.get(key(i, j));
		return a === undefined ? [0, bound] : [a, a];
	};
	const consistent = () =>
		lines.every(({ cells, totalAt }) => {
			const [tlo, thi] = interval(...totalAt);
			const lo = cells.reduce((s, c) => s + interval(...c)[0], 0);
			const hi = cells.reduce((s, c) => s + interval(...c)[1], 0);
			return lo <= thi && hi >= tlo;
		});
	const exists = (rest: [number, number][]): boolean => {
		if (!consistent()) return false;
		if (rest.length === 0) return true;
		const [[i, j], ...others] = rest;
		for (let v = 0; v <= bound; v++) {
			assigned.set(key(i, j), v);
			if (exists(others)) {
				assigned.delete(key(i, j));
				return true;
			}
		}
		assigned.delete(key(i, j));
		return false;
	};
	const found = new Map<string, number[]>();
	for (const [i, j] of hidden) {
		const values: number[] = [];
		for (let v = 0; v <= bound && values.length < enough; v++) {
			assigned.clear();
			assigned.set(key(i, j), v);
			if (exists(hidden.filter(([a, b]) => a !== i || b !== j))) values.push(v);
		}
		found.set(key(i, j), values);
	}
	return found;
}

describe('single counts and figures', () => {
	it('publishes 0 as 0, 1 to 7 as geheim and rounds the rest half up to a multiple of 5', () => {
		expect([0, 1, 7].map((n) => protectCount(n))).toEqual([0, 'geheim', 'geheim']);
		expect([8, 12, 13, 17, 18, 1234].map((n) => protectCount(n))).toEqual([10, 10, 15, 15, 20, 1235]);
		expect(roundTo(12.5, 5)).toBe(15);
		const tens = { ...CBS_RULES, minimum: 10, rounding: 10 };
		expect(protectCount(9, tens)).toBe('geheim');
		expect(protectCount(14, tens)).toBe(10);
		// Version 1 hid a zero as well.
		expect(protectCount(0, { ...CBS_RULES, publishZero: false })).toBe('geheim');
	});

	it('hides a figure made from fewer cases than the minimum', () => {
		expect(protectFigure(1234.56, 7)).toBe('geheim');
		expect(protectFigure(1234.56, 8)).toBe(1234.56);
		expect(protectFigure(null, 3)).toBeNull();
	});

	it('rounds amounts half up to whole thousands of euros in whole cents, and hides those of fewer than 8 cases', () => {
		expect(roundAmount(1499.99)).toBe(1000);
		expect(roundAmount(1500)).toBe(2000);
		expect(roundAmount(2500)).toBe(3000);
		expect(roundAmount(499.99)).toBe(0);
		expect(roundAmount(500)).toBe(1000);
		// Six amounts in cents that add up to 1500.00 add up to 1499.9999999999998 in binary: still half, so up.
		const sum = 519.55 + 366.03 + 166.8 + 118.07 + 32.48 + 297.07;
		expect(sum).toBeLessThan(1500);
		expect(roundAmount(sum)).toBe(2000);
		expect(roundAmount(1499.7 + 0.29)).toBe(1000);
		expect(roundAmount(1234567.89)).toBe(1235000);
		expect(roundAmount(-1500)).toBe(-1000);
		expect(roundAmount(1234.56, 1)).toBe(1234.56);
		expect(protectAmount(1500, 7)).toBe('geheim');
		expect(protectAmount(1500, 8)).toBe(2000);
		expect(protectAmount(null, 8)).toBeNull();
	});
});

describe('protectTable', () => {
	it('hides a second cell in every row and column with one small cell, and the totals that would give it away', () => {
		const published = protectTable({
			rows: ['a', 'b', 'c'],
			cols: ['x', 'y', 'z'],
			cells: [
				[20, 3, 30],
				[25, 40, 35],
				[50, 45, 60]
			]
		});
		const g = grid(published);
		for (const line of [...g, ...g[0].map((_, j) => g.map((row) => row[j]))]) {
			expect(line.filter((v) => v === 'geheim').length).not.toBe(1);
		}
		expect(published.cells[0][1]).toBe('geheim');
		// The smallest partner in row a is 20 (x), in column y it is 40 (b).
		expect(published.cells[0][0]).toBe('geheim');
		expect(published.cells[1][1]).toBe('geheim');
		expect(published.total).toBe(310);
	});

	it('leaves a table without small counts whole, only rounded', () => {
		const published = protectTable({ rows: ['a'], cols: ['x', 'y'], cells: [[12, 18]] });
		expect(published).toEqual({
			rows: ['a'],
			cols: ['x', 'y'],
			cells: [[10, 20]],
			rowTotals: [30],
			colTotals: [10, 20],
			total: 30
		});
	});

	it('keeps a one-column table safe: a small row and its total hidden, and a partner for the column', () => {
		const published = protectTable({ rows: ['a', 'b', 'c'], cols: ['aantal'], cells: [[4], [30], [12]] });
		expect(published.cells.map((r) => r[0])).toEqual(['geheim', 30, 'geheim']);
		expect(published.rowTotals).toEqual(['geheim', 30, 'geheim']);
		expect(published.total).toBe(45);
	});

	it('does not treat totals as sums when a case may name several labels', () => {
		// 10 cases, each naming one or both labels: the total is not the sum of the cells.
		const published = protectTable({
			rows: ['wonen', 'financiën'],
			cols: ['aantal'],
			cells: [[9], [3]],
			rowTotals: [9, 3],
			colTotals: [10],
			total: 10
		});
		expect(published.cells).toEqual([[10], ['geheim']]);
		expect(published.total).toBe(10);
	});
});

describe('an attacker with the published table', () => {
	it('finds no line with exactly one hidden entry in 500 random tables', () => {
		const next = random(2026);
		for (let t = 0; t < 500; t++) {
			const table = randomTable(next, 2 + Math.floor(next() * 4), 2 + Math.floor(next() * 4), 40);
			const g = grid(protectTable(table));
			for (const line of [...g, ...g[0].map((_, j) => g.map((row) => row[j]))]) {
				expect(line.filter((v) => v === 'geheim').length).not.toBe(1);
			}
		}
	});

	it('recovers a hidden count that only primary suppression protects (the attack works)', () => {
		// Published exactly, with only the small cell hidden: its row gives it away.
		const unprotected: PublishedTable = {
			rows: ['a', 'b'],
			cols: ['x', 'y'],
			cells: [
				['geheim', 20],
				[30, 40]
			],
			rowTotals: [23, 70],
			colTotals: [33, 60],
			total: 93
		};
		expect(feasibleValues(unprotected, 100, { ...CBS_RULES, rounding: 1 })).toEqual(new Map([['0,0', [3]]]));
	});

	it('cannot pin down any hidden count from the rounded cells and totals', { timeout: 60_000 }, () => {
		const next = random(7);
		let attacked = 0;
		for (let t = 0; t < 80; t++) {
			const table = randomTable(next, 3, 3, 24);
			const published = protectTable(table);
			const exact = exactGrid(table);
			const hiddenCount = grid(published)
				.flat()
				.filter((v) => v === 'geheim').length;
			if (hiddenCount === 0 || hiddenCount > 6) continue;
			attacked++;
			for (const [at, values] of feasibleValues(published, Math.max(...exact.flat()) + 5, CBS_RULES)) {
				// At least two complete tables agree with everything published: the entry is not recovered.
				expect(values.length, `entry ${at} of table ${t}: ${values}`).toBeGreaterThan(1);
			}
		}
		expect(attacked).toBeGreaterThan(10);
	});
});
