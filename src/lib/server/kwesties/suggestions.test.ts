/** Tests of kwestie suggestions on a real DuckDB file: rule and text groups, window, reach, rejections, confirmations that survive a re-import. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reach, SessionUser } from '$lib/domain/roles';
import {
	caseRow,
	closeTempStore,
	importRows,
	openTempStore,
	type Row,
	type Store
} from '../ingest/fixtures/helpers';
import { CASE_KWESTIES } from './case-kwesties';
import {
	TEXT_THRESHOLD,
	confirmSuggestion,
	rejectSuggestion,
	suggestionFingerprint,
	suggestions,
	SuggestionError,
	type Suggestion,
	type SuggestionUser
} from './suggestions';

const ALL: Reach = { all: true };
const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
const UTRECHT: Reach = { all: false, gemeenten: ['GM0344'] };
/** The window (2024-06-30, 2025-06-30]. */
const OPTIONS = { asOf: '2025-06-30', windowMonths: 12 };

const team: SuggestionUser = { email: 'kt@leeuwarden.nl', role: 'kwaliteitsteam', reach: LEEUWARDEN };
const college: SessionUser = { id: 9, email: 'college@leeuwarden.nl', role: 'college', reach: LEEUWARDEN };

const PREMIE = {
	T1: 'Premieachterstand bij de zorgverzekeraar; de zorg wordt uitgesteld.',
	T2: 'Premieachterstand bij de zorgverzekeraar van 970 euro; de zorg wordt uitgesteld.',
	T3: 'Alleenstaande man. Premieachterstand zorgverzekeraar, zorg uitgesteld.'
};

const pw18 = (id: string, overrides: Row) =>
	caseRow(id, { wetten: 'Pw art. 18', knelpunt: '2A', organisaties: 'UWV', ...overrides });

/** One export of Leeuwarden and Utrecht; each letter a story the tests read. */
const EXPORT: Row[] = [
	// Rule: Pw art. 18, knelpunt 2A, UWV; R3 on as_of itself, O1 on the day a window before.
	pw18('R1', {
		aangemeld_op: '2025-01-10',
		organisaties: 'UWV|gemeente',
		kwestie: 'Inkomen onder het minimum'
	}),
	pw18('R2', { aangemeld_op: '2025-02-10', wetten: 'Pw art. 18|Awb' }),
	pw18('R3', { aangemeld_op: '2025-06-30', organisaties: 'UWV|SVB' }),
	pw18('O1', { aangemeld_op: '2024-06-30' }),
	pw18('N1', { aangemeld_op: '2025-01-11', knelpunt: '3' }),
	pw18('N2', { aangemeld_op: '2025-01-12', wetten: 'Pw art. 20' }),
	pw18('N3', { aangemeld_op: '2025-01-13', organisaties: 'gemeente|anders' }),
	// A law without article; W3 names an article of it and so is another key.
	caseRow('W1', {
		aangemeld_op: '2025-02-01',
		wetten: 'Wlz',
		knelpunt: '3',
		organisaties: 'CIZ',
		kwestie: 'Zorg valt tussen wetten'
	}),
	caseRow('W2', {
		aangemeld_op: '2025-02-02',
		wetten: 'Wlz',
		knelpunt: '3',
		organisaties: 'CIZ',
		kwestie: 'Zorg valt tussen wetten'
	}),
	caseRow('W3', { aangemeld_op: '2025-02-03', wetten: 'Wlz art. 3.2.1', knelpunt: '3', organisaties: 'CIZ' }),
	caseRow('W4', {
		aangemeld_op: '2025-02-04',
		wetten: 'Wlz',
		knelpunt: '3',
		organisaties: 'CIZ|zorgkantoor',
		kwestie: 'Wlz-indicatie geweigerd'
	}),
	// Two law keys and two organisations, the very same cases.
	caseRow('M1', { aangemeld_op: '2025-03-01', wetten: 'Wgs|Fw', knelpunt: '5', organisaties: 'CJIB|SVB' }),
	caseRow('M2', { aangemeld_op: '2025-03-02', wetten: 'Fw|Wgs', knelpunt: '5', organisaties: 'SVB|CJIB' }),
	// Already one kwestie, written two ways.
	caseRow('F1', {
		aangemeld_op: '2025-04-01',
		wetten: 'Awir art. 2',
		knelpunt: '4',
		organisaties: 'Belastingdienst',
		kwestie: 'Financiën: schuld'
	}),
	caseRow('F2', {
		aangemeld_op: '2025-04-02',
		wetten: 'Awir art. 2',
		knelpunt: '4',
		organisaties: 'Belastingdienst',
		kwestie: 'financien:  SCHULD'
	}),
	// Similar summaries; T1 and T2 also match by rule, a group inside the text group.
	caseRow('T1', {
		aangemeld_op: '2025-05-01',
		samenvatting: PREMIE.T1,
		wetten: 'Zvw',
		knelpunt: '6',
		organisaties: 'zorgverzekeraar'
	}),
	caseRow('T2', {
		aangemeld_op: '2025-05-02',
		samenvatting: PREMIE.T2,
		wetten: 'Zvw',
		knelpunt: '6',
		organisaties: 'zorgverzekeraar'
	}),
	caseRow('T3', { aangemeld_op: '2025-05-03', samenvatting: PREMIE.T3 }),
	caseRow('T4', {
		aangemeld_op: '2025-05-04',
		samenvatting: 'Jongere moet na huiselijk geweld weg uit huis; geen urgentie.'
	}),
	// Utrecht: the same story twice, and once more like Leeuwarden's.
	pw18('U1', { gemeente: 'GM0344', aangemeld_op: '2025-01-10', samenvatting: PREMIE.T1 }),
	pw18('U2', { gemeente: 'GM0344', aangemeld_op: '2025-01-20', samenvatting: PREMIE.T1 })
];

