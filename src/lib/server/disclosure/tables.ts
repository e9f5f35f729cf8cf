/** Any view's tables of figures as a protected audience (landelijk) receives them: the national package's disclosure control cell by cell, with complementary suppression over the counts of cases. */
import type { DataTable, TableCell, TableColumn } from '$lib/domain/table';
import { CBS_RULES, protectAmount, protectCount, protectFigure } from '../national/disclosure';

const SECRET = 'geheim';

export interface TablesContext {
	/** The cases of the whole view: the basis of an amount or figure whose column names none. */
	cases: number;
}

/** Whether a column holds counts of cases (or of questions to partners): the cells suppression works on. */
export function countsCases(column: TableColumn): boolean {
	return column.kind === 'count' && column.counts !== 'other';
}

/** The exact count of cases a cell of `column` is made from: its row's basis, else the whole view's. */
export function basisOf(row: Record<string, TableCell>, column: TableColumn, context: TablesContext): number {
	if (column.basis === undefined) return context.cases;
	const cases = row[column.basis];
	// A basis that is missing or already hidden is too few to rely on.
	return typeof cases === 'number' ? cases : 0;
}

/**
 * The size of the co-occurrence matrix a table opens with (its first n counted columns hold the same
 * counts as its n rows, mirrored), else 0. A cell and its mirror are one figure, so they are hidden
 * together, as `protectSymmetric` does; a square table that is symmetric by chance only loses more.
 */
export function mirroredSize(rows: readonly Record<string, TableCell>[], keys: readonly string[]): number {
	const n = rows.length;
	if (n < 2 || n > keys.length) return 0;
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < i; j++) if (rows[i][keys[j]] !== rows[j][keys[i]]) return 0;
	}
	return n;
}

/**
 * Which cells of counts of cases are hidden, as `hidden[row][column]` over `keys`: first the small
 * counts (and cells already `geheim`), then complementary suppression on the exact counts, as
 * `protectTable` does: a row or column with exactly one hidden cell and at least one other published
 * non-zero count hides the smallest of those too, repeated until no line changes. In a co-occurrence
 * matrix (see `mirroredSize`) a cell's mirror is hidden with it.
 */
export function suppressed(rows: readonly Record<string, TableCell>[], keys: readonly string[]): boolean[][] {
	const hidden = rows.map((row) =>
		keys.map((key) => {
			const value = row[key];
			return value === SECRET || (typeof value === 'number' && protectCount(value, CBS_RULES) === SECRET);
		})
	);
	const lines: [number, number][][] = [
		...rows.map((_, i) => keys.map((__, j): [number, number] => [i, j])),
		...keys.map((_, j) => rows.map((__, i): [number, number] => [i, j]))
	];
	const exact = (i: number, j: number) => rows[i][keys[j]];
	const mirrored = mirroredSize(rows, keys);

	for (let changed = true; changed;) {
		changed = false;
		for (const line of lines) {
			if (line.filter(([i, j]) => hidden[i][j]).length !== 1) continue;
			const open = line.filter(([i, j]) => {
				const value = exact(i, j);
				return !hidden[i][j] && typeof value === 'number' && value !== 0;
			});
			if (open.length === 0) continue;
			// The smallest exact count loses the least; on a tie the first in the line.
			const [i, j] = open.reduce((a, b) =>
				(exact(b[0], b[1]) as number) < (exact(a[0], a[1]) as number) ? b : a
			);
			hidden[i][j] = true;
			if (i < mirrored && j < mirrored) hidden[j][i] = true;
			changed = true;
		}
	}
	return hidden;
}

/** One cell outside the counts of cases: amounts and figures against their basis, everything else as it is. */
function protectCell(
	column: TableColumn,
	value: TableCell,
	row: Record<string, TableCell>,
	context: TablesContext
): TableCell {
	if (typeof value !== 'number') return value;
	if (column.kind === 'euro') return protectAmount(value, basisOf(row, column, context), CBS_RULES);
	const computed = column.kind === 'decimal' || (column.kind === 'count' && column.basis !== undefined);
	return computed ? protectFigure(value, basisOf(row, column, context), CBS_RULES) : value;
}

/** One table after disclosure control: a new table, the input left untouched. */
export function protectDataTable(table: DataTable, context: TablesContext): DataTable {
	const keys = table.columns.filter(countsCases).map((c) => c.key);
	const hidden = suppressed(table.rows, keys);
	return {
		id: table.id,
		caption: table.caption,
		columns: table.columns.map((column) => ({ ...column })),
		rows: table.rows.map((row, i) => {
			const published: Record<string, TableCell> = { ...row };
			for (const column of table.columns) {
				if (!(column.key in row)) continue;
				const j = keys.indexOf(column.key);
				const value = row[column.key];
				// A share beside its counts gives a hidden one back (3 of 23 from 20 and 87,0%): it goes with it.
				if (column.share && typeof value === 'number' && hidden[i].some(Boolean))
					published[column.key] = SECRET;
				else if (j < 0) published[column.key] = protectCell(column, value, row, context);
				else if (hidden[i][j]) published[column.key] = typeof value === 'number' ? SECRET : value;
				// Rounded only now, after suppression has chosen on the exact counts.
				else if (typeof value === 'number') published[column.key] = protectCount(value, CBS_RULES);
			}
			return published;
		})
	};
}

/** A view's tables as landelijk receives them (interfaces.md, "Who sees what"); never mutates its input. */
export function protectTables(tables: readonly DataTable[], context: TablesContext): DataTable[] {
	return tables.map((table) => protectDataTable(table, context));
}
