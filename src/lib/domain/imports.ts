/** What an import reports, shared by the pipeline, the CLI and the import page. */

export interface ImportProblem {
	/** Row as a spreadsheet numbers it (header = 1); null for the whole file. */
	row: number | null;
	/** Column as the file names it; the canonical name for a missing column; null for the whole file. */
	column: string | null;
	message: string;
}

export interface PreviewRow {
	row: number;
	casus_id: string;
	gemeente: string;
	aangemeld_op: string;
	status: string;
	leefgebieden: string;
	escalatie: string;
	kwestie: string;
}

export interface ImportResult {
	/** `checked`: a dry run found nothing wrong and wrote nothing. */
	status: 'imported' | 'refused' | 'checked';
	/** Line in the import log; 0 for a dry run. */
	importId: number;
	format: 'csv' | 'xlsx' | 'parquet' | 'json' | null;
	rows: number;
	inserted: number;
	updated: number;
	removed: number;
	rejectedRows: number;
	problems: ImportProblem[];
	warnings: ImportProblem[];
	/** The first rows as the portal understood them; left out when the file holds personal data. */
	preview: PreviewRow[];
}
