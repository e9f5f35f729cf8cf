/** The national agenda in the users' words: the status the national programme gives a kwestie of the national signal list, with its Dutch names. */

export const AGENDA_STATUSES = ['ontvangen', 'agenda_let', 'agenda_ministerie', 'maatregel'] as const;
export type AgendaStatus = (typeof AGENDA_STATUSES)[number];

export const AGENDA_STATUS_NAMES: Record<AgendaStatus, string> = {
	ontvangen: 'Ontvangen',
	agenda_let: 'Op de agenda van het LET (Landelijk Escalatieteam)',
	agenda_ministerie: 'Op de agenda van een ministerie',
	maatregel: 'Maatregel genomen'
};

/** What the toelichting must say for a status that needs one. */
export const TOELICHTING_REQUIRED: Partial<Record<AgendaStatus, string>> = {
	agenda_ministerie: 'Noem bij "Op de agenda van een ministerie" welk ministerie.',
	maatregel: 'Beschrijf bij "Maatregel genomen" welke maatregel is genomen.'
};

/** The longest toelichting, in characters. */
export const TOELICHTING_MAX = 1000;

export function isAgendaStatus(value: string): value is AgendaStatus {
	return (AGENDA_STATUSES as readonly string[]).includes(value);
}

/** One national status of a kwestie, as a municipality sees it: no one who set it, no municipality. */
export interface AgendaStep {
	status: AgendaStatus;
	toelichting: string | null;
	/** ISO 8601, UTC. */
	setAt: string;
}

/** Where a row was set: on this installation, or read in from a national portal's agenda file. */
export type AgendaSource = 'hier' | 'bestand';

/** One change of a kwestie's national status, as the national programme sees it. */
export interface AgendaRow extends AgendaStep {
	key: string;
	label: string;
	setBy: string;
	bron: AgendaSource;
}

/** A kwestie of the agenda page: on the period's signal list (with its number of municipalities) or on the agenda. */
export interface AgendaEntry {
	key: string;
	label: string;
	/** Municipalities whose packages name it in the period; null when it is not on the period's list. */
	gemeenten: number | null;
	current: AgendaRow | null;
	trail: AgendaRow[];
}

/**
 * What a kwestie page shows under "Landelijk": the national status with its trail, or, for a kwestie of the
 * national signal list that has none yet, `current` null and an empty trail.
 */
export interface NationalStatus {
	/** The newest status; null while the national programme has set none. */
	current: AgendaStep | null;
	/** Every status it had, newest first (the current one included). */
	trail: AgendaStep[];
}
