/** Checks and normalises the staged rows inside DuckDB: every rule of spec/case-export.md as set-based SQL. */
import type { Queryable } from '../db';
import type { Reach } from '$lib/domain/roles';
import { STAGING_TABLE } from './readers';
import { FREE_TEXT_COLUMNS, CANONICAL_COLUMNS, type CanonicalColumn, type HeaderPlan } from './columns';
import { PATTERNS } from './macros';
import { PROBLEM_LIMIT, type ImportProblem } from './problems';

/** The normalised rows, ready to load: the table `parsed` on the import's connection. */
export const PARSED_TABLE = 'parsed';

/** List columns, the vocabulary each is matched against, and whether items carry law articles. */
const LIST_COLUMNS = [
	{ column: 'leefgebieden', dimension: 'leefgebieden', noun: 'leefgebied' },
	{ column: 'organisaties', dimension: 'organisaties', noun: 'organisatie' },
	{ column: 'ministeries', dimension: 'ministeries', noun: 'ministerie' },
	{ column: 'wetten', dimension: 'wetten', noun: 'wet' },
	{ column: 'baten_bij', dimension: 'organisaties', noun: 'partij' }
] as const;

const AMOUNT_COLUMNS = ['kosten_oplossing', 'besparing_laag', 'besparing_hoog', 'voorgeschoten', 'terugbetaald'] as const;
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
		return i === undefined ? `NULL::VARCHAR AS ${name}` : `nullif(trim(c${i}), '') AS ${name}`;
	});
	const extra = unknown.length
		? `json_object(${unknown.map((i) => `'${i}', c${i}`).join(', ')})`
		: 'NULL::JSON';
	await q.run(`CREATE OR REPLACE TEMP VIEW v AS
		SELECT row_no, ${selectCanonical.join(', ')}, ${extra} AS extra_values FROM ${STAGING_TABLE}`);

	// Lists are parsed once per distinct text, not once per row: a million rows hold a few thousand.
	const listSources = LIST_COLUMNS.map(
		(l) => `SELECT '${l.column}' AS col, '${l.dimension}' AS dimension, ${l.column} AS raw FROM v WHERE ${l.column} IS NOT NULL`
	).join(' UNION ');
	await q.run(`CREATE OR REPLACE TEMP TABLE list_items AS
		WITH raws AS (${listSources}),
		items AS (
			SELECT col, dimension, raw, trim(unnest(str_split(raw, '|'))) AS item FROM raws
		),
		split AS (
			SELECT col, dimension, raw, item,
				CASE WHEN col = 'wetten' AND regexp_matches(item, '(?i)^(.+?)\\s+(art\\.?|artikel)\\s*(\\S.*)$')
					THEN trim(regexp_extract(item, '(?i)^(.+?)\\s+(art\\.?|artikel)\\s*(\\S.*)$', 1)) ELSE item END AS term_text,
				CASE WHEN col = 'wetten' AND regexp_matches(item, '(?i)^(.+?)\\s+(art\\.?|artikel)\\s*(\\S.*)$')
					THEN trim(regexp_extract(item, '(?i)^(.+?)\\s+(art\\.?|artikel)\\s*(\\S.*)$', 3)) END AS article
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

	const listJoins = LIST_COLUMNS.map(
		(l) => `LEFT JOIN list_parsed lp_${l.column} ON lp_${l.column}.col = '${l.column}' AND lp_${l.column}.raw = v.${l.column}`
	).join('\n');
	await q.run(`CREATE OR REPLACE TEMP TABLE ${PARSED_TABLE} AS
		SELECT v.*,
			gt.code AS gemeente_code,
			parse_date(v.aangemeld_op) AS aangemeld_date,
			parse_date(v.afgerond_op) AS afgerond_date,
			parse_date(v.monitoring_op) AS monitoring_date,
			CASE WHEN fold(v.status) IN ('open', 'afgerond', 'ingetrokken') THEN fold(v.status) END AS status_code,
			CASE WHEN replace(fold(v.uitkomst), ' ', '_') IN ('opgelost', 'deels_opgelost', 'niet_opgelost')
				THEN replace(fold(v.uitkomst), ' ', '_') END AS uitkomst_code,
			CASE WHEN fold(v.monitoring) IN ('duurzaam', 'terugval', 'onbekend') THEN fold(v.monitoring) END AS monitoring_code,
			esc.code AS escalatie_code,
			kn.code AS knelpunt_code,
			CASE WHEN fold(v.terug_van) = 'inwoner' THEN 'inwoner' ELSE tv.code END AS terug_van_code,
			${AMOUNT_COLUMNS.map((a) => `parse_amount(v.${a}) AS ${a}_amount`).join(',\n\t\t\t')},
			${LIST_COLUMNS.map((l) => `coalesce(lp_${l.column}.mask, 0::UBIGINT) AS ${l.column}_mask, lp_${l.column}.unknown AS ${l.column}_unknown`).join(',\n\t\t\t')},
			coalesce(lp_wetten.articles, []) AS wet_artikelen,
			CASE WHEN v.oplossing IS NULL THEN [] ELSE list_distinct(list_filter(list_transform(str_split(v.oplossing, '|'), x -> trim(x)), x -> x <> '')) END AS oplossing_list,
			CASE WHEN v.kwestie IS NULL THEN NULL ELSE fold(v.kwestie) END AS kwestie_key
		FROM v
		LEFT JOIN gemeente_terms gt ON gt.term = fold(v.gemeente)
		LEFT JOIN vocabulary_terms esc ON esc.dimension = 'escalatie' AND esc.term = fold(v.escalatie)
		LEFT JOIN vocabulary kn ON kn.dimension = 'knelpunten' AND upper(kn.code) = upper(trim(v.knelpunt))
		LEFT JOIN vocabulary_terms tv ON tv.dimension = 'organisaties' AND tv.term = fold(v.terug_van)
		${listJoins}`);

	const checks: string[] = [];
	const check = (column: string, condition: string, message: string) =>
		checks.push(`SELECT row_no, '${column}' AS col, ${message} AS message FROM ${PARSED_TABLE} WHERE ${condition}`);
	const text = (s: string) => `'${s.replace(/'/g, "''")}'`;

	for (const required of ['casus_id', 'gemeente', 'aangemeld_op', 'status', 'leefgebieden']) {
		if (index.has(required as CanonicalColumn)) {
			check(required, `${required} IS NULL`, text(`Verplicht veld ${required} is leeg.`));
		}
	}
	check('casus_id', 'length(casus_id) > 64', text('casus_id is langer dan 64 tekens.'));
	check(
		'gemeente',
		'gemeente IS NOT NULL AND gemeente_code IS NULL',
		`'Onbekende gemeente' || ${quote('gemeente')} || '; gebruik de CBS-code (GM0344) of de naam.'`
	);
	for (const column of DATE_COLUMNS) {
		check(
			column,
			`${column} IS NOT NULL AND ${column.replace('_op', '_date')} IS NULL`,
			text(`${column}: geen geldige datum; gebruik bijvoorbeeld 31-12-2024 of 2024-12-31.`)
		);
	}
	check(
		'afgerond_op',
		'afgerond_date < aangemeld_date',
		text('afgerond_op ligt voor aangemeld_op.')
	);
	check('status', 'status IS NOT NULL AND status_code IS NULL', text('status is open, afgerond of ingetrokken.'));
	check(
		'uitkomst',
		'uitkomst IS NOT NULL AND uitkomst_code IS NULL',
		text('uitkomst is opgelost, deels_opgelost of niet_opgelost.')
	);
	check(
		'monitoring',
		'monitoring IS NOT NULL AND monitoring_code IS NULL',
		text('monitoring is duurzaam, terugval of onbekend.')
	);
	check(
		'escalatie',
		'escalatie IS NOT NULL AND escalatie_code IS NULL',
		`'Onbekende escalatietrede' || ${quote('escalatie')} || '.'`
	);
	check(
		'knelpunt',
		'knelpunt IS NOT NULL AND knelpunt_code IS NULL',
		text('knelpunt is 1, 2A, 2B, 3, 4, 5 of 6.')
	);
	check(
		'terug_van',
		'terug_van IS NOT NULL AND terug_van_code IS NULL',
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
		'leefgebieden IS NOT NULL AND leefgebieden_mask = 0 AND len(leefgebieden_unknown) = 0',
		text('Noem minstens één leefgebied.')
	);
	for (const column of AMOUNT_COLUMNS) {
		check(
			column,
			`${column} IS NOT NULL AND ${column}_amount IS NULL`,
			text(`${column}: geen geldig bedrag; gebruik bijvoorbeeld 1.234,56 (niet negatief, hoogstens twee decimalen).`)
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
	check('kwestie', 'length(kwestie) > 200', text('kwestie is langer dan 200 tekens.'));
	check('samenvatting', 'length(samenvatting) > 2000', text('samenvatting is langer dan 2.000 tekens.'));
	checks.push(`SELECT row_no, 'casus_id' AS col,
			'casus_id komt al voor in rij ' || first_row || ' van dit bestand.' AS message
		FROM (SELECT row_no, min(row_no) OVER (PARTITION BY gemeente_code, casus_id) AS first_row
			FROM ${PARSED_TABLE} WHERE casus_id IS NOT NULL AND gemeente_code IS NOT NULL)
		WHERE row_no <> first_row`);
	if (reach && !reach.all) {
		checks.push(`SELECT row_no, 'gemeente' AS col, 'Deze gemeente valt buiten uw bereik.' AS message
			FROM ${PARSED_TABLE} WHERE gemeente_code IS NOT NULL AND NOT list_contains($reach, gemeente_code)`);
	}

	await q.run(
		`CREATE OR REPLACE TEMP TABLE problems AS ${checks.join('\nUNION ALL\n')}`,
		reach && !reach.all ? { reach: reach.gemeenten } : undefined
	);
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
 * Personal data anywhere in the file. One regular expression pass over each row's joined text finds the
 * few suspect rows; only those are examined per column, with the BSN and IBAN checksums.
 */
async function scanPersonalData(
	q: Queryable,
	plan: HeaderPlan,
	index: Map<CanonicalColumn, number>,
	unknown: number[]
): Promise<void> {
	const columns = plan.columns.map((_, i) => `c${i}`);
	if (columns.length === 0) return;
	const freeText = [
		...FREE_TEXT_COLUMNS.map((c) => index.get(c)).filter((i): i is number => i !== undefined),
		...unknown
	].map((i) => `c${i}`);
	const anyPattern = [PATTERNS.iban, PATTERNS.email, PATTERNS.phone, PATTERNS.postcode].map((p) => `(?:${p})`).join('|');
	const joinedAll = `concat_ws(chr(31), ${columns.join(', ')})`;
	const joinedFree = freeText.length ? `concat_ws(chr(31), ${freeText.join(', ')})` : `''`;
	await q.run(
		`CREATE OR REPLACE TEMP TABLE suspect_rows AS SELECT * FROM ${STAGING_TABLE}
		 WHERE regexp_matches(${joinedAll}, $any) OR regexp_matches(${joinedFree}, $bsn)`,
		{ any: anyPattern, bsn: PATTERNS.bsn }
	);
	await q.run(
		`INSERT INTO problems
		 WITH cells AS (UNPIVOT suspect_rows ON ${columns.join(', ')} INTO NAME col VALUE val)
		 SELECT row_no, '#' || substr(col, 2) AS col, CASE
			WHEN list_contains($free, col) AND len(list_filter(regexp_extract_all(val, $bsn, 1),
				x -> elfproef(regexp_replace(x, '[^0-9]', '', 'g')))) > 0
				THEN 'Bevat een nummer dat de elfproef haalt (mogelijk een BSN); verwijder het.'
			WHEN len(list_filter(regexp_extract_all(val, $iban, 1), x -> iban_valid(x))) > 0
				THEN 'Bevat een rekeningnummer (IBAN); verwijder het.'
			WHEN regexp_matches(val, $email) THEN 'Bevat een e-mailadres; verwijder het.'
			WHEN regexp_matches(val, $phone) THEN 'Bevat een telefoonnummer; verwijder het.'
			WHEN regexp_matches(val, $postcode) THEN 'Bevat een postcode met huisnummer; verwijder het.'
		 END AS message
		 FROM cells WHERE message IS NOT NULL`,
		{
			free: freeText,
			bsn: PATTERNS.bsn,
			iban: PATTERNS.iban,
			email: PATTERNS.email,
			phone: PATTERNS.phone,
			postcode: PATTERNS.postcode
		}
	);
	// A column of nine-digit numbers nearly all passing the elfproef is a BSN column (random numbers: 1 in 11).
	const sums = plan.columns
		.map(
			(_, i) => `count(c${i})::INTEGER AS filled_${i},
			count(*) FILTER (WHERE regexp_full_match(regexp_replace(c${i}, '[ .]', '', 'g'), '\\d{9}'))::INTEGER AS nine_${i},
			count(*) FILTER (WHERE elfproef(regexp_replace(c${i}, '[ .]', '', 'g')))::INTEGER AS pass_${i}`
		)
		.join(',\n');
	const counts = (await q.one<Record<string, number>>(`SELECT ${sums} FROM ${STAGING_TABLE}`))!;
	for (let i = 0; i < plan.columns.length; i++) {
		const filled = Number(counts[`filled_${i}`]);
		const nine = Number(counts[`nine_${i}`]);
		const pass = Number(counts[`pass_${i}`]);
		if (filled > 0 && nine >= filled * 0.8 && pass >= nine * 0.8) {
			await q.run(
				`INSERT INTO problems VALUES (NULL, $col, 'Deze kolom bestaat uit negen cijfers die vrijwel allemaal de elfproef halen: dit lijken BSN''s.')`,
				{ col: `#${i}` }
			);
		}
	}
}
