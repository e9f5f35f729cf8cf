/**
 * The version 1.1 columns of a demo case: who decided at which level, within the kaders or not and with which
 * instrument, whether four eyes looked, the dated steps of the ladder and the questions put to partners.
 */
import { chance, intBetween, weighted, type Rng } from './random';

/** The ladder as escalatie.csv orders it (index = trede - 1). */
export const STEPS = [
	'team',
	'maatwerkcoach',
	'lokale_tafel',
	'bestuurlijk',
	'maatwerkloket',
	'let'
] as const;

/** Who decides a solution, by the highest step reached (besluitniveaus.csv). */
const DECIDERS: readonly (readonly (readonly [string, number])[])[] = [
	[
		['professional', 8],
		['teamleider', 2]
	],
	[
		['professional', 5],
		['teamleider', 4],
		['omo_functionaris', 1]
	],
	[
		['tafel', 6],
		['omo_functionaris', 3],
		['teamleider', 1],
		['management', 0.5]
	],
	[
		['portefeuillehouder', 5],
		['management', 3],
		['college', 2]
	],
	[['maatwerkloket', 1]],
	[['let', 1]]
];

/** Share of decisions within the existing rules and budgets, by step: lower on the ladder, more often within. */
const WITHIN_KADERS = [0.92, 0.85, 0.7, 0.45, 0.4, 0.3];

/** Share of decisions that a second person reviewed, by step: most at the table and above. */
const FOUR_EYES = [0.25, 0.45, 0.85, 0.9, 0.95, 0.95];

/** The instrument a solution label stands for (instrumenten.csv). */
const INSTRUMENT_OF: Readonly<Record<string, string>> = {
	voorschot: 'voorschot',
	overbruggingsprocedure: 'overbruggingsprocedure',
	kwijtschelding: 'kwijtschelding',
	urgentie: 'urgentie',
	hardheidsclausule: 'hardheidsclausule',
	'individualisering bijstandsnorm': 'afstemmingsbepaling',
	maatwerkvoorziening: 'maatwerkbepaling',
	'tarief aangevuld': 'coulance',
	spoedprocedure: 'doorzettingsmacht',
	saneringskrediet: 'voorschot'
};

/** Instruments that set a rule aside: a decision using one is outside the kaders. */
const DEVIATING = new Set([
	'hardheidsclausule',
	'afwijkingsbevoegdheid',
	'overbruggingsprocedure',
	'doorzettingsmacht'
]);

/** What a decision outside the kaders used where its solution label names no instrument. */
const OUTSIDE: readonly (readonly [string, number])[] = [
	['afwijkingsbevoegdheid', 4],
	['hardheidsclausule', 3],
	['coulance', 2],
	['time_out', 1.5],
	['doorzettingsmacht', 0.5]
];

/** Organisations asked nothing through the portal's reacties: the municipality itself and "other". */
const NOT_ASKED = new Set(['gemeente', 'anders']);
const NATIONAL = new Set(['Belastingdienst', 'IND', 'SVB', 'DUO', 'UWV', 'CAK', 'CJIB', 'CIZ']);

export interface CaseTimes {
	/** Day index of registration, and of closing (-1 while open) in the calendar. */
	day: number;
	closeDay: number;
	/** The last day of the calendar: nothing happens after it. */
	lastDay: number;
	/** Day of the week of a day index, 0 = Sunday. */
	weekday(day: number): number;
	/** The calendar's dates, written as this record writes them. */
	dates: readonly string[];
}

export interface Decision {
	besluit_door: string;
	binnen_kaders: string;
	instrument: string;
	vier_ogen: string;
}

const NO_DECISION: Decision = { besluit_door: '', binnen_kaders: '', instrument: '', vier_ogen: '' };

