/** Which tables each view offers for download; the download endpoint recomputes them for the same filter. */
import type { CaseFilter } from '$lib/domain/filters';
import type { SessionUser } from '$lib/domain/roles';
import type { DataTable } from '$lib/domain/table';
import type { Database } from '../db';
import { dashboardTables, keyFigures } from '../analytics/dashboard';

type TableSource = (db: Database, user: SessionUser, filter: CaseFilter) => Promise<DataTable[]>;

const SOURCES: Record<string, TableSource> = {
	dashboard: async (db, user, filter) => dashboardTables(await keyFigures(db, user.reach, filter))
};

export function isDownloadView(view: string): boolean {
	return Object.hasOwn(SOURCES, view);
}

export function downloadTables(view: string, db: Database, user: SessionUser, filter: CaseFilter) {
	return SOURCES[view](db, user, filter);
}
