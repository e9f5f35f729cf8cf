/** Checks and normalises the staged rows inside DuckDB: every rule of spec/case-export.md as set-based SQL. */
import type { Params, Queryable } from '../db';
import type { Reach } from '$lib/domain/roles';
import { STAGING_TABLE } from './readers';
import { CANONICAL_COLUMNS, type CanonicalColumn, type HeaderPlan } from './columns';
import { PROBLEM_LIMIT, type ImportProblem } from './problems';
import { timelineProblemsSql, timelineSql } from './timelines';
import { scanPersonalData } from './personal-data';
import { AMOUNT_COLUMNS, codeColumns, DATE_COLUMNS, LIST_COLUMNS } from './codes';

/** Every row typed and coded, with its raw text beside it: a view, computed once into `parsed`. */
export const PARSED_VIEW = 'parsed_view';
/** The normalised rows, ready to load, each marked when it fails a check: a table on the import's connection. */
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
	'kwijtgescholden_amount'
];

/** Columns stored as the file writes them (trimmed); all others are parsed per distinct value. */
const STORED_TEXT = new Set<string>(['casus_id', 'route', 'kwestie', 'fonds', 'samenvatting']);

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
		return STORED_TEXT.has(name) ? `trimmed(c${i}) AS ${name}` : `c${i} AS ${name}`;
	});
	// Unknown columns are kept aside under their own header names (quoted as SQL string literals).
	const sqlString = (text: string) => `'${text.replace(/'/g, "''")}'`;
	const extra = unknown.length
		? `json_object(${unknown.map((i) => `${sqlString(plan.columns[i].file)}, c${i}`).join(', ')})`
		: 'NULL::JSON';
	await q.run(`CREATE OR REPLACE TEMP VIEW v AS
		SELECT row_no, ${selectCanonical.join(', ')}, ${extra} AS extra_values FROM ${STAGING_TABLE}`);

	const present = (column: string) => index.has(column as CanonicalColumn);
	const { select, joins, could } = await codeColumns(q, present);
	for (const statement of timelineSql(present)) await q.run(statement);
	await q.run(`CREATE OR REPLACE TEMP VIEW ${PARSED_VIEW} AS SELECT v.*, ${select} FROM v ${joins}`);

	const checks: Check[] = [];
	const check = (column: string, condition: string, message: string, possible = true) =>
		checks.push({ column, condition, message, possible });
	const text = (s: string) => `'${s.replace(/'/g, "''")}'`;

	for (const required of ['casus_id', 'gemeente', 'aangemeld_op', 'status', 'leefgebieden']) {
		if (present(required)) {
			const message = text(`Verplicht veld ${required} is leeg.`);
			if (STORED_TEXT.has(required)) check(required, `${required} IS NULL`, message);
			else check(required, `${required}_empty`, message, could.has(`${required}_empty`));
		}
	}
	check('casus_id', 'length(casus_id) > 64', text('casus_id is langer dan 64 tekens.'));
	check(
		'gemeente',
		'gemeente_invalid',
		`'Onbekende gemeente' || ${quote('gemeente')} || '; gebruik de CBS-code (GM0344) of de naam.'`,
		could.has('gemeente_invalid')
	);
	for (const column of DATE_COLUMNS) {
		check(
			column,
			`${column}_invalid`,
			text(`${column}: geen geldige datum; gebruik bijvoorbeeld 31-12-2024 of 2024-12-31.`),
			could.has(`${column}_invalid`)
		);
	}
	check('afgerond_op', 'afgerond_date < aangemeld_date', text('afgerond_op ligt voor aangemeld_op.'));
	check(
		'status',
		'status_invalid',
		text('status is open, afgerond of ingetrokken.'),
		could.has('status_invalid')
	);
	check(
		'uitkomst',
		'uitkomst_invalid',
		text('uitkomst is opgelost, deels_opgelost of niet_opgelost.'),
		could.has('uitkomst_invalid')
	);
	check(
		'monitoring',
		'monitoring_invalid',
		text('monitoring is duurzaam, terugval of onbekend.'),
		could.has('monitoring_invalid')
	);
	check(
		'escalatie',
		'escalatie_invalid',
		`'Onbekende escalatietrede' || ${quote('escalatie')} || '.'`,
		could.has('escalatie_invalid')
	);
	check(
		'knelpunt',
		'knelpunt_invalid',
		text('knelpunt is 1, 2A, 2B, 3, 4, 5 of 6.'),
		could.has('knelpunt_invalid')
	);
	check(
		'terug_van',
		'terug_van_invalid',
		text('terug_van is inwoner of een organisatie uit de lijst.'),
		could.has('terug_van_invalid')
	);
	for (const l of LIST_COLUMNS) {
		check(
			l.column,
			`len(${l.column}_unknown) > 0`,
			`'Onbekend ${l.noun}' || ${quote(`${l.column}_unknown[1]`)} || CASE WHEN len(${l.column}_unknown) > 1 THEN ' (en ' || (len(${l.column}_unknown) - 1) || ' meer)' ELSE '' END || '.'`,
			could.has(`${l.column}_unknown`)
		);
	}
	check(
		'leefgebieden',
		'leefgebieden_mask = 0 AND coalesce(len(leefgebieden_unknown), 0) = 0 AND NOT leefgebieden_empty',
		text('Noem minstens één leefgebied.'),
		could.has('leefgebieden_none')
	);
	for (const column of AMOUNT_COLUMNS) {
		check(
			column,
			`${column}_invalid`,
			text(
				`${column}: geen geldig bedrag; gebruik bijvoorbeeld 1.234,56 (niet negatief, hoogstens twee decimalen).`
			),
			could.has(`${column}_invalid`)
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
		'besluit_door_invalid',
		`'Onbekend besluitniveau' || ${quote('besluit_door')} || '; gebruik bijvoorbeeld professional, teamleider of college.'`,
		could.has('besluit_door_invalid')
	);
	for (const column of ['binnen_kaders', 'vier_ogen']) {
		check(column, `${column}_invalid`, text(`${column} is ja of nee.`), could.has(`${column}_invalid`));
	}
	check('kwestie', 'length(kwestie) > 200', text('kwestie is langer dan 200 tekens.'));
	check('samenvatting', 'length(samenvatting) > 2000', text('samenvatting is langer dan 2.000 tekens.'));
	if (reach && !reach.all) {
		check(
			'gemeente',
			'gemeente_code IS NOT NULL AND NOT list_contains($reach, gemeente_code)',
			text('Deze gemeente valt buiten uw bereik.')
		);
	}
	await findProblems(q, checks, reach && !reach.all ? { reach: reach.gemeenten } : {});
	const timelineProblems = timelineProblemsSql(present, PARSED_TABLE);
	if (timelineProblems) await q.run(timelineProblems);
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

interface Check {
	column: string;
	/** True for a row that fails the check. */
	condition: string;
	message: string;
	/** False when the distinct texts show that no row can fail it. */
	possible: boolean;
}

/**
 * One pass over the rows computes both what the load needs (`parsed`) and whether the row fails any check
 * that some row could fail (one OR, cheaper than naming the check). Only the failing rows (few, or none) are
 * then looked at again, check by check, and turned into messages.
 */
async function findProblems(q: Queryable, checks: Check[], params: Params): Promise<void> {
	const possible = checks.filter((c) => c.possible);
	const anyFails = possible.length
		? `coalesce(${possible.map((c) => `(${c.condition})`).join(' OR ')}, false)`
		: 'false';
	await q.run(
		`CREATE OR REPLACE TEMP TABLE ${PARSED_TABLE} AS
		 SELECT ${READY_COLUMNS.join(', ')}, ${anyFails} AS fails FROM ${PARSED_VIEW}`,
		params
	);
	await q.run(`CREATE OR REPLACE TEMP TABLE problems (row_no BIGINT, col VARCHAR, message VARCHAR)`);
	const failing = (await q.one<{ n: number }>(
		`SELECT count(*)::INTEGER AS n FROM ${PARSED_TABLE} WHERE fails`
	))!.n;
	if (failing > 0) {
		await q.run(`CREATE OR REPLACE TEMP TABLE failing AS
			SELECT v.* FROM ${PARSED_VIEW} v SEMI JOIN (SELECT row_no FROM ${PARSED_TABLE} WHERE fails) USING (row_no)`);
		const messages = possible.map(
			(c) => `SELECT row_no, '${c.column}' AS col, ${c.message} AS message FROM failing WHERE ${c.condition}`
		);
		await q.run(`INSERT INTO problems ${messages.join('\nUNION ALL\n')}`, params);
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
