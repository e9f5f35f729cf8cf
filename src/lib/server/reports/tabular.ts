/** Tables as CSV (Dutch Excel: semicolons, decimal commas, BOM) and as XLSX, with formula injection neutralised. */
import ExcelJS from 'exceljs';
import type { DataTable, TableCell } from '$lib/domain/table';

/** A text cell that a spreadsheet would run as a formula gets a leading apostrophe. */
export function neutralise(text: string): string {
	return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvCell(value: TableCell): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return String(value).replace('.', ',');
	const text = neutralise(value);
	return /[";\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: DataTable): string {
	const lines = [table.columns.map((c) => csvCell(c.label)).join(';')];
	for (const row of table.rows) lines.push(table.columns.map((c) => csvCell(row[c.key] ?? null)).join(';'));
	// After the rows, so that the first line stays the header a script reads.
	if (table.note) lines.push('', csvCell(table.note));
	return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(caption: string, used: Set<string>): string {
	const base =
		caption
			.replace(/[:\\/?*[\]]/g, ' ')
			.slice(0, 28)
			.trim() || 'Tabel';
	let name = base;
	for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 26)} ${i}`;
	used.add(name.toLowerCase());
	return name;
}

export async function toXlsx(tables: DataTable[]): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Systeemleren portal';
	const used = new Set<string>();
	for (const table of tables) {
		const sheet = workbook.addWorksheet(sheetName(table.caption, used));
		sheet.addRow([table.caption]).font = { bold: true };
		if (table.note) sheet.addRow([table.note]).font = { italic: true };
		sheet.addRow(table.columns.map((c) => c.label)).font = { bold: true };
		for (const row of table.rows) {
			sheet.addRow(
				table.columns.map((c) => {
					const value = row[c.key] ?? null;
					return typeof value === 'string' ? neutralise(value) : value;
				})
			);
		}
		table.columns.forEach((column, i) => {
			const col = sheet.getColumn(i + 1);
			col.width = Math.max(12, Math.min(60, column.label.length + 4));
			if (column.kind === 'euro') col.numFmt = '€ #,##0.00';
		});
	}
	return Buffer.from(await workbook.xlsx.writeBuffer());
}
