/** The warning for posts of `vermeden_posten` missing from the municipality's cost table: one per post and municipality, capped, never refusing. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fold } from '$lib/domain/text';
import { setCost } from '../costs';
import { checkFile } from '.';
import {
	caseRow,
	closeTempStore,
	countCases,
	importRows,
	openTempStore,
	writeCsv,
	type Row,
	type Store
} from './fixtures/helpers';
import { POST_WARNING_LIMIT } from './post-warnings';

let store: Store;
beforeEach(async () => {
	store = await openTempStore();
});
afterEach(() => closeTempStore(store));

const LEEUWARDEN = 'GM0080';
const ZWOLLE = 'GM0193';
const FILL = 'Vul de kostentabel aan via Beheer → Kostentabel of costs set.';

function setPost(gemeente: string, post: string): Promise<void> {
	return setCost(
		store.db,
		{ gemeente, post: fold(post), unit: null, low: 10_000n, high: 20_000n, bron: null },
		'test'
	);
}

/** The rows' import, which must succeed; its warnings about the cost table. */
async function postWarnings(rows: Row[]) {
	const result = await importRows(store, rows);
	expect(result.problems).toEqual([]);
	expect(result.status).toBe('imported');
	return {
		result,
		warnings: result.warnings.filter((w) => w.message.includes('kostentabel'))
	};
}

