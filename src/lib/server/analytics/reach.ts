/** The municipalities a reach covers that hold cases, for the gemeente filter. */
import type { Reach } from '$lib/domain/roles';
import type { Database } from '../db';

export async function gemeentenInReach(
	db: Database,
	reach: Reach
): Promise<{ code: string; naam: string }[]> {
	return db.all<{ code: string; naam: string }>(
		`SELECT g.code, g.naam FROM gemeenten g
		 WHERE ($reach_all OR list_contains($reach, g.code))
		   AND EXISTS (SELECT 1 FROM cases c WHERE c.gemeente = g.code)
		 ORDER BY g.naam`,
		{ reach_all: reach.all, reach: reach.all ? [] : [...reach.gemeenten] }
	);
}
