/** The choices of the Verkennen page (measure, dimension, split): fixed lists, read from the URL through a whitelist and written back to it. */
import { filterQuery, type CaseFilter } from './filters';

/** What is counted or measured per group. */
export const MEASURES = ['casussen', 'uitgaven', 'besparing', 'doorlooptijd', 'antwoordtijd'] as const;
export type MeasureId = (typeof MEASURES)[number];

export const MEASURE_LABELS: Record<MeasureId, string> = {
	casussen: 'Aantal casussen',
	uitgaven: 'Uitgaven aan oplossingen',
	besparing: 'Vermeden kosten (laag en hoog)',
	doorlooptijd: 'Doorlooptijd in dagen (mediaan)',
	antwoordtijd: 'Antwoordtijd van partners in werkdagen (mediaan)'
};

/** What the cases are grouped by: the dimensions of the other pages and of `/api/v1/counts`. */
export const DIMENSIONS = [
	'leefgebied',
	'organisatie',
	'ministerie',
	'wet',
	'knelpunt',
	'knelpunt_niveau',
	'escalatie',
	'afloop',
	'status',
	'besluit_door',
	'instrument',
	'binnen_kaders',
	'vier_ogen',
	'gemeente',
	'jaar',
	'kwartaal'
] as const;
export type DimensionId = (typeof DIMENSIONS)[number];

export const DIMENSION_LABELS: Record<DimensionId, string> = {
	leefgebied: 'Leefgebied',
	organisatie: 'Organisatie',
	ministerie: 'Ministerie',
	wet: 'Wet',
	knelpunt: 'Knelpunt',
	knelpunt_niveau: 'Niveau van het knelpunt',
	escalatie: 'Hoogste escalatietrede',
	afloop: 'Afloop',
	status: 'Status',
	besluit_door: 'Besluit door',
	instrument: 'Instrument',
	binnen_kaders: 'Binnen de kaders',
	vier_ogen: 'Vier ogen',
	gemeente: 'Gemeente',
	jaar: 'Jaar van aanmelding',
	kwartaal: 'Kwartaal van aanmelding'
};

/** Dimensions in time: drawn as lines, with the periods between the first and the last filled in. */
export const TIME_DIMENSIONS: readonly DimensionId[] = ['jaar', 'kwartaal'];

/** Dimensions of which a case may carry several values: it counts under each. */
export const MULTI_DIMENSIONS: readonly DimensionId[] = [
	'leefgebied',
	'organisatie',
	'ministerie',
	'wet',
	'instrument'
];

export interface ExploreChoice {
	measure: MeasureId;
	dimension: DimensionId;
	/** A second dimension each group is split by; never the dimension itself. */
	split: DimensionId | null;
}

/** What the page draws before the user picks anything. */
export const DEFAULT_CHOICE: ExploreChoice = { measure: 'casussen', dimension: 'leefgebied', split: null };

/** The URL's names of the choice. */
export const CHOICE_KEYS = { measure: 'maat', dimension: 'dimensie', split: 'uitsplitsing' } as const;

export type ChoiceResult =
	{ ok: true; choice: ExploreChoice } | { ok: false; field: string; message: string };

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
	(list as readonly string[]).includes(value);

/**
 * Reads `maat`, `dimensie` and `uitsplitsing`: absent or empty is the default, a value outside the
 * fixed lists is refused with a Dutch message. A split equal to the dimension is no split.
 */
export function parseChoice(params: URLSearchParams): ChoiceResult {
	const text = (key: string) => params.get(key)?.trim() || null;
	const measure = text(CHOICE_KEYS.measure) ?? DEFAULT_CHOICE.measure;
	if (!isOneOf(MEASURES, measure)) {
		return { ok: false, field: CHOICE_KEYS.measure, message: `maat is een van: ${MEASURES.join(', ')}.` };
	}
	const dimension = text(CHOICE_KEYS.dimension) ?? DEFAULT_CHOICE.dimension;
	if (!isOneOf(DIMENSIONS, dimension)) {
		return {
			ok: false,
			field: CHOICE_KEYS.dimension,
			message: `dimensie is een van: ${DIMENSIONS.join(', ')}.`
		};
	}
	const split = text(CHOICE_KEYS.split);
	if (split !== null && !isOneOf(DIMENSIONS, split)) {
		return {
			ok: false,
			field: CHOICE_KEYS.split,
			message: `uitsplitsing is leeg of een van: ${DIMENSIONS.join(', ')}.`
		};
	}
	return { ok: true, choice: { measure, dimension, split: split === dimension ? null : split } };
}

/** The choice as URL parameters, always all of them, so that a saved link keeps meaning the same. */
export function choiceParams(choice: ExploreChoice): Record<string, string> {
	return {
		[CHOICE_KEYS.measure]: choice.measure,
		[CHOICE_KEYS.dimension]: choice.dimension,
		...(choice.split ? { [CHOICE_KEYS.split]: choice.split } : {})
	};
}

/** The whole query of a choice and its filter, re-serialised from parsed values only: `maat=…&dimensie=…&from=…`. */
export function exploreQuery(choice: ExploreChoice, filter: CaseFilter): string {
	const params = new URLSearchParams(choiceParams(choice));
	for (const [key, value] of new URLSearchParams(filterQuery(filter))) params.set(key, value);
	return params.toString();
}

/** Lower-case for inside a sentence, keeping abbreviations. */
const inSentence = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);

/** What each measure shows per group, as the start of the reading help. */
const MEASURE_READING: Record<MeasureId, string> = {
	casussen: 'het aantal casussen',
	uitgaven: 'wat de oplossingen kostten, opgeteld in euro',
	besparing: 'de vermeden kosten volgens de kassabon, van de lage tot de hoge schatting',
	doorlooptijd: 'de mediaan van de dagen van aanmelding tot afronding van afgeronde casussen',
	antwoordtijd: 'de mediaan van de werkdagen waarin partners een vraag beantwoordden'
};

/** One sentence of reading help (two where a case may count more than once): what the chart and its table show. */
export function describeChoice(choice: ExploreChoice): string {
	const per = inSentence(DIMENSION_LABELS[choice.dimension]);
	const split = choice.split ? `, uitgesplitst naar ${inSentence(DIMENSION_LABELS[choice.split])}` : '';
	const multi = [choice.dimension, choice.split].some((d) => d !== null && MULTI_DIMENSIONS.includes(d));
	const note = multi
		? ' Een casus met meer dan één waarde telt bij elk daarvan mee; de laatste rij van de tabel telt hem één keer.'
		: '';
	return `Per ${per}${split}: ${MEASURE_READING[choice.measure]}, voor de casussen die de filters selecteren.${note}`;
}
