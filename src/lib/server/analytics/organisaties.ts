/** The organisaties & ministeries view: involvement, both co-occurrence matrices, national agencies and ministries per case, and partners' answer times, with their tables. */
import type { CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import type { DataTable } from '$lib/domain/table';
import type { Vocabulary } from '$lib/domain/vocabulary';
import type { Database } from '../db';
import { reference } from '../reference';
import { CASE_SCOPE, scopeParams } from './filter';
import { MASK_COLUMN, type CountsResult, type MaskCount } from './counts';
import { expandMatrix, type Cooccurrence, type Diagonal } from './cooccurrence';
import { memoUntilWrite, viewKey } from '../db/memo';
import { todayInAmsterdam } from '../kwesties/signals';
import { partnerResponses, responsesTable, type OrganisationResponses } from '../partners/responses';

/** The `soort` of organisaties.csv that marks a national agency (Belastingdienst, UWV, SVB, …). */
export const LANDELIJKE_UITVOERDER = 'landelijke uitvoerder';

/** Buckets of national agencies per case; the last one holds three or more. */
export const AGENCY_BUCKETS = ['0', '1', '2', '3+'] as const;
export type AgencyBucket = (typeof AGENCY_BUCKETS)[number];

export interface NationalAgencies {
	/** Codes of the organisations whose soort is landelijke uitvoerder, in vocabulary order. */
	codes: string[];
	/** Cases naming at least one national agency. */
	withAny: number;
	/** Cases naming two or more national agencies. */
	moreThanOne: number;
	/** Cases per number of national agencies named, every bucket present. */
	perCase: { agencies: AgencyBucket; cases: number }[];
}

/** Buckets of ministries per case; the last one holds four or more. */
export const MINISTRY_BUCKETS = ['0', '1', '2', '3', '4+'] as const;
export type MinistryBucket = (typeof MINISTRY_BUCKETS)[number];

export interface OrganisatiesView {
	/** Cases the filter selects. */
	cases: number;
	/** Cases per organisatie and per ministerie, as countsByLabel gives them (vocabulary order, zeros left out). */
	involvement: { organisaties: CountsResult; ministeries: CountsResult };
	organisaties: Cooccurrence;
	ministeries: Cooccurrence;
	national: NationalAgencies;
	/** Cases per number of ministries named, every bucket present. */
	ministriesPerCase: { ministries: MinistryBucket; cases: number }[];
	/** The questions to partners and their answer times, per organisation asked (vocabulary order). */
	responses: OrganisationResponses[];
	/** Cases naming at least one organisation of each soort, in order of first appearance in the vocabulary. */
	bySoort: { soort: string; cases: number }[];
	/** Full display names by code. */
	names: { organisaties: Record<string, string>; ministeries: Record<string, string> };
	/** Short names by code for charts and matrix headings: acronyms of agencies and ministries. */
	shortNames: { organisaties: Record<string, string>; ministeries: Record<string, string> };
	/** The soort of each organisatie code. */
	soorten: Record<string, string>;
	tables: DataTable[];
}

interface MaskPair {
	organisaties: bigint;
	ministeries: bigint;
	cases: number;
}

/** Cases per distinct pair of organisatie and ministerie masks: one scan, few rows. */
async function maskPairs(db: Database, reach: Reach, filter: CaseFilter): Promise<MaskPair[]> {
	const rows = await db.all<{ organisaties: string; ministeries: string; cases: number }>(
		// Grouped on the integer masks, cast after: casting first would group a million strings.
		`SELECT o::VARCHAR AS organisaties, m::VARCHAR AS ministeries, cases FROM (
			SELECT ${MASK_COLUMN.organisaties} AS o, ${MASK_COLUMN.ministeries} AS m, count(*)::INTEGER AS cases
			FROM cases WHERE ${CASE_SCOPE} GROUP BY ALL)`,
		scopeParams(reach, filter)
	);
	return rows.map((r) => ({
		organisaties: BigInt(r.organisaties),
		ministeries: BigInt(r.ministeries),
		cases: r.cases
	}));
}

/** Folds the pairs into the per-mask counts of one dimension, as maskCounts would return them. */
function foldMasks(pairs: MaskPair[], key: 'organisaties' | 'ministeries'): MaskCount[] {
	const byMask = new Map<bigint, number>();
	for (const pair of pairs) byMask.set(pair[key], (byMask.get(pair[key]) ?? 0) + pair.cases);
	return [...byMask].map(([mask, cases]) => ({ mask, cases }));
}

function involvementOf(matrix: Cooccurrence): CountsResult {
	return {
		dimension: matrix.dimension,
		counts: matrix.labels.map((label) => ({ label, cases: matrix.totals[label] })),
		cases: matrix.cases
	};
}

function bitCount(mask: bigint): number {
	let count = 0;
	for (let rest = mask; rest > 0n; rest >>= 1n) count += Number(rest & 1n);
	return count;
}

/** Pure, so it can be tested on hand-made combinations: national agencies per case from per-mask counts. */
export function nationalAgencies(groups: MaskCount[], vocabulary: Vocabulary): NationalAgencies {
	const codes = vocabulary.entries.filter((e) => e.detail === LANDELIJKE_UITVOERDER).map((e) => e.code);
	const national = vocabulary.mask(codes);
	const perBucket = new Map<AgencyBucket, number>(AGENCY_BUCKETS.map((b) => [b, 0]));
	for (const { mask, cases } of groups) {
		const agencies = bitCount(mask & national);
		const bucket = AGENCY_BUCKETS[Math.min(agencies, AGENCY_BUCKETS.length - 1)];
		perBucket.set(bucket, perBucket.get(bucket)! + cases);
	}
	const count = (bucket: AgencyBucket) => perBucket.get(bucket)!;
	return {
		codes,
		withAny: count('1') + count('2') + count('3+'),
		moreThanOne: count('2') + count('3+'),
		perCase: AGENCY_BUCKETS.map((agencies) => ({ agencies, cases: count(agencies) }))
	};
}

/** Pure: cases per number of ministries named, from per-mask counts of the ministeries dimension. */
export function ministriesPerCase(groups: MaskCount[]): { ministries: MinistryBucket; cases: number }[] {
	const counts: number[] = MINISTRY_BUCKETS.map(() => 0);
	for (const { mask, cases } of groups)
		counts[Math.min(bitCount(mask), MINISTRY_BUCKETS.length - 1)] += cases;
	return MINISTRY_BUCKETS.map((ministries, i) => ({ ministries, cases: counts[i] }));
}

/** Pure: cases naming at least one organisation of each soort (a case counts once per soort). */
export function casesBySoort(
	groups: MaskCount[],
	vocabulary: Vocabulary
): { soort: string; cases: number }[] {
	const soorten = [...new Set(vocabulary.entries.map(soortOf))];
	const soortMask = new Map(
		soorten.map((soort) => [
			soort,
			vocabulary.mask(vocabulary.entries.filter((e) => soortOf(e) === soort).map((e) => e.code))
		])
	);
	return soorten
		.map((soort) => ({
			soort,
			cases: groups.reduce((sum, g) => sum + ((g.mask & soortMask.get(soort)!) !== 0n ? g.cases : 0), 0)
		}))
		.filter((s) => s.cases > 0);
}

function soortOf(entry: { detail?: string }): string {
	return entry.detail ?? 'anders';
}

/** `landelijke uitvoerder` as `Landelijke uitvoerder`. */
export function soortLabel(soort: string): string {
	return soort.charAt(0).toUpperCase() + soort.slice(1);
}

/** National agencies and ministries go by their acronym; other names lose a parenthesised remark. */
function shortNamesOf(vocabulary: Vocabulary, useCode: (entry: { detail?: string }) => boolean) {
	return Object.fromEntries(
		vocabulary.entries.map((e) => [e.code, useCode(e) ? e.code : e.naam.replace(/\s*\(.*\)\s*$/, '')])
	);
}

async function computeOrganisatiesView(
	db: Database,
	reach: Reach,
	filter: CaseFilter,
	diagonal: Diagonal,
	today: string
): Promise<OrganisatiesView> {
	const { vocabularies } = reference();
	const [pairs, responses] = await Promise.all([
		maskPairs(db, reach, filter),
		partnerResponses(db, reach, filter, today)
	]);
	const ministerieGroups = foldMasks(pairs, 'ministeries');
	const organisatieGroups = foldMasks(pairs, 'organisaties');
	const organisaties: Cooccurrence = {
		dimension: 'organisaties',
		diagonal,
		...expandMatrix(organisatieGroups, vocabularies.organisaties.entries, diagonal)
	};
	const ministeries: Cooccurrence = {
		dimension: 'ministeries',
		diagonal,
		...expandMatrix(ministerieGroups, vocabularies.ministeries.entries, diagonal)
	};
	const fullNames = (vocabulary: Vocabulary) =>
		Object.fromEntries(vocabulary.entries.map((e) => [e.code, e.naam]));
	const view: Omit<OrganisatiesView, 'tables'> = {
		cases: organisaties.cases,
		involvement: { organisaties: involvementOf(organisaties), ministeries: involvementOf(ministeries) },
		organisaties,
		ministeries,
		national: nationalAgencies(organisatieGroups, vocabularies.organisaties),
		ministriesPerCase: ministriesPerCase(ministerieGroups),
		responses,
		bySoort: casesBySoort(organisatieGroups, vocabularies.organisaties),
		names: {
			organisaties: fullNames(vocabularies.organisaties),
			ministeries: fullNames(vocabularies.ministeries)
		},
		shortNames: {
			organisaties: shortNamesOf(vocabularies.organisaties, (e) => e.detail === LANDELIJKE_UITVOERDER),
			ministeries: shortNamesOf(vocabularies.ministeries, () => true)
		},
		soorten: Object.fromEntries(vocabularies.organisaties.entries.map((e) => [e.code, soortOf(e)]))
	};
	return { ...view, tables: organisatiesTables(view) };
}

function matrixTable(
	id: string,
	caption: string,
	rowHeader: string,
	matrix: Cooccurrence,
	names: Record<string, string>
): DataTable {
	return {
		id,
		caption,
		columns: [
			{ key: 'label', label: rowHeader },
			...matrix.labels.map((code) => ({ key: code, label: names[code], kind: 'count' as const })),
			{ key: 'totaal', label: 'Totaal', kind: 'count' }
		],
		rows: matrix.labels.map((code, i) => ({
			label: names[code],
			...Object.fromEntries(matrix.labels.map((other, j) => [other, matrix.matrix[i][j]])),
			totaal: matrix.totals[code]
		}))
	};
}

function diagonalCaption(subject: string, single: string, total: string, diagonal: Diagonal): string {
	return `Casussen per paar ${subject}; op de diagonaal: ${diagonal === 'single' ? single : total}`;
}

/** The view's tables, ids prefixed `organisaties-`, in the order the page shows them. */
export function organisatiesTables(view: Omit<OrganisatiesView, 'tables'>): DataTable[] {
	const { names, soorten, organisaties, ministeries } = view;
	return [
		{
			id: 'organisaties-betrokkenheid',
			caption: 'Casussen per betrokken organisatie',
			columns: [
				{ key: 'organisatie', label: 'Organisatie' },
				{ key: 'soort', label: 'Soort' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' }
			],
			rows: view.involvement.organisaties.counts.map((c) => ({
				organisatie: names.organisaties[c.label],
				soort: soortLabel(soorten[c.label]),
				casussen: c.cases
			}))
		},
		{
			id: 'organisaties-soort',
			caption: 'Casussen per soort organisatie (een casus telt eenmaal per soort)',
			columns: [
				{ key: 'soort', label: 'Soort organisatie' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' }
			],
			rows: view.bySoort.map((s) => ({ soort: soortLabel(s.soort), casussen: s.cases }))
		},
		{
			id: 'organisaties-landelijk',
			caption: 'Casussen naar aantal betrokken landelijke uitvoerders',
			columns: [
				{ key: 'aantal', label: 'Landelijke uitvoerders in de casus' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' }
			],
			rows: view.national.perCase.map((p) => ({
				aantal: p.agencies === '3+' ? '3 of meer' : p.agencies,
				casussen: p.cases
			}))
		},
		matrixTable(
			'organisaties-matrix',
			diagonalCaption(
				'organisaties',
				'alleen deze organisatie',
				'alle casussen met deze organisatie',
				organisaties.diagonal
			),
			'Organisatie',
			organisaties,
			names.organisaties
		),
		{
			id: 'organisaties-ministeries',
			caption: 'Casussen per betrokken ministerie',
			columns: [
				{ key: 'ministerie', label: 'Ministerie' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' }
			],
			rows: view.involvement.ministeries.counts.map((c) => ({
				ministerie: names.ministeries[c.label],
				casussen: c.cases
			}))
		},
		matrixTable(
			'organisaties-ministeries-matrix',
			diagonalCaption(
				'ministeries',
				'alleen dit ministerie',
				'alle casussen met dit ministerie',
				ministeries.diagonal
			),
			'Ministerie',
			ministeries,
			names.ministeries
		),
		{
			id: 'organisaties-ministeries-per-casus',
			caption: 'Casussen naar aantal betrokken ministeries',
			columns: [
				{ key: 'aantal', label: 'Ministeries in de casus' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' }
			],
			rows: view.ministriesPerCase.map((m) => ({
				aantal: m.ministries === '4+' ? '4 of meer' : m.ministries,
				casussen: m.cases
			}))
		},
		responsesTable(view.responses, names.organisaties)
	];
}

/** Kept until the next committed write (an import, a change of the Maatwerkregister) or the next day. */
const keptOrganisatiesView = memoUntilWrite(viewKey('organisaties'), computeOrganisatiesView);

/** The view; `today` (Europe/Amsterdam) ends the count of questions still open, and is part of the key. */
export function organisatiesView(
	db: Database,
	reach: Reach,
	filter: CaseFilter,
	diagonal: Diagonal,
	today: string = todayInAmsterdam()
): Promise<OrganisatiesView> {
	return keptOrganisatiesView(db, reach, filter, diagonal, today);
}
