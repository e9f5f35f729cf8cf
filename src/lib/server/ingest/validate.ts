/** Checks and normalises the staged rows inside DuckDB: every rule of spec/case-export.md as set-based SQL. */
import type { Params, Queryable } from '../db';
import type { Reach } from '$lib/domain/roles';
import { STAGING_TABLE } from './readers';
import { CANONICAL_COLUMNS, type CanonicalColumn, type HeaderPlan } from './columns';
import { PROBLEM_LIMIT, type ImportProblem } from './problems';
import { TIMELINE_TABLE, timelineSql } from './timelines';
import { scanPersonalData } from './personal-data';

/** Every row typed and coded, with its raw text beside it: a view, computed once into `parsed`. */
export const PARSED_VIEW = 'parsed_view';
/** The normalised rows, ready to load, with the bitmask of failed checks: a table on the import's connection. */
export const PARSED_TABLE = 'parsed';

/** What `parsed` keeps of each row: the columns the load needs, nothing of the raw text it no longer needs. */
const READY_COLUMNS = [
	'row_no',
	'gemeente_code',
	'casus_id',
	'route',
	'aangemeld_date',
	'afgerond_date',
	'status_code',
	'leefgebieden_mask',
	'organisaties_mask',
	'ministeries_mask',
	'wetten_mask',
	'baten_bij_mask',
	'wet_artikelen',
	'knelpunt_code',
	'kwestie',
	'kwestie_key',
	'escalatie_code',
	'uitkomst_code',
	'oplossing_list',
	'fonds',
	'kosten_oplossing_amount',
	'besparing_laag_amount',
	'besparing_hoog_amount',
	'voorgeschoten_amount',
	'terugbetaald_amount',
	'terug_van_code',
	'monitoring_code',
	'monitoring_date',
	'samenvatting',
	'extra_values',
	'besluit_door_code',
	'binnen_kaders_bool',
	'vier_ogen_bool',
	'instrument_mask',
	'kwijtgescholden_amount',
	'stappen_list',
	'stappen_top',
	'reacties_list',
	'vermeden_list'
];

/** List columns, the vocabulary each is matched against, and whether items carry law articles. */
const LIST_COLUMNS = [
	{ column: 'leefgebieden', dimension: 'leefgebieden', noun: 'leefgebied' },
	{ column: 'organisaties', dimension: 'organisaties', noun: 'organisatie' },
	{ column: 'ministeries', dimension: 'ministeries', noun: 'ministerie' },
	{ column: 'wetten', dimension: 'wetten', noun: 'wet' },
	{ column: 'baten_bij', dimension: 'organisaties', noun: 'partij' },
	{ column: 'instrument', dimension: 'instrumenten', noun: 'instrument' }
] as const;

/** Columns stored as the file writes them (trimmed); all others are parsed per distinct value. */
const STORED_TEXT = new Set<string>(['casus_id', 'route', 'kwestie', 'fonds', 'samenvatting']);

/** A coded value that is not blank: whitespace alone counts as empty, as in the spec. */
const filled = (column: string) => `${column} IS NOT NULL AND trim(${column}) <> ''`;

const AMOUNT_COLUMNS = [
	'kosten_oplossing',
	'besparing_laag',
	'besparing_hoog',
	'voorgeschoten',
	'terugbetaald',
	'kwijtgescholden'
] as const;
const DATE_COLUMNS = ['aangemeld_op', 'afgerond_op', 'monitoring_op'] as const;

/** A value that may be quoted in a message: short, letters only, so never personal data. */
const QUOTABLE = `CASE WHEN regexp_full_match(%, '[\\p{L} &()''./-]{1,40}') THEN ' "' || % || '"' ELSE '' END`;
const quote = (expr: string) => QUOTABLE.replaceAll('%', expr);

export interface Validation {
	problems: ImportProblem[];
	rejectedRows: number;
}

/**
 * Builds `v` (the staged rows under canonical names), `parsed` (typed and coded) and the problem list.
 * Column references are generated from the header plan (`c0`, `c1`, …); values are never spliced into SQL.
 */
