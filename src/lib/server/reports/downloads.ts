/** Which tables each view offers for download; the download endpoint recomputes them for the same filter. */
import type { CaseFilter } from '$lib/domain/filters';
import type { SessionUser } from '$lib/domain/roles';
import type { DataTable } from '$lib/domain/table';
import type { Database } from '../db';
import { budgetView } from '../analytics/budget-view';
import { dashboardTables, keyFigures } from '../analytics/dashboard';
import { accessReview, auditTable, parseAuditFilter, readAudit } from '../audit-log';
import { capabilities } from '$lib/domain/roles';
import { escalatieView } from '../analytics/escalatie';
import { leefgebiedenView } from '../analytics/leefgebieden';
import { organisatiesView } from '../analytics/organisaties';
import { DEFAULT_DIAGONAL, parseDiagonal } from '../analytics/cooccurrence';
import { wettenView } from '../analytics/wetten';
import { todayInAmsterdam } from '../kwesties/signals';
import { signalList } from '../kwesties/signal-list';
import { findKwestie, mayRead } from '../kwesties/kwesties';
import { kwestieDetail } from '../kwesties/detail';
import { signalSettings } from '../kwesties/settings';
import { audience } from '../disclosure/audience';
import { signalRequest } from '../disclosure/signals';
import { comparisonDownload } from '../national/comparison';

type TableSource = (
	db: Database,
	user: SessionUser,
	filter: CaseFilter,
	params: URLSearchParams
) => Promise<DataTable[]>;

/** The matrix reading the download asks for, as its page shows it. */
const diagonalOf = (params: URLSearchParams) => parseDiagonal(params.get('diagonal')) ?? DEFAULT_DIAGONAL;

const SOURCES: Record<string, TableSource> = {
	audit: async (db, user, _filter, params) => {
		const filter = parseAuditFilter(params);
		if (!capabilities(user.role).manageUsers || !filter) return [];
		return [auditTable((await readAudit(db, user, filter)).rows), await accessReview(db, user)];
	},
	budget: async (db, user, filter) => (await budgetView(db, user.reach, filter, todayInAmsterdam())).tables,
	dashboard: async (db, user, filter) => dashboardTables(await keyFigures(db, user.reach, filter)),
	escalatie: async (db, user, filter) =>
		(await escalatieView(db, user.reach, filter, todayInAmsterdam())).tables,
	kwestie: async (db, user, _filter, params) => {
		const kwestie = await findKwestie(db, Number(params.get('kwestie')) || 0);
		if (!kwestie || !mayRead(user, kwestie.scope)) return [];
		return (await kwestieDetail(db, user, kwestie, todayInAmsterdam())).tables;
	},
	leefgebieden: async (db, user, filter, params) =>
		(await leefgebiedenView(db, user.reach, filter, diagonalOf(params))).tables,
	organisaties: async (db, user, filter, params) =>
		(await organisatiesView(db, user.reach, filter, diagonalOf(params))).tables,
	signalen: async (db, user, filter, params) => {
		const defaults = await signalSettings(db, user.reach, filter.gemeente);
		const asked = signalRequest(audience(user.role), params, defaults, filter);
		if (!asked.ok) return [];
		return (await signalList(db, user, asked.options.filter, asked.options.options)).tables;
	},
	vergelijking: (db, user, _filter, params) =>
		comparisonDownload(db, user, params, Number(todayInAmsterdam().slice(0, 4))),
	wetten: async (db, user, filter) => (await wettenView(db, user.reach, filter)).tables
};

export function isDownloadView(view: string): boolean {
	return Object.hasOwn(SOURCES, view);
}

export function downloadTables(
	view: string,
	db: Database,
	user: SessionUser,
	filter: CaseFilter,
	params: URLSearchParams
) {
	return SOURCES[view](db, user, filter, params);
}
