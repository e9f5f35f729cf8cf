/** The registry of analysis views: the one list that pages, downloads, the warmer, the navigation and the leak test read. */
import { error } from '@sveltejs/kit';
import { parseDiagonal, DEFAULT_DIAGONAL } from '../analytics/cooccurrence';
import { budgetView } from '../analytics/budget-view';
import { dashboardTables, keyFigures } from '../analytics/dashboard';
import { escalatieView } from '../analytics/escalatie';
import { exploreView } from '../analytics/explore';
import { besluitenView } from '../analytics/decisions';
import { leefgebiedenView } from '../analytics/leefgebieden';
import { organisatiesView } from '../analytics/organisaties';
import { wettenView } from '../analytics/wetten';
import { accessReview, auditTable, parseAuditFilter, readAudit } from '../audit-log';
import { signalRequest } from '../disclosure/signals';
import { audience } from '../disclosure/audience';
import { kwestieDetail } from '../kwesties/detail';
import { findKwestie, mayRead } from '../kwesties/kwesties';
import { signalSettings } from '../kwesties/settings';
import { signalList } from '../kwesties/signal-list';
import { comparisonDownload } from '../national/comparison';
import { fundLedger, ledgerTables } from '../funds/ledger';
import { listRules } from '../funds/rules';
import { VIEW_TABLES } from '$lib/domain/views';
import { parseChoice } from '$lib/domain/explore';
import type { ViewAnswer, ViewContext, ViewDefinition } from './types';

/** A view's definition, typed by its answer and its table ids. */
function defineView<Answer extends ViewAnswer, TableId extends string>(
	definition: ViewDefinition<Answer, TableId>
): ViewDefinition<Answer, TableId> {
	return definition;
}

/** The matrix reading the address asks for (`diagonal`), as the page shows it. */
const diagonalOf = (params: URLSearchParams) => parseDiagonal(params.get('diagonal')) ?? DEFAULT_DIAGONAL;

/** Case-level roles and college see a view as computed, landelijk after disclosure control. */
const ANALYSIS = { cases: 'exact', totals: 'exact', protected: 'protected' } as const;
/** Views whose own query already answers each audience as "Who sees what" says (signals, national packages). */
const OWN_CONTROL = { cases: 'exact', totals: 'exact', protected: 'exact' } as const;

/** The key figures: a block of the home (`/`, not a page of its own), its tables a download. */
export const dashboard = defineView({
	id: 'dashboard',
	levels: ANALYSIS,
	tables: VIEW_TABLES.dashboard,
	async compute({ db, user, filter }) {
		const figures = await keyFigures(db, user.reach, filter);
		return { figures, tables: dashboardTables(figures) };
	},
	cases: (answer) => answer.figures.cases,
	cache: 'page',
	warm: true
});

export const leefgebieden = defineView({
	id: 'leefgebieden',
	page: { path: '/leefgebieden', label: 'Leefgebieden' },
	levels: ANALYSIS,
	tables: VIEW_TABLES.leefgebieden,
	compute: ({ db, user, filter, params }) => leefgebiedenView(db, user.reach, filter, diagonalOf(params)),
	cases: (answer) => answer.matrix.cases,
	cache: 'page',
	warm: true
});

export const organisaties = defineView({
	id: 'organisaties',
	page: { path: '/organisaties', label: 'Organisaties & ministeries' },
	levels: ANALYSIS,
	tables: VIEW_TABLES.organisaties,
	compute: ({ db, user, filter, params, today }) =>
		organisatiesView(db, user.reach, filter, diagonalOf(params), today),
	cases: (answer) => answer.cases,
	cache: 'page',
	warm: true
});

export const wetten = defineView({
	id: 'wetten',
	page: { path: '/wetten', label: 'Wetten' },
	levels: ANALYSIS,
	tables: VIEW_TABLES.wetten,
	compute: ({ db, user, filter }) => wettenView(db, user.reach, filter),
	cases: (answer) => answer.cases,
	cache: 'page',
	warm: true
});

export const escalatie = defineView({
	id: 'escalatie',
	page: { path: '/escalatie', label: 'Escalatie' },
	levels: ANALYSIS,
	tables: VIEW_TABLES.escalatie,
	// Not the highest step per route: route names are a municipality's own free text and could name it.
	protectedTables: VIEW_TABLES.escalatie.filter((id) => id !== 'escalatie-trede-route'),
	compute: ({ db, user, filter, today }) => escalatieView(db, user.reach, filter, today),
	cases: (answer) => answer.total.cases,
	cache: 'page',
	warm: true
});

