/** Round trips of the Arrow IPC answers through apache-arrow's own reader: names, types, values and nulls. */
import { describe, expect, it } from 'vitest';
import { DataType, Precision, tableFromIPC } from 'apache-arrow';
import {
	ARROW_STREAM,
	arrowResponse,
	toArrowStream,
	wantsArrow,
	type ArrowColumn,
	type ArrowRow
} from './arrow';

const COUNTS: ArrowColumn[] = [
	{ name: 'label', type: 'utf8' },
	{ name: 'cases', type: 'int32' }
];

const request = (accept?: string) =>
	new Request('http://localhost/api/v1/counts', accept ? { headers: { accept } } : {});

describe('wantsArrow', () => {
	it('is true when the Accept header names the Arrow stream type, alone or among others', () => {
		expect(wantsArrow(request(ARROW_STREAM))).toBe(true);
		expect(wantsArrow(request(`application/json;q=0.5, ${ARROW_STREAM}`))).toBe(true);
		expect(wantsArrow(request('Application/Vnd.Apache.Arrow.Stream; q=0.9'))).toBe(true);
	});

	it('is false without it, for JSON, for the file format and when refused with q=0', () => {
		expect(wantsArrow(request())).toBe(false);
		expect(wantsArrow(request('application/json'))).toBe(false);
		expect(wantsArrow(request('*/*'))).toBe(false);
		expect(wantsArrow(request('application/vnd.apache.arrow.file'))).toBe(false);
		expect(wantsArrow(request(`${ARROW_STREAM};q=0`))).toBe(false);
	});
});

describe('toArrowStream', () => {
	it('round-trips counts with their column names, types and values, Dutch accents included', () => {
		const rows = [
			{ label: 'financiën', cases: 120 },
			{ label: 'wonen', cases: 7 },
			{ label: 'zorg & ondersteuning', cases: 0 }
		];
		const table = tableFromIPC(toArrowStream(rows, COUNTS));
		expect(table.schema.fields.map((f) => f.name)).toEqual(['label', 'cases']);
		const [label, cases] = table.schema.fields.map((f) => f.type);
		expect(DataType.isUtf8(label)).toBe(true);
		expect(DataType.isInt(cases) && cases.bitWidth === 32 && cases.isSigned).toBe(true);
		expect(table.numRows).toBe(3);
		expect(table.toArray().map((row) => row.toJSON())).toEqual(rows);
		expect(table.getChild('label')?.get(0)).toBe('financiën');
	});

	it('keeps the order the columns were given, not the order of the rows’ keys', () => {
		const columns: ArrowColumn[] = [
			{ name: 'share', type: 'float64' },
			{ name: '2025', type: 'int32' },
			{ name: 'label', type: 'utf8' }
		];
		const table = tableFromIPC(toArrowStream([{ label: 'IND', '2025': 3, share: 0.25 }], columns));
		expect(table.schema.fields.map((f) => f.name)).toEqual(['share', '2025', 'label']);
		expect(table.schema.fields.map((f) => String(f.type))).toEqual(['Float64', 'Int32', 'Utf8']);
		const share = table.schema.fields[0].type;
		expect(DataType.isFloat(share) && share.precision === Precision.DOUBLE).toBe(true);
		expect(table.getChild('share')?.get(0)).toBe(0.25);
		expect(table.getChild('2025')?.get(0)).toBe(3);
		expect(table.getChild('label')?.get(0)).toBe('IND');
	});

	it('turns nulls and missing values into Arrow nulls in every type', () => {
		const columns: ArrowColumn[] = [...COUNTS, { name: 'ratio', type: 'float64' }];
		const rows: ArrowRow[] = [
			{ label: null, cases: 4, ratio: 1.5 },
			{ label: 'Pw', cases: null, ratio: null },
			{ label: 'VWS' }
		];
		const table = tableFromIPC(toArrowStream(rows, columns));
		expect(table.numRows).toBe(3);
		expect(table.getChild('label')?.nullCount).toBe(1);
		expect(table.getChild('cases')?.nullCount).toBe(2);
		expect(table.getChild('ratio')?.nullCount).toBe(2);
		expect(table.toArray().map((row) => row.toJSON())).toEqual([
			{ label: null, cases: 4, ratio: 1.5 },
			{ label: 'Pw', cases: null, ratio: null },
			{ label: 'VWS', cases: null, ratio: null }
		]);
		expect(table.schema.fields.every((f) => f.nullable)).toBe(true);
	});

	it('gives an empty answer its schema and no rows', () => {
		const table = tableFromIPC(toArrowStream([], COUNTS));
		expect(table.numRows).toBe(0);
		expect(table.schema.fields.map((f) => [f.name, String(f.type)])).toEqual([
			['label', 'Utf8'],
			['cases', 'Int32']
		]);
	});

	it('carries metadata in the schema', () => {
		const table = tableFromIPC(toArrowStream([], COUNTS, { dimension: 'leefgebieden', cases: '12' }));
		expect(Object.fromEntries(table.schema.metadata)).toEqual({ dimension: 'leefgebieden', cases: '12' });
	});

	it('refuses a value its column cannot hold', () => {
		expect(() => toArrowStream([{ label: 'a', cases: 1.5 }], COUNTS)).toThrow(TypeError);
		expect(() => toArrowStream([{ label: 'a', cases: 2 ** 31 }], COUNTS)).toThrow(TypeError);
		expect(() => toArrowStream([{ label: 'a', cases: 'veel' }], COUNTS)).toThrow(TypeError);
		expect(() =>
			toArrowStream(
				[{ label: 'a', cases: 1, cases_geheim: 1 }],
				[...COUNTS, { name: 'cases_geheim', type: 'bool' }]
			)
		).toThrow(TypeError);
	});

	it('carries a protected count as a null with a boolean flag beside it', () => {
		const columns: ArrowColumn[] = [...COUNTS, { name: 'cases_geheim', type: 'bool' }];
		const rows = [
			{ label: 'wonen', cases: null, cases_geheim: true },
			{ label: 'werk', cases: 15, cases_geheim: false }
		];
		const table = tableFromIPC(toArrowStream(rows, columns));
		expect(DataType.isBool(table.schema.fields[2].type)).toBe(true);
		expect(table.toArray().map((row) => row.toJSON())).toEqual(rows);
	});
});

describe('arrowResponse', () => {
	it('sends the stream as a download that reads back', async () => {
		const bytes = toArrowStream([{ label: 'financiën', cases: 2 }], COUNTS);
		const response = arrowResponse(bytes, 'counts-leefgebieden.arrows');
		expect(response.headers.get('content-type')).toBe(ARROW_STREAM);
		expect(response.headers.get('content-disposition')).toContain(
			'attachment; filename="counts-leefgebieden.arrows"'
		);
		expect(response.headers.get('vary')).toBe('Accept');
		const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()));
		expect(table.toArray().map((row) => row.toJSON())).toEqual([{ label: 'financiën', cases: 2 }]);
	});

	it('encodes a file name outside ASCII and keeps quotes out of the plain one', () => {
		const response = arrowResponse(new Uint8Array(), 'financiën "x".arrows');
		const disposition = response.headers.get('content-disposition') ?? '';
		expect(disposition).toContain('filename="financi_n _x_.arrows"');
		expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('financiën "x".arrows')}`);
	});
});
