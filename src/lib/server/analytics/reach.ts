/** What the filter bar offers a user: the municipalities and routes within its reach that hold cases. */
import type { Reach } from '$lib/domain/roles';
import type { FilterOptions } from '$lib/domain/filters';
import type { Database } from '../db';
import { memoUntilWrite } from '../db/memo';
import { reference } from '../reference';

/** The options change only with the cases, not with the filter: every page asks, so they are kept until a write. */
export const filterOptions = memoUntilWrite(
	(reach: Reach) => (reach.all ? '*' : [...reach.gemeenten].sort().join(',')),
	scopedOptions
);

async function scopedOptions(db: Database, reach: Reach): Promise<FilterOptions> {
	const rows = await db.all<{ kind: 'gemeente' | 'route'; value: string; years: number[] | null }>(
		`WITH scoped AS (SELECT gemeente, route, year(aangemeld_op)::INTEGER AS year FROM cases
			WHERE $reach_all OR list_contains($reach, gemeente))
		 SELECT 'gemeente' AS kind, gemeente AS value, list(DISTINCT year ORDER BY year) AS years FROM scoped GROUP BY gemeente
		 UNION ALL
		 SELECT 'route', route, NULL FROM scoped WHERE route IS NOT NULL GROUP BY route`,
		{ reach_all: reach.all, reach: reach.all ? [] : [...reach.gemeenten] }
	);
	const { gemeenten, vocabularies } = reference();
	const byName = (a: { naam: string }, b: { naam: string }) => a.naam.localeCompare(b.naam, 'nl');
	return {
		gemeenten: rows
			.filter((r) => r.kind === 'gemeente')
			.map((r) => ({ code: r.value, naam: gemeenten.naam(r.value) }))
			.sort(byName),
		routes: rows
			.filter((r) => r.kind === 'route')
			.map((r) => r.value)
			.sort((a, b) => a.localeCompare(b, 'nl')),
		years: [...new Set(rows.flatMap((r) => r.years ?? []))].sort(),
		escalatie: vocabularies.escalatie.entries.map((e) => ({
			code: e.code,
			naam: `${e.detail}. ${e.naam.split(/[,:]/)[0]}`
		})),
		knelpunten: vocabularies.knelpunten.entries.map((e) => ({
			code: e.code,
			naam: `${e.code} (${e.detail})`
		}))
	};
}
