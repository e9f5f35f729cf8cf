/** One write path on a real DuckDB file: writes kept answers read renew them; bookkeeping leaves them be. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import { caseRow, closeTempStore, importRows, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { budgetView } from '../analytics/budget-view';
import { keyFigures } from '../analytics/dashboard';
import { setFund } from '../funds/budgets';
import { saveMapping, INSTALLATION_SCOPE } from '../ingest/mappings';
import { audit } from '../audit';
import { createUser } from '../auth/users';
import {
	createSession,
	invalidateSession,
	markTwoFactorVerified,
	purgeExpiredSessions,
	validateSessionToken
} from '../auth/session';
import { createApiToken, purgeExpiredTokens, revokeApiToken, revokeApiTokens } from '../auth/api-tokens';
import { memoUntilWrite, viewKey } from './memo';

const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
const AS_OF = '2025-09-30';

/** The budget view kept until the next write, as the analysis views are. */
const keptBudget = memoUntilWrite(viewKey('budget-proef'), budgetView);

let store: Store;

beforeEach(async () => {
	store = await openTempStore();
	await importRows(store, [
		caseRow('L1', { aangemeld_op: '2025-01-10', fonds: 'Maatwerkbudget', kosten_oplossing: '1.000,00' }),
		caseRow('L2', { aangemeld_op: '2025-02-10' })
	]);
});

afterEach(() => closeTempStore(store));

const maatwerk = async () => {
	const view = await keptBudget(store.db, LEEUWARDEN, EMPTY_FILTER, AS_OF);
	return view.funds.find((f) => f.key === 'maatwerkbudget')!;
};

describe('writes a kept answer reads', () => {
	it("show a fund's new budget in the kept budget view at once", async () => {
		expect((await maatwerk()).budget).toBeNull();
		await setFund(store.db, { gemeente: 'GM0080', name: 'Maatwerkbudget', year: 2025, budget: 500_000n });
		expect((await maatwerk()).budget).toBe(5_000);
		expect((await maatwerk()).remaining).toBe(4_000);
		await setFund(store.db, { gemeente: 'GM0080', name: 'maatwerkbudget', year: 2025, budget: 750_025n });
		expect((await maatwerk()).budget).toBe(7_500.25);
	});

	it('through `write` count as committed: the generation moves, listeners hear it, answers go', async () => {
		await setFund(store.db, { gemeente: 'GM0080', name: 'Maatwerkbudget', year: 2025, budget: 500_000n });
		const before = await maatwerk();
		const generation = store.db.generation;
		let heard = 0;
		const stop = store.db.onCommit(() => heard++);
		const rows = await store.db.write('UPDATE funds SET budget = budget * 2 WHERE gemeente = $g', {
			g: 'GM0080'
		});
		stop();
		expect(rows).toBe(1);
		expect(store.db.generation).toBe(generation + 1);
		expect(heard).toBe(1);
		const after = await maatwerk();
		expect(after).not.toBe(before);
		expect(after.budget).toBe(10_000);
	});

	it('a saved mapping profile counts as a committed write', async () => {
		const generation = store.db.generation;
		await saveMapping(store.db, INSTALLATION_SCOPE, 'zaaksysteem', { Dossier: 'casus_id' }, 'cli');
		expect(store.db.generation).toBe(generation + 1);
	});

	it('a failed `write` moves nothing', async () => {
		const generation = store.db.generation;
		await expect(store.db.write('INSERT INTO funds (gemeente) VALUES (NULL)')).rejects.toThrow();
		expect(store.db.generation).toBe(generation);
	});
});

describe('bookkeeping writes', () => {
	it('(sessions, tokens, the audit log) leave the generation and every kept answer as they were', async () => {
		const user = await createUser(
			store.db,
			{
				email: 'beleid@leeuwarden.example',
				password: 'Correct-Horse-Battery-9',
				role: 'beleid',
				gemeenten: ['GM0080']
			},
			() => true
		);
		const figures = await keyFigures(store.db, LEEUWARDEN, EMPTY_FILTER);
		const generation = store.db.generation;

		const { token, session } = await createSession(store.db, user.id);
		await markTwoFactorVerified(store.db, session.id);
		expect((await validateSessionToken(store.db, token)).session?.twoFactorVerified).toBe(true);
		await invalidateSession(store.db, session.id);
		await purgeExpiredSessions(store.db);
		await createApiToken(store.db, user.id, 'script');
		await revokeApiToken(store.db, user.id, 'script');
		await createApiToken(store.db, user.id, 'script');
		await revokeApiTokens(store.db, user.id);
		await purgeExpiredTokens(store.db);
		await audit(store.db, { actor: user.email, action: 'inloggen', result: 'ok' });

		expect(store.db.generation).toBe(generation);
		expect(await keyFigures(store.db, LEEUWARDEN, EMPTY_FILTER)).toBe(figures);
		const entries = await store.db.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM audit_log');
		expect(entries[0].n).toBeGreaterThan(0);
		expect(await store.db.one('SELECT 1 FROM sessions')).toBeUndefined();
		expect(await store.db.one('SELECT 1 FROM api_tokens')).toBeUndefined();
	});

	it("inside a transaction are part of the transaction's work, kept or rolled back with it", async () => {
		const entry = { actor: 'cli', action: 'proef', result: 'ok' } as const;
		await expect(
			store.db.transaction(async (tx) => {
				await audit(tx, entry);
				throw new Error('afgebroken');
			})
		).rejects.toThrow('afgebroken');
		const count = async () =>
			(await store.db.one<{ n: number }>(
				`SELECT count(*)::INTEGER AS n FROM audit_log WHERE action = 'proef'`
			))!.n;
		expect(await count()).toBe(0);
		await store.db.transaction((tx) => audit(tx, entry));
		expect(await count()).toBe(1);
	});
});
