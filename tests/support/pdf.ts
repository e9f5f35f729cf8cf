/** Reads what the tests need from a PDF as headless Chromium (Skia) writes it: page sizes and the text of each page. */
import zlib from 'node:zlib';

/*
 * Skia writes PDF 1.4 without object streams: every object is `n 0 obj … endobj`, page contents are
 * FlateDecode streams, and text is drawn with Type0 fonts (Identity-H, two bytes a glyph) whose
 * ToUnicode CMap maps glyph codes back to characters. That is enough to read the text back without a
 * PDF library; anything else (object streams, other encodings) fails the test loudly, not silently.
 */

interface PdfObject {
	dict: string;
	stream: Buffer | null;
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
	const text = pdf.toString('latin1');
	const objects = new Map<number, PdfObject>();
	const start = /(\d+) 0 obj\s*/g;
	for (let m = start.exec(text); m; m = start.exec(text)) {
		const bodyStart = m.index + m[0].length;
		const end = text.indexOf('endobj', bodyStart);
		const body = text.slice(bodyStart, end);
		const streamAt = body.indexOf('stream');
		if (streamAt < 0) {
			objects.set(Number(m[1]), { dict: body, stream: null });
			continue;
		}
		const dict = body.slice(0, streamAt);
		const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
		let dataStart = bodyStart + streamAt + 'stream'.length;
		if (text[dataStart] === '\r') dataStart++;
		if (text[dataStart] === '\n') dataStart++;
		const raw = pdf.subarray(dataStart, dataStart + length);
		const stream = dict.includes('/FlateDecode') ? zlib.inflateSync(raw) : raw;
		objects.set(Number(m[1]), { dict, stream });
		start.lastIndex = dataStart + length;
	}
	return objects;
}

const ref = (dict: string, key: string): number | null => {
	const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
	return m ? Number(m[1]) : null;
};

/** Glyph code (hex) to text, from a ToUnicode CMap's bfchar and bfrange sections. */
function parseCMap(cmap: string): Map<string, string> {
	const map = new Map<string, string>();
	const utf16 = (hex: string) =>
		String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
	for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
		for (const [, code, unicode] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
			map.set(code.toUpperCase(), utf16(unicode));
		}
	}
	for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
		for (const [, from, to, unicode] of block[1].matchAll(
			/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g
		)) {
			const first = parseInt(from, 16);
			const base = parseInt(unicode, 16);
			for (let code = first; code <= parseInt(to, 16); code++) {
				map.set(
					code.toString(16).toUpperCase().padStart(from.length, '0'),
					String.fromCharCode(base + code - first)
				);
			}
		}
	}
	return map;
}

function fontMaps(objects: Map<number, PdfObject>, pageDict: string): Map<string, Map<string, string>> {
	const fonts = new Map<string, Map<string, string>>();
	let resources = /\/Resources\s*(<<[\s\S]*)/.exec(pageDict)?.[1] ?? '';
	const resourcesRef = ref(pageDict, 'Resources');
	if (resourcesRef !== null) resources = objects.get(resourcesRef)!.dict;
	const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
	for (const [, name, id] of fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)) {
		const font = objects.get(Number(id))!;
		const toUnicode = ref(font.dict, 'ToUnicode');
		if (toUnicode === null) throw new Error(`font ${name} has no ToUnicode map`);
		fonts.set(name, parseCMap(objects.get(toUnicode)!.stream!.toString('latin1')));
	}
	return fonts;
}

/** The text a content stream draws: hex strings of Tj and TJ decoded with the current font; text objects separated by a space. */
function pageText(content: string, fonts: Map<string, Map<string, string>>): string {
	let font = new Map<string, string>();
	const parts: string[] = [];
	const tokens = /\/(\w+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>|\bET\b/g;
	for (const m of content.matchAll(tokens)) {
		if (m[1]) font = fonts.get(m[1]) ?? font;
		else if (m[2] !== undefined) {
			parts.push((m[2].match(/.{4}/g) ?? []).map((code) => font.get(code.toUpperCase()) ?? '').join(''));
		} else parts.push(' ');
	}
	return parts.join('').replace(/\s+/g, ' ').trim();
}

export interface PdfPage {
	/** Width and height in points, from the MediaBox. */
	width: number;
	height: number;
	text: string;
}

/** Every page of the PDF in order, with its size and text. */
export function readPdf(pdf: Buffer): { title: string | null; pages: PdfPage[] } {
	const objects = readObjects(pdf);
	const pageTree = [...objects.values()].find(
		(o) => /\/Type \/Pages\b/.test(o.dict) && !/\/Parent /.test(o.dict)
	);
	if (!pageTree) throw new Error('no page tree');
	const pageIds = (dict: string): number[] =>
		[.../\/Kids \[([^\]]*)\]/.exec(dict)![1].matchAll(/(\d+) 0 R/g)].flatMap((m) => {
			const kid = objects.get(Number(m[1]))!.dict;
			return /\/Type \/Pages\b/.test(kid) ? pageIds(kid) : [Number(m[1])];
		});
	const kids = pageIds(pageTree.dict);
	const pages = kids.map((id) => {
		const dict = objects.get(id)!.dict;
		const box = /\/MediaBox \[([^\]]+)\]/.exec(dict)![1].trim().split(/\s+/).map(Number);
		const contents = ref(dict, 'Contents');
		const text =
			contents === null
				? ''
				: pageText(objects.get(contents)!.stream!.toString('latin1'), fontMaps(objects, dict));
		return { width: box[2] - box[0], height: box[3] - box[1], text };
	});
	return { title: documentTitle(pdf, objects), pages };
}

/** The Info dictionary's title: a literal string, or UTF-16 in hex as Chromium writes text beyond ASCII. */
function documentTitle(pdf: Buffer, objects: Map<number, PdfObject>): string | null {
	const info = /\/Info (\d+) 0 R/.exec(pdf.toString('latin1'));
	const dict = info ? objects.get(Number(info[1]))?.dict : undefined;
	const hex = dict && /\/Title <FEFF([0-9A-Fa-f]*)>/.exec(dict);
	if (hex) return String.fromCharCode(...(hex[1].match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
	const literal = dict && /\/Title \(((?:\\.|[^\\)])*)\)/.exec(dict);
	return literal ? literal[1].replace(/\\(.)/g, '$1') : null;
}
