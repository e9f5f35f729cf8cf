/** The workflow of a kwestie in the users' words: statuses, agenda targets and urgency, with their Dutch labels. */

export const KWESTIE_STATUSES = [
	'gesignaleerd',
	'in_analyse',
	'geagendeerd',
	'maatregel',
	'gemonitord',
	'afgesloten'
] as const;
export type KwestieStatus = (typeof KWESTIE_STATUSES)[number];

export const STATUS_NAMES: Record<KwestieStatus, string> = {
	gesignaleerd: 'Gesignaleerd',
	in_analyse: 'In analyse',
	geagendeerd: 'Geagendeerd',
	maatregel: 'Maatregel genomen',
	gemonitord: 'Effect wordt gevolgd',
	afgesloten: 'Afgesloten'
};

export const AGENDA_TARGETS = ['beleid', 'bestuur', 'landelijk'] as const;
export type AgendaTarget = (typeof AGENDA_TARGETS)[number];

export const AGENDA_NAMES: Record<AgendaTarget, string> = {
	beleid: 'Beleid (beleidsregels aanpassen)',
	bestuur: 'Bestuur (college of directie)',
	landelijk: 'Landelijk programma (Maatwerkloket)'
};

export const URGENCIES = ['laag', 'middel', 'hoog'] as const;
export type Urgency = (typeof URGENCIES)[number];

export function isStatus(value: string): value is KwestieStatus {
	return (KWESTIE_STATUSES as readonly string[]).includes(value);
}

/**
 * A recurring problem (knelpunt), or a recurring solution proposed as a standing mandate or beleidsregel
 * (structurele_oplossing, key `oplossing:` + the folded solution label). Both follow the same workflow.
 */
export const KWESTIE_KINDS = ['knelpunt', 'structurele_oplossing'] as const;
export type KwestieKind = (typeof KWESTIE_KINDS)[number];

export const KIND_NAMES: Record<KwestieKind, string> = {
	knelpunt: 'Knelpunt: een probleem dat terugkomt',
	structurele_oplossing: 'Structurele oplossing: voorstel voor een vast mandaat of beleidsregel'
};

/** A kwestie as lists show it. */
export interface KwestieSummary {
	id: number;
	/** GMxxxx, or `landelijk` for the national programme's own kwesties. */
	scope: string;
	key: string;
	label: string;
	kind: KwestieKind;
	status: KwestieStatus;
	owner: string | null;
	urgency: Urgency | null;
	agenda: AgendaTarget | null;
	rule: string | null;
	measure: string | null;
	measureOn: string | null;
	updatedAt: string;
}

/** One signal of the "drie keer is structureel" list. */
export interface SignalRow {
	kwestie: string;
	key: string;
	cases: number;
	first: string;
	last: string;
	gemeenten: number;
	status: KwestieStatus;
}

/** A signal as the list shows it, with each municipality's kwestie page where the user may open it. */
export interface SignalListRow {
	kwestie: string;
	key: string;
	/** `geheim` where disclosure control hides it (landelijk). */
	cases: number | 'geheim';
	/** `YYYY-MM-DD`, or `YYYY-MM` for roles without case access. */
	first: string;
	last: string;
	status: KwestieStatus;
	isNew: boolean;
	/** Each municipality's own kwestie page, where the user may open it. */
	kwesties: { gemeente: string; naam: string; id: number | null }[];
	leefgebieden: string[];
	wetten: string[];
	organisaties: string[];
}

/** A recurring solution as the list on /signalen shows it. */
export interface SolutionListRow {
	/** The label as most of its cases write it. */
	oplossing: string;
	/** The folded label the cases are grouped on. */
	key: string;
	/** `geheim` where disclosure control hides it (landelijk). */
	cases: number | 'geheim';
	gemeenten: number;
	/** `YYYY-MM-DD`, or `YYYY-MM` for roles without case access. */
	first: string;
	last: string;
	/** Instrument names, in vocabulary order. */
	instrumenten: string[];
	outsideKaders: number | 'geheim';
	/**
	 * Per municipality of the user's reach: its structural-solution kwestie where one exists and the user
	 * may read it, and whether the user may open one.
	 */
	kwesties: { gemeente: string; naam: string; id: number | null; mayOpen: boolean }[];
}

/** A note of the kwaliteitsteam or a comment of beleid. */
export interface KwestieNote {
	writtenAt: string;
	author: string;
	role: string;
	text: string;
}

/** One changed field of a kwestie: who, when, from what to what. */
export interface KwestieChangeRecord {
	changedAt: string;
	actor: string;
	field: string;
	oldValue: string | null;
	newValue: string | null;
}

export interface SuggestionCase {
	id: number;
	source: string;
	casus_id: string;
	aangemeld_op: string;
	/** The effective kwestie: the confirmed link, else the imported label. */
	k_label: string | null;
	samenvatting: string | null;
}

export type SuggestionReason = 'regel' | 'tekst';

export interface Suggestion {
	/** sha256 of the gemeente and the cases' sorted natural keys: the same cases give the same fingerprint. */
	fingerprint: string;
	gemeente: string;
	reason: SuggestionReason;
	/** Why these cases belong together, in Dutch. */
	explanation: string;
	/** 1 for a rule match; the mean cosine of the similar pairs for a text match. */
	score: number;
	cases: SuggestionCase[];
	/** The distinct effective kwesties among the cases, most frequent first. */
	labels: string[];
	/** The most frequent existing label, or empty when none of the cases has one. */
	proposedLabel: string;
}
