/** A case's avoided costs as the export defines them everywhere (budget, report, package): the explicit besparing amounts, else its posts priced at the municipality's current cost table. */

/**
 * The CTEs that give the rows of CTE `from` (columns of `cases`, at least id, gemeente, vermeden_posten,
 * besparing_laag and besparing_hoog) as CTE `as`, with `savings_low` and `savings_high` added. An explicit
 * amount wins, a missing bound is the other (as in version 1); only without both do the posts count, each
 * post the table holds at count × its amount per unit, a post it does not hold at nothing. Only the rows
 * of `from` that name posts are unnested. The same sums as `pricePosts` (budget/posts.ts) on a case page.
 */
export function savingsCtes(from: string, as: string): string {
	return `${as}_posts AS (
		SELECT c.id, sum(c.p.aantal * k.low) AS low, sum(c.p.aantal * k.high) AS high
		FROM (SELECT id, gemeente, unnest(vermeden_posten) AS p FROM ${from} WHERE len(vermeden_posten) > 0) c
		JOIN cost_posts k ON k.gemeente = c.gemeente AND k.post = c.p.post
		GROUP BY c.id
	),
	${as} AS (
		SELECT f.*, coalesce(f.besparing_laag, f.besparing_hoog, pp.low) AS savings_low,
			coalesce(f.besparing_hoog, f.besparing_laag, pp.high) AS savings_high
		FROM ${from} f LEFT JOIN ${as}_posts pp USING (id)
	)`;
}
