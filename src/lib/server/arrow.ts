/** Tabular API answers as an Arrow IPC stream, for analysts who load them into pandas, R or DuckDB. */
import {
	Bool,
	Field,
	Float64,
	Int32,
	RecordBatch,
	Schema,
	Struct,
	Table,
	Utf8,
	makeData,
	tableToIPC,
	vectorFromArray,
	type DataType
} from 'apache-arrow';

import { ARROW_STREAM } from '$lib/arrow-stream';

export { ARROW_STREAM };

export type ArrowColumnType = 'utf8' | 'int32' | 'float64' | 'bool';

export interface ArrowColumn {
	name: string;
	type: ArrowColumnType;
}

export type ArrowRow = Record<string, string | number | boolean | null>;

/** True when the Accept header names the Arrow stream type (a `q=0` on it refuses it). */
export function wantsArrow(request: Request): boolean {
	const accept = request.headers.get('accept');
	if (!accept) return false;
	return accept.split(',').some((range) => {
		const [type, ...params] = range.split(';').map((part) => part.trim().toLowerCase());
		if (type !== ARROW_STREAM) return false;
		const q = params.find((p) => p.startsWith('q='));
		return !q || Number(q.slice(2)) > 0;
	});
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function arrowType(type: ArrowColumnType): DataType {
	switch (type) {
		case 'utf8':
			return new Utf8();
		case 'int32':
			return new Int32();
		case 'float64':
			return new Float64();
		case 'bool':
			return new Bool();
	}
}

/** One cell checked against its column's type; a mismatch is a programming error, so it throws. */
function cell(
	value: string | number | boolean | null | undefined,
	column: ArrowColumn
): string | number | boolean | null {
	if (value === null || value === undefined) return null;
	if (column.type === 'utf8') return typeof value === 'string' ? value : String(value);
	if (column.type === 'bool') {
		if (typeof value !== 'boolean') {
			throw new TypeError(`Arrow column ${column.name} (bool) cannot hold ${JSON.stringify(value)}`);
		}
		return value;
	}
	if (typeof value !== 'number' || Number.isNaN(value)) {
		throw new TypeError(`Arrow column ${column.name} (${column.type}) cannot hold ${JSON.stringify(value)}`);
	}
	if (column.type === 'int32' && (!Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX)) {
		throw new TypeError(`Arrow column ${column.name} (int32) cannot hold ${value}`);
	}
	return value;
}

/**
 * Rows as one Arrow IPC stream. The schema is built from `columns`, so column order, types and
 * nullability do not depend on the rows (an empty answer still carries its schema); missing and
 * null values become Arrow nulls. `metadata` goes into the schema's key-value metadata.
 */
export function toArrowStream(
	rows: readonly object[],
	columns: ArrowColumn[],
	metadata?: Record<string, string>
): Uint8Array {
	const vectors = columns.map((column) =>
		vectorFromArray(
			rows.map((row) => cell((row as Partial<ArrowRow>)[column.name], column)),
			arrowType(column.type)
		)
	);
	const fields = columns.map((column, i) => new Field(column.name, vectors[i].type, true));
	const schema = new Schema(fields, metadata ? new Map(Object.entries(metadata)) : undefined);
	// One struct over the columns, so their order is the caller's even for names such as "2025".
	const batch = new RecordBatch(
		schema,
		makeData({
			type: new Struct(fields),
			length: rows.length,
			nullCount: 0,
			children: vectors.map((vector) => vector.data[0])
		})
	);
	return tableToIPC(new Table(schema, batch), 'stream');
}

/** The stream as a download; `filename` is offered as is where it is plain ASCII, else encoded. */
export function arrowResponse(bytes: Uint8Array, filename: string): Response {
	const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return new Response(bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': ARROW_STREAM,
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
			'content-length': String(bytes.byteLength),
			vary: 'Accept'
		}
	});
}
