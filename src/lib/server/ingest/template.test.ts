/** The import template: every column in spec order, and example rows that import without a problem, as CSV and as Excel. */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CANONICAL_COLUMNS, REQUIRED_COLUMNS } from './columns';
import { templateCsv, templateHelp, templateRows, templateXlsx } from './template';
import { closeTempStore, countCases, openTempStore, runImport, type Store } from './fixtures/helpers';

let store: Store;
beforeEach(async () => {
	store = await openTempStore();
});
afterEach(() => closeTempStore(store));

describe('templateCsv', () => {
	it('starts with a BOM and has every column of version 1 and 1.1 in spec order, `;`-separated', () => {
		const text = templateCsv('GM0344');
		expect(text.charCodeAt(0)).toBe(0xfeff);
		const [header, ...rows] = text.slice(1).trimEnd().split('\r\n');
		expect(header.split(';')).toEqual([...CANONICAL_COLUMNS]);
		expect(header.split(';')).toContain('stappen');
		expect(rows).toHaveLength(templateRows('GM0344').length);
		expect(rows.every((row) => row.includes(';GM0344;'))).toBe(true);
	});

	it('imports with no problem, within the reach of the municipality it was made for', async () => {
		const file = store.file('sjabloon.csv');
		fs.writeFileSync(file, templateCsv('GM0344'));
		const result = await runImport(store, file, { reach: { all: false, gemeenten: ['GM0344'] } });
		expect(result.problems).toEqual([]);
		expect(result.status).toBe('imported');
		expect(await countCases(store.db)).toBe(3);
		const stored = await store.db.all<{ casus_id: string; besluit_door: string | null; stappen: number }>(
			`SELECT casus_id, besluit_door, len(stappen)::INTEGER AS stappen FROM cases ORDER BY casus_id`
		);
		expect(stored.map((r) => r.besluit_door)).toEqual(['portefeuillehouder', 'tafel', null]);
		expect(stored.every((r) => r.stappen >= 2)).toBe(true);
	});

	it('fills every column in at least one example row', () => {
		const rows = templateRows('GM0080');
		for (const column of CANONICAL_COLUMNS)
			expect(
				rows.some((r) => r[column] !== ''),
				column
			).toBe(true);
	});
});

describe('templateXlsx', () => {
	it('holds the cases on the first sheet and a Toelichting that explains every column', async () => {
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await templateXlsx('GM0193')) as unknown as ArrayBuffer);
		expect(workbook.worksheets.map((s) => s.name)).toEqual(['Casussen', 'Toelichting']);
		const header = (workbook.worksheets[0].getRow(1).values as string[]).slice(1);
		expect(header).toEqual([...CANONICAL_COLUMNS]);
		const help = workbook.getWorksheet('Toelichting')!;
		const listed: string[] = [];
		help.eachRow((row, n) => {
			if (n > 1) listed.push(String(row.getCell(1).value));
		});
		expect(listed).toEqual([...CANONICAL_COLUMNS]);
		const required = templateHelp()
			.filter((h) => h.verplicht === 'ja')
			.map((h) => h.kolom);
		expect(required).toEqual([...REQUIRED_COLUMNS]);
		expect(templateHelp().find((h) => h.kolom === 'reacties')?.versie).toBe('1.1');
		expect(templateHelp().every((h) => h.formaat && h.betekenis)).toBe(true);
	});

	it('imports with no problem', async () => {
		const file = store.file('sjabloon.xlsx');
		fs.writeFileSync(file, await templateXlsx('GM0193'));
		const result = await runImport(store, file);
		expect(result.problems).toEqual([]);
		expect(result.status).toBe('imported');
		expect(await countCases(store.db)).toBe(3);
	});
});
