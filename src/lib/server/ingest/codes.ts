/** Codes each coded column once per distinct text: dates, amounts, codes and lists, and what that tells the checks. */
import type { Queryable } from '../db';
import { REQUIRED_COLUMNS } from './columns';
import { byPosition, ENUM_INDEX, enumSql, fieldList, lookupTableSql } from './enums';

/** List columns, the vocabulary each is matched against, and whether items carry law articles. */
export const LIST_COLUMNS = [
	{ column: 'leefgebieden', dimension: 'leefgebieden', noun: 'leefgebied' },
	{ column: 'organisaties', dimension: 'organisaties', noun: 'organisatie' },
	{ column: 'ministeries', dimension: 'ministeries', noun: 'ministerie' },
	{ column: 'wetten', dimension: 'wetten', noun: 'wet' },
	{ column: 'baten_bij', dimension: 'organisaties', noun: 'partij' },
	{ column: 'instrument', dimension: 'instrumenten', noun: 'instrument' }
] as const;

export const AMOUNT_COLUMNS = [
	'kosten_oplossing',
	'besparing_laag',
	'besparing_hoog',
	'voorgeschoten',
	'terugbetaald',
	'kwijtgescholden'
] as const;
export const DATE_COLUMNS = ['aangemeld_op', 'afgerond_op', 'monitoring_op'] as const;

/** A column (or columns) whose distinct texts are parsed into one table `name` of (raw, value, filled). */
interface Dictionary {
	name: string;
	columns: readonly string[];
	/** The value of one text `raw`. */
	expr: string;
	/** The value's type (VARCHAR when not given), for the NULL that stands in for a column the file lacks. */
	type?: string;
}

// Columns are parsed per distinct text, not per row: a million rows hold a few thousand dates and codes.
const DICTIONARIES: Dictionary[] = [
	{ name: 'd_date', columns: DATE_COLUMNS, expr: 'parse_date(trim(raw))', type: 'DATE' },
	{ name: 'd_amount', columns: AMOUNT_COLUMNS, expr: 'parse_amount(raw)', type: 'DECIMAL(18, 2)' },
	{
		name: 'd_gemeente',
		columns: ['gemeente'],
		expr: '(SELECT code FROM gemeente_terms WHERE term = fold(raw))'
	},
	{
		name: 'd_status',
		columns: ['status'],
		expr: "CASE WHEN fold(raw) IN ('open', 'afgerond', 'ingetrokken') THEN fold(raw) END"
	},
	{
		name: 'd_uitkomst',
		columns: ['uitkomst'],
		expr: "CASE WHEN replace(fold(raw), ' ', '_') IN ('opgelost', 'deels_opgelost', 'niet_opgelost') THEN replace(fold(raw), ' ', '_') END"
	},
	{
		name: 'd_monitoring',
		columns: ['monitoring'],
		expr: "CASE WHEN fold(raw) IN ('duurzaam', 'terugval', 'onbekend') THEN fold(raw) END"
	},
	{
		name: 'd_escalatie',
		columns: ['escalatie'],
		expr: "(SELECT code FROM vocabulary_terms WHERE dimension = 'escalatie' AND term = fold(raw))"
	},
	{
		name: 'd_knelpunt',
		columns: ['knelpunt'],
		expr: "(SELECT code FROM vocabulary WHERE dimension = 'knelpunten' AND upper(code) = upper(trim(raw)))"
	},
	{
		name: 'd_terug_van',
		columns: ['terug_van'],
		expr: "CASE WHEN fold(raw) = 'inwoner' THEN 'inwoner' ELSE (SELECT code FROM vocabulary_terms WHERE dimension = 'organisaties' AND term = fold(raw)) END"
	},
	{ name: 'd_kwestie', columns: ['kwestie'], expr: 'fold(raw)' },
	{
		name: 'd_besluit',
		columns: ['besluit_door'],
		expr: "(SELECT code FROM vocabulary_terms WHERE dimension = 'besluitniveaus' AND term = fold(raw))"
	},
	{
		name: 'd_janee',
		columns: ['binnen_kaders', 'vier_ogen'],
		type: 'BOOLEAN',
		expr: "CASE WHEN fold(raw) IN ('ja', 'j', 'true', '1') THEN true WHEN fold(raw) IN ('nee', 'n', 'false', '0') THEN false END"
	}
];

