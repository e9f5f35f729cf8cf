/** The code lists of the domain (leefgebieden, organisaties, …) with synonym- and accent-tolerant lookup. */
import { parseCsv } from './csv';
import { fold } from './text';

/** Dimensions stored as a bitmask per case: several codes may apply at once. */
export const LIST_DIMENSIONS = ['leefgebieden', 'organisaties', 'ministeries', 'wetten'] as const;
export type ListDimension = (typeof LIST_DIMENSIONS)[number];

/** Every code list of the export format. */
export const DIMENSIONS = [
	...LIST_DIMENSIONS,
	'knelpunten',
	'escalatie',
	'besluitniveaus',
	'instrumenten'
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_LABELS: Record<Dimension, string> = {
	leefgebieden: 'Leefgebieden',
	organisaties: 'Organisaties',
	ministeries: 'Ministeries',
	wetten: 'Wetten',
	knelpunten: 'Knelpunten',
	escalatie: 'Escalatietreden',
	besluitniveaus: 'Besluitniveaus',
	instrumenten: 'Instrumenten'
};

export interface VocabularyEntry {
	/** The canonical code, as the API and the database use it (`financiën`, `IND`, `Pw`). */
	code: string;
	/** The display name in Dutch. */
	naam: string;
	/** Position in the file: the bit of this code in a case's mask, and the display order. */
	position: number;
	synoniemen: string[];
	/** Extra column of some lists: a law's ministry, an organisation's kind, a knelpunt's level. */
	detail?: string;
}

export class Vocabulary {
	readonly entries: readonly VocabularyEntry[];
	private readonly byTerm = new Map<string, VocabularyEntry>();
	private readonly byCode = new Map<string, VocabularyEntry>();

	constructor(
		readonly dimension: Dimension,
		entries: VocabularyEntry[]
	) {
		this.entries = entries;
		for (const entry of entries) this.byCode.set(entry.code, entry);
		// Codes win over names, names over synonyms, when a term is claimed twice.
		const layers = [
			entries.map((e) => [e.code, e] as const),
			entries.map((e) => [e.naam, e] as const),
			entries.flatMap((e) => e.synoniemen.map((s) => [s, e] as const))
		];
		for (const layer of layers) {
			for (const [term, entry] of layer) {
				const key = fold(term);
				if (key && !this.byTerm.has(key)) this.byTerm.set(key, entry);
			}
		}
	}

	/** The entry a term names (code, name or synonym; case, accents and spaces ignored). */
	match(term: string): VocabularyEntry | undefined {
		return this.byTerm.get(fold(term));
	}

	get(code: string): VocabularyEntry | undefined {
		return this.byCode.get(code);
	}

	/** Every folded term with the code it names, for matching inside SQL. */
	terms(): { term: string; code: string }[] {
		return [...this.byTerm].map(([term, entry]) => ({ term, code: entry.code }));
	}

	/** The bitmask of a set of codes. */
	mask(codes: Iterable<string>): bigint {
		let mask = 0n;
		for (const code of codes) {
			const entry = this.byCode.get(code);
			if (!entry) throw new Error(`Onbekende code ${code} in ${this.dimension}`);
			mask |= 1n << BigInt(entry.position);
		}
		return mask;
	}

	/** The codes of a bitmask, in vocabulary order. */
	codes(mask: bigint | number): string[] {
		const bits = BigInt(mask);
		return this.entries.filter((e) => (bits >> BigInt(e.position)) & 1n).map((e) => e.code);
	}
}

/** The column of each file that holds the entry's detail. */
const DETAIL_COLUMN: Partial<Record<Dimension, string>> = {
	organisaties: 'soort',
	wetten: 'ministerie',
	knelpunten: 'niveau',
	escalatie: 'trede',
	besluitniveaus: 'niveau'
};

/** Reads one vocabulary file (`code,naam,…,synoniemen`); knelpunten and escalatie name theirs differently. */
export function parseVocabulary(dimension: Dimension, csv: string): Vocabulary {
	const entries = parseCsv(csv).map((row, position): VocabularyEntry => {
		const detailColumn = DETAIL_COLUMN[dimension];
		return {
			code: row.code,
			naam: row.naam || row.omschrijving || row.code,
			position,
			synoniemen: [
				...(row.synoniemen ?? '').split('|'),
				// A step of the ladder may be named by its number (stappen in version 1.1 of the export).
				...(dimension === 'escalatie' ? [row.trede ?? ''] : [])
			]
				.map((s) => s.trim())
				.filter(Boolean),
			detail: detailColumn ? row[detailColumn] || undefined : undefined
		};
	});
	return new Vocabulary(dimension, entries);
}

export type Vocabularies = Record<Dimension, Vocabulary>;
