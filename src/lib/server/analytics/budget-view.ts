/** The budget view: funds against spend and its projection, the kassabon of avoided costs, who benefits, what monitoring saw and advances; its money comes from the one summary (`summarize`) the API, the report and the package use. */
import type { CaseFilter } from '$lib/domain/filters';
import { centsOf, euros, mulDivRound } from '$lib/domain/money';
import type { Reach } from '$lib/domain/roles';
import type { DataTable } from '$lib/domain/table';
import type { Database } from '../db';
import { inEuros, summarize, type BudgetSummary, type MoneySummary } from './budget';
import {
	MONITORING_LABELS,
	MONITORING_STATES,
	moneyOf,
	savingsOf,
	type MoneyFigures,
	type MonitoringState,
	type Range
} from './budget/figures';
import { currentYearOf, fundsOf, type FundFigures } from './budget/fund-figures';
import { partiesOf, partyLabel, splitRows } from './budget/parties';
import { moneyRows, type AdvanceRow, type BenefitRow } from './budget/queries';
import { budgetTables } from './budget/tables';
import { settlementProposal, type SettlementRow } from './budget/settlement';

/*
 * Money stays exact: DuckDB sums DECIMAL(18, 2) columns, the sums travel as text, `centsOf` turns
 * each into integer cents once, JavaScript only adds and divides BigInt cents, and `euros` makes the
 * final number for the page. Amounts count on the case's aangemeld_op, as every filter does: the
 * export has no payment date.
 */

export type { FundFigures, FundMonth, FundYear } from './budget/fund-figures';
export type { MoneyFigures, MonitoringState, Range } from './budget/figures';

export interface PartyFigures {
	party: string;
	label: string;
	/** Cases with an estimate that name this party (or none, for onbekend). */
	cases: number;
	savings: Range;
}

export interface QuarterBenefits {
	/** `2025-Q3`, by aangemeld_op. */
	quarter: string;
	parties: { party: string; savings: Range }[];
}

export interface MonitoringFigures {
	state: MonitoringState;
	label: string;
	money: MoneyFigures;
}

export interface AdvanceFigures {
	/** `inwoner`, an organisation code, or null where the export did not say. */
	from: string | null;
	label: string;
	cases: number;
	advanced: number;
	repaid: number;
	/** Forgiven (kwijtgescholden), for instance half an advance when a diploma is obtained. */
	forgiven: number;
	/** Advanced - repaid - forgiven. */
	outstanding: number;
	/** Cases with something still to pay back, and the day the oldest of them started to wait (`YYYY-MM-DD`). */
	openCases: number;
	oldest: string | null;
	/** What is outstanding by its age (from closing, or registration while open): under half a year, up to a year, longer. */
	byAge: { young: number; half: number; old: number };
}

/** The four figures a policy maker asks for first, in euros exact to the cent. */
export interface LeadFigures {
	spent: number;
	/** The budgets and contributions of the years the selection touches; null where none was set. */
	available: number | null;
	/** Spent as a percentage of available, to one decimal. */
	spentShare: number | null;
	/** The current year's spend projected to 31 December, against that year's budgets and contributions. */
	projection: { year: number; projected: number; available: number | null } | null;
	savings: Range;
	/** Advanced - repaid - forgiven, and since when the oldest of it waits. */
	outstanding: number;
	oldestOutstanding: string | null;
}

export interface BudgetView {
	/** The day "year to date" and the projection are counted on, `YYYY-MM-DD` (Europe/Amsterdam). */
	asOf: string;
	currentYear: number;
	/** Every case of the selection, with and without money. */
	total: MoneyFigures;
	lead: LeadFigures;
	/** The selection's money exactly as `GET /api/v1/budget`, the college report and the national package take it. */
	summary: BudgetSummary;
	/** Per fund of a municipality, spend recorded without a fund last (key null). */
	funds: FundFigures[];
	/** Every party's share of the avoided costs, split evenly over each case's baten_bij. */
	parties: PartyFigures[];
	/** The same split per quarter of aangemeld_op, quarters without savings included, oldest first. */
	quarters: QuarterBenefits[];
	/** Cases with a cost or an estimate, per state of the monitoring 6 to 12 months after the solution. */
	monitoring: MonitoringFigures[];
	/** The savings of cases whose monitoring is unknown or not done yet, added in cents. */
	unconfirmed: Range;
	/** Per party that pays back; empty where no case holds an advance. */
	advances: AdvanceFigures[];
	advancesTotal: AdvanceFigures | null;
	/** Per partner and year: the avoided costs that fell to it against what it paid into the funds. */
	settlement: SettlementRow[];
	tables: DataTable[];
}

/** Every `YYYY-Qn` from the first to the last, both included. */
function quartersBetween(first: string, last: string): string[] {
	const index = (quarter: string) => {
		const [y, q] = quarter.split('-Q').map(Number);
		return y * 4 + q - 1;
	};
	const quarters: string[] = [];
	for (let i = index(first); i <= index(last); i++) quarters.push(`${Math.floor(i / 4)}-Q${(i % 4) + 1}`);
	return quarters;
}

