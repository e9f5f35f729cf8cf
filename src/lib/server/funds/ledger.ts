/** The fund ledger per municipality, fund and year: budget, contributions per funder, repaid advances, spending and the balance, exact to the cent. */
import { centsOf, decimalCents, euros, mulDivRound, type Cents } from '$lib/domain/money';
import type { Reach } from '$lib/domain/roles';
import type { DataTable } from '$lib/domain/table';
import { FUND_KEY } from '../analytics/budget/queries';
import { partyLabel } from '../analytics/budget/parties';
import type { Database } from '../db';
import { reference } from '../reference';
import type { RuleRow } from './rules';

/** One funder's part of a fund's income in a year: the municipality's budget, or a partner's contributions. */
export interface FunderShare {
	/** `budget` for the municipality's own budget, else an organisation code. */
	funder: string;
	label: string;
	amount: number;
	/** Percent of the year's income (budget + contributions), to one decimal; null without income. */
	share: number | null;
}

/** One fund of a municipality in one year. */
export interface LedgerRow {
	gemeente: string;
	gemeenteNaam: string;
	/** The folded fund name. */
	key: string;
	fund: string;
	year: number;
	/** Null where no budget was set for the year. */
	budget: number | null;
	contributions: number;
	/** Advances of the year's cases paid back into the fund. */
	repaid: number;
	/** Spent by the cases registered that year. */
	spent: number;
	/** Budget + contributions + repaid - spent; null where neither a budget nor a contribution was set. */
	balance: number | null;
	/** Cases with a cost from the fund. */
	cases: number;
	funders: FunderShare[];
}

/** One entry of the ledger's contributions, as the beheer page lists (and removes) it. */
export interface ContributionEntry {
	id: number;
	gemeente: string;
	gemeenteNaam: string;
	fund: string;
	year: number;
	organisatie: string;
	label: string;
	amount: number;
	createdBy: string;
	/** ISO 8601, UTC. */
	createdAt: string;
}

const REACH = '($reach_all OR list_contains($reach, gemeente))';

const BUDGETS_SQL = `SELECT gemeente, name_key AS fund_key, year::INTEGER AS year, min(name) AS name, sum(budget)::VARCHAR AS budget
	FROM funds WHERE ${REACH} GROUP BY ALL`;

const CONTRIBUTIONS_SQL = `SELECT id, gemeente, name_key AS fund_key, name, year::INTEGER AS year, organisatie,
		amount::VARCHAR AS amount, created_by, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at
	FROM fund_contributions WHERE ${REACH} ORDER BY created_at, id`;

const SPENDING_SQL = `SELECT gemeente, ${FUND_KEY} AS fund_key, year(aangemeld_op)::INTEGER AS year, mode(fonds) AS name,
		coalesce(sum(kosten_oplossing), 0)::VARCHAR AS spent, count(kosten_oplossing)::INTEGER AS cases,
		coalesce(sum(terugbetaald), 0)::VARCHAR AS repaid
	FROM cases WHERE ${REACH} AND fonds IS NOT NULL GROUP BY ALL`;

interface Parts {
	gemeente: string;
	key: string;
	year: number;
	name: string | null;
	budget: Cents | null;
	contributions: Map<string, Cents>;
	spent: Cents;
	repaid: Cents;
	cases: number;
}

/** `part / whole` in percent to one decimal, rounded half up; null for no whole. */
const percent = (part: Cents, whole: Cents): number | null =>
	whole > 0n ? Number(mulDivRound(part, 1000n, whole)) / 10 : null;

/** Each funder's part of the income, the municipality's budget first, then partners by amount. */
function fundersOf(p: Parts): FunderShare[] {
	const income = (p.budget ?? 0n) + [...p.contributions.values()].reduce((a, b) => a + b, 0n);
	const partners = [...p.contributions]
		.map(([code, amount]) => ({ funder: code, label: partyLabel(code), amount }))
		.sort((a, b) =>
			b.amount > a.amount ? 1 : b.amount < a.amount ? -1 : a.label.localeCompare(b.label, 'nl')
		);
	const own = p.budget === null ? [] : [{ funder: 'budget', label: 'Gemeente (budget)', amount: p.budget }];
	return [...own, ...partners].map((f) => ({
		...f,
		amount: euros(f.amount),
		share: percent(f.amount, income)
	}));
}

