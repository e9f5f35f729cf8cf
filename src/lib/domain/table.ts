/** A table of figures as every view shows it under its chart and offers it for download. */
import { formatCount, formatDate, formatDecimal, formatEuro } from './format';

export interface TableColumn {
	key: string;
	label: string;
	/** Numbers are right-aligned and formatted nl-NL; `euro` adds the currency. */
	kind?: 'text' | 'count' | 'euro' | 'date' | 'decimal';
	/** On a `count` column whose figures are not counts of cases (municipalities, steps, days): never rounded or suppressed as counts. */
	counts?: 'other';
	/** On a `euro` or `decimal` column (or a `counts: 'other'` one computed from cases): the key of the row's count of the cases it is made from. */
	basis?: string;
	/** On a `decimal` column: a share (in percent) of counts of its row, which with them would give a hidden count back. */
	share?: boolean;
	/** The heading a column belongs under with its neighbours (a split's value): what a chart names its series. */
	group?: string;
}

export type TableCell = string | number | null;

export interface DataTable {
	/** Stable id, used in download addresses: `dashboard-jaren`. */
	id: string;
	caption: string;
	columns: TableColumn[];
	rows: Record<string, TableCell>[];
	/** A caveat every download of the table says once: under the caption in XLSX, as the last line of the CSV. */
	note?: string;
}

/** Numbers, amounts and decimals are right-aligned; text and dates are not. */
export function isNumeric(column: TableColumn): boolean {
	return column.kind !== undefined && column.kind !== 'text' && column.kind !== 'date';
}

/** A cell as a table shows it, nl-NL; `missing` stands in for an empty cell of any kind but text. */
export function formatCell(column: TableColumn, value: TableCell, missing = ''): string {
	if (value === null || value === undefined) return column.kind && column.kind !== 'text' ? missing : '';
	if (typeof value !== 'number') return column.kind === 'date' ? formatDate(value) : value;
	if (column.kind === 'euro') return formatEuro(value);
	if (column.kind === 'decimal') return formatDecimal(value);
	return formatCount(value);
}
