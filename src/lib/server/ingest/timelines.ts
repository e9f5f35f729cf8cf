/** The lists of version 1.1 whose items carry dates or counts (stappen, reacties, vermeden_posten): parsed per distinct item. */
import { reference } from '../reference';
import type { CanonicalColumn } from './columns';
import { ENUM_INDEX, enumSql, fieldList, lookupTableSql } from './enums';

/*
 * Unlike the code lists, these cells are nearly unique per case (each holds its own dates), but their items
 * repeat: a step on a date, an answer from an organisation. Each distinct item is parsed once with list
 * lambdas, and a row's items are found by position (enums.ts): at 1,000,000 rows five times faster than
 * parsing every item of every row (an unnest and a regrouping per row measured slower still).
 * Codes are looked up in literal lists of the vocabulary's folded terms (a few dozen; from data/, never from
 * the file). Each column's first problem becomes one Dutch message, quoting at most a short word of letters.
 */

/** An SQL string literal. */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const list = (items: readonly string[]) => `[${items.map(literal).join(', ')}]`;

/** `CODES[list_position(TERMS, fold(expr))]`: the code a term names, NULL for an unknown term. */
function lookup(dimension: 'escalatie' | 'organisaties', expr: string): string {
	const terms = reference().vocabularies[dimension].terms();
	return `${list(terms.map((t) => t.code))}[list_position(${list(terms.map((t) => t.term))}, fold(${expr}))]`;
}

/** The trimmed, non-empty items of a `|` list. */
const items = (column: string) =>
	`list_filter(list_transform(str_split(${column}, '|'), x -> trim(x)), x -> x <> '')`;

/** A word from a cell that may be quoted in a message: letters only, short, so never personal data. */
const quoted = (expr: string) =>
	`CASE WHEN regexp_full_match(${expr}, '[\\p{L} _()''./-]{1,40}') THEN ' "' || ${expr} || '"' ELSE '' END`;

interface TimelineColumn {
	column: CanonicalColumn;
	/** The items of the cell, parsed once per row under this name. */
	parsed: string;
	/**
	 * The texts of one item `x` that are parsed, cut out first: a macro (parse_date) repeats its argument in
	 * every branch, so an argument that cuts text would cut it again each time (measured: twice as slow).
	 */
	parts: string;
	/** How the parts `x` of an item are parsed. */
	item: () => string;
	/** What TIMELINE_TABLE holds, derived from the items: the list `cases` stores and what the checks use. */
	select: () => Record<string, string>;
}

const ladder = () => list(reference().vocabularies.escalatie.entries.map((e) => e.code));

const STEPS: TimelineColumn = {
	column: 'stappen',
	parsed: 'stappen_items',
	parts: `{'has_at': contains(x, '@'), 'stap': split_part(x, '@', 1), 'op': trim(substr(x, position('@' IN x) + 1))}`,
	item: () => `{'has_at': x.has_at, 'stap': ${lookup('escalatie', 'x.stap')}, 'op': parse_date(x.op)}`,
	select: () => {
		const dates = `list_transform(stappen_items, s -> s.op)`;
		return {
			stappen_list: `list_transform(stappen_items, s -> {'stap': s.stap, 'op': s.op})`,
			stappen_first: `list_min(${dates})`,
			stappen_last: `list_max(${dates})`,
			// The ladder lists its steps in trede order, so the highest step is the one of the highest position.
			stappen_top: `${ladder()}[list_max(list_transform(stappen_items, s -> list_position(${ladder()}, s.stap)))]`,
			stappen_problem: `CASE
				WHEN NOT list_bool_and(list_transform(stappen_items, s -> s.has_at))
					THEN 'stappen: schrijf elke trede als trede@datum, bijvoorbeeld lokale_tafel@10-01-2025.'
				WHEN list_bool_or(list_transform(stappen_items, s -> s.stap IS NULL))
					THEN 'Onbekende trede' || ${quoted(`trim(split_part(${items('stappen')}[list_position(list_transform(stappen_items, s -> s.stap IS NULL), true)], '@', 1))`)} || ' in stappen.'
				WHEN list_bool_or(list_transform(stappen_items, s -> s.op IS NULL))
					THEN 'stappen: geen geldige datum bij een trede; gebruik bijvoorbeeld 10-01-2025 of 2025-01-10.'
				WHEN ${dates} <> list_sort(${dates}) THEN 'stappen: de treden staan niet in volgorde van datum.'
			END`
		};
	}
};

