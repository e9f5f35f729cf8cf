/** A group of cases' money (the kassabon of the group) in exact cents, turned into euros for the page. */
import { centsOf, euros, ratioOf, type Cents } from '$lib/domain/money';
import { EMPTY_MONEY_ROW, type MoneyRow } from './queries';

/** Euros, exact to the cent. */
export interface Range {
	low: number;
	high: number;
}

/** What a group of cases cost from the funds and what doing nothing would have cost (the kassabon). */
export interface MoneyFigures {
	cases: number;
	/** Cases with a kosten_oplossing. */
	withCost: number;
	spent: number;
	/** Cases with an estimate of the avoided costs. */
	withEstimate: number;
	/** Over every case with an estimate. */
	savings: Range;
	/** Cases with both a cost and an estimate: the base of the ratio. */
	complete: { cases: number; cost: number; savings: Range };
	/** A cost but no estimate: shown apart, never counted as zero savings. */
	withoutEstimate: { cases: number; cost: number };
	/** An estimate without a cost from a fund. */
	withoutCost: { cases: number; savings: Range };
	/** Avoided cost per euro spent over the complete cases, to one decimal; null without their cost. */
	ratio: Range | null;
}

/** The euros of a group's money row (an absent row: no cases). */
export function moneyOf(row: MoneyRow | undefined): MoneyFigures {
	const r = row ?? EMPTY_MONEY_ROW;
	const completeCost = centsOf(r.complete_cost);
	const lowRatio = ratioOf(centsOf(r.complete_low), completeCost);
	const highRatio = ratioOf(centsOf(r.complete_high), completeCost);
	const range = (low: string, high: string): Range => ({
		low: euros(centsOf(low)),
		high: euros(centsOf(high))
	});
	return {
		cases: r.cases,
		withCost: r.with_cost,
		spent: euros(centsOf(r.spent)),
		withEstimate: r.with_estimate,
		savings: range(r.low, r.high),
		complete: {
			cases: r.complete_cases,
			cost: euros(completeCost),
			savings: range(r.complete_low, r.complete_high)
		},
		withoutEstimate: { cases: r.no_estimate_cases, cost: euros(centsOf(r.no_estimate_cost)) },
		withoutCost: { cases: r.no_cost_cases, savings: range(r.no_cost_low, r.no_cost_high) },
		ratio: lowRatio === null || highRatio === null ? null : { low: lowRatio, high: highRatio }
	};
}

/** The savings of several groups' rows added in cents, in euros: the page adds nothing itself. */
export function savingsOf(rows: readonly (MoneyRow | undefined)[]): Range {
	const sum = (pick: (r: MoneyRow) => string): Cents =>
		rows.reduce((acc, r) => acc + (r ? centsOf(pick(r)) : 0n), 0n);
	return { low: euros(sum((r) => r.low)), high: euros(sum((r) => r.high)) };
}

export const MONITORING_STATES = ['duurzaam', 'terugval', 'onbekend', 'niet_gemonitord'] as const;
export type MonitoringState = (typeof MONITORING_STATES)[number];

export const MONITORING_LABELS: Record<MonitoringState, string> = {
	duurzaam: 'Duurzaam (hield stand)',
	terugval: 'Terugval',
	onbekend: 'Onbekend',
	niet_gemonitord: 'Nog niet gemonitord'
};
