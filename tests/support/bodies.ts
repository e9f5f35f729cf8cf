/** Fetches an address and turns any answer (page, JSON, CSV, XLSX, PDF, Arrow stream) into searchable text and, where it has them, data. */
import ExcelJS from 'exceljs';
import { tableFromIPC } from 'apache-arrow';
import { unflatten } from 'devalue';
import { readPdf } from './pdf';

/** What a test can search in one answer. */
export interface ReadBody {
	status: number;
	contentType: string;
	/** The text a reader of the answer sees: cells of a workbook, pages of a PDF, rows of an Arrow stream. */
	text: string;
	/** The parsed JSON document, where the answer is JSON. */
	json?: unknown;
	/** The rows of an Arrow stream, as plain objects. */
	arrowRows?: Record<string, unknown>[];
}

async function xlsxText(bytes: Buffer): Promise<string> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
	const parts: string[] = [];
	workbook.eachSheet((sheet) => {
		parts.push(sheet.name);
		sheet.eachRow((row) => row.eachCell((cell) => parts.push(cell.text)));
	});
	return parts.join('\n');
}

function arrowRows(bytes: Buffer): { rows: Record<string, unknown>[]; metadata: string } {
	const table = tableFromIPC(bytes);
	const rows = table.toArray().map((row) => row.toJSON() as Record<string, unknown>);
	return { rows, metadata: JSON.stringify([...table.schema.metadata.entries()]) };
}

const stringify = (value: unknown) =>
	JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));

/** GETs an address with a session cookie (redirects not followed) and reads the answer whatever its format. */
export async function fetchBody(
	base: string,
	address: string,
	cookie: string,
	accept?: string
): Promise<ReadBody> {
	const headers: Record<string, string> = { cookie };
	if (accept) headers.accept = accept;
	const response = await fetch(base + address, { headers, redirect: 'manual' });
	const contentType = response.headers.get('content-type') ?? '';
	const bytes = Buffer.from(await response.arrayBuffer());
	// The raw bytes too: a marker must not hide in a part the decoder below skips.
	const raw = bytes.toString('utf8');
	const location = response.headers.get('location') ?? '';
	const read: ReadBody = { status: response.status, contentType, text: `${location}\n${raw}` };
	if (contentType.includes('spreadsheetml')) {
		read.text += '\n' + (await xlsxText(bytes));
	} else if (contentType.includes('application/pdf')) {
		read.text +=
			'\n' +
			readPdf(bytes)
				.pages.map((p) => p.text)
				.join('\n');
	} else if (contentType.includes('arrow')) {
		const { rows, metadata } = arrowRows(bytes);
		read.arrowRows = rows;
		read.text += '\n' + metadata + '\n' + stringify(rows);
	} else if (contentType.includes('json')) {
		read.json = JSON.parse(raw);
	}
	return read;
}

/**
 * The data a page's loads gave it, as SvelteKit sends it to the browser on client navigation
 * (`<path>/__data.json`): the nodes of layout and page, merged, with the portal's frozen values
 * (hooks.ts `transport`) decoded.
 */
export async function fetchPageData(
	base: string,
	address: string,
	cookie: string
): Promise<{ status: number; data: Record<string, unknown> }> {
	const [pathname, query] = address.split('?');
	const dataPath = `${pathname.replace(/\/$/, '')}/__data.json${query ? `?${query}` : ''}`;
	const response = await fetch(base + dataPath, { headers: { cookie }, redirect: 'manual' });
	if (response.status !== 200) return { status: response.status, data: {} };
	const body = (await response.json()) as {
		type: string;
		nodes?: ({ type: string; data?: unknown[] } | null)[];
	};
	const data: Record<string, unknown> = {};
	for (const node of body.nodes ?? []) {
		if (node?.type !== 'data' || !node.data) continue;
		Object.assign(data, unflatten(node.data, { Frozen: (json: string) => JSON.parse(json) }));
	}
	return { status: body.type === 'data' ? 200 : 500, data };
}
