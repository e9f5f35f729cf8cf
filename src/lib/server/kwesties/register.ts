/** Every kwestie label gets its kwestie record when its cases are written, so that no page has to create one while it is read. */
import type { Database, Queryable } from '../db';

/**
 * Inserts a kwestie for each (municipality, folded label) of the selected cases that has none yet,
 * named as most of those cases write it. `where` is a fixed condition over `c` (cases), never user input.
 */
function registerSql(where: string): string {
	return `INSERT INTO kwesties (scope, key, label)
		SELECT c.gemeente, c.kwestie_key, mode(c.kwestie)
		FROM cases c
		WHERE c.kwestie_key IS NOT NULL AND ${where}
		  AND NOT EXISTS (SELECT 1 FROM kwesties k WHERE k.scope = c.gemeente AND k.key = c.kwestie_key)
		GROUP BY c.gemeente, c.kwestie_key`;
}

/**
 * Registers the kwesties of the cases one import wrote, whatever the signal threshold and window.
 * Runs inside the import's transaction, on its connection: the cases and their kwesties are kept together.
 */
export function registerImportedKwesties(q: Queryable, importId: number): Promise<number> {
	return q.run(registerSql('c.import_id = $import'), { import: importId });
}

/**
 * At server start: the kwesties of cases written before kwesties were registered at import (a database
 * of an older release, or a restored backup), and of the kwaliteitsteam's confirmed links. Writes only
 * when something is missing, so an ordinary start changes nothing.
 */
export async function registerAllKwesties(db: Database): Promise<number> {
	const missing = await db.one<{ n: number }>(
		`SELECT count(*)::INTEGER AS n FROM (
			SELECT gemeente, kwestie_key FROM cases WHERE kwestie_key IS NOT NULL
			UNION SELECT gemeente, kwestie_key FROM kwestie_links
		 ) c
		 WHERE NOT EXISTS (SELECT 1 FROM kwesties k WHERE k.scope = c.gemeente AND k.key = c.kwestie_key)`
	);
	if (!missing || missing.n === 0) return 0;
	return db.transaction(async (tx) => {
		const links = await tx.run(
			`INSERT INTO kwesties (scope, key, label)
			 SELECT l.gemeente, l.kwestie_key, mode(l.kwestie)
			 FROM kwestie_links l
			 WHERE NOT EXISTS (SELECT 1 FROM kwesties k WHERE k.scope = l.gemeente AND k.key = l.kwestie_key)
			 GROUP BY l.gemeente, l.kwestie_key`
		);
		return links + (await tx.run(registerSql('true')));
	});
}
