/** Writes validated rows into `cases` in one transaction: insert new, replace updated (keeping ids), remove on --replace. */
import type { Reach } from '$lib/domain/roles';
import type { Queryable } from '../db';
import { PARSED_TABLE } from './validate';
import type { V11Column } from './columns';
import { TIMELINE_LISTS, TIMELINE_TABLE } from './timelines';

export interface LoadCounts {
	inserted: number;
	updated: number;
	removed: number;
	gemeenten: string[];
}

/** Columns of `cases` filled from `incoming`, in one place so insert and select stay aligned. */
const CASE_COLUMNS: [string, string][] = [
	['id', 'coalesce(existing_id, $first_id + row_no)'],
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
	// Where escalatie is empty, the highest step of stappen is taken (version 1.1).
	['escalatie', 'coalesce(escalatie_code, stappen_top)'],
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
	['besluit_door', 'besluit_door_code'],
	['binnen_kaders', 'binnen_kaders_bool'],
	['instrumenten', 'instrument_mask'],
	['vier_ogen', 'vier_ogen_bool'],
	['stappen', 'coalesce(stappen_list, [])'],
	['reacties', 'coalesce(reacties_list, [])'],
	['vermeden_posten', 'coalesce(vermeden_list, [])'],
	['kwijtgescholden', 'kwijtgescholden_amount'],
	['import_id', '$import'],
	['created_at', 'coalesce(existing_created_at, current_timestamp)'],
	['updated_at', 'current_timestamp']
];

/** The stored column of each version 1.1 column, and its value for a new case when the file lacks the column. */
const V11_STORED: Record<V11Column, { stored: string; empty: string }> = {
	besluit_door: { stored: 'besluit_door', empty: 'NULL' },
	binnen_kaders: { stored: 'binnen_kaders', empty: 'NULL' },
	instrument: { stored: 'instrumenten', empty: '0::UBIGINT' },
	vier_ogen: { stored: 'vier_ogen', empty: 'NULL' },
	stappen: { stored: 'stappen', empty: '[]' },
	reacties: { stored: 'reacties', empty: '[]' },
	vermeden_posten: { stored: 'vermeden_posten', empty: '[]' },
	kwijtgescholden: { stored: 'kwijtgescholden', empty: 'NULL' }
};

/** Must run inside a transaction on the connection that holds `parsed`. */
export async function loadParsed(
	q: Queryable,
	options: {
		importId: number;
		source: string;
		replace: boolean;
		reach: Reach | null;
		/** The version 1.1 columns the file lacks: a case it updates keeps their stored values. */
		absent: readonly V11Column[];
	}
): Promise<LoadCounts> {
	const { importId, source, replace, reach } = options;
	const kept = options.absent.map((column) => V11_STORED[column]);
	const keepsSteps = options.absent.includes('stappen');
	// Only the keys and ids (and what an update keeps); the rows themselves go from `parsed` straight into `cases`.
	await q.run(
		`CREATE OR REPLACE TEMP TABLE incoming AS
		 SELECT p.row_no, c.id AS existing_id, c.created_at AS existing_created_at
			${kept.map((k) => `, c.${k.stored} AS existing_${k.stored}`).join('')}
			${keepsSteps ? ', c.escalatie AS existing_escalatie' : ''}
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
	const firstLoad = counts.updated === 0;
	// The timeline lists the file has (and the highest step) come from their own table, not through `parsed`.
	const lists: string[] = Object.entries(TIMELINE_LISTS)
		.filter(([column]) => !options.absent.includes(column as V11Column))
		.map(([, list]) => list);
	if (!keepsSteps) lists.push('stappen_top');
	const timelines = lists.length
		? `, ${lists.map((l) => `t.${l}`).join(', ')} FROM ${PARSED_TABLE} p LEFT JOIN ${TIMELINE_TABLE} t USING (row_no)`
		: ` FROM ${PARSED_TABLE} p`;
	const rows = firstLoad
		? `(SELECT p.*, NULL::BIGINT AS existing_id, NULL::TIMESTAMP AS existing_created_at${timelines})`
		: `(SELECT p.*, i.* EXCLUDE (row_no)${timelines} JOIN incoming i USING (row_no))`;
	const keptBy = new Map(kept.map((k) => [k.stored, k]));
	const columns = CASE_COLUMNS.map(([column, expr]): [string, string] => {
		// A case that keeps its stored steps keeps the escalatie they gave it, unless the file names one.
		if (column === 'escalatie' && keepsSteps)
			return [
				column,
				firstLoad
					? 'escalatie_code'
					: 'coalesce(escalatie_code, CASE WHEN len(existing_stappen) > 0 THEN existing_escalatie END)'
			];
		const k = keptBy.get(column);
		if (!k) return [column, expr];
		return [column, firstLoad ? k.empty : `coalesce(existing_${k.stored}, ${k.empty})`];
	});
	const firstId = (await q.one<{ value: number }>("SELECT value FROM counters WHERE name = 'case_id'"))!
		.value;
	await q.run(
		`INSERT INTO cases (${columns.map(([c]) => c).join(', ')})
		 SELECT ${columns.map(([, e]) => e).join(', ')} FROM ${rows}`,
		{ source, import: importId, first_id: firstId }
	);
	await q.run(
		`UPDATE counters SET value = $first_id + (SELECT coalesce(max(row_no), 0) FROM ${PARSED_TABLE}) + 1
		 WHERE name = 'case_id'`,
		{ first_id: firstId }
	);
	return { inserted: counts.inserted, updated: counts.updated, removed, gemeenten };
}
