/** Recognises an upload's format by its first bytes (never by its name) and a CSV's encoding and delimiter. */
import crypto from 'node:crypto';
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

/** Hex SHA-256 of a file, read as a stream. */
export async function sha256File(file: string): Promise<string> {
	const hash = crypto.createHash('sha256');
	for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }))
		hash.update(chunk as Buffer);
	return hash.digest('hex');
}

/** Zip (XLSX) and Parquet by their magic numbers, JSON by its first character, CSV otherwise. */
export async function detectFormat(file: string): Promise<ImportFormat> {
	const start = await head(file, 4096);
	if (start.subarray(0, 4).equals(Buffer.from('PK\u0003\u0004', 'latin1'))) return 'xlsx';
	if (start.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
	const text = start
		.toString('utf8')
		.replace(/^\uFEFF/, '')
		.trimStart();
	if (text.startsWith('[') || text.startsWith('{')) return 'json';
	return 'csv';
}

export interface CsvInspection {
	/** Hex SHA-256 of the file, for the import log. */
	sha256: string;
	utf8: boolean;
	/** Possibly an empty line (DuckDB skips it, a spreadsheet counts it as a row). */
	blankLines: boolean;
}

/**
 * One streaming pass over the bytes: the file's hash, valid UTF-8 or not, and whether it may hold empty lines.
 * An empty line is looked for as `\n\n` or `\n\r\n` with the native byte search; one inside a quoted field
 * only costs a needless (and harmless) rewrite.
 */
export async function inspectCsv(file: string): Promise<CsvInspection> {
	const hash = crypto.createHash('sha256');
	const decoder = new TextDecoder('utf-8', { fatal: true });
	let utf8 = true;
	let blankLines = false;
	let tail = Buffer.alloc(0);
	for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
		const bytes = chunk as Buffer;
		hash.update(bytes);
		if (utf8) {
			try {
				decoder.decode(bytes, { stream: true });
			} catch {
				utf8 = false;
			}
		}
		if (!blankLines) {
			const window = tail.length ? Buffer.concat([tail, bytes.subarray(0, 2)]) : undefined;
			blankLines =
				bytes.includes('\n\n') ||
				bytes.includes('\n\r\n') ||
				(window !== undefined && (window.includes('\n\n') || window.includes('\n\r\n')));
			tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2)));
		}
	}
	if (utf8) {
		try {
			decoder.decode();
		} catch {
			utf8 = false;
		}
	}
	return { sha256: hash.digest('hex'), utf8, blankLines };
}

/**
 * Writes a UTF-8 copy that DuckDB reads as a spreadsheet would: Windows-1252 (as Dutch Excel saves CSV)
 * decoded, so `€` and `ë` survive, and each empty line outside quotes kept as a row of empty fields.
 */
export async function rewriteCsv(
	file: string,
	target: string,
	options: { encoding: 'utf-8' | 'windows-1252'; emptyRow: string }
): Promise<void> {
	const decoder = new TextDecoder(options.encoding);
	const out = fs.createWriteStream(target);
	let quoted = false;
	let atLineStart = false;
	let first = true;
	const convert = (text: string): string => {
		let result = '';
		let from = 0;
		for (let i = 0; i < text.length; i++) {
			const ch = text.charCodeAt(i);
			if (ch === 0x22) quoted = !quoted;
			if (quoted || ch === 0x0d) {
				if (ch !== 0x0d) atLineStart = false;
				continue;
			}
			if (ch === 0x0a) {
				if (atLineStart && !first) {
					result += text.slice(from, i) + options.emptyRow;
					from = i;
				}
				atLineStart = true;
				first = false;
			} else {
				atLineStart = false;
			}
		}
		return result + text.slice(from);
	};
	for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
		if (!out.write(convert(decoder.decode(chunk as Buffer, { stream: true })))) {
			await new Promise<void>((resolve) => out.once('drain', () => resolve()));
		}
	}
	out.end(convert(decoder.decode()));
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
