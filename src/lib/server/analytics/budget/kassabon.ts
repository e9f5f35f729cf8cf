/** Case-level money for roles with case-level reach: the costliest cases of a selection and one case's kassabon (audited). */
import type { CaseFilter } from '$lib/domain/filters';
import { capabilities, reaches, type SessionUser } from '$lib/domain/roles';
import {
	centsOf,
	decimalCents,
	euros,
	eurosOf,
	ratioOf,
	splitEvenly,
	type CentsRange
} from '$lib/domain/money';
import type { Database } from '../../db';
import { audit } from '../../audit';
import { costTable } from '../../costs';
import { reference } from '../../reference';
import { scopeParams } from '../filter';
import { MONITORING_LABELS, type MonitoringState, type Range } from './figures';
import { partiesOf, partyLabel } from './parties';
import { caseSavings, pricePosts, type CasePost, type CostEntry, type SavingsSource } from './posts';
import { FUND_KEY, SCOPED } from './queries';

/** A case as the list of the largest costs shows it, for roles with case-level reach. */
export interface CostlyCase {
	id: number;
	casusId: string;
	gemeente: string;
	aangemeldOp: string;
	fund: string | null;
	cost: number;
	savings: Range | null;
	monitoring: string | null;
}

/** The cases of the selection that cost most, for roles with case-level reach only (null otherwise). */
export async function costliestCases(
	db: Database,
	user: SessionUser,
	filter: CaseFilter,
	limit = 10
): Promise<CostlyCase[] | null> {
	if (!capabilities(user.role).caseLevel) return null;
	const rows = await db.all<{
		id: number;
		casus_id: string;
		gemeente: string;
		aangemeld_op: string;
		fonds: string | null;
		cost_text: string;
		low_text: string | null;
		high_text: string | null;
		monitoring: string | null;
	}>(
		`WITH ${SCOPED}
		SELECT id, casus_id, gemeente, strftime(aangemeld_op, '%Y-%m-%d') AS aangemeld_op, fonds,
			cost::VARCHAR AS cost_text, low::VARCHAR AS low_text, high::VARCHAR AS high_text, monitoring
		FROM scoped
		WHERE cost IS NOT NULL
		ORDER BY scoped.cost DESC, scoped.aangemeld_op DESC, id
		LIMIT $limit`,
		{ ...scopeParams(user.reach, filter), limit }
	);
	return rows.map((r) => ({
		id: r.id,
		casusId: r.casus_id,
		gemeente: reference().gemeenten.naam(r.gemeente),
		aangemeldOp: r.aangemeld_op,
		fund: r.fonds,
		cost: euros(centsOf(r.cost_text)),
		savings:
			r.low_text === null ? null : { low: euros(centsOf(r.low_text)), high: euros(centsOf(r.high_text)) },
		monitoring: r.monitoring
	}));
}

/** One case's kassabon: what it cost, what it avoided and where, how it held up, and its advance. */
export interface CaseKassabon {
	id: number;
	casusId: string;
	gemeente: string;
	gemeenteNaam: string;
	route: string | null;
	aangemeldOp: string;
	afgerondOp: string | null;
	status: string;
	uitkomst: string | null;
	kwestie: string | null;
	samenvatting: string | null;
	oplossing: string[];
	fund: string | null;
	cost: number | null;
	/** The explicit besparing where the export gave it, else the total of the priced posts. */
	savings: Range | null;
	/** Where `savings` comes from: `opgegeven` (besparing_laag/hoog), `posten` (geschat uit de posten) or null. */
	savingsSource: SavingsSource;
	ratio: Range | null;
	/** Each post of vermeden_posten priced at the municipality's current cost table; null amounts: not in the table. */
	posts: KassabonPost[];
	/** The sum over the priced posts; null when no post is priced. */
	postsTotal: Range | null;
	/** The explicit besparing differs from the posts' total: the explicit amounts count, this is the warning. */
	postsDifference: { explicit: Range; posts: Range } | null;
	/** The even split of the estimate over baten_bij (onbekend where none is named), rounded to cents per party. */
	parties: { party: string; label: string; savings: Range }[];
	monitoring: MonitoringState | null;
	monitoringLabel: string;
	monitoringOp: string | null;
	/** The fund's budget in the case's year of aangemeld_op, and what all its cases spent that year. */
	fundYear: { year: number; budget: number | null; spent: number } | null;
	advance: {
		advanced: number;
		repaid: number;
		/** Only where the export gave kwijtgescholden. */
		forgiven?: number;
		/** advanced - repaid - forgiven. */
		outstanding: number;
		from: string | null;
		fromLabel: string;
	} | null;
}

