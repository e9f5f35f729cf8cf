/**
 * Disclosure control of the national package (version 2), as CBS practises it for Wmo and youth-care
 * figures: small counts are published as "geheim", the others rounded, and complementary cells
 * suppressed so that no hidden count can be recovered from a row, column or grand total.
 *
 * The rules, in order, for a table of counts with its row, column and grand totals:
 * 1. Primary suppression: a count from 1 to `minimum - 1` (default 1–7) is `geheim`; 0 is published
 *    as 0, since no one is in it (`publishZero`; version 1 packages hid it too).
 * 2. Complementary suppression: a row or column (totals included as a line of their own) with
 *    exactly one hidden cell would give it away by subtraction, so the smallest other count in that
 *    line is hidden too; repeated until no line holds exactly one hidden cell. A hidden total counts
 *    as a hidden cell of its line.
 * 3. Rounding: every published count is rounded to a multiple of `rounding` (default 5), half up.
 * Amounts are rounded half up to whole thousands of euros (`amountCents`) and, like every other figure
 * computed from cases (medians, quartiles, rates), hidden when fewer than `minimum` cases make them.
 * A package covers a whole quarter, half-year or year, never an arbitrary range, so that two
 * overlapping packages cannot be differenced into a small group.
 *
 * Suppression and rounding work together: suppression alone can leave a rectangle of hidden cells
 * whose zeros pin it down (a count cannot go below 0); the rounding of every published count then
 * leaves the attacker several complete tables that agree with everything published, which the
 * attack test in disclosure.test.ts checks by searching for them.
 */

export type Published = number | 'geheim';

export interface DisclosureRules {
	/** Counts below this are secret: 8 hides 0 to 7. */
	minimum: number;
	/** Published counts are rounded to a multiple of this. */
	rounding: number;
	/** Whether a count of 0 is published as 0 rather than hidden. */
	publishZero: boolean;
	/** Amounts are rounded half up to a multiple of this many cents: 100,000 is whole thousands of euros. */
	amountCents: number;
}

export const CBS_RULES: DisclosureRules = {
	minimum: 8,
	rounding: 5,
	publishZero: true,
	amountCents: 100_000
};

/** A table of exact counts: `cells[i][j]` belongs to `rows[i]` and `cols[j]`. */
export interface CountTable {
	rows: string[];
	cols: string[];
	cells: number[][];
	/** Cases per row and in all when a case may fall in several columns (or none): else the sums. */
	rowTotals?: number[];
	colTotals?: number[];
	total?: number;
}

/** A table as the package publishes it. */
export interface PublishedTable {
	rows: string[];
	cols: string[];
	cells: Published[][];
	rowTotals: Published[];
	colTotals: Published[];
	total: Published;
}

/** Rounds half up to a multiple of `step`. */
export function roundTo(value: number, step: number): number {
	return Math.floor(value / step + 0.5) * step;
}

/** Whether a count is hidden by primary suppression. */
function tooSmall(value: number, rules: DisclosureRules): boolean {
	return value < rules.minimum && !(value === 0 && rules.publishZero);
}

/** One figure alone (no totals to protect it against): secret when small, else rounded. */
export function protectCount(value: number, rules: DisclosureRules = CBS_RULES): Published {
	return tooSmall(value, rules) ? 'geheim' : roundTo(value, rules.rounding);
}

/**
 * Rounds an amount in euros half up to a multiple of `cents` cents, in whole cents so that no binary
 * fraction tips a half: 1499.99 is 1000, 1500.00 is 2000 (with 100,000 cents).
 */
export function roundAmount(euros: number, cents: number = CBS_RULES.amountCents): number {
	const exact = Math.round(euros * 100);
	return (Math.floor((exact + Math.floor(cents / 2)) / cents) * cents) / 100;
}

/** An amount made from `cases` cases: secret when too few make it, else rounded (see `roundAmount`). */
export function protectAmount(
	value: number | null,
	cases: number,
	rules: DisclosureRules = CBS_RULES
): number | 'geheim' | null {
	const figure = protectFigure(value, cases, rules);
	return typeof figure === 'number' ? roundAmount(figure, rules.amountCents) : figure;
}

/**
 * A figure computed from cases (an amount, a quartile): published as is when enough cases make it,
 * else secret, since a figure over few cases tells about those few households.
 */
export function protectFigure(
	value: number | null,
	cases: number,
	rules: DisclosureRules = CBS_RULES
): number | 'geheim' | null {
	if (value === null) return null;
	return cases < rules.minimum ? 'geheim' : value;
}

/**
 * Applies the three rules to a table. The grid being protected is the table extended with its
 * totals column and row: every row, every column, the totals row and the totals column must each
 * hold zero or at least two hidden entries.
 */
export function protectTable(table: CountTable, rules: DisclosureRules = CBS_RULES): PublishedTable {
	const rowsN = table.rows.length;
	const colsN = table.cols.length;
	const rowTotals = table.rowTotals ?? table.cells.map((row) => row.reduce((a, b) => a + b, 0));
	const colTotals =
		table.colTotals ?? table.cols.map((_, j) => table.cells.reduce((sum, row) => sum + row[j], 0));
	const total = table.total ?? rowTotals.reduce((a, b) => a + b, 0);

	// The extended grid: rows 0..n-1 and the totals row n; columns 0..m-1 and the totals column m.
	const value = (i: number, j: number) =>
		i === rowsN ? (j === colsN ? total : colTotals[j]) : j === colsN ? rowTotals[i] : table.cells[i][j];
	const hidden: boolean[][] = Array.from({ length: rowsN + 1 }, (_, i) =>
		Array.from({ length: colsN + 1 }, (_, j) => tooSmall(value(i, j), rules))
	);

	// Only the lines whose entries add up can give a hidden entry away: when a case may fall in several
	// columns, the row total is not the sum of its cells and that line is not an equation.
	const rowsAdd = table.rowTotals === undefined || table.cells.every((row, i) => sum(row) === rowTotals[i]);
	const colsAdd =
		table.colTotals === undefined ||
		table.cols.every((_, j) => sum(table.cells.map((r) => r[j])) === colTotals[j]);
	const lines: [number, number][][] = [];
	if (rowsAdd) {
		for (let i = 0; i <= rowsN; i++) lines.push(Array.from({ length: colsN + 1 }, (_, j) => [i, j]));
	}
	if (colsAdd) {
		for (let j = 0; j <= colsN; j++) lines.push(Array.from({ length: rowsN + 1 }, (_, i) => [i, j]));
	}

	for (let changed = true; changed;) {
		changed = false;
		for (const line of lines) {
			const secret = line.filter(([i, j]) => hidden[i][j]);
			if (secret.length !== 1) continue;
			const open = line.filter(([i, j]) => !hidden[i][j]);
			if (open.length === 0) continue;
			// Hide the smallest other entry: the least information lost.
			const [i, j] = open.reduce((a, b) => (value(b[0], b[1]) < value(a[0], a[1]) ? b : a));
			hidden[i][j] = true;
			changed = true;
		}
	}

	const publish = (i: number, j: number): Published =>
		hidden[i][j] ? 'geheim' : roundTo(value(i, j), rules.rounding);
	return {
		rows: table.rows,
		cols: table.cols,
		cells: table.rows.map((_, i) => table.cols.map((__, j) => publish(i, j))),
		rowTotals: table.rows.map((_, i) => publish(i, colsN)),
		colTotals: table.cols.map((_, j) => publish(rowsN, j)),
		total: publish(rowsN, colsN)
	};
}

function sum(values: number[]): number {
	return values.reduce((a, b) => a + b, 0);
}
