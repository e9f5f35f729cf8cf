/** The college's period report as data: the figures a report holds, stored as JSON when it is saved and shown as the page and the PDF. */
import type { KwestieStatus } from './kwesties';
import type { DataTable } from './table';

/** The counts of the interfaces' `GET /api/v1/report`, exactly these four. */
export interface PeriodCounts {
	/** Cases whose aangemeld_op lies in the period. */
	in: number;
	/** Closed in the period as opgelost or deels_opgelost (by afgerond_op, else aangemeld_op). */
	solved: number;
	/** Cases open at the period's end. */
	open: number;
	/** Closed in the period as ingetrokken. */
	withdrawn: number;
}

/** A period as the report names it. */
export interface PeriodRef {
	period: string;
	from: string;
	to: string;
	/** `derde kwartaal 2025`. */
	name: string;
}

/** One period's figures, for the comparison with the period before and a year before. */
export interface PeriodFigures extends PeriodRef {
	cases: PeriodCounts;
	/** Afgerond in the period but not (partly) solved: niet_opgelost or without outcome. */
	notSolved: number;
	/** Cases afgerond in the period with an afgerond_op, and their median days from aangemeld_op. */
	lead: { cases: number; median: number | null };
}

export interface StepFigures {
	/** Escalatie code; null for cases without a step. */
	step: string | null;
	/** `3. Lokale doorbraaktafel`. */
	label: string;
	in: number;
	solved: number;
	withdrawn: number;
	open: number;
	/** Median days to afronding of the step's cases afgerond in the period. */
	medianLead: number | null;
}

export interface LabelCount {
	code: string;
	naam: string;
	cases: number;
}

export const MONITORING_STATES = ['duurzaam', 'terugval', 'onbekend'] as const;
export type MonitoringState = (typeof MONITORING_STATES)[number];

export const MONITORING_NAMES: Record<MonitoringState, string> = {
	duurzaam: 'Duurzaam opgelost',
	terugval: 'Terugval',
	onbekend: 'Onbekend'
};

export interface MonitoringFigures {
	state: MonitoringState;
	label: string;
	cases: number;
	spent: number;
	savingsLow: number;
	savingsHigh: number;
}

export interface SignalFigures {
	kwestie: string;
	cases: number;
	first: string;
	last: string;
	/** Names of the municipalities whose cases make the signal. */
	gemeenten: string[];
	/** The least advanced status over those municipalities' kwesties. */
	status: KwestieStatus;
	/** Each municipality's measure, where one was taken. */
	measures: { gemeente: string; measure: string; measureOn: string | null }[];
}

export interface KwestieFigures {
	id: number;
	gemeente: string;
	label: string;
	status: KwestieStatus;
	agenda: string | null;
	measure: string | null;
	measureOn: string | null;
}

/** One partner in one calendar year of the settlement proposal (verrekenvoorstel). */
export interface SettlementRow {
	/** An organisation code of baten_bij. */
	party: string;
	label: string;
	year: number;
	/** Cases with an estimate that name the partner in baten_bij. */
	cases: number;
	/** Its even share of those cases' avoided costs, in euros. */
	benefit: { low: number; high: number };
	contributed: number;
	/** Benefit minus contributed, low and high: above zero, the partner gained more than it paid in. */
	difference: { low: number; high: number };
	/** What the college could propose, in words. */
	proposal: string;
}

export interface PeriodReport {
	/** Format of the stored figures; a saved report of another version is shown as it was stored. */
	version: 1;
	period: string;
	from: string;
	to: string;
	name: string;
	/** Whom the report covers. */
	scope: {
		/** The municipality chosen, or null for the whole reach. */
		gemeente: string | null;
		/** CBS codes covered; null for every municipality. */
		gemeenten: string[] | null;
		/** `Leeuwarden`, `3 gemeenten: A, B en C`, `alle gemeenten`. */
		label: string;
	};
	cases: PeriodCounts;
	previous: PeriodCounts;
	spent: number;
	savingsLow: number;
	savingsHigh: number;
	/** Signals (kwesties at or over the threshold) at the period's end. */
	signals: number;
	comparison: { current: PeriodFigures; previous: PeriodFigures; yearBefore: PeriodFigures };
	steps: StepFigures[];
	leefgebieden: {
		cases: number;
		withLabel: number;
		labels: string[];
		names: Record<string, string>;
		/** Diagonal: cases naming that leefgebied alone. */
		matrix: number[][];
		totals: Record<string, number>;
	};
	organisaties: { cases: number; counts: (LabelCount & { soort: string })[] };
	ministeries: { cases: number; counts: LabelCount[] };
	wetten: {
		cases: number;
		withWet: number;
		wetten: LabelCount[];
		niveaus: { niveau: string; label: string; cases: number }[];
	};
	budget: {
		cases: number;
		spent: number;
		savingsLow: number;
		savingsHigh: number;
		/** Cases with a cost but without an estimate of avoided costs. */
		withoutEstimate: number;
		advanced: number;
		repaid: number;
		forgiven: number;
		/** Advanced - repaid - forgiven. */
		outstanding: number;
		/** Paid into the funds by partners in the year(s) the period lies in. */
		contributions: number;
		/** The settlement proposal for the period's year up to its end. */
		settlement: SettlementRow[];
		/** Per fund: its budget for the year(s) the period lies in, spent in the period and in its year up to the period's end. */
		funds: { fund: string; budget: number | null; spent: number; spentYearToDate: number; cases: number }[];
		benefitsBy: { party: string; naam: string; savingsLow: number; savingsHigh: number }[];
	};
	/** Follow-ups 6 to 12 months after the solution recorded in the period. */
	monitoring: {
		states: MonitoringFigures[];
		/** The avoided costs of the follow-ups that found the solution duurzaam. */
		realisedLow: number;
		realisedHigh: number;
	};
	signalList: { threshold: number; windowMonths: number; asOf: string; rows: SignalFigures[] };
	/** Kwesties of the scope that the kwaliteitsteam has picked up (beyond gesignaleerd), with their measure. */
	kwesties: KwestieFigures[];
	tables: DataTable[];
}

/** A period the report's figures are set against, with the words the report uses for it. */
export interface ComparedPeriod {
	figures: PeriodFigures;
	/** Beside a key figure: `periode ervoor`, `jaar eerder`, or for a year report `jaar ervoor`. */
	label: string;
	/** In a table's column header, after the period's name: `periode ervoor`, `een jaar eerder`, `jaar ervoor`. */
	column: string;
}

/**
 * What a report compares with: the period before and the same period a year earlier, or, where these
 * are the same period (a year report, whose period before IS the year before), that period once.
 * Decided on the stored figures, so a saved report reads the same way.
 */
export function comparedPeriods(comparison: PeriodReport['comparison']): ComparedPeriod[] {
	const { previous, yearBefore } = comparison;
	if (previous.period === yearBefore.period) {
		return [{ figures: previous, label: 'jaar ervoor', column: 'jaar ervoor' }];
	}
	return [
		{ figures: previous, label: 'periode ervoor', column: 'periode ervoor' },
		{ figures: yearBefore, label: 'jaar eerder', column: 'een jaar eerder' }
	];
}

/** `de periode ervoor en een jaar eerder`, or for a year report `het jaar ervoor`: what a caption says it compares with. */
export function comparedWith(periods: readonly ComparedPeriod[]): string {
	return periods.length === 1 ? 'het jaar ervoor' : 'de periode ervoor en een jaar eerder';
}
