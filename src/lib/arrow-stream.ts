/** Reads a table the API sends as an Arrow IPC stream into plain rows, in the browser; apache-arrow loads only when needed. */

export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';

export async function fetchArrowRows<Row>(href: string, fetcher: typeof fetch = fetch): Promise<Row[]> {
	const response = await fetcher(href, { headers: { accept: ARROW_STREAM } });
	if (!response.ok) throw new Error(`HTTP ${response.status}`);
	const { tableFromIPC } = await import('apache-arrow');
	const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()));
	return table.toArray().map((row) => row.toJSON() as Row);
}
