/** Everything the kwestie page shows about its cases: over time, what they name, the money, and the effect of the measure. */
import type { CaseSummary } from '$lib/domain/cases';
import type { KwestieSummary } from '$lib/domain/kwesties';
import { capabilities, type SessionUser } from '$lib/domain/roles';
import type { DataTable } from '$lib/domain/table';
import type { Database } from '../db';
import { reference } from '../reference';
import { quarterRange } from '../analytics/label-profile';
import { savingsCtes } from '../analytics/savings';
import { CASE_KWESTIES, foldSql } from './case-kwesties';
import { NATIONAL_SCOPE } from './kwesties';
import { SOLUTION_KEY_PREFIX, SOLUTION_KIND } from './solutions';

export interface QuarterCount {
	quarter: string;
	cases: number;
	/** Before, in or after the quarter of the measure; null without a measure. */
	phase: 'voor' | 'maatregel' | 'na' | null;
}

export interface Effect {
	/** Quarters compared on each side of the measure's quarter (at most four, as many as there are after). */
	quarters: number;
	before: number;
	after: number;
	/** Cases per quarter, before and after. */
	perQuarterBefore: number;
	perQuarterAfter: number;
}

export interface KwestieDetail {
	cases: number;
	gemeenten: number;
	first: string | null;
	last: string | null;
	/** Sums of the cases, in euros. */
	spent: number;
	savingsLow: number;
	savingsHigh: number;
	quarters: QuarterCount[];
	effect: Effect | null;
	/** Labels the cases name, most named first, per dimension. */
	involved: {
		leefgebieden: Named[];
		organisaties: Named[];
		wetten: Named[];
		artikelen: Named[];
		knelpunten: Named[];
	};
	/** The cases themselves, only for roles with case-level reach. */
	caseList: (CaseSummary & { uitkomst: string | null })[] | null;
	tables: DataTable[];
}

export interface Named {
	code: string;
	naam: string;
	cases: number;
}

const EFFECT_QUARTERS = 4;

