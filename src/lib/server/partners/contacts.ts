/** The Maatwerkregister: a municipality's contacts at partner organisations, listed, checked and kept within the user's reach. */
import { reaches, type Reach } from '$lib/domain/roles';
import type { Database } from '../db';
import { reference } from '../reference';

/** The answer time a contact promises when the form leaves it empty, in working days. */
export const DEFAULT_ANSWER_DAYS = 2;
/** The longest promise the register takes: about three months of working days. */
export const MAX_ANSWER_DAYS = 60;
export const MAX_LENGTH = { functie: 100, contact: 200, mandaat: 500 } as const;

/** A contact as the form gives it, checked. */
export interface ContactInput {
	gemeente: string;
	/** A code of organisaties.csv. */
	organisatie: string;
	functie: string;
	contact: string;
	mandaat: string | null;
	antwoordtermijn: number;
}

/** A stored contact, as the register page lists it. */
export interface Contact extends ContactInput {
	id: number;
	updatedBy: string;
	/** ISO 8601, UTC. */
	updatedAt: string;
}

/** The form's fields, as text. */
export type ContactForm = Record<
	'gemeente' | 'organisatie' | 'functie' | 'contact' | 'mandaat' | 'antwoordtermijn',
	string
>;

export type Checked = { contact: ContactInput } | { message: string; field: keyof ContactForm };

/**
 * The form checked: a gemeente within reach, an organisation of organisaties.csv (code, name or
 * synonym), a function and a contact of at most 100 and 200 characters, a mandate of at most 500, and
 * an answer time of 0 to 60 whole working days (2 when left empty).
 */
export function checkContact(values: ContactForm, reach: Reach): Checked {
	const { gemeenten, vocabularies } = reference();
	const gemeente = values.gemeente.trim() ? gemeenten.resolve(values.gemeente.trim()) : undefined;
	if (!gemeente) return { message: 'Kies een gemeente.', field: 'gemeente' };
	if (!reaches(reach, gemeente.code))
		return { message: `${gemeente.naam} valt buiten uw bereik.`, field: 'gemeente' };
	const organisatie = vocabularies.organisaties.match(values.organisatie);
	if (!organisatie)
		return {
			message: 'Kies een organisatie uit de lijst van organisaties, bijvoorbeeld UWV of woningcorporatie.',
			field: 'organisatie'
		};
	const functie = values.functie.trim();
	if (functie.length < 1 || functie.length > MAX_LENGTH.functie)
		return {
			message: `Geef het team of de functie (1 tot ${MAX_LENGTH.functie} tekens).`,
			field: 'functie'
		};
	const contact = values.contact.trim();
	if (contact.length < 1 || contact.length > MAX_LENGTH.contact)
		return {
			message: `Geef hoe de contactpersoon te bereiken is (1 tot ${MAX_LENGTH.contact} tekens).`,
			field: 'contact'
		};
	const mandaat = values.mandaat.trim();
	if (mandaat.length > MAX_LENGTH.mandaat)
		return { message: `Beschrijf het mandaat in hoogstens ${MAX_LENGTH.mandaat} tekens.`, field: 'mandaat' };
	const termijn = values.antwoordtermijn.trim();
	const days = termijn === '' ? DEFAULT_ANSWER_DAYS : /^\d{1,2}$/.test(termijn) ? Number(termijn) : NaN;
	if (!(days >= 0 && days <= MAX_ANSWER_DAYS))
		return {
			message: `Geef de antwoordtermijn als een heel aantal werkdagen van 0 tot en met ${MAX_ANSWER_DAYS}.`,
			field: 'antwoordtermijn'
		};
	return {
		contact: {
			gemeente: gemeente.code,
			organisatie: organisatie.code,
			functie,
			contact,
			mandaat: mandaat || null,
			antwoordtermijn: days
		}
	};
}

const REACH = '($reach_all OR list_contains($reach, gemeente))';

function reachParams(reach: Reach) {
	return { reach_all: reach.all, reach: reach.all ? [] : [...reach.gemeenten] };
}