export async function validateStaged(
	q: Queryable,
	plan: HeaderPlan,
	reach: Reach | null
): Promise<Validation> {
	const index = new Map<CanonicalColumn, number>();
	plan.columns.forEach((c, i) => c.canonical && index.set(c.canonical, i));
	const fileName = (canonical: string) => {
		const i = index.get(canonical as CanonicalColumn);
		return i === undefined ? canonical : plan.columns[i].file;
	};
	const unknown = plan.columns.map((c, i) => (c.canonical ? null : i)).filter((i): i is number => i !== null);

	const selectCanonical = CANONICAL_COLUMNS.map((name) => {
		const i = index.get(name);
		if (i === undefined) return `NULL::VARCHAR AS ${name}`;
		// Text that is stored as written is trimmed here; coded columns are trimmed once per distinct value.
		return STORED_TEXT.has(name) ? `nullif(trim(c${i}), '') AS ${name}` : `c${i} AS ${name}`;
	});
	// Unknown columns are kept aside under their own header names (quoted as SQL string literals).
	const sqlString = (text: string) => `'${text.replace(/'/g, "''")}'`;
	const extra = unknown.length
		? `json_object(${unknown.map((i) => `${sqlString(plan.columns[i].file)}, c${i}`).join(', ')})`
		: 'NULL::JSON';
	await q.run(`CREATE OR REPLACE TEMP VIEW v AS
		SELECT row_no, ${selectCanonical.join(', ')}, ${extra} AS extra_values FROM ${STAGING_TABLE}`);

	// Columns are parsed per distinct text, not per row: a million rows hold a few thousand dates and codes.
	const dictionaries: { name: string; columns: readonly string[]; expr: string }[] = [
		{ name: 'd_date', columns: DATE_COLUMNS, expr: 'parse_date(trim(raw))' },
		{ name: 'd_amount', columns: AMOUNT_COLUMNS, expr: 'parse_amount(raw)' },
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
			expr: "CASE WHEN fold(raw) IN ('ja', 'j', 'true', '1') THEN true WHEN fold(raw) IN ('nee', 'n', 'false', '0') THEN false END"
		},
		{
			name: 'd_oplossing',
			columns: ['oplossing'],
			expr: "list_distinct(list_filter(list_transform(str_split(raw, '|'), x -> trim(x)), x -> x <> ''))"
		}
	];
	// Every column that is parsed per distinct text gets its distinct values from one pass over the rows.
	const distinctColumns = [
		...new Set([...dictionaries.flatMap((d) => d.columns), ...LIST_COLUMNS.map((l) => l.column)])
	];
	await q.run(`CREATE OR REPLACE TEMP TABLE distinct_values AS
		SELECT ${distinctColumns.join(', ')} FROM v
		GROUP BY GROUPING SETS (${distinctColumns.map((c) => `(${c})`).join(', ')})`);

	// Lists are parsed once per distinct text, not once per row: a million rows hold a few thousand.
	const listSources = LIST_COLUMNS.map(
		(l) =>
			`SELECT '${l.column}' AS col, '${l.dimension}' AS dimension, ${l.column} AS raw FROM distinct_values WHERE ${l.column} IS NOT NULL`
	).join(' UNION ');
	await q.run(`CREATE OR REPLACE TEMP TABLE list_items AS
		WITH raws AS (${listSources}),
		items AS (
			SELECT col, dimension, raw, trim(unnest(str_split(raw, '|'))) AS item FROM raws
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
	await q.run(`CREATE OR REPLACE TEMP TABLE list_parsed AS
		SELECT col, raw,
			bit_or(CASE WHEN code IS NOT NULL THEN (1::UBIGINT << position::UBIGINT) END) AS mask,
			list(item) FILTER (WHERE code IS NULL) AS unknown,
			list(DISTINCT code || ' art. ' || article ORDER BY code || ' art. ' || article) FILTER (WHERE code IS NOT NULL AND article IS NOT NULL) AS articles
		FROM list_items GROUP BY col, raw`);

	for (const d of dictionaries) {
		const raws = d.columns
			.map((c) => `SELECT ${c} AS raw FROM distinct_values WHERE ${c} IS NOT NULL`)
			.join(' UNION ');
		await q.run(
			`CREATE OR REPLACE TEMP TABLE ${d.name} AS SELECT raw, ${d.expr} AS value FROM (SELECT DISTINCT raw FROM (${raws}))`
		);
	}
	const lookup = (dictionary: string, column: string) =>
		`LEFT JOIN ${dictionary} ${dictionary}_${column} ON ${dictionary}_${column}.raw = v.${column}`;
	const value = (dictionary: string, column: string) => `${dictionary}_${column}.value`;
	const scalarJoins = dictionaries.flatMap((d) => d.columns.map((c) => lookup(d.name, c))).join('\n');
	const listJoins = LIST_COLUMNS.map(
		(l) =>
			`LEFT JOIN list_parsed lp_${l.column} ON lp_${l.column}.col = '${l.column}' AND lp_${l.column}.raw = v.${l.column}`
	).join('\n');
	const timelines = timelineSql((column) => index.has(column));
	for (const statement of timelines.statements) await q.run(statement);
	await q.run(`CREATE OR REPLACE TEMP VIEW ${PARSED_VIEW} AS
		SELECT v.*,
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
			${timelines.select},
			${AMOUNT_COLUMNS.map((a) => `${value('d_amount', a)} AS ${a}_amount`).join(',\n\t\t\t')},
			${LIST_COLUMNS.map((l) => `coalesce(lp_${l.column}.mask, 0::UBIGINT) AS ${l.column}_mask, lp_${l.column}.unknown AS ${l.column}_unknown`).join(',\n\t\t\t')},
			coalesce(lp_wetten.articles, []) AS wet_artikelen,
			coalesce(${value('d_oplossing', 'oplossing')}, []) AS oplossing_list,
			${value('d_kwestie', 'kwestie')} AS kwestie_key
		FROM v
		${scalarJoins}
		${listJoins}
		${timelines.statements.length ? `LEFT JOIN ${TIMELINE_TABLE} ON ${TIMELINE_TABLE}.row_no = v.row_no` : ''}`);

	const checks: { column: string; condition: string; message: string }[] = [];
	const check = (column: string, condition: string, message: string) =>
		checks.push({ column, condition, message });
	const text = (s: string) => `'${s.replace(/'/g, "''")}'`;

	for (const required of ['casus_id', 'gemeente', 'aangemeld_op', 'status', 'leefgebieden']) {
		if (index.has(required as CanonicalColumn)) {
			const empty = STORED_TEXT.has(required)
				? `${required} IS NULL`
				: `(${required} IS NULL OR trim(${required}) = '')`;
			check(required, empty, text(`Verplicht veld ${required} is leeg.`));
		}
	}
	check('casus_id', 'length(casus_id) > 64', text('casus_id is langer dan 64 tekens.'));
	check(
		'gemeente',
		`gemeente_code IS NULL AND ${filled('gemeente')}`,
		`'Onbekende gemeente' || ${quote('gemeente')} || '; gebruik de CBS-code (GM0344) of de naam.'`
	);
	for (const column of DATE_COLUMNS) {
		check(
			column,
			`${column.replace('_op', '_date')} IS NULL AND ${filled(column)}`,
			text(`${column}: geen geldige datum; gebruik bijvoorbeeld 31-12-2024 of 2024-12-31.`)
		);
	}
	check('afgerond_op', 'afgerond_date < aangemeld_date', text('afgerond_op ligt voor aangemeld_op.'));
	check(
		'status',
		`status_code IS NULL AND ${filled('status')}`,
		text('status is open, afgerond of ingetrokken.')
	);
	check(
		'uitkomst',
		`uitkomst_code IS NULL AND ${filled('uitkomst')}`,
		text('uitkomst is opgelost, deels_opgelost of niet_opgelost.')
	);
	check(
		'monitoring',
		`monitoring_code IS NULL AND ${filled('monitoring')}`,
		text('monitoring is duurzaam, terugval of onbekend.')
	);
	check(
		'escalatie',
		`escalatie_code IS NULL AND ${filled('escalatie')}`,
		`'Onbekende escalatietrede' || ${quote('escalatie')} || '.'`
	);
	check(
		'knelpunt',
		`knelpunt_code IS NULL AND ${filled('knelpunt')}`,
		text('knelpunt is 1, 2A, 2B, 3, 4, 5 of 6.')
	);
	check(
		'terug_van',
		`terug_van_code IS NULL AND ${filled('terug_van')}`,
		text('terug_van is inwoner of een organisatie uit de lijst.')
	);
	for (const l of LIST_COLUMNS) {
		check(
			l.column,
			`len(${l.column}_unknown) > 0`,
			`'Onbekend ${l.noun}' || ${quote(`${l.column}_unknown[1]`)} || CASE WHEN len(${l.column}_unknown) > 1 THEN ' (en ' || (len(${l.column}_unknown) - 1) || ' meer)' ELSE '' END || '.'`
		);
	}
	check(
		'leefgebieden',
		`leefgebieden_mask = 0 AND coalesce(len(leefgebieden_unknown), 0) = 0 AND ${filled('leefgebieden')}`,
		text('Noem minstens één leefgebied.')
	);
	for (const column of AMOUNT_COLUMNS) {
		check(
			column,
			`${column}_amount IS NULL AND ${filled(column)}`,
			text(
				`${column}: geen geldig bedrag; gebruik bijvoorbeeld 1.234,56 (niet negatief, hoogstens twee decimalen).`
			)
		);
	}
	check(
		'besparing_hoog',
		'besparing_hoog_amount < besparing_laag_amount',
		text('besparing_hoog is lager dan besparing_laag.')
	);
	check(
		'terugbetaald',
		'terugbetaald_amount > coalesce(voorgeschoten_amount, 0)',
		text('terugbetaald is hoger dan voorgeschoten.')
	);
	check(
		'kwijtgescholden',
		'coalesce(terugbetaald_amount, 0) + kwijtgescholden_amount > coalesce(voorgeschoten_amount, 0)',
		text('terugbetaald en kwijtgescholden samen zijn hoger dan voorgeschoten.')
	);
	check(
		'besluit_door',
		`besluit_door_code IS NULL AND ${filled('besluit_door')}`,
		`'Onbekend besluitniveau' || ${quote('besluit_door')} || '; gebruik bijvoorbeeld professional, teamleider of college.'`
	);
	for (const column of ['binnen_kaders', 'vier_ogen']) {
		check(column, `${column}_bool IS NULL AND ${filled(column)}`, text(`${column} is ja of nee.`));
	}
	check('stappen', 'stappen_problem IS NOT NULL', 'stappen_problem');
	check(
		'stappen',
		'stappen_problem IS NULL AND stappen_first < aangemeld_date',
		text('stappen: een trede ligt voor aangemeld_op.')
	);
	check(
		'stappen',
		'stappen_problem IS NULL AND stappen_last > afgerond_date',
		text('stappen: een trede ligt na afgerond_op.')
	);
	check(
		'stappen',
		'stappen_problem IS NULL AND escalatie_code IS NOT NULL AND stappen_top <> escalatie_code',
		`'stappen: de hoogste trede (' || stappen_top || ') is niet gelijk aan escalatie (' || escalatie_code || ').'`
	);
	check('reacties', 'reacties_problem IS NOT NULL', 'reacties_problem');
	check('vermeden_posten', 'vermeden_problem IS NOT NULL', 'vermeden_problem');
	check('kwestie', 'length(kwestie) > 200', text('kwestie is langer dan 200 tekens.'));
	check('samenvatting', 'length(samenvatting) > 2000', text('samenvatting is langer dan 2.000 tekens.'));
	if (reach && !reach.all) {
		check(
			'gemeente',
			'gemeente_code IS NOT NULL AND NOT list_contains($reach, gemeente_code)',
			text('Deze gemeente valt buiten uw bereik.')
		);
	}
	if (checks.length > 64) throw new Error('Meer dan 64 controles passen niet in één bitmasker.');
	await findProblems(q, checks, reach && !reach.all ? { reach: reach.gemeenten } : {});
	await scanPersonalData(q, plan, index, unknown);

	const rows = await q.all<{ row_no: number | null; col: string; message: string }>(
		`SELECT row_no, col, message FROM problems ORDER BY row_no NULLS FIRST, col LIMIT ${PROBLEM_LIMIT}`
	);
	const counts = await q.one<{ rejected: number; total: number }>(
		'SELECT count(DISTINCT row_no)::INTEGER AS rejected, count(*)::INTEGER AS total FROM problems'
	);
	const { rejected, total } = counts!;
	const problems: ImportProblem[] = rows.map((r) => ({
		row: r.row_no,
		column: r.col.startsWith('#') ? plan.columns[Number(r.col.slice(1))].file : fileName(r.col),
		message: r.message
	}));
	if (total > PROBLEM_LIMIT) {
		problems.push({
			row: null,
			column: null,
			message: `En nog ${total - PROBLEM_LIMIT} problemen; herstel deze eerst en importeer opnieuw.`
		});
	}
	return { problems, rejectedRows: rejected };
}

