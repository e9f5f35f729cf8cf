/** Saved views on a real DuckDB file: per user, named, unique, limited, stored as the re-serialised choice, deleted only by their own user, every act audited. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '$lib/domain/filters';
import type { SessionUser } from '$lib/domain/roles';
import { closeTempStore, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { deleteSavedView, listSavedViews, saveView, SAVED_NAME_MAX, SAVED_VIEWS_MAX } from './saved';

const ANNA: SessionUser = {
	id: 1,
	email: 'anna@leeuwarden.example',
	role: 'beleid',
	reach: { all: false, gemeenten: ['GM0080'] }
};
const BRAM: SessionUser = { ...ANNA, id: 2, email: 'bram@leeuwarden.example' };
const CHOICE = { measure: 'uitgaven', dimension: 'jaar', split: 'leefgebied' } as const;

let store: Store;

beforeEach(async () => {
	store = await openTempStore();
});

afterEach(() => closeTempStore(store));

/** The audit rows of an action, oldest first. */
const audited = (action: string) =>
	store.db.all<{ actor: string; object: string; result: string }>(
		'SELECT actor, object, result FROM audit_log WHERE action = $action ORDER BY id',
		{ action }
	);

describe('saved views', () => {
	it('keeps a named choice as the query the portal writes, lists it newest first, and audits it', async () => {
		const first = await saveView(store.db, ANNA, '  Geld per jaar  ', CHOICE, {
			...EMPTY_FILTER,
			gemeente: 'GM0080',
			status: 'afgerond'
		});
		expect(first).toMatchObject({
			ok: true,
			view: {
				name: 'Geld per jaar',
				href: '/verkennen?maat=uitgaven&dimensie=jaar&uitsplitsing=leefgebied&gemeente=GM0080&status=afgerond'
			}
		});
		await saveView(store.db, ANNA, 'Alles', { ...CHOICE, split: null }, EMPTY_FILTER);
		const list = await listSavedViews(store.db, ANNA.id);
		expect(list.map((v) => v.name)).toEqual(['Alles', 'Geld per jaar']);
		expect(list[0].href).toBe('/verkennen?maat=uitgaven&dimensie=jaar');
		expect(list[0].created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
		expect(await listSavedViews(store.db, BRAM.id)).toEqual([]);
		const rows = await audited('weergave bewaren');
		expect(rows).toHaveLength(2);
		expect(rows[0]).toMatchObject({ actor: ANNA.email, result: 'ok' });
		expect(rows[0].object).toContain('"Geld per jaar": maat=uitgaven');
	});

	it('refuses an empty, too long or control-character name, and a name the user already has', async () => {
		const refused = async (name: string) => {
			const result = await saveView(store.db, ANNA, name, CHOICE, EMPTY_FILTER);
			return result.ok ? null : result.message;
		};
		expect(await refused('   ')).toBe('Geef de weergave een naam.');
		expect(await refused('x'.repeat(SAVED_NAME_MAX + 1))).toBe(
			`Een naam heeft hoogstens ${SAVED_NAME_MAX} tekens.`
		);
		expect(await refused('Regel\nnieuw')).toBe('Een naam bevat geen stuurtekens.');
		expect(await refused('é'.repeat(SAVED_NAME_MAX))).toBeNull();
		expect(await refused('Wonen')).toBeNull();
		expect(await refused('wONEN')).toContain('U hebt al een weergave met de naam "wONEN"');
		// Another user may use the same name.
		expect((await saveView(store.db, BRAM, 'Wonen', CHOICE, EMPTY_FILTER)).ok).toBe(true);
		expect(await listSavedViews(store.db, ANNA.id)).toHaveLength(2);
	});

	it(`keeps at most ${SAVED_VIEWS_MAX} views per user`, async () => {
		for (let i = 0; i < SAVED_VIEWS_MAX; i++) {
			expect((await saveView(store.db, ANNA, `Weergave ${i}`, CHOICE, EMPTY_FILTER)).ok).toBe(true);
		}
		const over = await saveView(store.db, ANNA, 'Nog een', CHOICE, EMPTY_FILTER);
		expect(over).toEqual({
			ok: false,
			message: `U kunt hoogstens ${SAVED_VIEWS_MAX} weergaven bewaren. Verwijder er eerst een.`
		});
		expect((await saveView(store.db, BRAM, 'Nog een', CHOICE, EMPTY_FILTER)).ok).toBe(true);
	});

	it("deletes a user's own view, and refuses (and audits) another user's id or a made-up one", async () => {
		const saved = await saveView(store.db, ANNA, 'Van Anna', CHOICE, EMPTY_FILTER);
		if (!saved.ok) throw new Error(saved.message);
		const id = saved.view.id;
		expect(await deleteSavedView(store.db, BRAM, id, '10.0.0.2')).toEqual({ ok: false });
		expect(await deleteSavedView(store.db, BRAM, 999_999)).toEqual({ ok: false });
		expect(await deleteSavedView(store.db, BRAM, Number.NaN)).toEqual({ ok: false });
		expect(await listSavedViews(store.db, ANNA.id)).toHaveLength(1);
		expect(await deleteSavedView(store.db, ANNA, id)).toEqual({ ok: true, name: 'Van Anna' });
		expect(await listSavedViews(store.db, ANNA.id)).toEqual([]);
		expect(await deleteSavedView(store.db, ANNA, id)).toEqual({ ok: false });
		expect(await audited('weergave verwijderen')).toEqual([
			{ actor: BRAM.email, object: `weergave ${id}`, result: 'geweigerd' },
			{ actor: BRAM.email, object: 'weergave 999999', result: 'geweigerd' },
			{ actor: BRAM.email, object: 'weergave onbekend', result: 'geweigerd' },
			{ actor: ANNA.email, object: `weergave ${id} "Van Anna"`, result: 'ok' },
			{ actor: ANNA.email, object: `weergave ${id}`, result: 'geweigerd' }
		]);
	});
});
