/** A problem or warning of an import, as the CLI and the import page report it. */

export interface ImportProblem {
	/** Row as a spreadsheet numbers it (header = 1); null for the whole file. */
	row: number | null;
	/** Column as the file names it; the canonical name for a missing column; null for the whole file. */
	column: string | null;
	message: string;
}

/** At most this many problems are listed; the count of rejected rows is always complete. */
export const PROBLEM_LIMIT = 5000;
