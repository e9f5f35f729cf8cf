/** The lists of version 1.1 whose items carry dates or counts (stappen, reacties, vermeden_posten): parsed per row with list functions. */
import { reference } from '../reference';
import type { CanonicalColumn } from './columns';

/*
 * Unlike the code lists, these cells are nearly unique per case (each holds its own dates), so parsing them per
 * distinct text gains nothing. They are parsed per row, item by item with list lambdas, into a table that the
 * parsed view joins on the row number (an unnest and a regrouping per column measured twice as slow).
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
	/** How the items are parsed: `x` is one item. */
	item: () => string;
	/** What the parsed view selects, under the names `parsed` keeps or the checks use; `p` is the parsed list. */
	select: () => Record<string, string>;
	/** The same names when the file lacks the column, typed. */
	absent: Record<string, string>;
}

const ladder = () => list(reference().vocabularies.escalatie.entries.map((e) => e.code));

const STEPS: TimelineColumn = {
	column: 'stappen',
	parsed: 'stappen_items',
	item: () => `{
		'has_at': contains(x, '@'),
		'stap': ${lookup('escalatie', "split_part(x, '@', 1)")},
		'op': parse_date(trim(substr(x, position('@' IN x) + 1)))
	}`,
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
	},
	absent: {
		stappen_list: 'NULL::STRUCT(stap VARCHAR, op DATE)[]',
		stappen_first: 'NULL::DATE',
		stappen_last: 'NULL::DATE',
		stappen_top: 'NULL::VARCHAR',
		stappen_problem: 'NULL::VARCHAR'
	}
};

/** `organisatie@gevraagd/beantwoord`: the parts of one item of `reacties`. */
const askedText = `trim(split_part(split_part(x, '@', 2), '/', 1))`;
const answeredText = `nullif(trim(split_part(split_part(x, '@', 2), '/', 2)), '')`;

const RESPONSES: TimelineColumn = {
	column: 'reacties',
	parsed: 'reacties_items',
	item: () => `{
		'well_formed': regexp_full_match(x, '[^@]+@[^@/]*(/[^@/]*)?'),
		'organisatie': ${lookup('organisaties', "split_part(x, '@', 1)")},
		'gevraagd': parse_date(${askedText}),
		'answered': ${answeredText} IS NOT NULL,
		'beantwoord': parse_date(${answeredText})
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
	}),
	absent: {
		reacties_list: 'NULL::STRUCT(organisatie VARCHAR, gevraagd DATE, beantwoord DATE)[]',
		reacties_problem: 'NULL::VARCHAR'
	}
};

const POSTS: TimelineColumn = {
	column: 'vermeden_posten',
	parsed: 'posten_items',
	item: () => `{
		'post': fold(CASE WHEN contains(x, '*') THEN split_part(x, '*', 1) ELSE x END),
		'aantal': CASE WHEN NOT contains(x, '*') THEN 1
			WHEN regexp_full_match(trim(substr(x, position('*' IN x) + 1)), '[1-9]\\d{0,5}')
				THEN trim(substr(x, position('*' IN x) + 1))::INTEGER END
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
	},
	absent: {
		vermeden_list: 'NULL::STRUCT(post VARCHAR, aantal INTEGER)[]',
		vermeden_problem: 'NULL::VARCHAR'
	}
};

const TIMELINES = [STEPS, RESPONSES, POSTS];

/** The table of what is derived from the parsed lists, one row per staged row, joined into the parsed view. */
export const TIMELINE_TABLE = 't_timelines';

/**
 * The statements that parse the timeline columns the file has (none when it has none) and what the parsed view
 * selects: from TIMELINE_TABLE, or typed NULLs for the columns the file lacks. The items are parsed into one
 * table and what the load and the checks need derived from it into a second: in one statement, or in the view
 * itself, DuckDB parses a list again for every derived column that names it (measured: 6 times slower).
 */
export function timelineSql(present: (column: CanonicalColumn) => boolean): {
	statements: string[];
	select: string;
} {
	const parsed: string[] = [];
	const derived: string[] = [];
	const select: string[] = [];
	for (const t of TIMELINES) {
		if (present(t.column)) {
			// The cell itself stays beside its items: a message quotes from it.
			parsed.push(t.column, `list_transform(${items(t.column)}, x -> ${t.item()}) AS ${t.parsed}`);
			for (const [name, expr] of Object.entries(t.select())) {
				derived.push(`${expr} AS ${name}`);
				select.push(`${TIMELINE_TABLE}.${name}`);
			}
		} else {
			for (const [name, expr] of Object.entries(t.absent)) select.push(`${expr} AS ${name}`);
		}
	}
	const statements = parsed.length
		? [
				`CREATE OR REPLACE TEMP TABLE t_items AS SELECT row_no, ${parsed.join(', ')} FROM v`,
				`CREATE OR REPLACE TEMP TABLE ${TIMELINE_TABLE} AS SELECT row_no, ${derived.join(',\n\t\t\t')} FROM t_items`
			]
		: [];
	return { statements, select: select.join(',\n\t\t\t') };
}
