/** Loading: all or nothing, re-import by (gemeente, source, casus_id), replace, reach, and the import log. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import {
	caseRow,
	caseRows,
	closeTempStore,
	countCases,
	importRows,
	openTempStore,
	readCases,
	runImport,
	writeCsv,
	writeJson,
	writeXlsx,
	type Row,
	type Store
} from './fixtures/helpers';

let store: Store;

beforeEach(async () => {
	store = await openTempStore();
});

afterEach(() => {
	closeTempStore(store);
});

const ids = async () =>
	(await readCases(store.db)).map((c) => [c.gemeente, c.source, c.casus_id, c.id] as const);

describe('all or nothing', () => {
	it('writes no case when only the last of 200 rows has a problem', async () => {
		const rows = caseRows(200, 'N');
		rows[199].status = 'kapot';
		const result = await importRows(store, rows);
		expect(result.status).toBe('refused');
		expect(result.rows).toBe(200);
		expect(result.problems.map((p) => [p.row, p.column])).toEqual([[201, 'status']]);
		expect(result.rejectedRows).toBe(1);
		expect(result).toMatchObject({ inserted: 0, updated: 0, removed: 0 });
		expect(await countCases(store.db)).toBe(0);
	});

	it('leaves the earlier import untouched when a re-import is refused by its last row', async () => {
		const first = await importRows(store, caseRows(200, 'N', { route: 'Wijktafel' }));
		expect(first).toMatchObject({ status: 'imported', inserted: 200 });
		const before = await readCases(store.db);

		const rows = caseRows(200, 'N', { route: 'Casusteam' });
		rows.push(caseRow('N-201', { route: 'Casusteam' }));
		rows[200].aangemeld_op = '31-02-2024';
		const second = await importRows(store, rows, { replace: true });
		expect(second.status).toBe('refused');
		expect(second.problems.map((p) => [p.row, p.column])).toEqual([[202, 'aangemeld_op']]);
		expect(await readCases(store.db)).toEqual(before);
		const versions = await store.db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM case_versions');
		expect(versions!.n).toBe(0);
	});
});

describe('re-import', () => {
	it('updates the same cases when the same file comes again, keeping their ids', async () => {
		const file = writeCsv(store, 'export.csv', caseRows(5, 'R'));
		const first = await runImport(store, file);
		expect(first).toMatchObject({ status: 'imported', inserted: 5, updated: 0, removed: 0 });
		const before = await ids();

		const second = await runImport(store, file);
		expect(second).toMatchObject({ status: 'imported', inserted: 0, updated: 5, removed: 0 });
		expect(await ids()).toEqual(before);
		expect(await countCases(store.db)).toBe(5);
	});

	it('takes the values of a corrected file', async () => {
		await importRows(store, [caseRow('R-1', { kwestie: 'Oude kwestie' }), caseRow('R-2')]);
		const before = await ids();
		const result = await importRows(store, [
			caseRow('R-1', {
				status: 'afgerond',
				afgerond_op: '15-02-2024',
				uitkomst: 'opgelost',
				kwestie: 'Nieuwe kwestie',
				kosten_oplossing: '1.500'
			}),
			caseRow('R-2', { leefgebieden: 'financiën|wonen' })
		]);
		expect(result).toMatchObject({ inserted: 0, updated: 2 });
		expect(await ids()).toEqual(before);
		const [r1, r2] = await readCases(store.db);
		expect(r1).toMatchObject({
			status: 'afgerond',
			afgerond_op: '2024-02-15',
			uitkomst: 'opgelost',
			kwestie: 'Nieuwe kwestie',
			kosten_oplossing: '1500.00'
		});
		expect(r2.leefgebieden).toEqual(['financiën', 'wonen']);
	});

	it('clears a field the corrected file leaves empty', async () => {
		await importRows(store, [caseRow('R-1', { kwestie: 'Oude kwestie', kosten_oplossing: '100' })]);
		await importRows(store, [caseRow('R-1', { kwestie: '', kosten_oplossing: '' })]);
		const [r1] = await readCases(store.db);
		expect(r1.kwestie).toBeNull();
		expect(r1.kosten_oplossing).toBeNull();
	});

	it('matches a case whose gemeente is written differently the next time', async () => {
		await importRows(store, [caseRow('R-1', { gemeente: 'GM0080' })]);
		const before = await ids();
		const result = await importRows(store, [caseRow('R-1', { gemeente: 'Leeuwarden', route: 'Casusteam' })]);
		expect(result).toMatchObject({ inserted: 0, updated: 1 });
		expect(await ids()).toEqual(before);
		expect((await readCases(store.db))[0].route).toBe('Casusteam');
	});

	it('keeps cases the newer export no longer holds, without replace', async () => {
		await importRows(store, caseRows(5, 'K'));
		const result = await importRows(store, caseRows(3, 'K'));
		expect(result).toMatchObject({ inserted: 0, updated: 3, removed: 0 });
		expect(await countCases(store.db)).toBe(5);
	});

	it('removes and counts them with replace', async () => {
		await importRows(store, caseRows(5, 'K'));
		const kept = (await ids()).filter(([, , casus]) => ['K-001', 'K-002', 'K-004'].includes(casus));
		const rows = caseRows(5, 'K').filter((r) => ['K-001', 'K-002', 'K-004'].includes(r.casus_id!));
		rows.push(caseRow('K-009'));
		const result = await importRows(store, rows, { replace: true });
		expect(result).toMatchObject({ status: 'imported', inserted: 1, updated: 3, removed: 2 });
		const after = await ids();
		expect(after.map(([, , casus]) => casus)).toEqual(['K-001', 'K-002', 'K-004', 'K-009']);
		expect(after.slice(0, 3)).toEqual(kept);
		const removed = await store.db.all<{ casus_id: string }>(
			'SELECT casus_id FROM case_versions WHERE removed ORDER BY casus_id'
		);
		expect(removed.map((r) => r.casus_id)).toEqual(['K-003', 'K-005']);
	});

	it('replace only removes cases of the same source', async () => {
		await importRows(store, caseRows(2, 'A'), { source: 'wijkteams' });
		await importRows(store, caseRows(2, 'B'));
		const result = await importRows(store, [caseRow('B-001')], { replace: true });
		expect(result).toMatchObject({ updated: 1, removed: 1 });
		const left = (await readCases(store.db)).map((c) => [c.source, c.casus_id]);
		expect(left).toEqual([
			['standaard', 'B-001'],
			['wijkteams', 'A-001'],
			['wijkteams', 'A-002']
		]);
	});

	it('uses the source standaard by default, so the same export as CSV and later as JSON updates the same cases', async () => {
		await importRows(store, caseRows(3, 'S'));
		const before = await ids();
		expect(before.every(([, source]) => source === 'standaard')).toBe(true);
		const file = store.file('export.json');
		writeJson(
			file,
			caseRows(3, 'S').map((r) => ({ ...r, leefgebieden: [r.leefgebieden] }))
		);
		const result = await runImport(store, file);
		expect(result).toMatchObject({ status: 'imported', format: 'json', inserted: 0, updated: 3 });
		expect(await ids()).toEqual(before);
	});

	it('updates the same cases when the CSV export comes again as XLSX', async () => {
		await importRows(store, caseRows(3, 'S'));
		const before = await ids();
		const file = store.file('export.xlsx');
		const header = ['casus_id', 'gemeente', 'aangemeld_op', 'status', 'leefgebieden'];
		await writeXlsx(file, [
			{
				name: 'Export',
				rows: [
					header,
					...caseRows(3, 'S').map((r) => [
						r.casus_id,
						r.gemeente,
						new Date(Date.UTC(2024, 0, 3)),
						'open',
						'wonen'
					])
				]
			}
		]);
		const result = await runImport(store, file);
		expect(result.problems).toEqual([]);
		expect(result).toMatchObject({ status: 'imported', format: 'xlsx', inserted: 0, updated: 3 });
		expect(await ids()).toEqual(before);
	});

	it('keeps the cases of a different source apart', async () => {
		await importRows(store, caseRows(3, 'S'));
		const result = await importRows(store, caseRows(3, 'S'), { source: 'Doorbraakregister' });
		expect(result).toMatchObject({ inserted: 3, updated: 0 });
		const sources = (await readCases(store.db)).map((c) => c.source);
		expect(sources).toEqual([
			'Doorbraakregister',
			'Doorbraakregister',
			'Doorbraakregister',
			'standaard',
			'standaard',
			'standaard'
		]);
	});

	it('treats the same casus_id of two gemeenten in one file as two cases', async () => {
		const result = await importRows(store, [caseRow('X-1'), caseRow('X-1', { gemeente: 'Utrecht' })]);
		expect(result.problems).toEqual([]);
		expect(result.inserted).toBe(2);
		expect((await readCases(store.db)).map((c) => c.gemeente)).toEqual(['GM0080', 'GM0344']);
	});
});

describe('reach', () => {
	const leeuwarden = { all: false as const, gemeenten: ['GM0080'] };

	it('refuses a row of a gemeente outside the importer’s reach, on that row’s gemeente column', async () => {
		const rows: Row[] = caseRows(3, 'G').map(({ gemeente, ...rest }) => ({ ...rest, Gemeente: gemeente }));
		rows[1].Gemeente = '0344';
		const result = await importRows(store, rows, { reach: leeuwarden, actor: 'beheerder@leeuwarden.nl' });
		expect(result.status).toBe('refused');
		expect(result.problems).toEqual([
			{ row: 3, column: 'Gemeente', message: expect.stringMatching(/bereik/) }
		]);
		expect(await countCases(store.db)).toBe(0);
	});

	it('accepts a file within reach, and a reach of all accepts any gemeente', async () => {
		const within = await importRows(store, caseRows(2, 'G'), { reach: leeuwarden });
		expect(within.status).toBe('imported');
		const all = await importRows(store, [caseRow('U-1', { gemeente: 'GM0344' })], { reach: { all: true } });
		expect(all.status).toBe('imported');
		expect(await countCases(store.db)).toBe(3);
	});

	it('replace within reach does not remove another gemeente’s cases of the same source', async () => {
		await importRows(store, [...caseRows(3, 'L'), ...caseRows(2, 'U', { gemeente: 'GM0344' })]);
		const result = await importRows(store, [caseRow('L-001')], { reach: leeuwarden, replace: true });
		expect(result).toMatchObject({ status: 'imported', inserted: 0, updated: 1, removed: 2 });
		const left = (await readCases(store.db)).map((c) => [c.gemeente, c.casus_id]);
		expect(left).toEqual([
			['GM0080', 'L-001'],
			['GM0344', 'U-001'],
			['GM0344', 'U-002']
		]);
	});
});

describe('import log', () => {
	interface LogRow {
		id: number;
		file_name: string;
		sha256: string;
		format: string;
		source: string;
		replace_source: boolean;
		actor: string;
		status: string;
		rows_in: number;
		inserted: number;
		updated: number;
		removed: number;
		rejected_rows: number;
		gemeenten: string[];
		problems: string | null;
		finished: boolean;
	}
	const log = () =>
		store.db.all<LogRow>(
			`SELECT id, file_name, sha256, format, source, replace_source, actor, status, rows_in, inserted, updated,
				removed, rejected_rows, gemeenten, problems::VARCHAR AS problems, finished_at IS NOT NULL AS finished
			 FROM imports ORDER BY id`
		);
	const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

	it('records an import: file name, sha256, status and counts', async () => {
		const file = writeCsv(store, 'leeuwarden-2024.csv', caseRows(4, 'L'));
		const result = await runImport(store, file, {
			fileName: 'Leeuwarden export 2024.csv',
			source: 'register'
		});
		const [entry] = await log();
		expect(entry.id).toBe(result.importId);
		expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(entry).toMatchObject({
			file_name: 'Leeuwarden export 2024.csv',
			sha256: sha(file),
			format: 'csv',
			source: 'register',
			replace_source: false,
			actor: 'test',
			status: 'imported',
			rows_in: 4,
			inserted: 4,
			updated: 0,
			removed: 0,
			rejected_rows: 0,
			gemeenten: ['GM0080'],
			finished: true
		});
		const ids = await store.db.all<{ import_id: number }>('SELECT DISTINCT import_id FROM cases');
		expect(ids).toEqual([{ import_id: result.importId }]);
	});

	it('records a refused import with its problems, and a re-import with its updates', async () => {
		const good = writeCsv(store, 'goed.csv', caseRows(3, 'L'));
		const badRows = caseRows(3, 'L');
		badRows[0].status = 'x';
		badRows[2].leefgebieden = 'y';
		const bad = writeCsv(store, 'fout.csv', badRows);
		await runImport(store, good);
		const refused = await runImport(store, bad);
		await runImport(store, good);
		const entries = await log();
		expect(
			entries.map((e) => [e.file_name, e.status, e.rows_in, e.inserted, e.updated, e.rejected_rows])
		).toEqual([
			['goed.csv', 'imported', 3, 3, 0, 0],
			['fout.csv', 'refused', 3, 0, 0, 2],
			['goed.csv', 'imported', 3, 0, 3, 0]
		]);
		expect(entries[1].sha256).toBe(sha(bad));
		expect(entries[0].sha256).toBe(entries[2].sha256);
		expect(JSON.parse(entries[1].problems!)).toEqual(refused.problems);
		expect(refused.problems).toHaveLength(2);
	});
});

describe('case ids', () => {
	it('are unique across imports and never reused after an undo', async () => {
		const { undoImport } = await import('./history');
		const first = await importRows(store, caseRows(3, 'A'));
		const second = await importRows(store, caseRows(2, 'B'));
		const undone = (await ids()).filter(([, , casus]) => casus.startsWith('B')).map(([, , , id]) => id);
		await undoImport(store.db, second.importId!, { all: true }, 'test');
		await importRows(store, caseRows(2, 'C'));
		const all = await ids();
		const a = all.filter(([, , casus]) => casus.startsWith('A')).map(([, , , id]) => id);
		const c = all.filter(([, , casus]) => casus.startsWith('C')).map(([, , , id]) => id);
		expect(first.inserted).toBe(3);
		expect(new Set([...a, ...c]).size).toBe(5);
		expect(Math.min(...c)).toBeGreaterThan(Math.max(...a, ...undone));
	});
});
