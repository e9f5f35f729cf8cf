/** A small RFC 4180 reader for reference files and header lines (imports themselves are read by DuckDB). */

/** Splits delimited text with quoted fields into rows of fields. */
export function parseCsvRows(text: string, delimiter = ','): string[][] {
	const rows: string[][] = [];
	let field = '';
	let row: string[] = [];
	let quoted = false;
	const input = text.replace(/^\uFEFF/, '');
	for (let i = 0; i < input.length; i++) {
		const ch = input[i];
		if (quoted) {
			if (ch === '"' && input[i + 1] === '"') {
				field += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else field += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === delimiter) {
			row.push(field);
			field = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && input[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += ch;
	}
	if (field !== '' || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}

/** Parses comma-separated text into objects keyed by the header row; blank lines are skipped. */
export function parseCsv(text: string): Record<string, string>[] {
	const [header, ...body] = parseCsvRows(text).filter((r) => r.length > 1 || r[0] !== '');
	if (!header) return [];
	return body.map((r) => Object.fromEntries(header.map((name, i) => [name.trim(), (r[i] ?? '').trim()])));
}
