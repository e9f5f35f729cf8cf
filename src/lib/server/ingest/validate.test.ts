/** Refusal of unacceptable exports: every problem as (row as a spreadsheet shows it, column as the file names it, Dutch message). */
import fs from 'node:fs';
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { ImportResult } from './index';
import {
	caseRow,
	caseRows,
	closeTempStore,
	countCases,
	importRows,
	openTempStore,
	runImport,
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

/** Refused, nothing written, and exactly these (row, column) pairs; returns the problems for message checks. */
async function expectRefused(result: ImportResult, where: [number | null, string | null][]) {
	expect(result.status).toBe('refused');
	expect(result.inserted).toBe(0);
	expect(await countCases(store.db)).toBe(0);
	expect(result.problems.map((p) => [p.row, p.column])).toEqual(where);
	for (const p of result.problems) expect(p.message).toMatch(/\S/);
	return result.problems;
}

/** A file of three valid cases where the row at `index` (0-based record) gets `overrides`. */
function withBad(index: number, overrides: Row): Row[] {
	const rows = caseRows(3, 'V');
	rows[index] = { ...rows[index], ...overrides };
	return rows;
}

describe('required columns and values', () => {
	it('refuses a file without a required column, naming the canonical column', async () => {
		const rows = caseRows(2);
		const result = await importRows(
			store,
			rows,
			{},
			{ columns: ['casus_id', 'gemeente', 'aangemeld_op', 'status'] }
		);
		const [problem] = await expectRefused(result, [[null, 'leefgebieden']]);
		expect(problem.message).toBe('Verplichte kolom leefgebieden ontbreekt.');
		expect(result.rejectedRows).toBe(0);
	});

	it('refuses an empty required value on its row', async () => {
		const result = await importRows(store, withBad(1, { aangemeld_op: '' }));
		const [problem] = await expectRefused(result, [[3, 'aangemeld_op']]);
		expect(problem.message).toMatch(/Verplicht veld aangemeld_op is leeg/);
		expect(result.rejectedRows).toBe(1);
	});

	it('refuses a blank leefgebieden (at least one is required)', async () => {
		const result = await importRows(store, withBad(2, { leefgebieden: ' | ' }));
		const [problem] = await expectRefused(result, [[4, 'leefgebieden']]);
		expect(problem.message).toMatch(/leefgebied/);
	});

	it('counts spaces alone as empty in every required column, and accepts them in an optional one', async () => {
		const blank = { casus_id: '  ', gemeente: ' ', aangemeld_op: '   ', status: ' ', leefgebieden: '  ' };
		const result = await importRows(store, withBad(1, blank));
		const problems = await expectRefused(
			result,
			Object.keys(blank)
				.sort()
				.map((column) => [3, column])
		);
		for (const p of problems) expect(p.message).toBe(`Verplicht veld ${p.column} is leeg.`);

		const optional = {
			uitkomst: '  ',
			escalatie: ' ',
			afgerond_op: '  ',
			kosten_oplossing: ' ',
			terug_van: ' '
		};
		const accepted = await importRows(store, withBad(1, optional));
		expect(accepted.problems).toEqual([]);
		expect(accepted.status).toBe('imported');
	});
});

describe('values outside vocabulary or format', () => {
	it('refuses an unknown leefgebied, quoting the label', async () => {
		const result = await importRows(store, withBad(0, { leefgebieden: 'wonen|Ruimtevaart' }));
		const [problem] = await expectRefused(result, [[2, 'leefgebieden']]);
		expect(problem.message).toBe('Onbekend leefgebied "Ruimtevaart".');
	});

	it('refuses a bad status, naming the column as the file writes it', async () => {
		const rows = withBad(1, {}).map(({ status, ...rest }) => ({ ...rest, Status: status }));
		rows[1].Status = 'gesloten';
		const result = await importRows(store, rows);
		const [problem] = await expectRefused(result, [[3, 'Status']]);
		expect(problem.message).toMatch(/status is open, afgerond of ingetrokken/);
	});

	it('refuses an unknown gemeente', async () => {
		const result = await importRows(store, withBad(2, { gemeente: 'Atlantis' }));
		const [problem] = await expectRefused(result, [[4, 'gemeente']]);
		expect(problem.message).toMatch(/Onbekende gemeente "Atlantis"/);
	});

	it('refuses a date that does not exist (31-02-2023), never rolling it over', async () => {
		const result = await importRows(store, withBad(1, { aangemeld_op: '31-02-2023' }));
		const [problem] = await expectRefused(result, [[3, 'aangemeld_op']]);
		expect(problem.message).toMatch(/geen geldige datum/);
	});

	it('refuses other impossible or unreadable dates', async () => {
		const rows = caseRows(4, 'D');
		rows[0].aangemeld_op = '2023-02-29';
		rows[1].aangemeld_op = '32-01-2024';
		rows[2].aangemeld_op = 'maart 2024';
		rows[3].aangemeld_op = '03-13-2024';
		const result = await importRows(store, rows);
		await expectRefused(result, [
			[2, 'aangemeld_op'],
			[3, 'aangemeld_op'],
			[4, 'aangemeld_op'],
			[5, 'aangemeld_op']
		]);
	});

	it('refuses afgerond_op before aangemeld_op', async () => {
		const result = await importRows(
			store,
			withBad(2, { aangemeld_op: '10-03-2024', afgerond_op: '09-03-2024', status: 'afgerond' })
		);
		const [problem] = await expectRefused(result, [[4, 'afgerond_op']]);
		expect(problem.message).toBe('afgerond_op ligt voor aangemeld_op.');
	});

	it('refuses a negative amount', async () => {
		const result = await importRows(store, withBad(0, { kosten_oplossing: '-250,00' }));
		const [problem] = await expectRefused(result, [[2, 'kosten_oplossing']]);
		expect(problem.message).toMatch(/geen geldig bedrag/);
	});

	it('refuses an amount with three decimals', async () => {
		const rows = caseRows(3, 'A');
		rows[0].besparing_laag = '12,345';
		rows[1].besparing_laag = '1.234,567';
		rows[2].besparing_laag = '0,125';
		const result = await importRows(store, rows);
		const problems = await expectRefused(result, [
			[2, 'besparing_laag'],
			[3, 'besparing_laag'],
			[4, 'besparing_laag']
		]);
		for (const p of problems) expect(p.message).toMatch(/hoogstens twee decimalen/);
	});

	it('refuses besparing_hoog below besparing_laag', async () => {
		const result = await importRows(store, withBad(1, { besparing_laag: '1.000', besparing_hoog: '999,99' }));
		const [problem] = await expectRefused(result, [[3, 'besparing_hoog']]);
		expect(problem.message).toBe('besparing_hoog is lager dan besparing_laag.');
	});

	it('refuses terugbetaald above voorgeschoten', async () => {
		const result = await importRows(store, withBad(2, { voorgeschoten: '500', terugbetaald: '500,01' }));
		const [problem] = await expectRefused(result, [[4, 'terugbetaald']]);
		expect(problem.message).toBe('terugbetaald is hoger dan voorgeschoten.');
	});

	it('refuses a casus_id repeated in the same file, pointing at the first', async () => {
		const rows = caseRows(4, 'C');
		rows[3].casus_id = rows[1].casus_id;
		const result = await importRows(store, rows);
		const [problem] = await expectRefused(result, [[5, 'casus_id']]);
		expect(problem.message).toBe('casus_id komt al voor in rij 3 van dit bestand.');
	});

	it('refuses a kwestie over 200 characters but accepts exactly 200', async () => {
		const ok = await importRows(store, [caseRow('K-1', { kwestie: 'k'.repeat(200) })]);
		expect(ok.status).toBe('imported');
		await store.db.run('DELETE FROM cases');
		const result = await importRows(store, withBad(1, { kwestie: 'k'.repeat(201) }));
		const [problem] = await expectRefused(result, [[3, 'kwestie']]);
		expect(problem.message).toBe('kwestie is langer dan 200 tekens.');
	});

	it('refuses a casus_id over 64 characters and a samenvatting over 2,000', async () => {
		const rows = caseRows(3, 'L');
		rows[0].casus_id = 'c'.repeat(65);
		rows[2].samenvatting = 's'.repeat(2001);
		const result = await importRows(store, rows);
		const problems = await expectRefused(result, [
			[2, 'casus_id'],
			[4, 'samenvatting']
		]);
		expect(problems[0].message).toBe('casus_id is langer dan 64 tekens.');
		expect(problems[1].message).toBe('samenvatting is langer dan 2.000 tekens.');
	});

	it('refuses a column that occurs twice under different spellings', async () => {
		const rows = caseRows(2).map((r) => ({ ...r, ' STATUS ': 'open' }));
		const result = await importRows(store, rows);
		const [problem] = await expectRefused(result, [[null, 'STATUS']]);
		expect(problem.message).toMatch(/twee keer/);
	});

	it('refuses unknown codes of the other coded columns', async () => {
		const rows = caseRows(5, 'X');
		rows[0].knelpunt = '7';
		rows[1].escalatie = 'rechter';
		rows[2].uitkomst = 'misschien';
		rows[3].monitoring = 'soms';
		rows[4].terug_van = 'buurman';
		const result = await importRows(store, rows);
		await expectRefused(result, [
			[2, 'knelpunt'],
			[3, 'escalatie'],
			[4, 'uitkomst'],
			[5, 'monitoring'],
			[6, 'terug_van']
		]);
	});
});

describe('every problem of the file', () => {
	it('lists all problems of several rows and columns, not only the first', async () => {
		const rows = caseRows(6, 'P');
		rows[0].status = 'klaar';
		rows[2].aangemeld_op = '31-04-2024';
		rows[2].kosten_oplossing = '-5';
		rows[2].leefgebieden = 'maanreizen';
		rows[5].gemeente = 'Nergenshuizen';
		const result = await importRows(store, rows);
		const problems = await expectRefused(result, [
			[2, 'status'],
			[4, 'aangemeld_op'],
			[4, 'kosten_oplossing'],
			[4, 'leefgebieden'],
			[7, 'gemeente']
		]);
		expect(result.rejectedRows).toBe(3);
		expect(result.rows).toBe(6);
		// Messages are Dutch.
		expect(problems.map((p) => p.message).join(' ')).toMatch(
			/geen geldige datum.*geen geldig bedrag.*Onbekend leefgebied/
		);
	});

	it('numbers the rows of a file with a quoted line break as records, not lines', async () => {
		const rows = caseRows(3, 'Q');
		rows[0].samenvatting = 'regel een\nregel twee\nregel drie';
		rows[2].status = 'dicht';
		const result = await importRows(store, rows, {}, { delimiter: ',' });
		await expectRefused(result, [[4, 'status']]);
	});

	it('numbers CSV rows as a spreadsheet shows them, also after an empty line', async () => {
		// A spreadsheet opening this file shows the empty line as row 3, so the bad record is row 4.
		const header = 'casus_id;gemeente;aangemeld_op;status;leefgebieden';
		const file = store.file('leeg.csv');
		fs.writeFileSync(
			file,
			`${header}\nE-1;GM0080;03-01-2024;open;wonen\n\nE-2;GM0080;03-01-2024;dicht;wonen\n`
		);
		const result = await runImport(store, file);
		await expectRefused(result, [[4, 'status']]);
	});

	it('numbers XLSX rows as the sheet does, also after an empty row', async () => {
		const file = store.file('rijen.xlsx');
		const header = ['casus_id', 'gemeente', 'aangemeld_op', 'status', 'leefgebieden'];
		await writeXlsx(file, [
			{
				name: 'Blad1',
				rows: [
					header,
					['X-1', 'GM0080', new Date(Date.UTC(2024, 0, 3)), 'open', 'wonen'],
					[],
					['X-2', 'GM0080', new Date(Date.UTC(2024, 0, 4)), 'onbekend', 'wonen']
				]
			}
		]);
		const result = await runImport(store, file);
		await expectRefused(result, [[4, 'status']]);
	});

	it('numbers JSON records n as row n + 1', async () => {
		const file = store.file('rijen.json');
		writeJson(file, [
			{
				casus_id: 'J-1',
				gemeente: 'GM0080',
				aangemeld_op: '2024-01-03',
				status: 'open',
				leefgebieden: ['wonen']
			},
			{
				casus_id: 'J-2',
				gemeente: 'GM0080',
				aangemeld_op: '2024-01-03',
				status: 'open',
				leefgebieden: ['wonen']
			},
			{
				casus_id: 'J-3',
				gemeente: 'GM0080',
				aangemeld_op: '2024-01-03',
				status: 'open',
				leefgebieden: ['Sterrenkunde']
			}
		]);
		const result = await runImport(store, file);
		const [problem] = await expectRefused(result, [[4, 'leefgebieden']]);
		expect(problem.message).toBe('Onbekend leefgebied "Sterrenkunde".');
	});

	it('refuses a file without any case', async () => {
		const result = await importRows(
			store,
			[],
			{},
			{ columns: ['casus_id', 'gemeente', 'aangemeld_op', 'status', 'leefgebieden'] }
		);
		const [problem] = await expectRefused(result, [[null, null]]);
		expect(problem.message).toMatch(/geen casussen/);
	});

	it('refuses a bad source name before reading', async () => {
		const result = await importRows(store, caseRows(1), { source: '../etc' });
		await expectRefused(result, [[null, null]]);
	});
});
