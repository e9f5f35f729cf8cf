/** The Verkennen view's one query: a measure per value of a dimension and an optional split, built from fixed SQL fragments only, with the filter and reach bound. */
import type { CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import type { DimensionId, ExploreChoice, MeasureId } from '$lib/domain/explore';
import type { Dimension } from '$lib/domain/vocabulary';
import type { Database } from '../db';
import { memoUntilWrite, viewKey } from '../db/memo';
import { calendarCte, calendarHolidays } from '../partners/responses';
import { paramsFor } from './budget/queries';
import { MASK_COLUMN } from './counts';
import { AFLOOP_SQL } from './escalatie';
import { CASE_SCOPE, scopeParams } from './filter';
import { savingsCtes } from './savings';
import { exploreTable, type ExploreRow } from './explore-table';
import type { DataTable } from '$lib/domain/table';

/**
 * Where a dimension's value comes from: an expression over the columns of `cases` (one value per
 * case), or a bitmask column over a vocabulary (several values per case, joined to the vocabulary's
 * rows by bit). Every fragment is fixed here; nothing of the request reaches the SQL text but the ids
 * that pick them.
 */
type Source = { kind: 'value'; sql: string } | { kind: 'mask'; column: string; vocabulary: Dimension };

const mask = (column: string, vocabulary: Dimension): Source => ({ kind: 'mask', column, vocabulary });
const value = (sql: string): Source => ({ kind: 'value', sql });
const yesNo = (column: string) => value(`CASE WHEN ${column} THEN 'ja' WHEN NOT ${column} THEN 'nee' END`);

const SOURCES: Record<DimensionId, Source> = {
	leefgebied: mask(MASK_COLUMN.leefgebieden, 'leefgebieden'),
	organisatie: mask(MASK_COLUMN.organisaties, 'organisaties'),
	ministerie: mask(MASK_COLUMN.ministeries, 'ministeries'),
	wet: mask(MASK_COLUMN.wetten, 'wetten'),
	instrument: mask(MASK_COLUMN.instrument, 'instrumenten'),
	knelpunt: value('knelpunt'),
	knelpunt_niveau: value(
		`(SELECT kv.detail FROM vocabulary kv WHERE kv.dimension = 'knelpunten' AND kv.code = knelpunt)`
	),
	escalatie: value('escalatie'),
	afloop: value(AFLOOP_SQL),
	status: value('status'),
	besluit_door: value('besluit_door'),
	binnen_kaders: yesNo('binnen_kaders'),
	vier_ogen: yesNo('vier_ogen'),
	gemeente: value('gemeente'),
	jaar: value('year(aangemeld_op)::VARCHAR'),
	kwartaal: value(`year(aangemeld_op) || '-Q' || quarter(aangemeld_op)`)
};

/** A partner's answer time is grouped by the organisation asked, not by the organisations of its case. */
function sourceOf(dimension: DimensionId, measure: MeasureId): Source {
	return measure === 'antwoordtijd' && dimension === 'organisatie'
		? value('q_organisatie')
		: SOURCES[dimension];
}

/** What each measure takes from a row: its value (`v`, and `v_hoog` for a range). */
const MEASURE_INPUT: Record<MeasureId, string> = {
	casussen: 'NULL::INTEGER AS v, NULL::INTEGER AS v_hoog',
	uitgaven: 'kosten_oplossing AS v, NULL::DECIMAL(18, 2) AS v_hoog',
	besparing: 'savings_low AS v, savings_high AS v_hoog',
	// As the escalatie page: a closed case with its afgerond_op; a withdrawn case's duration says nothing.
	doorlooptijd: `CASE WHEN status = 'afgerond' THEN afgerond_op - aangemeld_op END AS v, NULL::INTEGER AS v_hoog`,
	antwoordtijd: 'v, NULL::INTEGER AS v_hoog'
};

/** Measures that are a median of whole days: their rows are kept per value, and the median found from the counts. */
const MEDIAN: readonly MeasureId[] = ['doorlooptijd', 'antwoordtijd'];

/** The rows one group is made of, per measure: cases within reach and filter, or the answered questions of those cases. */
function rowsSql(measure: MeasureId): string {
	const scoped = `scoped_cases AS (SELECT * FROM cases WHERE ${CASE_SCOPE})`;
	if (measure === 'besparing') {
		return `${scoped}, ${savingsCtes('scoped_cases', 'priced')},
		measured AS (SELECT *, ${MEASURE_INPUT.besparing} FROM priced)`;
	}
	if (measure === 'antwoordtijd') {
		// Working days from question to answer, as the organisaties page counts them (RESPONSES_SQL).
		return `${scoped},
		questions AS (
			SELECT *, q.organisatie AS q_organisatie, q.gevraagd AS gevraagd, q.beantwoord AS beantwoord
			FROM (SELECT *, unnest(reacties) AS q FROM scoped_cases)
			WHERE q.gevraagd IS NOT NULL AND q.beantwoord IS NOT NULL
		),
		bounds AS (SELECT min(least(gevraagd, beantwoord)) AS lo, max(greatest(gevraagd, beantwoord)) AS hi FROM questions),
		${calendarCte('lo', 'hi')},
		measured AS (
			SELECT qs.*, a.idx - g.idx AS v, NULL::INTEGER AS v_hoog
			FROM questions qs JOIN calendar g ON g.d = qs.gevraagd JOIN calendar a ON a.d = qs.beantwoord
		)`;
	}
	return `${scoped},
		measured AS (SELECT *, ${MEASURE_INPUT[measure]} FROM scoped_cases)`;
}

/** A dimension's key in `base` (a value, or the mask to join on) and how a grouping reaches its code. */
function keyParts(source: Source, name: 'dim' | 'split') {
	if (source.kind === 'value') {
		return { key: `${source.sql}::VARCHAR AS ${name}_key`, code: `b.${name}_key`, join: '' };
	}
	const alias = `v_${name}`;
	return {
		key: `coalesce(${source.column}, 0)::UBIGINT AS ${name}_mask`,
		code: `${alias}.code`,
		// A group without any code of the vocabulary keeps one row, with no code.
		join: `LEFT JOIN vocabulary ${alias} ON ${alias}.dimension = '${source.vocabulary}'
			AND (b.${name}_mask >> ${alias}.position::UBIGINT) & 1::UBIGINT = 1`
	};
}

/**
 * The one statement of a choice. The rows are first counted and summed per distinct key (a bitmask
 * of leefgebieden is one key; for a median also per number of days), a few thousand groups whatever
 * the number of cases; only those groups are joined to the vocabulary by bit. Then each level is a
 * branch of its own: per (dimension, split) cell, per dimension value, per split value and over all,
 * so that a case of several leefgebieden counts once in every total rather than once per leefgebied.
 * A median is percentile_cont's, found from the counts per day: the mean of the values at the two
 * middle positions (the same one for an odd count).
 */
export function exploreSql(choice: ExploreChoice): string {
	const dim = keyParts(sourceOf(choice.dimension, choice.measure), 'dim');
	const split = choice.split ? keyParts(sourceOf(choice.split, choice.measure), 'split') : null;
	const median = MEDIAN.includes(choice.measure);
	const keys = [dim.key, ...(split ? [split.key] : []), ...(median ? ['v'] : [])].join(', ');
	const base = `base AS MATERIALIZED (
		SELECT ${keys}, count(*) AS rows_n, count(v) AS v_n, sum(v) AS v_sum, sum(v_hoog) AS hoog_sum
		FROM measured GROUP BY ALL
	)`;
	const figures =
		choice.measure === 'casussen'
			? 'sum(rows_n)::INTEGER AS n, NULL::VARCHAR AS total, NULL::VARCHAR AS total_hoog'
			: `sum(v_n)::INTEGER AS n, sum(v_sum)::VARCHAR AS total, sum(hoog_sum)::VARCHAR AS total_hoog`;
	const branch = (level: string, dimCode: string, splitCode: string, joins: string[]) => {
		const from = `FROM base b ${joins.join(' ')}`;
		const labels = `'${level}' AS level, ${dimCode}::VARCHAR AS dim, ${splitCode}::VARCHAR AS split`;
		if (!median) {
			// The branch over all has no GROUP BY, so that it answers one row even where no case is selected.
			return `SELECT ${labels}, ${figures}, NULL::DOUBLE AS median, coalesce(sum(rows_n), 0)::INTEGER AS cases
			${from}${level === 'alle' ? '' : ' GROUP BY ALL'}`;
		}
		return `SELECT level, dim, split, sum(c)::INTEGER AS n, NULL::VARCHAR AS total, NULL::VARCHAR AS total_hoog,
			(min(v) FILTER (WHERE cum > floor((whole - 1) / 2.0)) + min(v) FILTER (WHERE cum > ceil((whole - 1) / 2.0)))
				/ 2.0 AS median,
			sum(cases)::INTEGER AS cases
		FROM (
			SELECT *, sum(c) OVER (PARTITION BY dim, split ORDER BY v) AS cum, sum(c) OVER (PARTITION BY dim, split) AS whole
			FROM (SELECT ${labels}, v, sum(v_n) AS c, sum(rows_n) AS cases ${from} GROUP BY ALL)
		)
		GROUP BY level, dim, split`;
	};
	const branches = [
		branch('dim', dim.code, 'NULL', [dim.join]),
		branch('alle', 'NULL', 'NULL', []),
		...(split
			? [
					branch('cel', dim.code, split.code, [dim.join, split.join]),
					branch('split', 'NULL', split.code, [split.join])
				]
			: [])
	];
	return `WITH ${rowsSql(choice.measure)},
	${base}
	${branches.join('\nUNION ALL\n')}`;
}

export interface ExploreView {
	choice: ExploreChoice;
	/** What the answer covers: every case the filter selects (for answer times: every answered question). */
	cases: number;
	tables: DataTable[];
}

async function computeExploreView(
	db: Database,
	reach: Reach,
	filter: CaseFilter,
	choice: ExploreChoice
): Promise<ExploreView> {
	const sql = exploreSql(choice);
	const rows = await db.all<ExploreRow>(
		sql,
		paramsFor(sql, { ...scopeParams(reach, filter), holidays: calendarHolidays() })
	);
	const all = rows.find((r) => r.level === 'alle');
	return { choice, cases: all?.cases ?? 0, tables: [exploreTable(choice, rows)] };
}

/** The measure per dimension (and split) for the cases within reach and filter: one table, kept until the next write. */
export const exploreView = memoUntilWrite(viewKey('verkennen'), computeExploreView);
