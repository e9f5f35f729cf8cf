/** Reads a zip's entries through its central directory, counting the bytes actually inflated against a limit. */
import fs from 'node:fs';
import { pipeline, Transform, type Readable } from 'node:stream';
import zlib from 'node:zlib';

/** A zip that cannot be read as one; the message completes "Het Excel-bestand kan niet worden gelezen: …". */
export class ZipError extends Error {}

/** More bytes came out of the entries than the limit allows; what the zip declared does not matter. */
export class ZipLimitError extends ZipError {
	constructor(readonly limitBytes: number) {
		super(`het bestand pakt uit tot meer dan ${limitBytes} bytes`);
	}
}

export interface ZipEntry {
	name: string;
	/** 0 stored, 8 deflated. */
	method: number;
	flags: number;
	compressedSize: number;
	/** What the directory declares; a crafted file may lie, so reading never relies on it. */
	declaredSize: number;
	localHeaderOffset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const MAX32 = 0xffffffff;

async function readAt(handle: fs.promises.FileHandle, position: number, length: number): Promise<Buffer> {
	const buffer = Buffer.alloc(length);
	const { bytesRead } = await handle.read(buffer, 0, length, position);
	return buffer.subarray(0, bytesRead);
}

/** Sizes and offset that do not fit 32 bits are in the ZIP64 extra field (id 1), in this order. */
function zip64Values(extra: Buffer, entry: ZipEntry): void {
	for (let at = 0; at + 4 <= extra.length;) {
		const id = extra.readUInt16LE(at);
		const size = extra.readUInt16LE(at + 2);
		if (id === 1) {
			let field = at + 4;
			const next = () => {
				if (field + 8 > at + 4 + size) return Number.POSITIVE_INFINITY;
				const value = Number(extra.readBigUInt64LE(field));
				field += 8;
				return value;
			};
			if (entry.declaredSize === MAX32) entry.declaredSize = next();
			if (entry.compressedSize === MAX32) entry.compressedSize = next();
			if (entry.localHeaderOffset === MAX32) entry.localHeaderOffset = next();
			return;
		}
		at += 4 + size;
	}
}

/** The entries the central directory lists, in its order; null when the file has no readable directory. */
export async function readZipDirectory(file: string): Promise<ZipEntry[] | null> {
	const handle = await fs.promises.open(file, 'r');
	try {
		const { size } = await handle.stat();
		const tailLength = Math.min(size, 65_557);
		const tail = await readAt(handle, size - tailLength, tailLength);
		const end = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
		if (end < 0 || end + 22 > tail.length || tail.readUInt32LE(end) !== END_OF_DIRECTORY) return null;
		const count = tail.readUInt16LE(end + 10);
		const directorySize = tail.readUInt32LE(end + 12);
		const directoryOffset = tail.readUInt32LE(end + 16);
		if (directoryOffset === MAX32 || directoryOffset + directorySize > size) return null;
		const directory = await readAt(handle, directoryOffset, directorySize);
		const entries: ZipEntry[] = [];
		let at = 0;
		for (let i = 0; i < count; i++) {
			if (at + 46 > directory.length || directory.readUInt32LE(at) !== DIRECTORY_ENTRY) return null;
			const nameLength = directory.readUInt16LE(at + 28);
			const extraLength = directory.readUInt16LE(at + 30);
			const commentLength = directory.readUInt16LE(at + 32);
			if (at + 46 + nameLength + extraLength > directory.length) return null;
			const entry: ZipEntry = {
				name: directory.toString('utf8', at + 46, at + 46 + nameLength),
				method: directory.readUInt16LE(at + 10),
				flags: directory.readUInt16LE(at + 8),
				compressedSize: directory.readUInt32LE(at + 20),
				declaredSize: directory.readUInt32LE(at + 24),
				localHeaderOffset: directory.readUInt32LE(at + 42)
			};
			zip64Values(directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), entry);
			entries.push(entry);
			at += 46 + nameLength + extraLength + commentLength;
		}
		return entries;
	} finally {
		await handle.close();
	}
}

/** What the directory declares all entries unpack to together; null when it cannot be read. */
export async function declaredUncompressedSize(file: string): Promise<number | null> {
	const entries = await readZipDirectory(file);
	return entries && entries.reduce((total, entry) => total + entry.declaredSize, 0);
}

/** The bytes inflated so far from the entries of one zip, against the most they may come to together. */
export class InflateBudget {
	inflated = 0;
	constructor(readonly limitBytes: number) {}
}

/**
 * The unpacked content of one entry as a stream of UTF-8 text (decoded across chunk boundaries), which fails
 * with ZipLimitError as soon as the bytes inflated from all entries sharing the budget pass its limit.
 */
export async function openEntry(file: string, entry: ZipEntry, budget: InflateBudget): Promise<Readable> {
	if (entry.flags & 1) throw new ZipError(`onderdeel ${entry.name} is versleuteld`);
	if (entry.method !== 0 && entry.method !== 8) {
		throw new ZipError(`onderdeel ${entry.name} is gecomprimeerd op een manier die de portal niet kent`);
	}
	const handle = await fs.promises.open(file, 'r');
	let dataStart: number;
	let size: number;
	try {
		size = (await handle.stat()).size;
		const local = await readAt(handle, entry.localHeaderOffset, 30);
		if (local.length < 30 || local.readUInt32LE(0) !== LOCAL_HEADER) {
			throw new ZipError(`onderdeel ${entry.name} staat niet waar de inhoudsopgave zegt`);
		}
		dataStart = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
	} finally {
		await handle.close();
	}
	if (dataStart + entry.compressedSize > size) throw new ZipError(`onderdeel ${entry.name} is afgebroken`);
	const counted = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			budget.inflated += chunk.length;
			if (budget.inflated > budget.limitBytes) callback(new ZipLimitError(budget.limitBytes));
			else callback(null, chunk);
		}
	});
	counted.setEncoding('utf8');
	if (entry.compressedSize === 0) return counted.end();
	const raw = fs.createReadStream(file, {
		start: dataStart,
		end: dataStart + entry.compressedSize - 1,
		highWaterMark: 1 << 16
	});
	// An error anywhere in the chain (a read, a broken deflate stream, the limit) ends in `counted`, whose reader sees it.
	pipeline(entry.method === 8 ? [raw, zlib.createInflateRaw(), counted] : [raw, counted], () => undefined);
	return counted;
}