const quarterOf = (date: string) =>
	`${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

/** Cases per quarter before and after the measure's quarter, over equally many quarters on each side. */
export function measureEffect(
	quarters: QuarterCount[],
	measureOn: string | null,
	today: string
): Effect | null {
	if (!measureOn) return null;
	const measured = quarterOf(measureOn);
	const current = quarterOf(today);
	const after = quarterRange(measured, current).slice(1, EFFECT_QUARTERS + 1);
	// The running quarter is not complete: only quarters that have ended count as after.
	const ended = after.filter((q) => q < current);
	if (ended.length === 0) return null;
	const first = quarters[0]?.quarter ?? measured;
	const before = quarterRange(first < measured ? first : measured, measured)
		.slice(0, -1)
		.slice(-ended.length);
	if (before.length === 0) return null;
	const n = Math.min(before.length, ended.length);
	const count = (list: string[]) =>
		list.reduce((sum, q) => sum + (quarters.find((c) => c.quarter === q)?.cases ?? 0), 0);
	const b = count(before.slice(-n));
	const a = count(ended.slice(0, n));
	return { quarters: n, before: b, after: a, perQuarterBefore: b / n, perQuarterAfter: a / n };
}

/**
 * The cases of a kwestie, for a WHERE over CASE_KWESTIES with `kwestieCaseParams`: a municipality's
 * own cases, or for a national kwestie those of every municipality within the user's reach. A knelpunt
 * has the cases whose kwestie folds to its key; a structurele oplossing those with a solution label
 * that folds to its key without the `oplossing:` prefix.
 */
export const KWESTIE_CASES = `(CASE WHEN $solution THEN list_contains(list_transform(oplossing, o -> ${foldSql('o')}), $key)
		ELSE k_key = $key END)
	AND (CASE WHEN $national THEN ($reach_all OR list_contains($reach, gemeente)) ELSE gemeente = $scope END)`;

export function kwestieCaseParams(kwestie: KwestieSummary, user: SessionUser) {
	const solution = kwestie.kind === SOLUTION_KIND;
	return {
		solution,
		key: solution ? kwestie.key.slice(SOLUTION_KEY_PREFIX.length) : kwestie.key,
		scope: kwestie.scope,
		national: kwestie.scope === NATIONAL_SCOPE,
		reach_all: user.reach.all,
		reach: user.reach.all ? [] : [...user.reach.gemeenten]
	};
}

export async function kwestieDetail(
	db: Database,
	user: SessionUser,
	kwestie: KwestieSummary,
	today: string
): Promise<KwestieDetail> {
	const params = kwestieCaseParams(kwestie, user);
	const where = KWESTIE_CASES;
	const [totals, perQuarter, masks, artikelen, caseRows] = await Promise.all([
		db.one<{
			cases: number;
			gemeenten: number;
			first: string | null;
			last: string | null;
			spent: string;
			low: string;
			high: string;
		}>(
			`WITH of_kwestie AS (SELECT c.* FROM ${CASE_KWESTIES} c WHERE ${where}),
			${savingsCtes('of_kwestie', 'priced')}
			SELECT count(*)::INTEGER AS cases, count(DISTINCT gemeente)::INTEGER AS gemeenten,
				strftime(min(aangemeld_op), '%Y-%m-%d') AS first, strftime(max(aangemeld_op), '%Y-%m-%d') AS last,
				coalesce(sum(kosten_oplossing), 0)::VARCHAR AS spent, coalesce(sum(savings_low), 0)::VARCHAR AS low,
				coalesce(sum(savings_high), 0)::VARCHAR AS high
			 FROM priced`,
			params
		),
		db.all<{ quarter: string; cases: number }>(
			`SELECT strftime(aangemeld_op, '%Y') || '-Q' || quarter(aangemeld_op) AS quarter, count(*)::INTEGER AS cases
			 FROM ${CASE_KWESTIES} c WHERE ${where} GROUP BY ALL ORDER BY quarter`,
			params
		),
		db.all<{
			leefgebieden: string;
			organisaties: string;
			wetten: string;
			knelpunt: string | null;
			cases: number;
		}>(
			`SELECT leefgebieden::VARCHAR AS leefgebieden, organisaties::VARCHAR AS organisaties, wetten::VARCHAR AS wetten,
				knelpunt, cases FROM (
				SELECT leefgebieden, organisaties, wetten, knelpunt, count(*)::INTEGER AS cases
				FROM ${CASE_KWESTIES} c WHERE ${where} GROUP BY ALL)`,
			params
		),
		db.all<{ code: string; cases: number }>(
			`SELECT artikel AS code, count(*)::INTEGER AS cases
			 FROM (SELECT unnest(list_distinct(wet_artikelen)) AS artikel FROM ${CASE_KWESTIES} c WHERE ${where})
			 GROUP BY artikel ORDER BY cases DESC, artikel`,
			params
		),
		capabilities(user.role).caseLevel
			? db.all<CaseSummary & { uitkomst: string | null }>(
					`SELECT id, casus_id, gemeente, strftime(aangemeld_op, '%Y-%m-%d') AS aangemeld_op,
						strftime(afgerond_op, '%Y-%m-%d') AS afgerond_op, status, uitkomst, k_label AS kwestie, samenvatting
					 FROM ${CASE_KWESTIES} c WHERE ${where} ORDER BY aangemeld_op DESC, casus_id LIMIT 500`,
					params
				)
			: Promise.resolve(null)
	]);

	const quarters: QuarterCount[] = quarterRange(perQuarter[0]?.quarter, perQuarter.at(-1)?.quarter).map(
		(quarter) => {
			const measured = kwestie.measureOn ? quarterOf(kwestie.measureOn) : null;
			return {
				quarter,
				cases: perQuarter.find((q) => q.quarter === quarter)?.cases ?? 0,
				phase:
					measured === null ? null : quarter < measured ? 'voor' : quarter === measured ? 'maatregel' : 'na'
			};
		}
	);
	const { vocabularies, gemeenten } = reference();
	const named = (dimension: 'leefgebieden' | 'organisaties' | 'wetten') => {
		const counts = new Map<string, number>();
		for (const row of masks) {
			for (const code of vocabularies[dimension].codes(BigInt(row[dimension]))) {
				counts.set(code, (counts.get(code) ?? 0) + row.cases);
			}
		}
		return sortNamed(counts, (code) => vocabularies[dimension].get(code)?.naam ?? code);
	};
	const knelpunten = new Map<string, number>();
	for (const row of masks) {
		if (row.knelpunt) knelpunten.set(row.knelpunt, (knelpunten.get(row.knelpunt) ?? 0) + row.cases);
	}
	const involved = {
		leefgebieden: named('leefgebieden'),
		organisaties: named('organisaties'),
		wetten: named('wetten'),
		artikelen: artikelen.map((a) => ({ code: a.code, naam: a.code, cases: a.cases })),
		knelpunten: sortNamed(knelpunten, (code) => {
			const entry = vocabularies.knelpunten.get(code);
			return entry ? `${code} (${entry.detail}): ${entry.naam}` : code;
		})
	};
	const detail = {
		cases: totals?.cases ?? 0,
		gemeenten: totals?.gemeenten ?? 0,
		first: totals?.first ?? null,
		last: totals?.last ?? null,
		spent: Number(totals?.spent ?? 0),
		savingsLow: Number(totals?.low ?? 0),
		savingsHigh: Number(totals?.high ?? 0),
		quarters,
		effect: measureEffect(quarters, kwestie.measureOn, today),
		involved,
		caseList: caseRows?.map((c) => ({ ...c, gemeente: gemeenten.naam(c.gemeente) })) ?? null
	};
	return { ...detail, tables: detailTables(detail) };
}

function sortNamed(counts: Map<string, number>, naam: (code: string) => string): Named[] {
	return [...counts]
		.map(([code, cases]) => ({ code, naam: naam(code), cases }))
		.sort((a, b) => b.cases - a.cases || a.naam.localeCompare(b.naam, 'nl'));
}

const PHASE_NAMES = {
	voor: 'voor de maatregel',
	maatregel: 'kwartaal van de maatregel',
	na: 'na de maatregel'
};

function detailTables(detail: Omit<KwestieDetail, 'tables'>): DataTable[] {
	const namedTable = (id: string, caption: string, label: string, rows: Named[]): DataTable => ({
		id,
		caption,
		columns: [
			{ key: 'naam', label },
			{ key: 'casussen', label: 'Casussen', kind: 'count' }
		],
		rows: rows.map((r) => ({ naam: r.naam, casussen: r.cases }))
	});
	return [
		{
			id: 'kwestie-kwartalen',
			caption: 'Casussen van deze kwestie per kwartaal van aanmelding',
			columns: [
				{ key: 'kwartaal', label: 'Kwartaal' },
				{ key: 'casussen', label: 'Casussen', kind: 'count' },
				{ key: 'fase', label: 'Ten opzichte van de maatregel' }
			],
			rows: detail.quarters.map((q) => ({
				kwartaal: q.quarter,
				casussen: q.cases,
				fase: q.phase ? PHASE_NAMES[q.phase] : ''
			}))
		},
		namedTable('kwestie-wetten', 'Wetten die de casussen noemen', 'Wet', detail.involved.wetten),
		namedTable('kwestie-artikelen', 'Genoemde wetsartikelen', 'Artikel', detail.involved.artikelen),
		namedTable('kwestie-organisaties', 'Betrokken organisaties', 'Organisatie', detail.involved.organisaties),
		namedTable(
			'kwestie-leefgebieden',
			'Leefgebieden van de casussen',
			'Leefgebied',
			detail.involved.leefgebieden
		),
		namedTable('kwestie-knelpunten', 'Knelpunten', 'Knelpunt', detail.involved.knelpunten)
	];
}
