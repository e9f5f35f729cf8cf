/** A table of figures as every view shows it under its chart and offers it for download. */

export interface TableColumn {
	key: string;
	label: string;
	/** Numbers are right-aligned and formatted nl-NL; `euro` adds the currency. */
	kind?: 'text' | 'count' | 'euro' | 'date' | 'decimal';
}

export type TableCell = string | number | null;

export interface DataTable {
	/** Stable id, used in download addresses: `dashboard-jaren`. */
	id: string;
	caption: string;
	columns: TableColumn[];
	rows: Record<string, TableCell>[];
}
