/** The tables of each registry view, by id: the server's registry and the pages that pick a table name them from here. */
import type { DataTable } from './table';

export const VIEW_TABLES = {
	dashboard: ['dashboard-jaren', 'dashboard-treden'],
	leefgebieden: ['leefgebieden-matrix', 'leefgebieden-trend', 'leefgebieden-per-casus'],
	organisaties: [
		'organisaties-betrokkenheid',
		'organisaties-soort',
		'organisaties-landelijk',
		'organisaties-matrix',
		'organisaties-ministeries',
		'organisaties-ministeries-matrix',
		'organisaties-ministeries-per-casus',
		'organisaties-reactietijden'
	],
	wetten: [
		'wetten-wetten',
		'wetten-niveaus',
		'wetten-knelpunten',
		'wetten-wet-niveau',
		'wetten-wet-leefgebied',
		'wetten-artikelen',
		'wetten-knelpunten-kwartalen',
		'wetten-wetten-kwartalen'
	],
	escalatie: [
		'escalatie-treden',
		'escalatie-afloop',
		'escalatie-doorlooptijd',
		'escalatie-doorlooptijd-jaren',
		'escalatie-doorlooptijd-trede-jaar',
		'escalatie-open-leeftijd',
		'escalatie-tijd-per-trede',
		'escalatie-trede-route',
		'escalatie-trede-jaar'
	],
	besluiten: [
		'besluiten-niveau-trede',
		'besluiten-kaders-niveau',
		'besluiten-instrumenten',
		'besluiten-wetten',
		'besluiten-vier-ogen'
	],
	budget: [
		'budget-fondsen',
		'budget-fondsen-jaren',
		'budget-verloop',
		'budget-kassabon',
		'budget-besparing-fondsen',
		'budget-baten',
		'budget-baten-kwartalen',
		'budget-verrekening',
		'budget-monitoring',
		'budget-voorschotten'
	],
	signalen: ['signalen-lijst', 'signalen-oplossingen'],
	verkennen: ['verkennen-tabel'],
	kwestie: [
		'kwestie-kwartalen',
		'kwestie-wetten',
		'kwestie-artikelen',
		'kwestie-organisaties',
		'kwestie-leefgebieden',
		'kwestie-knelpunten'
	],
	vergelijking: [
		'vergelijking-gemeenten',
		'vergelijking-grootteklassen',
		'vergelijking-leefgebieden',
		'vergelijking-organisaties',
		'vergelijking-ministeries',
		'vergelijking-wetten',
		'vergelijking-knelpunten',
		'vergelijking-knelpunt-niveaus',
		'vergelijking-binnen-kaders',
		'vergelijking-instrumenten',
		'vergelijking-reacties',
		'vergelijking-escalatie',
		'vergelijking-afloop',
		'vergelijking-ingetrokken',
		'vergelijking-geld',
		'vergelijking-signalen',
		'vergelijking-trends'
	],
	audit: ['audit-log', 'toegangsoverzicht'],
	fondsen: ['fondsen-grootboek', 'fondsen-financiers', 'fondsen-bijdragen', 'fondsen-regels']
} as const;

export type ViewId = keyof typeof VIEW_TABLES;

/** Any view's table id. */
export type TableId = (typeof VIEW_TABLES)[ViewId][number];

/** The table with this id among a view's tables; pages pick their tables by id, never by position. */
export function tableOf(tables: readonly DataTable[], id: TableId): DataTable {
	const found = tables.find((table) => table.id === id);
	if (!found) throw new Error(`table ${id} is missing from the view`);
	return found;
}