/** The ledger and its contribution entries within the reach. */
export async function fundLedger(
	db: Database,
	reach: Reach
): Promise<{ rows: LedgerRow[]; entries: ContributionEntry[] }> {
	const params = { reach_all: reach.all, reach: reach.all ? [] : [...reach.gemeenten] };
	const [budgets, contributions, spending] = await Promise.all([
		db.all<{ gemeente: string; fund_key: string; year: number; name: string; budget: string }>(
			BUDGETS_SQL,
			params
		),
		db.all<{
			id: number;
			gemeente: string;
			fund_key: string;
			name: string;
			year: number;
			organisatie: string;
			amount: string;
			created_by: string;
			created_at: string;
		}>(CONTRIBUTIONS_SQL, params),
		db.all<{
			gemeente: string;
			fund_key: string;
			year: number;
			name: string;
			spent: string;
			cases: number;
			repaid: string;
		}>(SPENDING_SQL, params)
	]);
	const parts = new Map<string, Parts>();
	const part = (gemeente: string, key: string, year: number) => {
		const id = `${gemeente}|${key}|${year}`;
		let p = parts.get(id);
		if (!p) {
			p = {
				gemeente,
				key,
				year,
				name: null,
				budget: null,
				contributions: new Map(),
				spent: 0n,
				repaid: 0n,
				cases: 0
			};
			parts.set(id, p);
		}
		return p;
	};
	// The name as the budget sets it, else as a contribution or most cases write it.
	for (const b of budgets)
		Object.assign(part(b.gemeente, b.fund_key, b.year), { name: b.name, budget: centsOf(b.budget) });
	for (const c of contributions) {
		const p = part(c.gemeente, c.fund_key, c.year);
		p.name ??= c.name;
		p.contributions.set(c.organisatie, (p.contributions.get(c.organisatie) ?? 0n) + centsOf(c.amount));
	}
	for (const s of spending) {
		const p = part(s.gemeente, s.fund_key, s.year);
		p.name ??= s.name;
		Object.assign(p, { spent: centsOf(s.spent), repaid: centsOf(s.repaid), cases: s.cases });
	}
	const { gemeenten } = reference();
	const rows = [...parts.values()]
		.map((p): LedgerRow => {
			const contributed = [...p.contributions.values()].reduce((a, b) => a + b, 0n);
			const funded = p.budget !== null || p.contributions.size > 0;
			return {
				gemeente: p.gemeente,
				gemeenteNaam: gemeenten.naam(p.gemeente),
				key: p.key,
				fund: p.name ?? p.key,
				year: p.year,
				budget: p.budget === null ? null : euros(p.budget),
				contributions: euros(contributed),
				repaid: euros(p.repaid),
				spent: euros(p.spent),
				balance: funded ? euros((p.budget ?? 0n) + contributed + p.repaid - p.spent) : null,
				cases: p.cases,
				funders: fundersOf(p)
			};
		})
		.sort(
			(a, b) =>
				a.gemeenteNaam.localeCompare(b.gemeenteNaam, 'nl') ||
				b.year - a.year ||
				a.fund.localeCompare(b.fund, 'nl')
		);
	const entries = contributions
		.map((c) => ({
			id: c.id,
			gemeente: c.gemeente,
			gemeenteNaam: gemeenten.naam(c.gemeente),
			fund: c.name,
			year: c.year,
			organisatie: c.organisatie,
			label: partyLabel(c.organisatie),
			amount: euros(decimalCents(c.amount)!),
			createdBy: c.created_by,
			createdAt: c.created_at
		}))
		.sort((a, b) => a.gemeenteNaam.localeCompare(b.gemeenteNaam, 'nl') || b.year - a.year || a.id - b.id);
	return { rows, entries };
}

