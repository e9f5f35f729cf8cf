/** Tests of the registry of analysis views on a real DuckDB file: every view answers the tables it names, and each role receives it at its level. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { EMPTY_FILTER } from '$lib/domain/filters';
import { ROLES, type Role, type SessionUser } from '$lib/domain/roles';
import { VIEW_TABLES } from '$lib/domain/views';
import { caseRows, closeTempStore, importRows, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { VIEWS, audit, budget, kwestie, leefgebieden, signalen, viewById } from './registry';
import { levelOf, showView } from './show';
import type { ViewDefinition } from './types';

const TODAY = '2026-06-30';
const LEEUWARDEN = { all: false, gemeenten: ['GM0080'] } as const;

const userOf = (role: Role): SessionUser => ({
	id: 1,
	email: `${role}@leeuwarden.example`,
	role,
	reach: role === 'landelijk' ? { all: true } : LEEUWARDEN
});

let store: Store;

beforeEach(async () => {
	store = await openTempStore();
	// Three cases of one kind (a count landelijk may not see) and twelve of another, with money and steps.
	const result = await importRows(store, [
		...caseRows(3, 'K', {
			aangemeld_op: '2026-01-15',
			leefgebieden: 'financiën|wonen',
			organisaties: 'UWV',
			wetten: 'Pw',
			kwestie: 'Huurtoeslag na verhuizing',
			kosten_oplossing: '1234,56'
		}),
		...caseRows(12, 'W', {
			aangemeld_op: '2026-02-15',
			leefgebieden: 'wonen',
			status: 'afgerond',
			afgerond_op: '2026-04-15',
			uitkomst: 'opgelost',
			escalatie: 'lokale_tafel',
			kosten_oplossing: '500,00'
		})
	]);
	expect(result.status).toBe('imported');
});

afterEach(() => closeTempStore(store));

const context = (role: Role, query = '') => ({
	db: store.db,
	user: userOf(role),
	filter: EMPTY_FILTER,
	params: new URLSearchParams(query),
	today: TODAY
});

/** The status of the error a view answers with, or null where it answers. */
async function refusal(view: ViewDefinition, role: Role, query = ''): Promise<number | null> {
	try {
		await showView(view, context(role, query));
		return null;
	} catch (error) {
		if (isHttpError(error)) return error.status;
		throw error;
	}
}

describe('the registry', () => {
	it('names each view once, and each page once', () => {
		const ids = VIEWS.map((view) => view.id);
		expect(new Set(ids).size).toBe(ids.length);
		const pages = VIEWS.flatMap((view) => (view.page ? [view.page.path] : []));
		expect(new Set(pages).size).toBe(pages.length);
		expect(viewById('leefgebieden')).toBe(leefgebieden);
		expect(viewById('onbekend')).toBeUndefined();
	});

	it('keeps its tables in the one list the pages pick them from, and offers landelijk only listed tables', () => {
		for (const view of VIEWS) {
			expect(view.tables).toBe(VIEW_TABLES[view.id as keyof typeof VIEW_TABLES]);
			for (const id of view.protectedTables ?? []) expect(view.tables).toContain(id);
		}
	});

	it.each([
		'dashboard',
		'leefgebieden',
		'organisaties',
		'wetten',
		'escalatie',
		'budget',
		'signalen',
		'verkennen'
	])('%s answers the tables it names, in order', async (id) => {
		const view = viewById(id)!;
		const answer = await view.compute(context('kwaliteitsteam'));
		const ids = answer!.tables.map((t) => t.id);
		// The advances table is left out where no case holds an advance; every other table is always there.
		const expected = view.tables.filter((t) => t !== 'budget-voorschotten');
		expect(ids).toEqual(expected);
	});

	it('answers the tables of a kwestie by its id, and 404 for one that does not exist', async () => {
		const found = await store.db.one<{ id: number }>('SELECT min(id) AS id FROM kwesties');
		const answer = await kwestie.compute(context('beleid', `kwestie=${found!.id}`));
		expect(answer?.tables.map((t) => t.id)).toEqual([...kwestie.tables]);
		expect(await refusal(kwestie, 'beleid', 'kwestie=999999')).toBe(404);
	});
});

describe('levels', () => {
	it('gives every role its level of every view', () => {
		const levels = Object.fromEntries(
			VIEWS.map((view) => [view.id, ROLES.map((role) => levelOf(view, userOf(role)))])
		);
		// beheerder, kwaliteitsteam, beleid, college, landelijk
		expect(levels).toEqual({
			dashboard: ['exact', 'exact', 'exact', 'exact', 'protected'],
			leefgebieden: ['exact', 'exact', 'exact', 'exact', 'protected'],
			organisaties: ['exact', 'exact', 'exact', 'exact', 'protected'],
			wetten: ['exact', 'exact', 'exact', 'exact', 'protected'],
			escalatie: ['exact', 'exact', 'exact', 'exact', 'protected'],
			besluiten: ['exact', 'exact', 'exact', 'exact', 'protected'],
			budget: ['exact', 'exact', 'exact', 'exact', 'protected'],
			signalen: ['exact', 'exact', 'exact', 'exact', 'exact'],
			verkennen: ['exact', 'exact', 'exact', 'exact', 'protected'],
			kwestie: ['exact', 'exact', 'exact', 'exact', 'protected'],
			vergelijking: ['exact', 'none', 'none', 'none', 'exact'],
			audit: ['exact', 'none', 'none', 'none', 'none'],
			fondsen: ['exact', 'none', 'none', 'none', 'none']
		});
	});

	it('refuses a view the role has no capability for with 403', async () => {
		expect(await refusal(audit, 'kwaliteitsteam')).toBe(403);
		expect(await refusal(audit, 'beheerder')).toBeNull();
	});

	it('gives college the view as computed', async () => {
		const shown = await showView(leefgebieden, context('college'));
		expect(shown.level).toBe('exact');
		expect(shown.level === 'exact' && shown.matrix.cases).toBe(15);
	});

	it('gives landelijk only the protected tables: no small count, no view beside them, nothing per month', async () => {
		const shown = await showView(leefgebieden, context('landelijk'));
		expect(Object.keys(shown).sort()).toEqual(['level', 'tables']);
		const matrix = shown.tables.find((t) => t.id === 'leefgebieden-matrix')!;
		const financien = matrix.rows.find((row) => row.leefgebied === 'Financiën')!;
		expect(financien.totaal).toBe('geheim');
		const counts = matrix.rows.flatMap((row) => matrix.columns.slice(1).map((c) => row[c.key]));
		for (const n of counts)
			expect(n === 'geheim' || n === 0 || (typeof n === 'number' && n % 5 === 0 && n >= 10)).toBe(true);

		const money = await showView(budget, context('landelijk'));
		const offered = budget.protectedTables!.filter((t) => t !== 'budget-voorschotten');
		expect(money.tables.map((t) => t.id)).toEqual(offered);
		for (const finer of ['budget-verloop', 'budget-fondsen-jaren', 'budget-baten-kwartalen'])
			expect(money.tables.map((t) => t.id)).not.toContain(finer);
	});

	it('raises the threshold of signals for college and landelijk, and refuses a bad window with 400', async () => {
		const team = await showView(signalen, context('kwaliteitsteam', 'threshold=1&as_of=2026-06-30'));
		const college = await showView(signalen, context('college', 'threshold=1&as_of=2026-06-30'));
		expect(team.tables[0].rows.length).toBeGreaterThan(0);
		expect(college.level === 'exact' && college.options.threshold).toBe(3);
		expect(await refusal(signalen, 'landelijk', 'window_months=2')).toBe(400);
	});
});
