/** Errors of the store that callers handle by kind, with Dutch messages for the operator. */

/** The database file is held for writing by another process, usually the running server. */
export class DatabaseLockedError extends Error {
	constructor(readonly path: string) {
		super(
			`De database ${path} is in gebruik door een ander proces (waarschijnlijk de draaiende server). ` +
				'Stop de server, of gebruik de webpagina voor deze handeling.'
		);
		this.name = 'DatabaseLockedError';
	}
}

/** The database file exists but cannot be opened; never replaced by a new empty one. */
export class DatabaseUnreadableError extends Error {
	constructor(
		readonly path: string,
		cause: unknown
	) {
		super(
			`De database ${path} kan niet worden geopend: ${cause instanceof Error ? cause.message : String(cause)}. ` +
				'Zet een back-up terug (zie README, "Back-up en herstel").',
			{ cause }
		);
		this.name = 'DatabaseUnreadableError';
	}
}

export function isLockError(error: unknown): boolean {
	return error instanceof Error && /Could not set lock on file|Conflicting lock/i.test(error.message);
}
