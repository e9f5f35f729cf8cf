/** Recognises an upload's format by its first bytes (never by its name) and a CSV's encoding and delimiter. */
import fs from 'node:fs';
import { parseCsvRows } from '$lib/domain/csv';

export type ImportFormat = 'csv' | 'xlsx' | 'parquet' | 'json';

export const FORMAT_LABELS: Record<ImportFormat, string> = {
	csv: 'CSV',
	xlsx: 'Excel (XLSX)',
	parquet: 'Parquet',
	json: 'JSON'
};

async function head(file: string, bytes: number): Promise<Buffer> {
	const handle = await fs.promises.open(file, 'r');
	try {
		const buffer = Buffer.alloc(bytes);
		const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
		return buffer.subarray(0, bytesRead);
	} finally {
		await handle.close();
	}
}

/** Zip (XLSX) and Parquet by their magic numbers, JSON by its first character, CSV otherwise. */
export async function detectFormat(file: string): Promise<ImportFormat> {
	const start = await head(file, 4096);
	if (start.subarray(0, 4).equals(Buffer.from('PK\u0003\u0004', 'latin1'))) return 'xlsx';
	if (start.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
	const text = start.toString('utf8').replace(/^\uFEFF/, '').trimStart();
	if (text.startsWith('[') || text.startsWith('{')) return 'json';
	return 'csv';
}

/** True when the whole file is valid UTF-8; read in a stream, so a large file costs little memory. */
export async function isUtf8(file: string): Promise<boolean> {
	const decoder = new TextDecoder('utf-8', { fatal: true });
	try {
		for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
			decoder.decode(chunk as Buffer, { stream: true });
		}
		decoder.decode();
		return true;
	} catch {
		return false;
	}
}

/** Rewrites a Windows-1252 file (as Dutch Excel saves CSV) as UTF-8, so `€` and `ë` survive DuckDB's reader. */
export async function transcodeWindows1252(file: string, target: string): Promise<void> {
	const decoder = new TextDecoder('windows-1252');
	const out = fs.createWriteStream(target);
	for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
		if (!out.write(decoder.decode(chunk as Buffer, { stream: true }))) {
			await new Promise<void>((resolve) => out.once('drain', () => resolve()));
		}
	}
	out.end(decoder.decode());
	await new Promise<void>((resolve, reject) => {
		out.on('finish', resolve);
		out.on('error', reject);
	});
}

/** The header line of a UTF-8 CSV and its delimiter: `;` or `,`, whichever splits the header into more fields. */
export async function csvHeader(file: string): Promise<{ delimiter: ';' | ','; columns: string[] }> {
	const text = (await head(file, 64 * 1024)).toString('utf8').replace(/^\uFEFF/, '');
	const line = text.split(/\r?\n/)[0] ?? '';
	const semicolons = parseCsvRows(line, ';')[0] ?? [''];
	const commas = parseCsvRows(line, ',')[0] ?? [''];
	return semicolons.length >= commas.length
		? { delimiter: ';', columns: semicolons }
		: { delimiter: ',', columns: commas };
}
