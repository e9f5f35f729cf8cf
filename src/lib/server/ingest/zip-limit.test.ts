/**
 * An XLSX is a zip: what it declares to unpack to is checked before anything is unpacked, what it really unpacks
 * to is counted while it is read, and a bomb is refused either way.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { declaredUncompressedSize, readZipDirectory } from './zip-limit';
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

/**
 * Rewrites every size a zip declares for what its entries unpack to (local header, data descriptor, central
 * directory) as 1 byte: the file still unpacks as before, it only lies about it.
 */
async function lieAboutSizes(file: string): Promise<void> {
	const entries = (await readZipDirectory(file))!;
	const zip = fs.readFileSync(file);
	const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	let at = zip.readUInt32LE(end + 16);
	for (const entry of entries) {
		zip.writeUInt32LE(1, at + 24);
		const local = entry.localHeaderOffset;
		if (zip.readUInt32LE(local + 22) !== 0) zip.writeUInt32LE(1, local + 22);
		if (entry.flags & 8) {
			const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
			const descriptor = data + entry.compressedSize;
			const signed = zip.readUInt32LE(descriptor) === 0x08074b50;
			zip.writeUInt32LE(1, descriptor + (signed ? 12 : 8));
		}
		at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
	}
	fs.writeFileSync(file, zip);
}

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

describe('declaredUncompressedSize', () => {
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
		const size = await declaredUncompressedSize(file);
		expect(size).toBeGreaterThan(fs.statSync(file).size);
		expect(size).toBeGreaterThan(200 * 200);
	});

	it('reads what a crafted zip declares, and null for a file that is no zip', async () => {
		const bomb = store.file('bom.xlsx');
		zipDeclaring(bomb, 3_000_000_000);
		expect(await declaredUncompressedSize(bomb)).toBe(3_000_000_000);
		const text = store.file('tekst.xlsx');
		fs.writeFileSync(text, 'PK geen zip');
		expect(await declaredUncompressedSize(text)).toBeNull();
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

	it('is refused by the bytes it really unpacks to when its zip declares less, and nothing is written', async () => {
		const file = store.file('liegt.xlsx');
		await writeXlsx(file, [
			{
				name: 'Casussen',
				rows: [
					Object.keys(caseRow('L-0')),
					...Array.from({ length: 400 }, (_, i) => Object.values(caseRow(`L-${i}`)))
				]
			}
		]);
		await lieAboutSizes(file);
		const entries = (await readZipDirectory(file))!;
		expect(entries.every((e) => e.declaredSize === 1)).toBe(true);
		// 0.05 MB: far above the few bytes declared, far below what the sheet unpacks to.
		process.env.XLSX_MAX_UNCOMPRESSED_MB = '0.05';
		const result = await runImport(store, file);
		expect(result.status).toBe('refused');
		expect(result.problems).toEqual([
			{
				row: null,
				column: null,
				message: expect.stringContaining(
					'Het Excel-bestand pakt uit tot meer dan 0.05 MB (XLSX_MAX_UNCOMPRESSED_MB)'
				)
			}
		]);
		expect(await countCases(store.db)).toBe(0);
		// Above what it really unpacks to, the same lying file reads as a workbook: only the count refused it.
		process.env.XLSX_MAX_UNCOMPRESSED_MB = '5';
		expect((await runImport(store, file)).inserted).toBe(400);
	});
});
