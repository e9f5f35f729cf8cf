/** Tests of warming the default views on a real DuckDB file: which reaches, which views, and when. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reach } from '$lib/domain/roles';
import { createUser, recentReaches } from '../auth/users';
import { todayInAmsterdam } from '../kwesties/signals';
import {
	caseRow,
	caseRows,
	closeTempStore,
	importRows,
	openTempStore,
	type Store
} from '../ingest/fixtures/helpers';
import { parseFilter } from './filter';
import { filterOptions } from './reach';
import { keyFigures } from './dashboard';
import { leefgebiedenView } from './leefgebieden';
import { organisatiesView } from './organisaties';
import { wettenView } from './wetten';
import { escalatieView } from './escalatie';
import { besluitenView } from './decisions';
import { keepViewsWarm, warmDefaultViews } from './warm';

const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
const UTRECHT: Reach = { all: false, gemeenten: ['GM0344'] };

let store: Store;

beforeEach(async () => {
	store = await openTempStore();
	const result = await importRows(store, [
		...caseRows(4, 'L', { leefgebieden: 'financiën|wonen', organisaties: 'UWV', wetten: 'Pw' }),
		caseRow('U1', { gemeente: 'GM0344', leefgebieden: 'wonen' })
	]);
	expect(result.status).toBe('imported');
});

afterEach(() => closeTempStore(store));

/** Every view an analysis page without filters asks, with the arguments its load passes. */
function askDefaultViews(reach: Reach): Promise<unknown[]> {
	const parsed = parseFilter(new URLSearchParams(), reach);
	if (!parsed.ok) throw new Error(parsed.message);
	const { db } = store;
	const filter = parsed.filter;
	return Promise.all([
		filterOptions(db, reach),
		keyFigures(db, reach, filter),
		leefgebiedenView(db, reach, filter, 'single'),
		organisatiesView(db, reach, filter, 'single'),
		wettenView(db, reach, filter),
		escalatieView(db, reach, filter, todayInAmsterdam()),
		besluitenView(db, reach, filter)
	]);
}

/** Removes cases without a committed transaction, so kept answers stay as they were: a kept answer shows the old figures. */
async function deleteCasesBehindTheCache(gemeente: string): Promise<void> {
	expect(await store.db.run('DELETE FROM cases WHERE gemeente = $gemeente', { gemeente })).toBeGreaterThan(0);
}

async function addUser(email: string, role: string, gemeenten: string[], lastLogin: string | null) {
	const known = (code: string) => /^GM\d{4}$/.test(code);
	const user = await createUser(
		store.db,
		{ email, password: 'een lang wachtwoord voor tests', role, gemeenten },
		known
	);
	await store.db.run('UPDATE users SET last_login_at = $at::TIMESTAMP WHERE id = $id', {
		id: user.id,
		at: lastLogin
	});
	return user;
}

describe('recentReaches', () => {
	it('gives each reach of an enabled user once, of the latest sign-in first, never-signed-in last', async () => {
		await addUser('kt@leeuwarden.example', 'kwaliteitsteam', ['GM0080'], '2026-11-01 09:00');
		await addUser('beleid@leeuwarden.example', 'beleid', ['GM0080'], '2026-11-20 09:00');
		await addUser('regio@example.org', 'college', ['GM0344', 'GM0080'], null);
		await addUser('landelijk@example.org', 'landelijk', [], '2026-11-10 09:00');
		await addUser('loket@example.org', 'beheerder', ['alle'], '2026-11-30 09:00');
		const gone = await addUser('oud@utrecht.example', 'beleid', ['GM0344'], '2026-12-01 09:00');
		await store.db.run('UPDATE users SET disabled = true WHERE id = $id', { id: gone.id });

		expect(await recentReaches(store.db, 20)).toEqual([
			{ all: true },
			LEEUWARDEN,
			{ all: false, gemeenten: ['GM0344', 'GM0080'] }
		]);
		expect(await recentReaches(store.db, 2)).toEqual([{ all: true }, LEEUWARDEN]);
	});
});

describe('warmDefaultViews', () => {
	it('computes every default view of a reach, so the first visitor gets what was computed then', async () => {
		const expected = await askDefaultViews(LEEUWARDEN);
		store.db.changed();

		expect(await warmDefaultViews(store.db, [LEEUWARDEN])).toBe(7);
		await deleteCasesBehindTheCache('GM0080');
		expect(await askDefaultViews(LEEUWARDEN)).toEqual(expected);

		// The deletion does change every view once it is computed anew: the comparison above can fail.
		store.db.changed();
		const recomputed = await askDefaultViews(LEEUWARDEN);
		recomputed.forEach((view, i) => expect(view).not.toEqual(expected[i]));
	});

	it('leaves other reaches alone', async () => {
		await warmDefaultViews(store.db, [LEEUWARDEN]);
		await deleteCasesBehindTheCache('GM0344');
		const [, figures] = (await askDefaultViews(UTRECHT)) as [unknown, { cases: number }];
		expect(figures.cases).toBe(0);
	});

	it('stops between views once the answers would be stale', async () => {
		let asked = 0;
		expect(await warmDefaultViews(store.db, [LEEUWARDEN, UTRECHT], () => ++asked > 2)).toBe(2);
	});
});

describe('keepViewsWarm', () => {
	const casesShown = async (reach: Reach) => {
		const [, figures] = (await askDefaultViews(reach)) as [unknown, { cases: number }];
		return figures.cases;
	};

	it('warms the reaches of the users at once, and again shortly after a committed write', async () => {
		await addUser('kt@leeuwarden.example', 'kwaliteitsteam', ['GM0080'], null);
		const warmer = keepViewsWarm(store.db, 10);
		try {
			await warmer.idle();
			await deleteCasesBehindTheCache('GM0080');
			expect(await casesShown(LEEUWARDEN)).toBe(4);

			expect((await importRows(store, caseRows(2, 'N'))).status).toBe('imported');
			await warmer.idle();
			await deleteCasesBehindTheCache('GM0080');
			expect(await casesShown(LEEUWARDEN)).toBe(2);
		} finally {
			warmer.stop();
		}
	});

	it('does nothing more once stopped', async () => {
		await addUser('kt@leeuwarden.example', 'kwaliteitsteam', ['GM0080'], null);
		const warmer = keepViewsWarm(store.db, 10);
		await warmer.idle();
		warmer.stop();

		expect((await importRows(store, caseRows(2, 'N'))).status).toBe('imported');
		await warmer.idle();
		await deleteCasesBehindTheCache('GM0080');
		expect(await casesShown(LEEUWARDEN)).toBe(0);
	});
});