const RESPONSES: TimelineColumn = {
	column: 'reacties',
	parsed: 'reacties_items',
	// `organisatie@gevraagd/beantwoord`
	parts: `{
		'well_formed': regexp_full_match(x, '[^@]+@[^@/]*(/[^@/]*)?'),
		'organisatie': split_part(x, '@', 1),
		'gevraagd': trim(split_part(split_part(x, '@', 2), '/', 1)),
		'beantwoord': nullif(trim(split_part(split_part(x, '@', 2), '/', 2)), '')
	}`,
	item: () => `{
		'well_formed': x.well_formed,
		'organisatie': ${lookup('organisaties', 'x.organisatie')},
		'gevraagd': parse_date(x.gevraagd),
		'answered': x.beantwoord IS NOT NULL,
		'beantwoord': parse_date(x.beantwoord)
	}`,
	select: () => ({
		reacties_list: `list_transform(reacties_items, r -> {'organisatie': r.organisatie, 'gevraagd': r.gevraagd, 'beantwoord': r.beantwoord})`,
		reacties_problem: `CASE
			WHEN NOT list_bool_and(list_transform(reacties_items, r -> r.well_formed))
				THEN 'reacties: schrijf elke vraag als organisatie@gevraagd/beantwoord, bijvoorbeeld UWV@06-01-2025/08-01-2025 (datums met - of .).'
			WHEN list_bool_or(list_transform(reacties_items, r -> r.organisatie IS NULL))
				THEN 'Onbekende organisatie' || ${quoted(`trim(split_part(${items('reacties')}[list_position(list_transform(reacties_items, r -> r.organisatie IS NULL), true)], '@', 1))`)} || ' in reacties.'
			WHEN list_bool_or(list_transform(reacties_items, r -> r.gevraagd IS NULL OR (r.answered AND r.beantwoord IS NULL)))
				THEN 'reacties: geen geldige datum; gebruik bijvoorbeeld 06-01-2025 of 2025-01-06 (niet met /).'
			WHEN list_bool_or(list_transform(reacties_items, r -> r.beantwoord < r.gevraagd))
				THEN 'reacties: een antwoord ligt voor de vraag.'
		END`
	})
};

const POSTS: TimelineColumn = {
	column: 'vermeden_posten',
	parsed: 'posten_items',
	// `post` or `post*aantal`
	parts: `{
		'post': CASE WHEN contains(x, '*') THEN split_part(x, '*', 1) ELSE x END,
		'aantal': CASE WHEN contains(x, '*') THEN trim(substr(x, position('*' IN x) + 1)) END
	}`,
	item: () => `{
		'post': fold(x.post),
		'aantal': CASE WHEN x.aantal IS NULL THEN 1 WHEN regexp_full_match(x.aantal, '[1-9]\\d{0,5}') THEN x.aantal::INTEGER END
	}`,
	select: () => {
		// A post named twice adds up, in the order of its first mention.
		const posts = `list_transform(posten_items, p -> p.post)`;
		return {
			vermeden_list: `list_transform(
				list_filter(${posts}, (post, i) -> list_position(${posts}, post) = i),
				post -> {'post': post, 'aantal': list_sum(list_transform(list_filter(posten_items, p -> p.post = post), p -> p.aantal))::INTEGER})`,
			vermeden_problem: `CASE WHEN list_bool_or(list_transform(posten_items, p -> p.aantal IS NULL OR p.post = '')) THEN
				'vermeden_posten: schrijf post of post*aantal met een heel aantal vanaf 1, bijvoorbeeld maatschappelijke_opvang_maand*6.'
			END`
		};
	}
};

const TIMELINES = [STEPS, RESPONSES, POSTS];

/** The table of what is derived from the parsed lists, one row per staged row: what the checks and the load read of them. */
export const TIMELINE_TABLE = 't_timelines';

/** The column of TIMELINE_TABLE that holds each timeline column's list, as `cases` stores it. */
export const TIMELINE_LISTS = {
	stappen: 'stappen_list',
	reacties: 'reacties_list',
	vermeden_posten: 'vermeden_list'
} as const;

