/** Warnings for the posts of `vermeden_posten` that the municipality's cost table does not (yet) hold. */
import type { Queryable } from '../db';
import { reference } from '../reference';
import type { ImportProblem } from './problems';
import { PARSED_TABLE } from './validate';
import { TIMELINE_LISTS, TIMELINE_TABLE } from './timelines';

/** At most this many posts are named one by one; the rest are counted in one line. */
export const POST_WARNING_LIMIT = 20;

/*
 * A post is quoted only when it is a short label: letters first, then letters, digits, spaces or underscores,
 * with at most four digits in all (a year, never a BSN, phone number or date of birth). The test runs in
 * DuckDB, so a post that fails it never leaves the import's connection.
 */
const QUOTABLE = `regexp_full_match(post, '\\p{L}[\\p{L}\\p{N} _]{0,59}') AND length(regexp_replace(post, '\\D', '', 'g')) <= 4`;

/**
 * One warning per municipality and post that its cost table lacks (posts folded as the table stores them),
 * with the number of cases that name it. One query over the distinct pairs; the cases load all the same.
 */
export async function missingPostWarnings(q: Queryable, column: string): Promise<ImportProblem[]> {
	const rows = await q.all<{
		gemeente: string;
		post: string | null;
		first_row: number;
		cases: number;
		total: number;
	}>(
		`WITH mentioned AS (
			SELECT p.gemeente_code AS gemeente, t.post, min(t.row_no)::INTEGER AS first_row, count(*)::INTEGER AS cases
			FROM (
				SELECT row_no, unnest(list_transform(${TIMELINE_LISTS.vermeden_posten}, x -> x.post)) AS post
				FROM ${TIMELINE_TABLE} WHERE len(${TIMELINE_LISTS.vermeden_posten}) > 0
			) t
			JOIN ${PARSED_TABLE} p USING (row_no)
			WHERE p.gemeente_code IS NOT NULL
			GROUP BY ALL
		),
		missing AS (
			SELECT m.* FROM mentioned m
			ANTI JOIN cost_posts c ON c.gemeente = m.gemeente AND c.post = m.post
		)
		SELECT gemeente, CASE WHEN ${QUOTABLE} THEN post END AS post, first_row, cases,
			count(*) OVER ()::INTEGER AS total
		FROM missing
		ORDER BY cases DESC, gemeente, first_row
		LIMIT ${POST_WARNING_LIMIT}`
	);
	if (rows.length === 0) return [];
	const { gemeenten } = reference();
	const warnings: ImportProblem[] = rows.map((r) => {
		const post = r.post === null ? `Een post (voor het eerst in rij ${r.first_row})` : `Post "${r.post}"`;
		const cases = r.cases === 1 ? '1 casus' : `${r.cases} casussen`;
		const these = r.cases === 1 ? 'deze casus telt' : 'deze casussen tellen';
		return {
			row: null,
			column,
			message: `${post} staat niet in de kostentabel van ${gemeenten.naam(r.gemeente)} (${cases}); ${these} die post niet mee. Vul de kostentabel aan via Beheer → Kostentabel of costs set.`
		};
	});
	const rest = rows[0].total - rows.length;
	if (rest > 0) {
		warnings.push({
			row: null,
			column,
			message: `En nog ${rest} ${rest === 1 ? 'post die' : 'posten die'} niet in de kostentabel van hun gemeente ${rest === 1 ? 'staat' : 'staan'}; vul de kostentabel aan en controleer het bestand opnieuw om ze te zien.`
		});
	}
	return warnings;
}