const ids = (s: Suggestion | undefined) => s?.cases.map((c) => c.casus_id) ?? [];
const holding = (list: Suggestion[], casusId: string) => list.filter((s) => ids(s).includes(casusId));

async function effectiveLabels(store: Store, casusIds: string[]) {
	const rows = await store.db.all<{ casus_id: string; k_label: string | null; k_key: string | null }>(
		`SELECT casus_id, k_label, k_key FROM ${CASE_KWESTIES} WHERE list_contains($ids, casus_id) ORDER BY casus_id`,
		{ ids: casusIds }
	);
	return rows;
}

async function auditRows(store: Store, action: string) {
	return store.db.all<{ actor: string; object: string; result: string }>(
		'SELECT actor, object, result FROM audit_log WHERE action = $action ORDER BY id',
		{ action }
	);
}

async function expectRefusal(work: Promise<unknown>, status: number, field: string) {
	const error = await work.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(SuggestionError);
	expect((error as SuggestionError).status).toBe(status);
	expect((error as SuggestionError).field).toBe(field);
	return error as SuggestionError;
}

describe('suggestions', () => {
	let store: Store;

	beforeEach(async () => {
		store = await openTempStore();
		expect((await importRows(store, EXPORT)).status).toBe('imported');
	});

	afterEach(() => closeTempStore(store));

	it('groups cases with the same article, knelpunt and a distinctive organisation, within the window', async () => {
		const list = await suggestions(store.db, ALL, OPTIONS);
		const [rule] = holding(list, 'R1');
		expect(holding(list, 'R1')).toHaveLength(1);
		expect(rule).toMatchObject({
			gemeente: 'GM0080',
			reason: 'regel',
			score: 1,
			explanation: 'Zelfde artikel (Pw art. 18), knelpunt 2A en organisatie UWV',
			labels: ['Inkomen onder het minimum'],
			proposedLabel: 'Inkomen onder het minimum'
		});
		expect(rule.cases).toEqual([
			expect.objectContaining({
				casus_id: 'R1',
				source: 'standaard',
				aangemeld_op: '2025-01-10',
				k_label: 'Inkomen onder het minimum',
				samenvatting: null
			}),
			expect.objectContaining({ casus_id: 'R2', aangemeld_op: '2025-02-10', k_label: null }),
			expect.objectContaining({ casus_id: 'R3', aangemeld_op: '2025-06-30', k_label: null })
		]);
		expect(rule.fingerprint).toMatch(/^[0-9a-f]{64}$/);
		expect(rule.fingerprint).toBe(
			suggestionFingerprint(
				'GM0080',
				['R3', 'R1', 'R2'].map((casus_id) => ({ source: 'standaard', casus_id }))
			)
		);
		// Another knelpunt, another article, only the municipality or `anders` shared, or a day before the window.
		for (const other of ['N1', 'N2', 'N3', 'O1']) expect(holding(list, other), other).toEqual([]);

		const dayBefore = await suggestions(store.db, ALL, { ...OPTIONS, asOf: '2025-06-29' });
		// (2024-06-29, 2025-06-29]: O1 comes in, R3 falls out.
		expect(ids(holding(dayBefore, 'R1')[0])).toEqual(['O1', 'R1', 'R2']);
		const longer = await suggestions(store.db, ALL, { ...OPTIONS, windowMonths: 13 });
		expect(ids(holding(longer, 'R1')[0])).toEqual(['O1', 'R1', 'R2', 'R3']);
	});

	it('matches a law named without article on the law, and names every key and organisation the cases share', async () => {
		const list = await suggestions(store.db, ALL, OPTIONS);
		const [wlz] = holding(list, 'W1');
		expect(ids(wlz)).toEqual(['W1', 'W2', 'W4']);
		expect(wlz).toMatchObject({
			explanation: 'Zelfde wet (Wlz), knelpunt 3 en organisatie CIZ',
			labels: ['Zorg valt tussen wetten', 'Wlz-indicatie geweigerd'],
			proposedLabel: 'Zorg valt tussen wetten'
		});
		expect(holding(list, 'W3')).toEqual([]);
		const [both] = holding(list, 'M1');
		expect(ids(both)).toEqual(['M1', 'M2']);
		expect(both).toMatchObject({
			explanation: 'Zelfde wetten (Fw, Wgs), knelpunt 5 en organisaties SVB en CJIB',
			labels: [],
			proposedLabel: ''
		});
	});

	it('leaves out groups that already share one kwestie, however the label is written', async () => {
		const list = await suggestions(store.db, ALL, OPTIONS);
		expect(holding(list, 'F1')).toEqual([]);
		expect(list.length).toBeGreaterThan(0);
	});

	it('groups similar summaries, scored by the mean cosine of their similar pairs', async () => {
		const list = await suggestions(store.db, LEEUWARDEN, OPTIONS);
		const [text] = holding(list, 'T3');
		expect(ids(text)).toEqual(['T1', 'T2', 'T3']);
		// Four summaries in Leeuwarden; the three words T1 shares with T2 and T3 are in three of them.
		const idf = (df: number) => Math.log(5 / (1 + df)) + 1;
		const [shared, own] = [idf(3), idf(1)];
		const t1t2 = (2 * shared) / Math.hypot(2 * shared, own);
		const t1t3 = (2 * shared) / Math.hypot(2 * shared, own, own);
		expect(t1t3).toBeGreaterThan(TEXT_THRESHOLD);
		expect(text.reason).toBe('tekst');
		expect(text.score).toBe(Math.round(((t1t2 + t1t3) / 2) * 1000) / 1000);
		expect(text.explanation).toBe('Vergelijkbare samenvattingen (gemiddelde gelijkenis 73%)');
		expect(holding(list, 'T4')).toEqual([]);
		// The rule match of T1 and T2 lies inside the text group and waits behind it.
		expect(holding(list, 'T1')).toHaveLength(1);
		// A stricter threshold splits T3 off.
		const strict = await suggestions(store.db, LEEUWARDEN, { ...OPTIONS, textThreshold: 0.7 });
		expect(holding(strict, 'T1').map(ids)).toEqual([['T1', 'T2']]);
	});

	it('never groups cases of different gemeenten and keeps to the reach', async () => {
		const list = await suggestions(store.db, ALL, OPTIONS);
		for (const s of list) {
			// Utrecht's cases are U1 and U2, every other case is Leeuwarden's.
			expect(s.cases.map((c) => c.casus_id.startsWith('U'))).toEqual(
				s.cases.map(() => s.gemeente === 'GM0344')
			);
		}
		const utrecht = list.filter((s) => s.gemeente === 'GM0344');
		// Found by rule and by text: the same cases, offered once, as the rule.
		expect(utrecht.map((s) => [s.reason, ...ids(s)])).toEqual([['regel', 'U1', 'U2']]);
		expect((await suggestions(store.db, UTRECHT, OPTIONS)).map((s) => s.fingerprint)).toEqual([
			utrecht[0].fingerprint
		]);
		const leeuwarden = await suggestions(store.db, LEEUWARDEN, OPTIONS);
		expect(leeuwarden.map((s) => s.gemeente)).toEqual(Array(4).fill('GM0080'));
		expect(await suggestions(store.db, { all: false, gemeenten: [] }, OPTIONS)).toEqual([]);
	});

	it('sorts by size, then score, and keeps to the limit', async () => {
		const list = await suggestions(store.db, ALL, OPTIONS);
		expect(list.map((s) => [s.cases.length, s.reason, s.gemeente])).toEqual([
			[3, 'regel', 'GM0080'],
			[3, 'regel', 'GM0080'],
			[3, 'tekst', 'GM0080'],
			[2, 'regel', 'GM0080'],
			[2, 'regel', 'GM0344']
		]);
		expect(await suggestions(store.db, ALL, { ...OPTIONS, limit: 2 })).toEqual(list.slice(0, 2));
		await expectRefusal(suggestions(store.db, ALL, { ...OPTIONS, asOf: '30-06-2025' }), 400, 'as_of');
		await expectRefusal(suggestions(store.db, ALL, { ...OPTIONS, windowMonths: 0 }), 400, 'window_months');
	});

	it('keeps its answer until the next write, then offers no rejected suggestion again; rejecting twice records it once', async () => {
		const before = await suggestions(store.db, LEEUWARDEN, OPTIONS);
		// Kept: comparing every summary of the window takes seconds at a million cases.
		expect(await suggestions(store.db, LEEUWARDEN, OPTIONS)).toBe(before);
		const [text] = holding(before, 'T3');
		const input = { gemeente: 'GM0080', fingerprint: text.fingerprint };
		expect(await rejectSuggestion(store.db, team, input)).toEqual({ recorded: true });
		expect(await rejectSuggestion(store.db, team, input)).toEqual({ recorded: false });

		const after = await suggestions(store.db, LEEUWARDEN, OPTIONS);
		expect(after.map((s) => s.fingerprint)).not.toContain(text.fingerprint);
		// The rule match it hid is offered now.
		expect(holding(after, 'T1').map((s) => [s.reason, ...ids(s)])).toEqual([['regel', 'T1', 'T2']]);
		expect(holding(after, 'T3')).toEqual([]);

		const decisions = await store.db.all<{ decision: string; decided_by: string }>(
			'SELECT decision, decided_by FROM suggestion_decisions WHERE fingerprint = $f',
			{ f: text.fingerprint }
		);
		expect(decisions).toEqual([{ decision: 'afgewezen', decided_by: 'kt@leeuwarden.nl' }]);
		expect(await auditRows(store, 'suggestie afwijzen')).toEqual([
			{ actor: 'kt@leeuwarden.nl', object: `GM0080 suggestie ${text.fingerprint.slice(0, 12)}`, result: 'ok' }
		]);
	});

	it('refuses a rejection outside the reach, by a role that may not, or of no fingerprint', async () => {
		const fingerprint = 'a'.repeat(64);
		await expectRefusal(
			rejectSuggestion(store.db, team, { gemeente: 'GM0344', fingerprint }),
			403,
			'gemeente'
		);
		await expectRefusal(
			rejectSuggestion(store.db, college, { gemeente: 'GM0080', fingerprint }),
			403,
			'gemeente'
		);
		await expectRefusal(
			rejectSuggestion(store.db, team, { gemeente: 'GM0080', fingerprint: 'x' }),
			400,
			'fingerprint'
		);
		expect(await store.db.all('SELECT * FROM suggestion_decisions')).toEqual([]);
		expect((await auditRows(store, 'suggestie afwijzen')).map((r) => r.result)).toEqual([
			'geweigerd',
			'geweigerd'
		]);
	});

	it('confirming gives the cases one kwestie, so the group is no longer suggested', async () => {
		const [rule] = holding(await suggestions(store.db, LEEUWARDEN, OPTIONS), 'R1');
		const result = await confirmSuggestion(store.db, team, {
			gemeente: 'GM0080',
			cases: rule.cases.map(({ source, casus_id }) => ({ source, casus_id })),
			label: '  Inkomen te laag door bijzondere omstandigheden '
		});
		expect(result).toEqual({
			fingerprint: rule.fingerprint,
			key: 'inkomen te laag door bijzondere omstandigheden',
			label: 'Inkomen te laag door bijzondere omstandigheden',
			linked: 3
		});
		expect(await effectiveLabels(store, ['R1', 'R2', 'R3', 'N1'])).toEqual([
			{ casus_id: 'N1', k_label: null, k_key: null },
			...['R1', 'R2', 'R3'].map((casus_id) => ({
				casus_id,
				k_label: 'Inkomen te laag door bijzondere omstandigheden',
				k_key: 'inkomen te laag door bijzondere omstandigheden'
			}))
		]);
		expect(holding(await suggestions(store.db, LEEUWARDEN, OPTIONS), 'R1')).toEqual([]);
		expect(await auditRows(store, 'kwestie toekennen')).toEqual([
			{
				actor: 'kt@leeuwarden.nl',
				object: 'GM0080 Inkomen te laag door bijzondere omstandigheden (3 casussen)',
				result: 'ok'
			}
		]);
		const decisions = await store.db.all<{ decision: string }>(
			'SELECT decision FROM suggestion_decisions WHERE gemeente = $g AND fingerprint = $f',
			{ g: 'GM0080', f: rule.fingerprint }
		);
		expect(decisions).toEqual([{ decision: 'bevestigd' }]);

		// Confirming a case again moves it: one link per case, the latest label.
		await confirmSuggestion(store.db, team, {
			gemeente: 'GM0080',
			cases: [
				{ source: 'standaard', casus_id: 'R3' },
				{ source: 'standaard', casus_id: 'N1' }
			],
			label: 'Andere kwestie'
		});
		const links = await store.db.all<{ casus_id: string; kwestie: string }>(
			'SELECT casus_id, kwestie FROM kwestie_links ORDER BY casus_id'
		);
		expect(links.map((l) => `${l.casus_id} ${l.kwestie}`)).toEqual([
			'N1 Andere kwestie',
			'R1 Inkomen te laag door bijzondere omstandigheden',
			'R2 Inkomen te laag door bijzondere omstandigheden',
			'R3 Andere kwestie'
		]);
		// R3 now differs from R1 and R2 again: the rule group returns with both labels.
		const [back] = holding(await suggestions(store.db, LEEUWARDEN, OPTIONS), 'R1');
		expect(back.labels).toEqual(['Inkomen te laag door bijzondere omstandigheden', 'Andere kwestie']);
	});

	it('keeps a confirmation through a re-import of the same export with its original labels', async () => {
		const [rule] = holding(await suggestions(store.db, LEEUWARDEN, OPTIONS), 'R1');
		await confirmSuggestion(store.db, team, {
			gemeente: 'GM0080',
			cases: rule.cases,
			label: 'Inkomen te laag door bijzondere omstandigheden'
		});
		const before = await store.db.all<{ id: number }>(`SELECT id FROM cases WHERE casus_id = 'R1'`);

		const again = await importRows(store, EXPORT);
		expect(again.status).toBe('imported');
		expect(again.updated).toBe(EXPORT.length);
		// The import replaced the cases and kept R1's imported label…
		const [r1] = await store.db.all<{ id: number; kwestie: string }>(
			`SELECT id, kwestie FROM cases WHERE casus_id = 'R1'`
		);
		expect(r1).toEqual({ id: before[0].id, kwestie: 'Inkomen onder het minimum' });
		// …and the confirmed kwestie still holds for every case, so the group stays away.
		expect((await effectiveLabels(store, ['R1', 'R2', 'R3'])).map((r) => r.k_label)).toEqual(
			Array(3).fill('Inkomen te laag door bijzondere omstandigheden')
		);
		expect(await store.db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM kwestie_links')).toEqual({
			n: 3
		});
		expect(holding(await suggestions(store.db, LEEUWARDEN, OPTIONS), 'R1')).toEqual([]);

		// A newer export that relabels R2 does not undo it either.
		const relabelled = EXPORT.map((row) =>
			row.casus_id === 'R2' ? { ...row, kwestie: 'Iets anders' } : row
		);
		expect((await importRows(store, relabelled)).status).toBe('imported');
		expect((await effectiveLabels(store, ['R2']))[0].k_label).toBe(
			'Inkomen te laag door bijzondere omstandigheden'
		);
	});

	it('refuses a confirmation with a bad label, unknown cases, outside the reach or by a role that may not', async () => {
		const cases = [
			{ source: 'standaard', casus_id: 'R1' },
			{ source: 'standaard', casus_id: 'R2' }
		];
		const confirm = (user: SuggestionUser, input: Partial<Parameters<typeof confirmSuggestion>[2]>) =>
			confirmSuggestion(store.db, user, { gemeente: 'GM0080', cases, label: 'Inkomen', ...input });

		await expectRefusal(confirm(team, { label: '   ' }), 400, 'label');
		await expectRefusal(confirm(team, { label: 'x'.repeat(201) }), 400, 'label');
		await expectRefusal(confirm(team, { label: 'Inwoner 123456782 zonder inkomen' }), 400, 'label');
		await expectRefusal(confirm(team, { label: 'Mail jan@example.nl' }), 400, 'label');
		await expectRefusal(confirm(team, { cases: [] }), 400, 'cases');
		// U1 exists, but in Utrecht; X9 nowhere. Nothing is linked when one case fails.
		await expectRefusal(
			confirm(team, { cases: [...cases, { source: 'standaard', casus_id: 'U1' }] }),
			404,
			'cases'
		);
		await expectRefusal(
			confirm(team, { cases: [...cases, { source: 'andere', casus_id: 'R3' }] }),
			404,
			'cases'
		);
		await expectRefusal(confirm(team, { gemeente: 'GM0344' }), 403, 'gemeente');
		await expectRefusal(confirm(college, {}), 403, 'gemeente');
		expect(await store.db.all('SELECT * FROM kwestie_links')).toEqual([]);
		expect(await store.db.all('SELECT * FROM suggestion_decisions')).toEqual([]);
		expect(await auditRows(store, 'kwestie toekennen')).toEqual([
			{ actor: 'kt@leeuwarden.nl', object: 'GM0344', result: 'geweigerd' },
			{ actor: 'college@leeuwarden.nl', object: 'GM0080', result: 'geweigerd' }
		]);

		// 200 characters is allowed; the same case twice counts once.
		const label = 'k'.repeat(200);
		const result = await confirm(team, { label, cases: [...cases, cases[0]] });
		expect(result.linked).toBe(2);
	});
});
