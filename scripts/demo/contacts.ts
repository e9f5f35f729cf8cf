/** The demo's Maatwerkregister: a few fictitious contacts at partner organisations per demo municipality. */
import type { Database } from '../../src/lib/server/db';
import { addContact } from '../../src/lib/server/partners/contacts';

/** Organisation, team or function, what the contact may decide, and the promised answer time in working days. */
const CONTACTS: readonly (readonly [string, string, string, number])[] = [
	['UWV', 'Regisseur maatwerk', 'Versneld beslissen op een aanvraag, een voorschot op de uitkering', 3],
	[
		'Belastingdienst',
		'Team maatwerk Toeslagen',
		'Toeslag hervatten tijdens adresonderzoek, betalingsregeling',
		5
	],
	['SVB', 'Klantregisseur', 'Kinderbijslag versneld toekennen', 2],
	['woningcorporatie', 'Wijkconsulent', 'Ontruiming aanhouden, betalingsregeling huurachterstand', 2],
	['IND', 'Ketenregisseur', 'Voorrang bij verlenging verblijfsvergunning', 10],
	['zorgkantoor', 'Zorgbemiddelaar', 'Overbrugging zorg tijdens herindicatie', 3]
];

/** How many contacts each municipality keeps: the larger ones more. */
const PER_GEMEENTE: Readonly<Record<string, number>> = {
	GM0363: 6,
	GM0518: 5,
	GM0344: 6,
	GM0080: 4,
	GM0074: 3,
	GM0479: 4,
	GM0193: 4,
	GM0882: 3
};

export async function demoContacts(db: Database): Promise<number> {
	let added = 0;
	for (const [gemeente, count] of Object.entries(PER_GEMEENTE)) {
		for (const [organisatie, functie, mandaat, antwoordtermijn] of CONTACTS.slice(0, count)) {
			const mailbox = `${functie.toLowerCase().replace(/[^a-z]+/g, '.')}@${organisatie.toLowerCase()}.demo.example`;
			await addContact(
				db,
				{ gemeente, organisatie, functie, contact: mailbox, mandaat, antwoordtermijn },
				'demo'
			);
			added++;
		}
	}
	return added;
}
