/** The Verkennen answer as one table: a row per value of the dimension, a group of columns per value of the split, and the totals, with exact money and labels in each dimension's own order. */
import {
	DIMENSION_LABELS,
	MEASURE_LABELS,
	MULTI_DIMENSIONS,
	TIME_DIMENSIONS,
	type DimensionId,
	type ExploreChoice,
	type MeasureId
} from '$lib/domain/explore';
import { CASE_STATUSES, STATUS_LABELS } from '$lib/domain/filters';
import { centsOf, euros } from '$lib/domain/money';
import type { DataTable, TableCell, TableColumn } from '$lib/domain/table';
import type { TableId } from '$lib/domain/views';
import type { Dimension } from '$lib/domain/vocabulary';
import { reference } from '../reference';
import { levelLabel } from './decisions';
import { AFLOOP, AFLOOP_LABELS } from './escalatie';
import { quarterRange } from './label-profile';
import { stepName } from './steps';
import { NIVEAU_LABELS, NIVEAUS } from './wetten';

/** One row of the explore statement: a (dimension, split) cell, a dimension value, a split value or all. */
export interface ExploreRow {
	level: 'cel' | 'dim' | 'split' | 'alle';
	dim: string | null;
	split: string | null;
	/** The rows with a value: cases, cases with a cost or estimate, closed cases, answered questions. */
	n: number;
	/** A sum of money as DECIMAL text. */
	total: string | null;
	total_hoog: string | null;
	median: number | null;
	/** Distinct cases in the group. */
	cases: number;
}

export const EXPLORE_TABLE: TableId = 'verkennen-tabel';

/** A value of a dimension and its label; `key` null for cases without a value. */
interface Labelled {
	key: string | null;
	label: string;
}

/** The vocabulary behind a dimension whose values are codes of one. */
const VOCABULARY: Partial<Record<DimensionId, Dimension>> = {
	leefgebied: 'leefgebieden',
	organisatie: 'organisaties',
	ministerie: 'ministeries',
	wet: 'wetten',
	instrument: 'instrumenten',
	knelpunt: 'knelpunten',
	escalatie: 'escalatie',
	besluit_door: 'besluitniveaus'
};

/** The fixed order and labels of the dimensions that are not a vocabulary. */
const FIXED: Partial<Record<DimensionId, Record<string, string>>> = {
	knelpunt_niveau: Object.fromEntries(NIVEAUS.map((n) => [n, NIVEAU_LABELS[n]])),
	afloop: Object.fromEntries(AFLOOP.map((a) => [a, AFLOOP_LABELS[a]])),
	status: Object.fromEntries(CASE_STATUSES.map((s) => [s, STATUS_LABELS[s]])),
	binnen_kaders: { ja: 'Ja', nee: 'Nee' },
	vier_ogen: { ja: 'Ja', nee: 'Nee' }
};

/** What a case without a value of the dimension is called. */
function noneLabel(dimension: DimensionId): string {
	if (dimension === 'escalatie') return stepName(null).label;
	if (dimension === 'knelpunt' || dimension === 'knelpunt_niveau') return NIVEAU_LABELS.geen;
	if (dimension === 'binnen_kaders' || dimension === 'vier_ogen') return 'Onbekend';
	return 'Niet vastgelegd';
}

function codeLabel(dimension: DimensionId, code: string): string {
	const entry = reference().vocabularies[VOCABULARY[dimension]!].get(code);
	if (!entry) return code;
	if (dimension === 'wet') return entry.naam !== code ? `${entry.naam} (${code})` : code;
	if (dimension === 'knelpunt') return `${code} (${entry.detail})`;
	if (dimension === 'escalatie') return stepName(code).label;
	if (dimension === 'besluit_door') return levelLabel(code);
	return entry.naam;
}

/** Periods from the first to the last found, gaps filled, so that a line does not skip a quiet quarter. */
function periods(dimension: DimensionId, found: string[]): string[] {
	const sorted = [...found].sort();
	if (sorted.length === 0) return [];
	if (dimension === 'kwartaal') return quarterRange(sorted[0], sorted.at(-1));
	const first = Number(sorted[0]);
	return Array.from({ length: Number(sorted.at(-1)) - first + 1 }, (_, i) => String(first + i));
}

/** The values found of a dimension, labelled, in the dimension's order; cases without a value last. */
export function orderValues(dimension: DimensionId, found: readonly (string | null)[]): Labelled[] {
	const codes = [...new Set(found.filter((k): k is string => k !== null))];
	const none = found.includes(null) ? [{ key: null, label: noneLabel(dimension) }] : [];
	if (TIME_DIMENSIONS.includes(dimension)) {
		return [...periods(dimension, codes).map((p) => ({ key: p, label: p })), ...none];
	}
	let ordered: Labelled[];
	const vocabulary = VOCABULARY[dimension];
	const fixed = FIXED[dimension];
	if (vocabulary) {
		const position = (code: string) =>
			reference().vocabularies[vocabulary].get(code)?.position ?? Number.MAX_SAFE_INTEGER;
		ordered = codes
			.sort((a, b) => position(a) - position(b) || a.localeCompare(b, 'nl'))
			.map((code) => ({ key: code, label: codeLabel(dimension, code) }));
	} else if (fixed) {
		const order = Object.keys(fixed);
		const rank = (code: string) => (order.includes(code) ? order.indexOf(code) : order.length);
		ordered = codes
			.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, 'nl'))
			.map((code) => ({ key: code, label: fixed[code] ?? code }));
	} else {
		// gemeente: by name.
		const { gemeenten } = reference();
		ordered = codes
			.map((code) => ({ key: code, label: gemeenten.naam(code) }))
			.sort((a, b) => a.label.localeCompare(b.label, 'nl'));
	}
	return [...ordered, ...none];
}