describe('posts missing from the cost table', () => {
	it('gives no warning for posts the table holds, however the file spells them', async () => {
		await setPost(LEEUWARDEN, 'Huisuitzetting');
		await setPost(LEEUWARDEN, 'opvang_maand');
		const { warnings } = await postWarnings([
			caseRow('A', { vermeden_posten: 'huisuitzetting|OPVANG_MAAND*3' }),
			caseRow('B', { vermeden_posten: 'Huisuitzétting' }),
			caseRow('C', { vermeden_posten: '' })
		]);
		expect(warnings).toEqual([]);
	});

	it('warns once per post with the number of cases naming it, and imports the cases anyway', async () => {
		await setPost(LEEUWARDEN, 'huisuitzetting');
		const { result, warnings } = await postWarnings([
			caseRow('A', { vermeden_posten: 'huisuitzetting|maatschappelijke opvang maand*6' }),
			// Named twice in one case: still one case.
			caseRow('B', { vermeden_posten: 'Maatschappelijke opvang maand|maatschappelijke opvang maand*2' }),
			caseRow('C', { vermeden_posten: 'maatschappelijke  opvang maand*3' }),
			caseRow('D', { vermeden_posten: 'huisuitzetting' }),
			caseRow('E', { vermeden_posten: 'schuldhulp_traject' })
		]);
		expect(warnings).toEqual([
			{
				row: null,
				column: 'vermeden_posten',
				message: `Post "maatschappelijke opvang maand" staat niet in de kostentabel van Leeuwarden (3 casussen); deze casussen tellen die post niet mee. ${FILL}`
			},
			{
				row: null,
				column: 'vermeden_posten',
				message: `Post "schuldhulp_traject" staat niet in de kostentabel van Leeuwarden (1 casus); deze casus telt die post niet mee. ${FILL}`
			}
		]);
		expect(result.inserted).toBe(5);
		expect(await countCases(store.db)).toBe(5);
		const stored = await store.db.one<{ posten: string }>(
			"SELECT vermeden_posten::VARCHAR AS posten FROM cases WHERE casus_id = 'B'"
		);
		expect(stored!.posten).toBe("[{'post': maatschappelijke opvang maand, 'aantal': 3}]");
		// The import log keeps the warning as the result gives it.
		const logged = await store.db.one<{ warnings: string }>(
			'SELECT warnings::VARCHAR AS warnings FROM imports WHERE id = $id',
			{ id: result.importId }
		);
		expect(JSON.parse(logged!.warnings)).toEqual(result.warnings);
	});

	it('names the file column as the file writes it', async () => {
		const { warnings } = await postWarnings([{ ...caseRow('A'), 'Vermeden Posten': 'opvang_maand' }]);
		expect(warnings.map((w) => w.column)).toEqual(['Vermeden Posten']);
	});

	it('warns once per municipality for the same missing post, and not where the table has it', async () => {
		await setPost(ZWOLLE, 'huisuitzetting');
		const { warnings } = await postWarnings([
			caseRow('L1', { vermeden_posten: 'opvang_maand*2|huisuitzetting' }),
			caseRow('L2', { vermeden_posten: 'opvang_maand' }),
			caseRow('Z1', { gemeente: ZWOLLE, vermeden_posten: 'opvang_maand|huisuitzetting' })
		]);
		expect(warnings.map((w) => w.message)).toEqual([
			`Post "opvang_maand" staat niet in de kostentabel van Leeuwarden (2 casussen); deze casussen tellen die post niet mee. ${FILL}`,
			`Post "huisuitzetting" staat niet in de kostentabel van Leeuwarden (1 casus); deze casus telt die post niet mee. ${FILL}`,
			`Post "opvang_maand" staat niet in de kostentabel van Zwolle (1 casus); deze casus telt die post niet mee. ${FILL}`
		]);
	});

	it('quotes only a short label, and points to the first row of any other post', async () => {
		const long = 'p'.repeat(61);
		const { warnings } = await postWarnings([
			caseRow('A', { vermeden_posten: 'opvang (maand)*2' }),
			caseRow('B', { vermeden_posten: 'dossier 123456' }),
			caseRow('C', { vermeden_posten: `${long}|opvang (maand)` }),
			caseRow('D', { vermeden_posten: 'opvang 2025' })
		]);
		const messages = warnings.map((w) => w.message);
		expect(messages).toEqual([
			`Een post (voor het eerst in rij 2) staat niet in de kostentabel van Leeuwarden (2 casussen); deze casussen tellen die post niet mee. ${FILL}`,
			`Een post (voor het eerst in rij 3) staat niet in de kostentabel van Leeuwarden (1 casus); deze casus telt die post niet mee. ${FILL}`,
			`Een post (voor het eerst in rij 4) staat niet in de kostentabel van Leeuwarden (1 casus); deze casus telt die post niet mee. ${FILL}`,
			`Post "opvang 2025" staat niet in de kostentabel van Leeuwarden (1 casus); deze casus telt die post niet mee. ${FILL}`
		]);
		for (const text of ['(maand)', '123456', long]) {
			expect(messages.some((m) => m.includes(text))).toBe(false);
		}
	});

	it(`names at most ${POST_WARNING_LIMIT} posts and counts the rest in one line`, async () => {
		const posts = Array.from({ length: 25 }, (_, i) => `post_${String(i + 1).padStart(2, '0')}`);
		// post_01 in three cases, post_02 in two: the posts of most cases come first.
		const { warnings } = await postWarnings([
			caseRow('A', { vermeden_posten: posts.join('|') }),
			caseRow('B', { vermeden_posten: 'post_01|post_02' }),
			caseRow('C', { vermeden_posten: 'post_01' })
		]);
		expect(warnings).toHaveLength(POST_WARNING_LIMIT + 1);
		expect(warnings[0].message).toContain(
			'Post "post_01" staat niet in de kostentabel van Leeuwarden (3 casussen)'
		);
		expect(warnings[1].message).toContain(
			'Post "post_02" staat niet in de kostentabel van Leeuwarden (2 casussen)'
		);
		expect(warnings[POST_WARNING_LIMIT].message).toBe(
			'En nog 5 posten die niet in de kostentabel van hun gemeente staan; vul de kostentabel aan en controleer het bestand opnieuw om ze te zien.'
		);
	});

	it('gives no such warning for a file without vermeden_posten', async () => {
		const { result, warnings } = await postWarnings([caseRow('A'), caseRow('B')]);
		expect(warnings).toEqual([]);
		expect(result.warnings).toEqual([]);
		expect(result.inserted).toBe(2);
	});

	it('shows the warning on a check too, which writes nothing', async () => {
		const file = writeCsv(store, 'check.csv', [caseRow('A', { vermeden_posten: 'opvang_maand' })]);
		const result = await checkFile(store.db, file, { fileName: 'check.csv', actor: 'test', reach: null });
		expect(result.status).toBe('checked');
		expect(result.warnings.map((w) => w.message)).toEqual([
			`Post "opvang_maand" staat niet in de kostentabel van Leeuwarden (1 casus); deze casus telt die post niet mee. ${FILL}`
		]);
		expect(await countCases(store.db)).toBe(0);
	});

	it('leaves a refused file to its problems', async () => {
		const result = await importRows(store, [
			caseRow('A', { vermeden_posten: 'opvang_maand' }),
			caseRow('B', { status: 'onbekend', vermeden_posten: 'opvang_maand' })
		]);
		expect(result.status).toBe('refused');
		expect(result.warnings.filter((w) => w.message.includes('kostentabel'))).toEqual([]);
	});
});