interface ContactRow {
	id: number;
	gemeente: string;
	organisatie: string;
	functie: string;
	contact: string;
	mandaat: string | null;
	antwoordtermijn: number;
	updated_by: string;
	updated_at: string;
}

/** Every contact within the reach, by gemeente, then organisation in vocabulary order, then function. */
export async function listContacts(db: Database, reach: Reach): Promise<Contact[]> {
	const rows = await db.all<ContactRow>(
		`SELECT id, gemeente, organisatie, functie, contact, mandaat, antwoordtermijn, updated_by,
			strftime(updated_at, '%Y-%m-%dT%H:%M:%SZ') AS updated_at
		 FROM contacts WHERE ${REACH}`,
		reachParams(reach)
	);
	const order = (code: string) => reference().vocabularies.organisaties.get(code)?.position ?? Infinity;
	return rows
		.map((r) => ({
			id: r.id,
			gemeente: r.gemeente,
			organisatie: r.organisatie,
			functie: r.functie,
			contact: r.contact,
			mandaat: r.mandaat,
			antwoordtermijn: r.antwoordtermijn,
			updatedBy: r.updated_by,
			updatedAt: r.updated_at
		}))
		.sort(
			(a, b) =>
				a.gemeente.localeCompare(b.gemeente) ||
				order(a.organisatie) - order(b.organisatie) ||
				a.functie.localeCompare(b.functie, 'nl') ||
				a.id - b.id
		);
}

function contactParams(contact: ContactInput, actor: string) {
	return {
		gemeente: contact.gemeente,
		organisatie: contact.organisatie,
		functie: contact.functie,
		contact: contact.contact,
		mandaat: contact.mandaat,
		antwoordtermijn: contact.antwoordtermijn,
		actor
	};
}

/** Adds a contact (its gemeente already checked against the reach); answers its id. */
export async function addContact(db: Database, contact: ContactInput, actor: string): Promise<number> {
	const [row] = await db.transaction((tx) =>
		tx.all<{ id: number }>(
			`INSERT INTO contacts (gemeente, organisatie, functie, contact, mandaat, antwoordtermijn, updated_by)
			 VALUES ($gemeente, $organisatie, $functie, $contact, $mandaat, $antwoordtermijn, $actor) RETURNING id`,
			contactParams(contact, actor)
		)
	);
	return row.id;
}

/**
 * Changes a contact whose present gemeente lies within the reach (the new one is checked by
 * `checkContact`); false where there is no such contact, so a forged id of another municipality's
 * contact changes nothing.
 */
export async function changeContact(
	db: Database,
	id: number,
	contact: ContactInput,
	reach: Reach,
	actor: string
): Promise<boolean> {
	const changed = await db.transaction((tx) =>
		tx.all<{ id: number }>(
			`UPDATE contacts SET gemeente = $gemeente, organisatie = $organisatie, functie = $functie,
				contact = $contact, mandaat = $mandaat, antwoordtermijn = $antwoordtermijn,
				updated_by = $actor, updated_at = current_timestamp
			 WHERE id = $id AND ${REACH} RETURNING id`,
			{ ...contactParams(contact, actor), id, ...reachParams(reach) }
		)
	);
	return changed.length === 1;
}

/** Removes a contact within the reach; answers what was removed, or null where there is no such contact. */
export async function removeContact(
	db: Database,
	id: number,
	reach: Reach
): Promise<Pick<Contact, 'id' | 'gemeente' | 'organisatie' | 'functie'> | null> {
	const removed = await db.transaction((tx) =>
		tx.all<Pick<Contact, 'id' | 'gemeente' | 'organisatie' | 'functie'>>(
			`DELETE FROM contacts WHERE id = $id AND ${REACH} RETURNING id, gemeente, organisatie, functie`,
			{ id, ...reachParams(reach) }
		)
	);
	return removed[0] ?? null;
}

/** The id a form posts, or null where it is not a positive whole number. */
export function contactId(value: FormDataEntryValue | null): number | null {
	const text = typeof value === 'string' ? value.trim() : '';
	return /^\d{1,15}$/.test(text) && Number(text) > 0 ? Number(text) : null;
}
