/** The wetten view: laws named per case, knelpunten and their level, law by level and by leefgebied, articles, and laws and knelpunten per quarter, with their tables. */
import type { CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import type { DataTable } from '$lib/domain/table';
import type { Vocabulary } from '$lib/domain/vocabulary';
import type { Database } from '../db';
import { reference } from '../reference';
import { CASE_SCOPE, scopeParams } from './filter';
import { quarterRange } from './label-profile';
import { memoUntilWrite, viewKey } from '../db/memo';

/** The levels of knelpunten.csv, in the order the Maatwerkloket analysis reads them. */
export const NIVEAUS = ['macro', 'meso', 'micro'] as const;
export type Niveau = (typeof NIVEAUS)[number];
/** A case's level: that of its knelpunt, or `geen` when the case names no knelpunt. */
export type NiveauKey = Niveau | 'geen';
export const NIVEAU_KEYS: readonly NiveauKey[] = [...NIVEAUS, 'geen'];

export const NIVEAU_LABELS: Record<NiveauKey, string> = {
	macro: 'Macro (wet- en regelgeving)',
	meso: 'Meso (samenwerking en systeem)',
	micro: 'Micro (professional en inwoner)',
	geen: 'Zonder knelpunt'
};

export interface WetCount {
	code: string;
	naam: string;
	/** Code of the ministry responsible for the law (`SZW`); null for municipal rules. */
	ministerie: string | null;
	cases: number;
}

export interface KnelpuntCount {
	code: string;
	/** From knelpunten.csv; `geen` only if the file leaves it empty. */
	niveau: NiveauKey;
	omschrijving: string;
	cases: number;
}

/** Cases counted by two dimensions: `cells[i][j]` belongs to `rows[i]` and `columns[j]`. */
export interface CrossCounts {
	rows: string[];
	columns: string[];
	cells: number[][];
}

export interface ArtikelCount {
	/** As stored: `Pw art. 18`. */
	artikel: string;
	/** The article alone: `18`. */
	nummer: string;
	cases: number;
}

export interface WetArtikelen {
	wet: string;
	naam: string;
	artikelen: ArtikelCount[];
}

export interface WettenView {
	/** Cases the filter selects. */
	cases: number;
	/** Cases naming at least one law. */
	withWet: number;
	/** Laws that occur, in vocabulary order. */
	wetten: WetCount[];
	/** Every knelpunt of the vocabulary, in its order, zero where none. */
	knelpunten: KnelpuntCount[];
	/** Macro, meso, micro and cases without knelpunt, always all four. */
	niveaus: { niveau: NiveauKey; cases: number }[];
	/** Rows: the laws that occur; columns: the four NIVEAU_KEYS. Each row sums to the law's cases. */
	wetNiveau: CrossCounts;
	/** Rows: the laws that occur; columns: the leefgebieden that occur in cases naming a law. */
	wetLeefgebied: CrossCounts;
	/** Laws with the articles named, in vocabulary order; articles most named first. */
	artikelen: WetArtikelen[];
	/** Laws and knelpunten per quarter of aanmelding. */
	trends: QuarterTrends;
	/** Display names by code, per dimension. */
	names: {
		wetten: Record<string, string>;
		leefgebieden: Record<string, string>;
		ministeries: Record<string, string>;
	};
	tables: DataTable[];
}

/** Cases per quarter of aanmelding for each law and knelpunt that occurs, in vocabulary order. */
export interface QuarterTrends {
	/** Every quarter from the first to the last that holds cases, `2025-Q3`, in order. */
	quarters: string[];
	/** `cases[i]` belongs to `quarters[i]`. */
	wetten: { code: string; cases: number[] }[];
	knelpunten: { code: string; cases: number[] }[];
}

/** One group of the scan: a combination of laws with either a combination of leefgebieden or a knelpunt. */
export interface WetGroup {
	kind: 'leefgebieden' | 'knelpunt';
	wetten: bigint;
	leefgebieden: bigint;
	knelpunt: string | null;
	cases: number;
}

/** Cases per (laws, leefgebieden) and per (laws, knelpunt): one scan, few rows, whatever the number of cases. */
async function wetGroups(db: Database, reach: Reach, filter: CaseFilter): Promise<WetGroup[]> {
	const rows = await db.all<{
		by_leefgebieden: boolean;
		wetten: string;
		leefgebieden: string | null;
		knelpunt: string | null;
		cases: number;
	}>(
		`SELECT GROUPING(leefgebieden) = 0 AS by_leefgebieden, wetten::VARCHAR AS wetten,
			leefgebieden::VARCHAR AS leefgebieden, knelpunt, count(*)::INTEGER AS cases
		 FROM cases WHERE ${CASE_SCOPE}
		 GROUP BY GROUPING SETS ((wetten, leefgebieden), (wetten, knelpunt))`,
		scopeParams(reach, filter)
	);
	return rows.map((r) => ({
		kind: r.by_leefgebieden ? 'leefgebieden' : 'knelpunt',
		wetten: BigInt(r.wetten),
		leefgebieden: BigInt(r.leefgebieden ?? 0),
		knelpunt: r.knelpunt,
		cases: r.cases
	}));
}

/** Cases per named article; a case names an article at most once. */
async function artikelCounts(
	db: Database,
	reach: Reach,
	filter: CaseFilter
): Promise<{ artikel: string; cases: number }[]> {
	return db.all<{ artikel: string; cases: number }>(
		`SELECT artikel, count(*)::INTEGER AS cases
		 FROM (SELECT unnest(list_distinct(wet_artikelen)) AS artikel FROM cases WHERE ${CASE_SCOPE})
		 GROUP BY artikel`,
		scopeParams(reach, filter)
	);
}

/** Cases per quarter, law combination and knelpunt: one scan, grouped on integers and formatted after, as labelProfile does. */
async function quarterTrends(
	db: Database,
	reach: Reach,
	filter: CaseFilter,
	wettenVocabulary: Vocabulary,
	knelpuntenVocabulary: Vocabulary
): Promise<QuarterTrends> {
	const rows = await db.all<{ quarter: string; wetten: string; knelpunt: string | null; cases: number }>(
		`SELECT (q // 4)::VARCHAR || '-Q' || (q % 4 + 1)::VARCHAR AS quarter, wetten::VARCHAR AS wetten, knelpunt, cases
		 FROM (
			SELECT (year(aangemeld_op) * 4 + quarter(aangemeld_op) - 1)::INTEGER AS q, wetten, knelpunt,
				count(*)::INTEGER AS cases
			FROM cases WHERE ${CASE_SCOPE} GROUP BY ALL)
		 ORDER BY q`,
		scopeParams(reach, filter)
	);
	const quarters = quarterRange(rows[0]?.quarter, rows.at(-1)?.quarter);
	const index = new Map(quarters.map((q, i) => [q, i]));
	const perWet = new Map<string, number[]>();
	const perKnelpunt = new Map<string, number[]>();
	const add = (series: Map<string, number[]>, code: string, quarter: string, cases: number) => {
		const counts = series.get(code) ?? new Array<number>(quarters.length).fill(0);
		counts[index.get(quarter)!] += cases;
		series.set(code, counts);
	};
	for (const row of rows) {
		for (const code of wettenVocabulary.codes(BigInt(row.wetten))) add(perWet, code, row.quarter, row.cases);
		if (row.knelpunt) add(perKnelpunt, row.knelpunt, row.quarter, row.cases);
	}
	const inOrder = (vocabulary: Vocabulary, series: Map<string, number[]>) =>
		vocabulary.entries
			.filter((e) => series.has(e.code))
			.map((e) => ({ code: e.code, cases: series.get(e.code)! }));
	return {
		quarters,
		wetten: inOrder(wettenVocabulary, perWet),
		knelpunten: inOrder(knelpuntenVocabulary, perKnelpunt)
	};
}

const bit = (mask: bigint, position: number) => ((mask >> BigInt(position)) & 1n) === 1n;

/** The codes of a vocabulary that some mask names, in vocabulary order. */
function occurring(vocabulary: Vocabulary, masks: bigint[]): { code: string; position: number }[] {
	const any = masks.reduce((all, mask) => all | mask, 0n);
	return vocabulary.entries.filter((e) => bit(any, e.position));
}

/** Expands the scan's groups into the view's counts; kept pure so it can be tested on hand-made groups. */
export function expandWetGroups(
	groups: WetGroup[],
	wettenVocabulary: Vocabulary,
	leefgebiedenVocabulary: Vocabulary,
	knelpuntenVocabulary: Vocabulary
): Pick<
	WettenView,
	'cases' | 'withWet' | 'wetten' | 'knelpunten' | 'niveaus' | 'wetNiveau' | 'wetLeefgebied'
> {
	const byKnelpunt = groups.filter((g) => g.kind === 'knelpunt');
	const byLeefgebied = groups.filter((g) => g.kind === 'leefgebieden');
	const wetten = occurring(
		wettenVocabulary,
		byKnelpunt.map((g) => g.wetten)
	);
	const niveauOf = (knelpunt: string | null): NiveauKey => {
		const level = knelpunt ? knelpuntenVocabulary.get(knelpunt)?.detail : undefined;
		return (NIVEAUS as readonly string[]).includes(level ?? '') ? (level as Niveau) : 'geen';
	};

	let cases = 0;
	let withWet = 0;
	const perWet = wetten.map(() => 0);
	const perKnelpunt = new Map<string, number>();
	const perNiveau = new Map<NiveauKey, number>(NIVEAU_KEYS.map((n) => [n, 0]));
	const wetNiveau = wetten.map(() => NIVEAU_KEYS.map(() => 0));
	for (const group of byKnelpunt) {
		cases += group.cases;
		if (group.wetten !== 0n) withWet += group.cases;
		if (group.knelpunt) perKnelpunt.set(group.knelpunt, (perKnelpunt.get(group.knelpunt) ?? 0) + group.cases);
		const niveau = niveauOf(group.knelpunt);
		perNiveau.set(niveau, perNiveau.get(niveau)! + group.cases);
		wetten.forEach((wet, i) => {
			if (!bit(group.wetten, wet.position)) return;
			perWet[i] += group.cases;
			wetNiveau[i][NIVEAU_KEYS.indexOf(niveau)] += group.cases;
		});
	}

	const withLaw = byLeefgebied.filter((g) => g.wetten !== 0n);
	const leefgebieden = occurring(
		leefgebiedenVocabulary,
		withLaw.map((g) => g.leefgebieden)
	);
	const wetLeefgebied = wetten.map(() => leefgebieden.map(() => 0));
	for (const group of withLaw) {
		wetten.forEach((wet, i) => {
			if (!bit(group.wetten, wet.position)) return;
			leefgebieden.forEach((leefgebied, j) => {
				if (bit(group.leefgebieden, leefgebied.position)) wetLeefgebied[i][j] += group.cases;
			});
		});
	}

	return {
		cases,
		withWet,
		wetten: wetten.map((wet, i) => {
			const entry = wettenVocabulary.get(wet.code)!;
			return { code: wet.code, naam: entry.naam, ministerie: entry.detail ?? null, cases: perWet[i] };
		}),
		knelpunten: knelpuntenVocabulary.entries.map((e) => ({
			code: e.code,
			niveau: niveauOf(e.code),
			omschrijving: e.naam,
			cases: perKnelpunt.get(e.code) ?? 0
		})),
		niveaus: NIVEAU_KEYS.map((niveau) => ({ niveau, cases: perNiveau.get(niveau)! })),
		wetNiveau: { rows: wetten.map((w) => w.code), columns: [...NIVEAU_KEYS], cells: wetNiveau },
		wetLeefgebied: {
			rows: wetten.map((w) => w.code),
			columns: leefgebieden.map((l) => l.code),
			cells: wetLeefgebied
		}
	};
}

const ARTICLE_SEPARATOR = ' art. ';

/** Groups `Pw art. 18` under its law; the import writes `<code> art. <article>` and no code holds ` art. `. */
export function groupArtikelen(
	counts: { artikel: string; cases: number }[],
	wettenVocabulary: Vocabulary
): WetArtikelen[] {
	const byWet = new Map<string, ArtikelCount[]>();
	for (const { artikel, cases } of counts) {
		const at = artikel.indexOf(ARTICLE_SEPARATOR);
		const wet = at < 0 ? artikel : artikel.slice(0, at);
		const nummer = at < 0 ? '' : artikel.slice(at + ARTICLE_SEPARATOR.length);
		byWet.set(wet, [...(byWet.get(wet) ?? []), { artikel, nummer, cases }]);
	}
	const position = (wet: string) => wettenVocabulary.get(wet)?.position ?? Number.MAX_SAFE_INTEGER;
	const natural = (a: string, b: string) => a.localeCompare(b, 'nl', { numeric: true });
	return [...byWet]
		.sort(([a], [b]) => position(a) - position(b) || natural(a, b))
		.map(([wet, artikelen]) => ({
			wet,
			naam: wettenVocabulary.get(wet)?.naam ?? wet,
			artikelen: artikelen.sort((a, b) => b.cases - a.cases || natural(a.nummer, b.nummer))
		}));
}

async function computeWettenView(db: Database, reach: Reach, filter: CaseFilter): Promise<WettenView> {
	const { vocabularies } = reference();
	const [groups, artikelRows, trends] = await Promise.all([
		wetGroups(db, reach, filter),
		artikelCounts(db, reach, filter),
		quarterTrends(db, reach, filter, vocabularies.wetten, vocabularies.knelpunten)
	]);
	const figures = expandWetGroups(
		groups,
		vocabularies.wetten,
		vocabularies.leefgebieden,
		vocabularies.knelpunten
	);
	const artikelen = groupArtikelen(artikelRows, vocabularies.wetten);
	const namesOf = (vocabulary: Vocabulary) =>
		Object.fromEntries(vocabulary.entries.map((e) => [e.code, e.naam]));
	const names = {
		wetten: namesOf(vocabularies.wetten),
		leefgebieden: namesOf(vocabularies.leefgebieden),
		ministeries: namesOf(vocabularies.ministeries)
	};
	const view = { ...figures, artikelen, trends, names };
	return { ...view, tables: wettenTables(view) };
}

/** A trend's columns and rows: one row per quarter, one column per series, as the leefgebieden trend. */
function trendTable(
	quarters: string[],
	series: { code: string; cases: number[] }[],
	prefix: string,
	label: (code: string) => string
): Pick<DataTable, 'columns' | 'rows'> {
	return {
		columns: [
			{ key: 'kwartaal', label: 'Kwartaal' },
			...series.map((t) => ({ key: `${prefix}-${t.code}`, label: label(t.code), kind: 'count' as const }))
		],
		rows: quarters.map((quarter, i) => ({
			kwartaal: quarter,
			...Object.fromEntries(series.map((t) => [`${prefix}-${t.code}`, t.cases[i]]))
		}))
	};
}

/** The view's tables, shown under its figures and offered for download. */
export function wettenTables(view: Omit<WettenView, 'tables'>): DataTable[] {
	const { names } = view;
	const crossRows = (cross: CrossCounts, columnKey: (column: string) => string) =>
		cross.rows.map((wet, i) => ({
			wet: names.wetten[wet] ? `${names.wetten[wet]} (${wet})` : wet,
			...Object.fromEntries(cross.columns.map((column, j) => [columnKey(column), cross.cells[i][j]])),
			totaal: view.wetten[i].cases
		}));
	return [
		{
			id: 'wetten-wetten',
			caption: 'Casussen per wet',
			columns: [
				{ key: 'code', label: 'Wet' },
				{ key: 'naam', label: 'Naam' },
				{ key: 'ministerie', label: 'Ministerie' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' }
			],
			rows: view.wetten.map((w) => ({
				code: w.code,
				naam: w.naam,
				ministerie: w.ministerie ? (names.ministeries[w.ministerie] ?? w.ministerie) : 'Gemeente',
				casussen: w.cases
			}))
		},
		{
			id: 'wetten-niveaus',
			caption: 'Casussen per niveau van het knelpunt',
			columns: [
				{ key: 'niveau', label: 'Niveau' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' }
			],
			rows: view.niveaus.map((n) => ({ niveau: NIVEAU_LABELS[n.niveau], casussen: n.cases }))
		},
		{
			id: 'wetten-knelpunten',
			caption: 'Casussen per knelpunt',
			columns: [
				{ key: 'knelpunt', label: 'Knelpunt' },
				{ key: 'niveau', label: 'Niveau' },
				{ key: 'omschrijving', label: 'Omschrijving' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' }
			],
			rows: view.knelpunten.map((k) => ({
				knelpunt: k.code,
				niveau: k.niveau,
				omschrijving: k.omschrijving,
				casussen: k.cases
			}))
		},
		{
			id: 'wetten-wet-niveau',
			caption: 'Casussen per wet en niveau van het knelpunt',
			columns: [
				{ key: 'wet', label: 'Wet' },
				...view.wetNiveau.columns.map((n) => ({
					key: n,
					label: NIVEAU_LABELS[n as NiveauKey],
					kind: 'count' as const
				})),
				{ key: 'totaal', label: 'Totaal', kind: 'count' }
			],
			rows: crossRows(view.wetNiveau, (n) => n)
		},
		{
			id: 'wetten-wet-leefgebied',
			caption: 'Casussen per wet en leefgebied',
			columns: [
				{ key: 'wet', label: 'Wet' },
				...view.wetLeefgebied.columns.map((l) => ({
					key: `leefgebied-${l}`,
					label: names.leefgebieden[l] ?? l,
					kind: 'count' as const
				})),
				{ key: 'totaal', label: 'Casussen met deze wet', kind: 'count' }
			],
			rows: crossRows(view.wetLeefgebied, (l) => `leefgebied-${l}`)
		},
		{
			id: 'wetten-artikelen',
			caption: 'Casussen per genoemd wetsartikel',
			columns: [
				{ key: 'artikel', label: 'Artikel' },
				{ key: 'wet', label: 'Wet' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' }
			],
			rows: view.artikelen.flatMap((w) =>
				w.artikelen.map((a) => ({ artikel: a.artikel, wet: w.naam, casussen: a.cases }))
			)
		},
		{
			id: 'wetten-knelpunten-kwartalen',
			caption: 'Casussen per knelpunt per kwartaal van aanmelding',
			...trendTable(
				view.trends.quarters,
				view.trends.knelpunten,
				'knelpunt',
				(code) => `${code} (${view.knelpunten.find((k) => k.code === code)?.niveau ?? 'geen'})`
			)
		},
		{
			id: 'wetten-wetten-kwartalen',
			caption: 'Casussen per wet per kwartaal van aanmelding',
			...trendTable(view.trends.quarters, view.trends.wetten, 'wet', (code) => names.wetten[code] ?? code)
		}
	];
}

/** Kept until the next committed write: the figures only change with the data (an import bumps the generation). */
export const wettenView = memoUntilWrite(viewKey('wetten'), computeWettenView);
