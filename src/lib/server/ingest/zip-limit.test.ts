/** An XLSX is a zip: what it declares to unpack to is checked before anything is unpacked, and a bomb is refused. */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zipUncompressedSize } from './detect';
import {
	caseRow,
	closeTempStore,
	countCases,
	openTempStore,
	runImport,
	writeXlsx,
	type Store
} from './fixtures/helpers';

let store: Store;

beforeEach(async () => {
	store = await openTempStore();
});

afterEach(() => {
	delete process.env.XLSX_MAX_UNCOMPRESSED_MB;
	closeTempStore(store);
});

/** A zip with one stored entry whose central directory declares `declared` bytes: what a zip bomb claims. */
function zipDeclaring(file: string, declared: number): void {
	const name = Buffer.from('xl/worksheets/sheet1.xml');
	const local = Buffer.alloc(30);
	local.writeUInt32LE(0x04034b50, 0);
	local.writeUInt16LE(name.length, 26);
	const central = Buffer.alloc(46);
	central.writeUInt32LE(0x02014b50, 0);
	central.writeUInt32LE(declared, 24);
	central.writeUInt16LE(name.length, 28);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(1, 8);
	end.writeUInt16LE(1, 10);
	end.writeUInt32LE(central.length + name.length, 12);
	end.writeUInt32LE(local.length + name.length, 16);
	fs.writeFileSync(file, Buffer.concat([local, name, central, name, end]));
}

describe('zipUncompressedSize', () => {
	it('adds up what the entries of a real workbook unpack to, more than the file weighs', async () => {
		const file = store.file('export.xlsx');
		await writeXlsx(file, [
			{
				name: 'Casussen',
				rows: [
					['casus_id', 'samenvatting'],
					...Array.from({ length: 200 }, (_, i) => [`C-${i}`, 'x'.repeat(200)])
				]
			}
		]);
		const size = await zipUncompressedSize(file);
		expect(size).toBeGreaterThan(fs.statSync(file).size);
		expect(size).toBeGreaterThan(200 * 200);
	});

	it('reads what a crafted zip declares, and null for a file that is no zip', async () => {
		const bomb = store.file('bom.xlsx');
		zipDeclaring(bomb, 3_000_000_000);
		expect(await zipUncompressedSize(bomb)).toBe(3_000_000_000);
		const text = store.file('tekst.xlsx');
		fs.writeFileSync(text, 'PK geen zip');
		expect(await zipUncompressedSize(text)).toBeNull();
	});
});

describe('an XLSX above the limit', () => {
	it('is refused with a clear message before it is unpacked, and nothing is written', async () => {
		const bomb = store.file('bom.xlsx');
		zipDeclaring(bomb, 3_000_000_000);
		const result = await runImport(store, bomb);
		expect(result.status).toBe('refused');
		expect(result.problems[0].message).toContain('pakt uit tot meer dan 2048 MB');
		expect(await countCases(store.db)).toBe(0);
	});

	it('follows XLSX_MAX_UNCOMPRESSED_MB, and below it a workbook imports as before', async () => {
		const file = store.file('export.xlsx');
		const row = caseRow('X-1');
		await writeXlsx(file, [{ name: 'Casussen', rows: [Object.keys(row), Object.values(row)] }]);
		process.env.XLSX_MAX_UNCOMPRESSED_MB = '0.001';
		expect((await runImport(store, file)).problems[0].message).toContain('meer dan 0.001 MB');
		delete process.env.XLSX_MAX_UNCOMPRESSED_MB;
		expect((await runImport(store, file)).status).toBe('imported');
	});
});
