/** Writes validated rows into `cases` in one transaction: insert new, replace updated (keeping ids), remove on --replace. */
import type { Reach } from '$lib/domain/roles';
import type { Queryable } from '../db';
import { PARSED_TABLE } from './validate';

export interface LoadCounts {
	inserted: number;
	updated: number;
	removed: number;
	gemeenten: string[];
}

/** Columns of `cases` filled from `incoming`, in one place so insert and select stay aligned. */
const CASE_COLUMNS: [string, string][] = [
	['id', "coalesce(existing_id, nextval('case_id_seq'))"],
	['gemeente', 'gemeente_code'],
	['source', '$source'],
	['casus_id', 'casus_id'],
	['route', 'route'],
	['aangemeld_op', 'aangemeld_date'],
	['afgerond_op', 'afgerond_date'],
	['status', 'status_code'],
	['leefgebieden', 'leefgebieden_mask'],
	['organisaties', 'organisaties_mask'],
	['ministeries', 'ministeries_mask'],
	['wetten', 'wetten_mask'],
	['wet_artikelen', 'wet_artikelen'],
	['knelpunt', 'knelpunt_code'],
	['kwestie', 'kwestie'],
	['kwestie_key', 'kwestie_key'],
	['escalatie', 'escalatie_code'],
	['uitkomst', 'uitkomst_code'],
	['oplossing', 'oplossing_list'],
	['fonds', 'fonds'],
	['kosten_oplossing', 'kosten_oplossing_amount'],
	// An estimate may give one bound only; the other is then taken equal to it (spec).
	['besparing_laag', 'coalesce(besparing_laag_amount, besparing_hoog_amount)'],
	['besparing_hoog', 'coalesce(besparing_hoog_amount, besparing_laag_amount)'],
	['voorgeschoten', 'voorgeschoten_amount'],
	['terug_van', 'terug_van_code'],
	['terugbetaald', 'terugbetaald_amount'],
	['baten_bij', 'baten_bij_mask'],
	['monitoring', 'monitoring_code'],
	['monitoring_op', 'monitoring_date'],
	['samenvatting', 'samenvatting'],
	['extra', 'extra_values'],
	['import_id', '$import'],
	['created_at', 'coalesce(existing_created_at, current_timestamp)'],
	['updated_at', 'current_timestamp']
];

/** Must run inside a transaction on the connection that holds `parsed`. */
export async function loadParsed(
	q: Queryable,
	options: { importId: number; source: string; replace: boolean; reach: Reach | null }
): Promise<LoadCounts> {
	const { importId, source, replace, reach } = options;
	// Only the keys and ids; the rows themselves go from `parsed` straight into `cases`.
	await q.run(
		`CREATE OR REPLACE TEMP TABLE incoming AS
		 SELECT p.row_no, c.id AS existing_id, c.created_at AS existing_created_at
		 FROM ${PARSED_TABLE} p
		 LEFT JOIN cases c ON c.gemeente = p.gemeente_code AND c.source = $source AND c.casus_id = p.casus_id`,
		{ source }
	);
	const counts = (await q.one<{ inserted: number; updated: number }>(
		`SELECT count(*) FILTER (WHERE existing_id IS NULL)::INTEGER AS inserted, count(existing_id)::INTEGER AS updated
		 FROM incoming`
	))!;
	const gemeenten = (await q.one<{ list: string[] }>(
		`SELECT coalesce(list(DISTINCT gemeente_code ORDER BY gemeente_code), []) AS list FROM ${PARSED_TABLE}`
	))!.list;
	let removed = 0;
	if (replace) {
		// Replacing covers the municipalities the file holds (within reach): an export of one municipality
		// never empties another's cases of the same source.
		const scope = {
			source,
			reach_all: !reach || reach.all,
			reach: reach && !reach.all ? reach.gemeenten : [],
			gemeenten
		};
		const gone = `source = $source AND ($reach_all OR list_contains($reach, gemeente)) AND list_contains($gemeenten, gemeente)
			AND id NOT IN (SELECT existing_id FROM incoming WHERE existing_id IS NOT NULL)`;
		await q.run(`INSERT INTO case_versions SELECT $import, true, * FROM cases WHERE ${gone}`, {
			...scope,
			import: importId
		});
		removed = await q.run(`DELETE FROM cases WHERE ${gone}`, scope);
	}
	await q.run(
		`INSERT INTO case_versions SELECT $import, false, * FROM cases
		 WHERE id IN (SELECT existing_id FROM incoming WHERE existing_id IS NOT NULL)`,
		{ import: importId }
	);
	await q.run(
		'DELETE FROM cases WHERE id IN (SELECT existing_id FROM incoming WHERE existing_id IS NOT NULL)'
	);
	// A first load of a source replaces nothing, so its rows need no join with the ids they would keep.
	const rows =
		counts.updated === 0
			? `(SELECT *, NULL::BIGINT AS existing_id, NULL::TIMESTAMP AS existing_created_at FROM ${PARSED_TABLE})`
			: `(SELECT * FROM ${PARSED_TABLE} JOIN incoming USING (row_no))`;
	await q.run(
		`INSERT INTO cases (${CASE_COLUMNS.map(([c]) => c).join(', ')})
		 SELECT ${CASE_COLUMNS.map(([, e]) => e).join(', ')} FROM ${rows}`,
		{ source, import: importId }
	);
	return { inserted: counts.inserted, updated: counts.updated, removed, gemeenten };
}