/** A post of the case's kassabon, in euros. */
export interface KassabonPost {
	post: string;
	aantal: number;
	unit: string | null;
	bron: string | null;
	perUnit: Range | null;
	total: Range | null;
}

interface KassabonRow {
	id: number;
	casus_id: string;
	gemeente: string;
	route: string | null;
	aangemeld_op: string;
	afgerond_op: string | null;
	status: string;
	uitkomst: string | null;
	kwestie: string | null;
	samenvatting: string | null;
	oplossing: string[];
	fonds: string | null;
	fund_key: string | null;
	year: number;
	cost: string | null;
	low: string | null;
	high: string | null;
	baten_bij: string;
	monitoring: MonitoringState | null;
	monitoring_op: string | null;
	voorgeschoten: string | null;
	terugbetaald: string | null;
	terug_van: string | null;
	kwijtgescholden: string | null;
	/** vermeden_posten as JSON: [{"post": …, "aantal": …}]. */
	posten: string;
	fund_budget: string | null;
	fund_spent: string | null;
}

const KASSABON_SQL = `WITH the_case AS (
		SELECT *, CASE WHEN fonds IS NOT NULL THEN ${FUND_KEY} END AS fund_key, year(aangemeld_op)::INTEGER AS year
		FROM cases WHERE id = $id AND ($reach_all OR list_contains($reach, gemeente))
	)
	SELECT id, casus_id, gemeente, route, strftime(aangemeld_op, '%Y-%m-%d') AS aangemeld_op,
		strftime(afgerond_op, '%Y-%m-%d') AS afgerond_op, status, uitkomst, kwestie, samenvatting, oplossing,
		fonds, fund_key, year, kosten_oplossing::VARCHAR AS cost,
		coalesce(besparing_laag, besparing_hoog)::VARCHAR AS low, coalesce(besparing_hoog, besparing_laag)::VARCHAR AS high,
		baten_bij::VARCHAR AS baten_bij, monitoring, strftime(monitoring_op, '%Y-%m-%d') AS monitoring_op,
		voorgeschoten::VARCHAR AS voorgeschoten, terugbetaald::VARCHAR AS terugbetaald, terug_van,
		kwijtgescholden::VARCHAR AS kwijtgescholden, to_json(coalesce(vermeden_posten, []))::VARCHAR AS posten,
		(SELECT sum(budget) FROM funds f WHERE f.gemeente = t.gemeente AND f.name_key = t.fund_key AND f.year = t.year)::VARCHAR
			AS fund_budget,
		(SELECT sum(kosten_oplossing) FROM cases c
			WHERE c.gemeente = t.gemeente AND c.fonds IS NOT NULL
			  AND lower(trim(regexp_replace(strip_accents(c.fonds), '\\s+', ' ', 'g'))) = t.fund_key
			  AND year(c.aangemeld_op) = t.year)::VARCHAR AS fund_spent
	FROM the_case t`;

/**
 * The kassabon of one case (cases.id) for a role with case-level reach within its reach; null
 * otherwise, so that a page answers 404 and never tells whether the case exists. Every viewing,
 * and every refusal, is written to the audit log.
 */
