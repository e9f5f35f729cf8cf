/** Each case with its kwestie as the portal reads it: the kwaliteitsteam's confirmed link first, else the imported label. */

/**
 * A derived table usable in FROM: every column of `cases` plus `k_key` (folded label) and `k_label`.
 * Links are keyed by the case's natural key (gemeente, source, casus_id), so a re-import that
 * replaces the case, or changes its label, keeps what the kwaliteitsteam confirmed.
 */
export const CASE_KWESTIES = `(
	SELECT c.*, coalesce(l.kwestie_key, c.kwestie_key) AS k_key, coalesce(l.kwestie, c.kwestie) AS k_label
	FROM cases c
	LEFT JOIN kwestie_links l ON l.gemeente = c.gemeente AND l.source = c.source AND l.casus_id = c.casus_id
)`;

/**
 * SQL that folds a text expression as kwestie labels are folded: the twin of `fold` in $lib/domain/text
 * and of the import's `fold` macro, which lives on the import's connection only.
 */
export const foldSql = (expr: string) =>
	`lower(trim(regexp_replace(strip_accents(${expr}), '\\s+', ' ', 'g')))`;