/** The decision on a solution (empty where nothing was decided); a few registrations leave a field out. */
export function decision(
	rng: Rng,
	step: number,
	route: string,
	labels: readonly string[],
	cost: number
): Decision {
	if (labels.length === 0) return NO_DECISION;
	let decider = weighted(rng, DECIDERS[step]);
	if (route === 'OMO-functionaris' && step === 2) decider = 'omo_functionaris';
	const instruments: string[] = [];
	for (const label of labels) {
		const instrument = INSTRUMENT_OF[label];
		if (instrument && !instruments.includes(instrument)) instruments.push(instrument);
	}
	let within = instruments.some((i) => DEVIATING.has(i)) ? false : chance(rng, WITHIN_KADERS[step]);
	if (labels[0] === 'niets doen') within = true;
	if (!within && !instruments.some((i) => DEVIATING.has(i) || i === 'coulance')) {
		instruments.push(weighted(rng, OUTSIDE));
	}
	// Money makes a second look more likely.
	const fourEyes = chance(rng, Math.min(0.98, FOUR_EYES[step] + (cost > 0 ? 0.1 : 0)));
	return {
		besluit_door: chance(rng, 0.94) ? decider : '',
		binnen_kaders: chance(rng, 0.95) ? (within ? 'ja' : 'nee') : '',
		instrument: instruments.join('|'),
		vier_ogen: chance(rng, 0.92) ? (fourEyes ? 'ja' : 'nee') : ''
	};
}

/**
 * The steps the case went through, from where it entered up to `step`, with the date it got to each: the
 * first on the day of registration, the others spread over the time the case ran, in time order.
 */
export function steps(rng: Rng, step: number, entry: number, times: CaseTimes): string {
	const first = chance(rng, 0.35) ? 0 : Math.min(entry, step);
	const reached: number[] = [first];
	for (let s = first + 1; s < step; s++) if (chance(rng, 0.7)) reached.push(s);
	if (step > first) reached.push(step);
	const end = times.closeDay >= 0 ? times.closeDay : times.lastDay;
	const span = Math.max(0, end - times.day);
	// Later steps come later: sorted fractions of the time the case ran, the last before it closed.
	const fractions = reached
		.slice(1)
		.map(() => rng() * 0.85)
		.sort((a, b) => a - b);
	const days = [times.day, ...fractions.map((f) => times.day + Math.round(f * span))];
	return reached.map((s, i) => `${STEPS[s]}@${times.dates[days[i]]}`).join('|');
}

/** The day `count` working days (Monday to Friday) after `day`. */
function addWorkingDays(day: number, count: number, weekday: (day: number) => number): number {
	let d = day;
	for (let left = count; left > 0;) {
		d++;
		const w = weekday(d);
		if (w !== 0 && w !== 6) left--;
	}
	return d;
}

/** Working days a partner takes to answer: the bellijst mostly within 1-3, national agencies often longer. */
function answerDays(rng: Rng, organisation: string): number {
	const slow = NATIONAL.has(organisation);
	const u = rng();
	if (u < 0.06) return 0;
	if (u < (slow ? 0.6 : 0.8)) return intBetween(rng, 1, 3);
	if (u < (slow ? 0.92 : 0.96)) return intBetween(rng, 4, 10);
	return intBetween(rng, 11, 30);
}

/**
 * Questions to the organisations involved (`organisatie@gevraagd/beantwoord`): asked while the case ran,
 * answered after some working days, or not yet where the answer would fall after the calendar's end or
 * after the case closed; a few are never answered.
 */
export function responses(rng: Rng, organisaties: readonly string[], times: CaseTimes): string {
	const end = times.closeDay >= 0 ? times.closeDay : times.lastDay;
	const out: string[] = [];
	for (const organisation of organisaties) {
		if (NOT_ASKED.has(organisation) || !chance(rng, NATIONAL.has(organisation) ? 0.75 : 0.55)) continue;
		const asked = Math.min(end, times.day + intBetween(rng, 0, Math.min(10, end - times.day)));
		const answered = addWorkingDays(asked, answerDays(rng, organisation), times.weekday);
		const open = answered > end || chance(rng, 0.03);
		out.push(`${organisation}@${times.dates[asked]}/${open ? '' : times.dates[answered]}`);
	}
	return out.join('|');
}
