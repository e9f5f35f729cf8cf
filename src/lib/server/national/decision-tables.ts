/**
 * The tables a national package carries once a municipality's export has the version 1.1 columns:
 * decisions inside the kaders, the instruments used, and questions to partners answered within the
 * promised time. A package of cases without them is as before, so a portal that does not know these
 * tables still reads it.
 */
import type { CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import type { Database } from '../db';
import { reference } from '../reference';
import { countsByLabel, YES_NO_LABELS } from '../analytics/counts';
import { partnerResponses } from '../partners/responses';
import { protectTable, type DisclosureRules, type PublishedTable } from './disclosure';
import { labelTable, partitionTable } from './published-tables';

export const DECISION_TABLES = ['binnen_kaders', 'instrumenten', 'reacties'] as const;
export type DecisionTableName = (typeof DECISION_TABLES)[number];

/** The columns of `reacties`: questions asked of an organisation, answered, and answered within the promise. */
export const RESPONSE_COLUMNS = ['gevraagd', 'beantwoord', 'binnen_termijn'] as const;

/**
 * The version 1.1 tables of the cases of a package, each only where some case carries its column:
 * `binnen_kaders` parts the cases into ja, nee and onbekend; `instrumenten` counts cases per instrument
 * (a case may name several); `reacties` counts questions per organisation (every organisation of the
 * vocabulary, so that a zero is as hidden as a small count), judged as `GET /api/v1/responses` judges
 * them on the period's last day.
 */
export async function decisionTables(
	db: Database,
	reach: Reach,
	filter: CaseFilter,
	lastDay: string,
	rules: DisclosureRules
): Promise<Partial<Record<DecisionTableName, PublishedTable>>> {
	const [kaders, instrumenten, responses] = await Promise.all([
		countsByLabel(db, 'binnen_kaders', reach, filter),
		countsByLabel(db, 'instrument', reach, filter),
		partnerResponses(db, reach, filter, lastDay)
	]);
	const tables: Partial<Record<DecisionTableName, PublishedTable>> = {};
	const count = (result: typeof kaders, label: string) =>
		result.counts.find((c) => c.label === label)?.cases ?? 0;

	if (count(kaders, 'ja') + count(kaders, 'nee') > 0) {
		tables.binnen_kaders = partitionTable(
			[...YES_NO_LABELS],
			YES_NO_LABELS.map((label) => count(kaders, label)),
			rules
		);
	}
	if (instrumenten.counts.length > 0) {
		const codes = reference().vocabularies.instrumenten.entries.map((e) => e.code);
		tables.instrumenten = labelTable(
			codes,
			codes.map((code) => count(instrumenten, code)),
			instrumenten.cases,
			rules
		);
	}
	if (responses.length > 0) {
		const codes = reference().vocabularies.organisaties.entries.map((e) => e.code);
		const at = new Map(responses.map((r) => [r.organisation, r]));
		const cells = codes.map((code) => {
			const r = at.get(code);
			return r ? [r.asked, r.answered, r.withinPromise] : [0, 0, 0];
		});
		tables.reacties = protectTable(
			{
				rows: codes,
				cols: [...RESPONSE_COLUMNS],
				cells,
				// A row is one organisation's questions: its total is the questions asked, not the sum.
				rowTotals: cells.map((row) => row[0]),
				colTotals: RESPONSE_COLUMNS.map((_, j) => cells.reduce((sum, row) => sum + row[j], 0)),
				total: cells.reduce((sum, row) => sum + row[0], 0)
			},
			rules
		);
	}
	return tables;
}