export async function caseKassabon(
	db: Database,
	user: SessionUser,
	id: number,
	origin: string | null = null
): Promise<CaseKassabon | null> {
	const caseLevel = capabilities(user.role).caseLevel;
	const row =
		caseLevel && Number.isSafeInteger(id) && id > 0
			? await db.one<KassabonRow>(KASSABON_SQL, {
					id,
					reach_all: user.reach.all,
					reach: user.reach.all ? [] : [...user.reach.gemeenten]
				})
			: undefined;
	const visible = row !== undefined && reaches(user.reach, row.gemeente);
	await audit(db, {
		actor: user.email,
		action: 'kassabon bekijken',
		object: visible ? `${row.gemeente} ${row.casus_id} (casus ${id})` : `casus ${id}`,
		result: visible ? 'ok' : 'geweigerd',
		origin
	});
	if (!visible) return null;
	const posts = JSON.parse(row.posten) as CasePost[];
	const table = posts.length ? await costTable(db, { all: false, gemeenten: [row.gemeente] }) : [];
	return kassabonOf(row, posts, table);
}

const eurosOrNull = (range: CentsRange | null): Range | null => (range ? eurosOf(range) : null);

function kassabonOf(row: KassabonRow, casePosts: CasePost[], table: CostEntry[]): CaseKassabon {
	const cost = decimalCents(row.cost);
	const low = decimalCents(row.low);
	const high = decimalCents(row.high);
	const pricing = pricePosts(casePosts, table);
	const { savings, source, difference } = caseSavings(
		low === null || high === null ? null : { low, high },
		pricing.total
	);
	const parties =
		savings === null
			? []
			: splitEvenly([{ mask: BigInt(row.baten_bij), ...savings }], partiesOf).map((s) => ({
					party: s.party,
					label: partyLabel(s.party),
					savings: eurosOf(s.savings)
				}));
	const advanced = decimalCents(row.voorgeschoten);
	const repaid = decimalCents(row.terugbetaald) ?? 0n;
	const forgiven = decimalCents(row.kwijtgescholden);
	const budget = decimalCents(row.fund_budget);
	return {
		id: row.id,
		casusId: row.casus_id,
		gemeente: row.gemeente,
		gemeenteNaam: reference().gemeenten.naam(row.gemeente),
		route: row.route,
		aangemeldOp: row.aangemeld_op,
		afgerondOp: row.afgerond_op,
		status: row.status,
		uitkomst: row.uitkomst,
		kwestie: row.kwestie,
		samenvatting: row.samenvatting,
		oplossing: row.oplossing,
		fund: row.fonds,
		cost: cost === null ? null : euros(cost),
		savings: eurosOrNull(savings),
		savingsSource: source,
		ratio:
			cost === null || savings === null || cost <= 0n
				? null
				: { low: ratioOf(savings.low, cost)!, high: ratioOf(savings.high, cost)! },
		posts: pricing.posts.map((p) => ({
			post: p.post,
			aantal: p.aantal,
			unit: p.unit,
			bron: p.bron,
			perUnit: eurosOrNull(p.perUnit),
			total: eurosOrNull(p.total)
		})),
		postsTotal: eurosOrNull(pricing.total),
		postsDifference: difference && {
			explicit: eurosOf(difference.explicit),
			posts: eurosOf(difference.posts)
		},
		parties,
		monitoring: row.monitoring,
		monitoringLabel: MONITORING_LABELS[row.monitoring ?? 'niet_gemonitord'],
		monitoringOp: row.monitoring_op,
		fundYear:
			row.fund_key === null
				? null
				: {
						year: row.year,
						budget: budget === null ? null : euros(budget),
						spent: euros(centsOf(row.fund_spent))
					},
		advance:
			advanced === null
				? null
				: {
						advanced: euros(advanced),
						repaid: euros(repaid),
						...(forgiven === null ? {} : { forgiven: euros(forgiven) }),
						outstanding: euros(advanced - repaid - (forgiven ?? 0n)),
						from: row.terug_van,
						fromLabel: partyLabel(row.terug_van)
					}
	};
}