/**
 * Solutions are free text, a tenth of them distinct: split per row, cheaper than binding an enum type of a
 * hundred thousand texts into every statement that reads the parsed view.
 */
const OPLOSSING = `coalesce(list_distinct(list_filter(list_transform(str_split(v.oplossing, '|'), x -> trim(x)), x -> x <> '')), []::VARCHAR[])`;

export interface Coded {
	/** What the parsed view selects beside the rows of `v`: codes, `<column>_empty` and `_invalid`, list masks. */
	select: string;
	/** What the view crosses `v` with: the one-row table of lookup lists (see enums.ts). */
	joins: string;
	/** Which checks some row could fail (see couldFail). */
	could: Set<string>;
}

/** Parses the distinct texts of the coded columns the file has into tables, and says how the parsed view uses them. */
export async function codeColumns(q: Queryable, present: (column: string) => boolean): Promise<Coded> {
	// Every column that is parsed per distinct text gets its distinct values from one pass over the rows.
	const distinctColumns = [
		...new Set([...DICTIONARIES.flatMap((d) => d.columns), ...LIST_COLUMNS.map((l) => l.column)])
	];
	await q.run(`CREATE OR REPLACE TEMP TABLE distinct_values AS
		SELECT ${distinctColumns.join(', ')} FROM v
		GROUP BY GROUPING SETS (${distinctColumns.map((c) => `(${c})`).join(', ')})`);

	// Lists are parsed once per distinct text, not once per row: a million rows hold a few thousand.
	const listSources = LIST_COLUMNS.map(
		(l) =>
			`SELECT '${l.column}' AS col, '${l.dimension}' AS dimension, ${l.column} AS raw FROM distinct_values WHERE ${l.column} IS NOT NULL`
	).join(' UNION ');
	await q.run(`CREATE OR REPLACE TEMP TABLE list_raws AS ${listSources}`);
	await q.run(`CREATE OR REPLACE TEMP TABLE list_items AS
		WITH items AS (
			SELECT col, dimension, raw, trim(unnest(str_split(raw, '|'))) AS item FROM list_raws
		),
		split AS (
			SELECT col, dimension, raw, item,
				CASE WHEN col = 'wetten' AND regexp_matches(item, '(?i)^(.+?)\\s+(artikel|art\\.?)\\s*(\\S.*)$')
					THEN trim(regexp_extract(item, '(?i)^(.+?)\\s+(artikel|art\\.?)\\s*(\\S.*)$', 1)) ELSE item END AS term_text,
				CASE WHEN col = 'wetten' AND regexp_matches(item, '(?i)^(.+?)\\s+(artikel|art\\.?)\\s*(\\S.*)$')
					THEN trim(regexp_extract(item, '(?i)^(.+?)\\s+(artikel|art\\.?)\\s*(\\S.*)$', 3)) END AS article
			FROM items WHERE item <> ''
		)
		SELECT s.col, s.raw, s.item, s.article, t.code, voc.position
		FROM split s
		LEFT JOIN vocabulary_terms t ON t.dimension = s.dimension AND t.term = fold(s.term_text)
		LEFT JOIN vocabulary voc ON voc.dimension = s.dimension AND voc.code = t.code`);
	// Every distinct text gets its row, also one without items (' ', '|'): a row says whether the cell is filled.
	await q.run(`CREATE OR REPLACE TEMP TABLE list_parsed AS
		SELECT r.col, r.raw, trim(r.raw) <> '' AS filled,
			(row_number() OVER (PARTITION BY r.col ORDER BY r.raw) - 1)::INTEGER AS idx,
			bit_or(CASE WHEN i.code IS NOT NULL THEN (1::UBIGINT << i.position::UBIGINT) END) AS mask,
			list(i.item) FILTER (WHERE i.item IS NOT NULL AND i.code IS NULL) AS unknown,
			list(DISTINCT i.code || ' art. ' || i.article ORDER BY i.code || ' art. ' || i.article)
				FILTER (WHERE i.code IS NOT NULL AND i.article IS NOT NULL) AS articles
		FROM list_raws r LEFT JOIN list_items i ON i.col = r.col AND i.raw = r.raw
		GROUP BY r.col, r.raw`);

	// Each distinct text also says whether it is filled (more than spaces), so that no check needs the raw text
	// again: the rows then carry only what the load keeps (measured: a third faster).
	const lookups: Record<string, string> = {};
	for (const d of DICTIONARIES) {
		const raws = d.columns
			.filter(present)
			.map((c) => `SELECT ${c} AS raw FROM distinct_values WHERE ${c} IS NOT NULL`);
		if (raws.length === 0) continue;
		await q.run(
			`CREATE OR REPLACE TEMP TABLE ${d.name} AS
			 SELECT raw, ${d.expr} AS value, trim(raw) <> '' AS filled, ${ENUM_INDEX}
			 FROM (SELECT DISTINCT raw FROM (${raws.join(' UNION ')}))`
		);
		for (const statement of enumSql(`e_${d.name}`, d.name)) await q.run(statement);
		lookups[`${d.name}_value`] = fieldList(d.name, 'value');
		lookups[`${d.name}_filled`] = fieldList(d.name, 'filled');
	}
	for (const { column } of LIST_COLUMNS.filter((l) => present(l.column))) {
		const where = `WHERE col = '${column}'`;
		for (const statement of enumSql(`e_lp_${column}`, 'list_parsed', where)) await q.run(statement);
		for (const field of ['mask', 'unknown', 'filled', 'articles'])
			lookups[`lp_${column}_${field}`] = fieldList('list_parsed', field, where);
	}
	await q.run(lookupTableSql('lookups', lookups));
	const scalar = DICTIONARIES.flatMap((d) =>
		d.columns.map((column) => ({ dictionary: d.name, column, type: d.type ?? 'VARCHAR' }))
	);
	/** The element of lookup list `list` for the row's text in `column`. */
	const at = (list: string, type: string, column: string) => byPosition(`lk.${list}`, type, `v.${column}`);
	/** A dictionary's value for a column, and whether the column is empty or invalid (`_empty`, `_invalid`). */
	const lookedUp = ({ dictionary, column, type }: (typeof scalar)[number]) => {
		const value = at(`${dictionary}_value`, `e_${dictionary}`, column);
		const filled = at(`${dictionary}_filled`, `e_${dictionary}`, column);
		return present(column)
			? {
					value,
					empty: `NOT coalesce(${filled}, false)`,
					invalid: `(${value} IS NULL AND coalesce(${filled}, false))`
				}
			: { value: `NULL::${type}`, empty: 'true', invalid: 'false' };
	};
	const value = (dictionary: string, column: string) =>
		lookedUp(scalar.find((c) => c.dictionary === dictionary && c.column === column)!).value;
	const flags = scalar
		.map((c) => `${lookedUp(c).empty} AS ${c.column}_empty, ${lookedUp(c).invalid} AS ${c.column}_invalid`)
		.join(',\n\t\t\t');
	const lp = (column: string, field: string) => at(`lp_${column}_${field}`, `e_lp_${column}`, column);
	const listSelect = (l: (typeof LIST_COLUMNS)[number]) =>
		present(l.column)
			? `coalesce(${lp(l.column, 'mask')}, 0::UBIGINT) AS ${l.column}_mask, ${lp(l.column, 'unknown')} AS ${l.column}_unknown, NOT coalesce(${lp(l.column, 'filled')}, false) AS ${l.column}_empty`
			: `0::UBIGINT AS ${l.column}_mask, NULL::VARCHAR[] AS ${l.column}_unknown, true AS ${l.column}_empty`;
	const select = `
		${value('d_gemeente', 'gemeente')} AS gemeente_code,
		${DATE_COLUMNS.map((c) => `${value('d_date', c)} AS ${c.replace('_op', '_date')}`).join(', ')},
		${value('d_status', 'status')} AS status_code,
		${value('d_uitkomst', 'uitkomst')} AS uitkomst_code,
		${value('d_monitoring', 'monitoring')} AS monitoring_code,
		${value('d_escalatie', 'escalatie')} AS escalatie_code,
		${value('d_knelpunt', 'knelpunt')} AS knelpunt_code,
		${value('d_terug_van', 'terug_van')} AS terug_van_code,
		${value('d_besluit', 'besluit_door')} AS besluit_door_code,
		${value('d_janee', 'binnen_kaders')} AS binnen_kaders_bool,
		${value('d_janee', 'vier_ogen')} AS vier_ogen_bool,
		${AMOUNT_COLUMNS.map((a) => `${value('d_amount', a)} AS ${a}_amount`).join(',\n\t\t')},
		${flags},
		${LIST_COLUMNS.map(listSelect).join(',\n\t\t')},
		${present('wetten') ? `coalesce(${lp('wetten', 'articles')}, [])` : '[]::VARCHAR[]'} AS wet_artikelen,
		${OPLOSSING} AS oplossing_list,
		${value('d_kwestie', 'kwestie')} AS kwestie_key`;
	// What the few distinct texts already tell: a check that no row can fail stays out of the pass over the rows.
	const could = await couldFail(
		q,
		scalar.filter((c) => present(c.column)),
		LIST_COLUMNS.map((l) => l.column).filter(present)
	);
	return { select, joins: 'CROSS JOIN lookups lk', could };
}