/**
 * One pass over the rows computes both what the load needs (`parsed`) and, per row, a bitmask of the checks
 * it fails. Only the failing rows (few, or none) are then looked at again and turned into messages.
 */
async function findProblems(
	q: Queryable,
	checks: { column: string; condition: string; message: string }[],
	params: Params
): Promise<void> {
	const bits = checks.map(
		(c, i) => `CASE WHEN ${c.condition} THEN ${1n << BigInt(i)}::UBIGINT ELSE 0::UBIGINT END`
	);
	await q.run(
		`CREATE OR REPLACE TEMP TABLE ${PARSED_TABLE} AS
		 SELECT ${READY_COLUMNS.join(', ')}, ${bits.join(' | ')} AS fails FROM ${PARSED_VIEW}`,
		params
	);
	await q.run(`CREATE OR REPLACE TEMP TABLE problems (row_no BIGINT, col VARCHAR, message VARCHAR)`);
	const failing = (await q.one<{ n: number }>(
		`SELECT count(*)::INTEGER AS n FROM ${PARSED_TABLE} WHERE fails <> 0`
	))!.n;
	if (failing > 0) {
		await q.run(`CREATE OR REPLACE TEMP TABLE failing AS
			SELECT v.*, p.fails FROM ${PARSED_VIEW} v JOIN ${PARSED_TABLE} p USING (row_no) WHERE p.fails <> 0`);
		const messages = checks.map(
			(c, i) =>
				`SELECT row_no, '${c.column}' AS col, ${c.message} AS message FROM failing WHERE fails & ${1n << BigInt(i)}::UBIGINT <> 0`
		);
		await q.run(`INSERT INTO problems ${messages.join('\nUNION ALL\n')}`);
	}
	// A casus_id repeated within one municipality: grouping finds the few keys, a join finds their rows.
	await q.run(`INSERT INTO problems
		WITH keyed AS (
			SELECT row_no, gemeente_code, casus_id FROM ${PARSED_TABLE}
			WHERE casus_id IS NOT NULL AND gemeente_code IS NOT NULL
		),
		repeated AS (SELECT gemeente_code, casus_id, min(row_no) AS first_row FROM keyed GROUP BY ALL HAVING count(*) > 1)
		SELECT k.row_no, 'casus_id', 'casus_id komt al voor in rij ' || r.first_row || ' van dit bestand.'
		FROM keyed k JOIN repeated r USING (gemeente_code, casus_id) WHERE k.row_no <> r.first_row`);
}