export const besluiten = defineView({
	id: 'besluiten',
	page: { path: '/besluiten', label: 'Besluiten' },
	levels: ANALYSIS,
	tables: VIEW_TABLES.besluiten,
	compute: ({ db, user, filter }) => besluitenView(db, user.reach, filter),
	cases: (answer) => answer.cases,
	cache: 'page',
	warm: true
});

export const budget = defineView({
	id: 'budget',
	page: { path: '/budget', label: 'Budget' },
	levels: ANALYSIS,
	tables: VIEW_TABLES.budget,
	// Not the course per month (finer than a quarter), nor the tables whose rows hold no count of the
	// cases behind their amounts (per fund and year, per party and quarter): no row could say "geheim".
	protectedTables: [
		'budget-fondsen',
		'budget-kassabon',
		'budget-besparing-fondsen',
		'budget-baten',
		'budget-verrekening',
		'budget-monitoring',
		'budget-voorschotten'
	],
	compute: ({ db, user, filter, today }) => budgetView(db, user.reach, filter, today),
	cases: (answer) => answer.total.cases,
	// The page lists the costliest cases, and every view of those is audited.
	cache: 'never',
	warm: false
});

export const signalen = defineView({
	id: 'signalen',
	page: { path: '/signalen', label: 'Signalen' },
	levels: OWN_CONTROL,
	tables: VIEW_TABLES.signalen,
	async compute({ db, user, filter, params, today }) {
		const defaults = await signalSettings(db, user.reach, filter.gemeente);
		const asked = signalRequest(audience(user.role), params, defaults, filter, today);
		if (!asked.ok) error(400, asked.message);
		return signalList(db, user, asked.options.filter, asked.options.options);
	},
	cases: () => 0,
	// The page shows suggestions that quote cases: every view of them is audited.
	cache: 'never',
	warm: false
});

export const verkennen = defineView({
	id: 'verkennen',
	page: { path: '/verkennen', label: 'Verkennen' },
	levels: ANALYSIS,
	tables: VIEW_TABLES.verkennen,
	compute({ db, user, filter, params }) {
		const asked = parseChoice(params);
		if (!asked.ok) error(400, asked.message);
		return exploreView(db, user.reach, filter, asked.choice);
	},
	cases: (answer) => answer.cases,
	// The page holds the forms and the list of the user's saved views.
	cache: 'never',
	warm: false
});

export const kwestie = defineView({
	id: 'kwestie',
	levels: ANALYSIS,
	tables: VIEW_TABLES.kwestie,
	async compute({ db, user, params, today }) {
		const found = await findKwestie(db, Number(params.get('kwestie')) || 0);
		if (!found || !mayRead(user, found.scope)) return null;
		return kwestieDetail(db, user, found, today);
	},
	cases: (answer) => answer.cases,
	cache: 'never',
	warm: false
});

export const vergelijking = defineView({
	id: 'vergelijking',
	// A beheerder needs its municipality opted in too: comparisonDownload asks mayCompare.
	capability: 'compare',
	levels: OWN_CONTROL,
	tables: VIEW_TABLES.vergelijking,
	async compute({ db, user, params, today }: ViewContext) {
		const tables = await comparisonDownload(db, user, params, Number(today.slice(0, 4)));
		return tables.length > 0 ? { tables } : null;
	},
	cases: () => 0,
	cache: 'never',
	warm: false
});

export const audit = defineView({
	id: 'audit',
	capability: 'manageUsers',
	levels: OWN_CONTROL,
	tables: VIEW_TABLES.audit,
	async compute({ db, user, params }) {
		const filter = parseAuditFilter(params);
		if (!filter) return null;
		return { tables: [auditTable((await readAudit(db, user, filter)).rows), await accessReview(db, user)] };
	},
	cases: () => 0,
	cache: 'never',
	warm: false
});

export const fondsen = defineView({
	id: 'fondsen',
	capability: 'manageFunds',
	levels: OWN_CONTROL,
	tables: VIEW_TABLES.fondsen,
	async compute({ db, user }) {
		const [ledger, rules] = await Promise.all([fundLedger(db, user.reach), listRules(db, user.reach)]);
		return { ...ledger, rules, tables: ledgerTables({ ...ledger, rules }) };
	},
	cases: () => 0,
	// The page holds the forms of the ledger.
	cache: 'never',
	warm: false
});

/** Every view, in the navigation's order. */
export const VIEWS: readonly ViewDefinition[] = [
	dashboard,
	leefgebieden,
	organisaties,
	wetten,
	escalatie,
	besluiten,
	budget,
	signalen,
	verkennen,
	kwestie,
	vergelijking,
	audit,
	fondsen
];

/** The view with this id, or undefined. */
export function viewById(id: string): ViewDefinition | undefined {
	return VIEWS.find((view) => view.id === id);
}