/** The ledger's tables, as the beheer page shows them and the download gives them. */
export function ledgerTables(ledger: {
	rows: LedgerRow[];
	entries: ContributionEntry[];
	rules: RuleRow[];
}): DataTable[] {
	return [
		{
			id: 'fondsen-grootboek',
			caption:
				'Grootboek per fonds en jaar: saldo = budget + bijdragen + terugbetaalde voorschotten − besteed',
			columns: [
				{ key: 'fonds', label: 'Fonds' },
				{ key: 'gemeente', label: 'Gemeente' },
				{ key: 'jaar', label: 'Jaar' },
				{ key: 'budget', label: 'Budget', kind: 'euro' },
				{ key: 'bijdragen', label: 'Bijdragen van partners', kind: 'euro' },
				{ key: 'terugbetaald', label: 'Terugbetaalde voorschotten', kind: 'euro' },
				{ key: 'besteed', label: 'Besteed', kind: 'euro' },
				{ key: 'saldo', label: 'Saldo', kind: 'euro' },
				{ key: 'casussen', label: 'Casussen met kosten', kind: 'count' }
			],
			rows: ledger.rows.map((r) => ({
				fonds: r.fund,
				gemeente: r.gemeenteNaam,
				jaar: String(r.year),
				budget: r.budget,
				bijdragen: r.contributions,
				terugbetaald: r.repaid,
				besteed: r.spent,
				saldo: r.balance,
				casussen: r.cases
			}))
		},
		{
			id: 'fondsen-financiers',
			caption:
				'Wie het fonds betaalt: het aandeel van het budget en van elke partner in de inkomsten van het jaar',
			columns: [
				{ key: 'fonds', label: 'Fonds' },
				{ key: 'gemeente', label: 'Gemeente' },
				{ key: 'jaar', label: 'Jaar' },
				{ key: 'financier', label: 'Financier' },
				{ key: 'bedrag', label: 'Bedrag', kind: 'euro' },
				{ key: 'aandeel', label: 'Aandeel (%)', kind: 'decimal' }
			],
			rows: ledger.rows.flatMap((r) =>
				r.funders.map((f) => ({
					fonds: r.fund,
					gemeente: r.gemeenteNaam,
					jaar: String(r.year),
					financier: f.label,
					bedrag: f.amount,
					aandeel: f.share
				}))
			)
		},
		{
			id: 'fondsen-bijdragen',
			caption: 'Ingevoerde bijdragen, elk als boeking',
			columns: [
				{ key: 'fonds', label: 'Fonds' },
				{ key: 'gemeente', label: 'Gemeente' },
				{ key: 'jaar', label: 'Jaar' },
				{ key: 'partij', label: 'Partij' },
				{ key: 'bedrag', label: 'Bedrag', kind: 'euro' },
				{ key: 'door', label: 'Ingevoerd door' },
				{ key: 'op', label: 'Ingevoerd op' }
			],
			rows: ledger.entries.map((e) => ({
				fonds: e.fund,
				gemeente: e.gemeenteNaam,
				jaar: String(e.year),
				partij: e.label,
				bedrag: e.amount,
				door: e.createdBy,
				op: e.createdAt
			}))
		},
		{
			id: 'fondsen-regels',
			caption: 'Regels per fonds: het maximum per casus en wie daarboven besluit',
			columns: [
				{ key: 'fonds', label: 'Fonds' },
				{ key: 'gemeente', label: 'Gemeente' },
				{ key: 'maximum', label: 'Maximum per casus', kind: 'euro' },
				{ key: 'goedkeuring', label: 'Daarboven besluit' },
				{ key: 'door', label: 'Ingesteld door' },
				{ key: 'op', label: 'Ingesteld op' }
			],
			rows: ledger.rules.map((r) => ({
				fonds: r.fund,
				gemeente: r.gemeenteNaam,
				maximum: r.maxPerCase,
				goedkeuring: r.approvalLabel,
				door: r.updatedBy,
				op: r.updatedAt
			}))
		}
	];
}