/**
 * Which row checks some row could fail, from the distinct texts alone: `<column>_invalid` (a filled text that
 * is not valid), `<column>_unknown` (a list item outside the code list), and for the required columns
 * `<column>_empty` (a row without text; this one needs a pass over the rows) and `leefgebieden_none` (a
 * filled list without items).
 */
async function couldFail(
	q: Queryable,
	scalar: { dictionary: string; column: string }[],
	lists: string[]
): Promise<Set<string>> {
	const required = new Set<string>(REQUIRED_COLUMNS);
	const anyNull = (column: string) => `(SELECT bool_or(${column} IS NULL) FROM v)`;
	const facts = [
		...scalar.flatMap(({ dictionary, column }) => {
			const texts = `FROM distinct_values dv JOIN ${dictionary} d ON d.raw = dv.${column}`;
			return [
				`EXISTS (SELECT 1 ${texts} WHERE d.value IS NULL AND d.filled) AS ${column}_invalid`,
				...(required.has(column)
					? [`(EXISTS (SELECT 1 ${texts} WHERE NOT d.filled) OR ${anyNull(column)}) AS ${column}_empty`]
					: [])
			];
		}),
		...lists.flatMap((column) => {
			const texts = `FROM list_parsed WHERE col = '${column}'`;
			return [
				`EXISTS (SELECT 1 ${texts} AND len(unknown) > 0) AS ${column}_unknown`,
				...(required.has(column)
					? [
							`(EXISTS (SELECT 1 ${texts} AND NOT filled) OR ${anyNull(column)}) AS ${column}_empty`,
							`EXISTS (SELECT 1 ${texts} AND filled AND coalesce(mask, 0) = 0 AND unknown IS NULL) AS ${column}_none`
						]
					: [])
			];
		})
	];
	if (facts.length === 0) return new Set();
	const row = (await q.one<Record<string, boolean>>(`SELECT ${facts.join(', ')}`))!;
	return new Set(Object.keys(row).filter((fact) => row[fact]));
}