/** Each party's share overall (the summary's benefitsBy, with its cases) and per quarter. */
function benefitsOf(
	rows: BenefitRow[],
	summary: BudgetSummary
): { parties: PartyFigures[]; quarters: QuarterBenefits[] } {
	const caseCounts = new Map<string, number>();
	for (const r of rows.filter((r) => r.g_quarter === 1))
		for (const party of partiesOf(BigInt(r.mask)))
			caseCounts.set(party, (caseCounts.get(party) ?? 0) + r.cases);
	const parties = summary.benefitsBy.map((b) => ({
		party: b.party,
		label: partyLabel(b.party),
		cases: caseCounts.get(b.party) ?? 0,
		savings: { low: b.savingsLow, high: b.savingsHigh }
	}));

	const perQuarter = rows.filter((r) => r.g_quarter === 0);
	const seen = [...new Set(perQuarter.map((r) => r.quarter!))].sort();
	const quarters =
		seen.length === 0
			? []
			: quartersBetween(seen[0], seen.at(-1)!).map((quarter) => {
					const shares = new Map(
						splitRows(perQuarter.filter((r) => r.quarter === quarter)).map((s) => [s.party, s.savings])
					);
					return {
						quarter,
						parties: parties.map((p) => {
							const share = shares.get(p.party);
							return {
								party: p.party,
								savings: share ? { low: euros(share.low), high: euros(share.high) } : { low: 0, high: 0 }
							};
						})
					};
				});
	return { parties, quarters };
}

function advancesOf(rows: AdvanceRow[]): { advances: AdvanceFigures[]; total: AdvanceFigures | null } {
	const figures = (r: AdvanceRow, from: string | null, label: string): AdvanceFigures => {
		const advanced = centsOf(r.advanced);
		const repaid = centsOf(r.repaid);
		const forgiven = centsOf(r.forgiven);
		return {
			from,
			label,
			cases: r.cases,
			advanced: euros(advanced),
			repaid: euros(repaid),
			forgiven: euros(forgiven),
			outstanding: euros(advanced - repaid - forgiven),
			openCases: r.open_cases,
			oldest: r.oldest,
			byAge: {
				young: euros(centsOf(r.open_young)),
				half: euros(centsOf(r.open_half)),
				old: euros(centsOf(r.open_old))
			}
		};
	};
	const totalRow = rows.find((r) => r.g === 1 && r.cases > 0);
	const advances = rows
		.filter((r) => r.g === 0)
		.map((r) => figures(r, r.terug_van, partyLabel(r.terug_van)))
		.sort((a, b) => b.advanced - a.advanced || a.label.localeCompare(b.label, 'nl'));
	return { advances, total: totalRow ? figures(totalRow, null, 'Totaal') : null };
}

function leadOf(
	s: MoneySummary,
	current: ReturnType<typeof currentYearOf>,
	advances: AdvanceFigures | null
): LeadFigures {
	const budgets = s.funds.filter((f) => f.budget !== null || f.contributions > 0n);
	const available =
		budgets.length === 0 ? null : budgets.reduce((sum, f) => sum + (f.budget ?? 0n) + f.contributions, 0n);
	return {
		spent: euros(s.spent),
		available: available === null ? null : euros(available),
		spentShare:
			available === null || available === 0n ? null : Number(mulDivRound(s.spent, 1000n, available)) / 10,
		projection: current && {
			year: current.year,
			projected: euros(current.projected),
			available: current.available === null ? null : euros(current.available)
		},
		savings: { low: euros(s.savingsLow), high: euros(s.savingsHigh) },
		outstanding: euros(s.outstanding),
		oldestOutstanding: advances?.oldest ?? null
	};
}

export async function budgetView(
	db: Database,
	reach: Reach,
	filter: CaseFilter,
	asOf: string
): Promise<BudgetView> {
	const [rows, settlement] = await Promise.all([
		moneyRows(db, reach, filter, { asOf }),
		settlementProposal(db, reach, filter)
	]);
	const exact = summarize(rows);
	const summary = inEuros(exact);
	const monitoringRows = rows.money.filter((r) => r.g_monitoring === 0);
	const monitoringRow = (state: MonitoringState) => monitoringRows.find((r) => r.monitoring === state);
	const monitoring = MONITORING_STATES.map((state) => ({
		state,
		label: MONITORING_LABELS[state],
		money: moneyOf(monitoringRow(state))
	}));
	const { parties, quarters } = benefitsOf(rows.benefits, summary);
	const { advances, total: advancesTotal } = advancesOf(rows.advances);
	const view = {
		asOf,
		currentYear: Number(asOf.slice(0, 4)),
		total: moneyOf(rows.money.find((r) => r.g_fund === 1 && r.g_monitoring === 1)),
		lead: leadOf(exact, currentYearOf(rows, filter, asOf), advancesTotal),
		summary,
		funds: fundsOf(rows, filter, asOf),
		parties,
		quarters,
		monitoring,
		unconfirmed: savingsOf([monitoringRow('onbekend'), monitoringRow('niet_gemonitord')]),
		advances,
		advancesTotal,
		settlement
	};
	return { ...view, tables: budgetTables(view) };
}
