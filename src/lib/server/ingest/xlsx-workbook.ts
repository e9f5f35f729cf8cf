/** ExcelJS's streaming workbook reader, fed from counted zip entries so that no part inflates past the limit. */
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { InflateBudget, openEntry, readZipDirectory, ZipError, type ZipEntry } from './zip-limit';

/**
 * The parsers ExcelJS's own parse() applies to the parts of a workbook (exceljs 4.x). They are used as they are;
 * only where the parts come from changes: ExcelJS would unzip with a reader that believes the sizes a zip
 * declares, and would write sheets that come before the shared strings to temporary files.
 */
interface WorkbookParts {
	_parseRels(entry: Readable): Promise<void>;
	_parseWorkbook(entry: Readable): Promise<void>;
	_parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
	_parseStyles(entry: Readable): Promise<void>;
	_parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<unknown>;
}

const SHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/** Iterating yields the workbook's worksheets (in the zip's order) as ExcelJS's WorkbookReader does. */
export class CountedWorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
	readonly #file: string;
	readonly #budget: InflateBudget;

	constructor(
		file: string,
		limitBytes: number,
		options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>
	) {
		super(file, { ...options, worksheets: 'emit' });
		this.#file = file;
		this.#budget = new InflateBudget(limitBytes);
	}

	/** Bytes inflated so far. */
	get inflated(): number {
		return this.#budget.inflated;
	}

	override async *parse(): AsyncGenerator<unknown> {
		const parts = this as unknown as WorkbookParts;
		const entries = await readZipDirectory(this.#file);
		if (!entries) throw new ZipError('de inhoudsopgave van het zip-bestand ontbreekt');
		const named = new Map(entries.map((e) => [e.name, e]));
		const open: Readable[] = [];
		const read = async (entry: ZipEntry) => {
			const stream = await openEntry(this.#file, entry, this.#budget);
			open.push(stream);
			return stream;
		};
		try {
			const rels = named.get('xl/_rels/workbook.xml.rels');
			if (rels) await parts._parseRels(await read(rels));
			const workbook = named.get('xl/workbook.xml');
			if (workbook) await parts._parseWorkbook(await read(workbook));
			const strings = named.get('xl/sharedStrings.xml');
			// With sharedStrings 'cache' this yields nothing; it fills the table the sheets look strings up in.
			if (strings) for await (const event of parts._parseSharedStrings(await read(strings))) void event;
			const styles = named.get('xl/styles.xml');
			if (styles) await parts._parseStyles(await read(styles));
			for (const entry of entries) {
				const sheetNo = SHEET.exec(entry.name)?.[1];
				if (sheetNo) yield* parts._parseWorksheet(await read(entry), sheetNo);
			}
		} finally {
			for (const stream of open) stream.destroy();
		}
	}
}