const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** The columns of one group: the measure's figure(s) and the count they stand on (their basis for landelijk). */
function groupColumns(measure: MeasureId, key: string, heading: string | null): TableColumn[] {
	const name = (text: string) => (heading ? `${heading}: ${lower(text)}` : text);
	const group = heading ?? MEASURE_LABELS[measure];
	const basis = `${key}_n`;
	const count = (label: string): TableColumn => ({ key: basis, label: name(label), kind: 'count', group });
	switch (measure) {
		case 'casussen':
			return [{ key, label: heading ?? 'Casussen', kind: 'count', group }];
		case 'uitgaven':
			return [{ key, label: name('Uitgaven'), kind: 'euro', basis, group }, count('Casussen met kosten')];
		case 'besparing':
			return [
				{ key: `${key}_laag`, label: name('Vermeden kosten laag'), kind: 'euro', basis, group },
				{ key: `${key}_hoog`, label: name('Vermeden kosten hoog'), kind: 'euro', basis, group },
				count('Casussen met een schatting')
			];
		case 'doorlooptijd':
			return [
				{ key, label: name('Mediaan (dagen)'), kind: 'decimal', basis, group },
				count('Afgeronde casussen met datum')
			];
		case 'antwoordtijd':
			return [
				{ key, label: name('Mediaan (werkdagen)'), kind: 'decimal', basis, group },
				count('Beantwoorde vragen')
			];
	}
}

/** The cells of one group for one row; a missing group is no case: counts 0, figures empty. */
function groupCells(measure: MeasureId, key: string, row: ExploreRow | undefined): Record<string, TableCell> {
	const n = row?.n ?? 0;
	const money = (text: string | null | undefined) => (n > 0 ? euros(centsOf(text)) : null);
	switch (measure) {
		case 'casussen':
			return { [key]: n };
		case 'uitgaven':
			return { [key]: money(row?.total), [`${key}_n`]: n };
		case 'besparing':
			return { [`${key}_laag`]: money(row?.total), [`${key}_hoog`]: money(row?.total_hoog), [`${key}_n`]: n };
		case 'doorlooptijd':
		case 'antwoordtijd':
			return { [key]: n > 0 ? (row?.median ?? null) : null, [`${key}_n`]: n };
	}
}

/**
 * The table of a choice from the statement's rows. Without a split: one group, the measure. With one:
 * a group per split value and a group `Totaal`. The last row is always the total over all values.
 */
export function exploreTable(choice: ExploreChoice, rows: readonly ExploreRow[]): DataTable {
	const { measure, dimension, split } = choice;
	const at = (level: ExploreRow['level']) => rows.filter((r) => r.level === level);
	const id = (dim: string | null, part: string | null) => JSON.stringify([dim, part]);
	const cells = new Map(rows.map((r) => [`${r.level} ${id(r.dim, r.split)}`, r]));
	const find = (level: ExploreRow['level'], dim: string | null, part: string | null) =>
		cells.get(`${level} ${id(dim, part)}`);

	const values = orderValues(
		dimension,
		at('dim').map((r) => r.dim)
	);
	const parts = split
		? orderValues(
				split,
				at('split').map((r) => r.split)
			)
		: [];
	const groups = [
		...parts.map((p, i) => ({ key: `s${i}`, heading: p.label as string | null, part: p.key })),
		{ key: 'totaal', heading: split ? 'Totaal' : null, part: null }
	];
	const columns: TableColumn[] = [
		{ key: 'label', label: DIMENSION_LABELS[dimension] },
		...groups.flatMap((g) => groupColumns(measure, g.key, g.heading))
	];
	const rowOf = (label: string, cell: (g: (typeof groups)[number]) => ExploreRow | undefined) => ({
		label,
		...Object.assign({}, ...groups.map((g) => groupCells(measure, g.key, cell(g))))
	});
	const body = values.map((v) =>
		rowOf(v.label, (g) => (g.key === 'totaal' ? find('dim', v.key, null) : find('cel', v.key, g.part)))
	);
	const total = rowOf(measure === 'antwoordtijd' ? 'Alle vragen' : 'Alle casussen', (g) =>
		g.key === 'totaal' ? find('alle', null, null) : find('split', null, g.part)
	);
	const of = `${lower(DIMENSION_LABELS[dimension])}${split ? ` en ${lower(DIMENSION_LABELS[split])}` : ''}`;
	const multi = [dimension, split].filter(
		(d): d is DimensionId => d !== null && MULTI_DIMENSIONS.includes(d)
	);
	return {
		id: EXPLORE_TABLE,
		caption: `${MEASURE_LABELS[measure]} per ${of}`,
		columns,
		rows: [...body, total],
		...(multi.length > 0
			? {
					note: `Een casus met meer dan één ${multi.map((d) => lower(DIMENSION_LABELS[d])).join(' of ')} telt bij elk daarvan; de laatste rij telt hem één keer.`
				}
			: {})
	};
}