/** The checks of the timeline columns: on TIMELINE_TABLE, beside the dates and escalatie of the parsed row. */
const CHECKS: { column: CanonicalColumn; condition: string; message: string }[] = [
	{ column: 'stappen', condition: 'stappen_problem IS NOT NULL', message: 'stappen_problem' },
	{
		column: 'stappen',
		condition: 'stappen_problem IS NULL AND stappen_first < aangemeld_date',
		message: "'stappen: een trede ligt voor aangemeld_op.'"
	},
	{
		column: 'stappen',
		condition: 'stappen_problem IS NULL AND stappen_last > afgerond_date',
		message: "'stappen: een trede ligt na afgerond_op.'"
	},
	{
		column: 'stappen',
		condition: 'stappen_problem IS NULL AND escalatie_code IS NOT NULL AND stappen_top <> escalatie_code',
		message: `'stappen: de hoogste trede (' || stappen_top || ') is niet gelijk aan escalatie (' || escalatie_code || ').'`
	},
	{ column: 'reacties', condition: 'reacties_problem IS NOT NULL', message: 'reacties_problem' },
	{ column: 'vermeden_posten', condition: 'vermeden_problem IS NOT NULL', message: 'vermeden_problem' }
];

/**
 * The statements that parse the timeline columns the file has (none when it has none) into TIMELINE_TABLE:
 * each column's distinct items into a table, then per row what the load and the checks need, derived from the
 * row's items as looked up. The parsed view does not carry them: the lists go from TIMELINE_TABLE straight
 * into `cases`, and the checks run on it apart.
 */
export function timelineSql(present: (column: CanonicalColumn) => boolean): string[] {
	const statements: string[] = [];
	const lookups: Record<string, string> = {};
	const parsed: string[] = [];
	const derived: string[] = [];
	for (const t of TIMELINES.filter((t) => present(t.column))) {
		const texts = `t_texts_${t.column}`;
		const type = `e_t_${t.column}`;
		// An item as the cell writes it, untrimmed; a blank one parses to NULL and drops out of the row's items.
		statements.push(
			`CREATE OR REPLACE TEMP TABLE ${texts} AS
			 SELECT raw, ${ENUM_INDEX}, CASE WHEN trim(raw) <> ''
				THEN list_transform(list_transform([trim(raw)], x -> ${t.parts}), x -> ${t.item()})[1] END AS item
			 FROM (SELECT DISTINCT unnest(str_split(${t.column}, '|')) AS raw FROM v)`,
			...enumSql(type, texts)
		);
		lookups[`${t.column}_items`] = fieldList(texts, 'item');
		// The cell itself stays beside its items: a message quotes from it.
		const positions = `list_transform(str_split(v.${t.column}, '|'), x -> enum_code(x::${type})::INTEGER + 1)`;
		parsed.push(
			`v.${t.column}`,
			`list_filter(list_select(tl.${t.column}_items, ${positions}), i -> i IS NOT NULL) AS ${t.parsed}`
		);
		for (const [name, expr] of Object.entries(t.select())) derived.push(`${expr} AS ${name}`);
	}
	if (parsed.length === 0) return [];
	return [
		...statements,
		lookupTableSql('t_lookups', lookups),
		`CREATE OR REPLACE TEMP TABLE ${TIMELINE_TABLE} AS SELECT row_no, ${derived.join(',\n\t\t\t')} FROM (SELECT row_no, ${parsed.join(', ')} FROM v CROSS JOIN t_lookups tl)`
	];
}

/**
 * The statement that adds the problems of the timeline columns the file has to `problems`, or null when it has
 * none. Only the rows that fail a check are kept aside, and each check then reads those few.
 */
export function timelineProblemsSql(
	present: (column: CanonicalColumn) => boolean,
	parsed: string
): string | null {
	const checks = CHECKS.filter((c) => present(c.column));
	if (checks.length === 0) return null;
	return `INSERT INTO problems
		WITH failing AS MATERIALIZED (
			SELECT t.*, p.aangemeld_date, p.afgerond_date, p.escalatie_code
			FROM ${TIMELINE_TABLE} t JOIN ${parsed} p USING (row_no)
			WHERE coalesce(${checks.map((c) => `(${c.condition})`).join(' OR ')}, false)
		)
		${checks.map((c) => `SELECT row_no, '${c.column}', ${c.message} FROM failing WHERE ${c.condition}`).join('\nUNION ALL\n')}`;
}
