/** Tests of the Maatwerkregister: the form's checks with their Dutch messages, and every change kept within the reach. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reach } from '$lib/domain/roles';
import { closeTempStore, openTempStore, type Store } from '../ingest/fixtures/helpers';
import {
	addContact,
	changeContact,
	checkContact,
	contactId,
	listContacts,
	removeContact,
	type ContactForm
} from './contacts';

const ALL: Reach = { all: true };
const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
const UTRECHT: Reach = { all: false, gemeenten: ['GM0344'] };

const form = (values: Partial<ContactForm> = {}): ContactForm => ({
	gemeente: 'GM0080',
	organisatie: 'UWV',
	functie: 'Klantmanager Participatiewet',
	contact: 'klantmanager@uwv.example',
	mandaat: '',
	antwoordtermijn: '',
	...values
});

describe('checkContact', () => {
	it('takes a name or synonym of organisaties.csv and gives its code, with 2 working days by default', () => {
		expect(checkContact(form({ organisatie: 'toeslagen', gemeente: 'Leeuwarden' }), LEEUWARDEN)).toEqual({
			contact: {
				gemeente: 'GM0080',
				organisatie: 'Belastingdienst',
				functie: 'Klantmanager Participatiewet',
				contact: 'klantmanager@uwv.example',
				mandaat: null,
				antwoordtermijn: 2
			}
		});
		const checked = checkContact(form({ antwoordtermijn: ' 0 ', mandaat: ' tot € 1.000 ' }), LEEUWARDEN);
		expect(checked).toMatchObject({ contact: { antwoordtermijn: 0, mandaat: 'tot € 1.000' } });
	});

	it.each([
		[{ gemeente: '' }, 'gemeente', 'Kies een gemeente.'],
		[{ gemeente: 'GM0344' }, 'gemeente', 'Utrecht valt buiten uw bereik.'],
		[{ organisatie: 'Rijkswaterstaat' }, 'organisatie', 'Kies een organisatie uit de lijst'],
		[{ functie: '  ' }, 'functie', 'Geef het team of de functie (1 tot 100 tekens).'],
		[{ functie: 'x'.repeat(101) }, 'functie', 'Geef het team of de functie'],
		[{ contact: '' }, 'contact', 'Geef hoe de contactpersoon te bereiken is'],
		[{ contact: 'x'.repeat(201) }, 'contact', 'Geef hoe de contactpersoon te bereiken is'],
		[{ mandaat: 'x'.repeat(501) }, 'mandaat', 'Beschrijf het mandaat in hoogstens 500 tekens.'],
		[{ antwoordtermijn: '61' }, 'antwoordtermijn', 'Geef de antwoordtermijn als een heel aantal werkdagen'],
		[{ antwoordtermijn: '2,5' }, 'antwoordtermijn', 'van 0 tot en met 60'],
		[{ antwoordtermijn: '-1' }, 'antwoordtermijn', 'van 0 tot en met 60']
	] as const)('refuses %o in field %s', (values, field, message) => {
		const checked = checkContact(form(values), LEEUWARDEN);
		expect(checked).toMatchObject({ field });
		expect('message' in checked && checked.message).toContain(message);
	});

	it('accepts the longest values and 60 days', () => {
		const checked = checkContact(
			form({
				functie: 'f'.repeat(100),
				contact: 'c'.repeat(200),
				mandaat: 'm'.repeat(500),
				antwoordtermijn: '60'
			}),
			ALL
		);
		expect(checked).toMatchObject({ contact: { antwoordtermijn: 60 } });
	});

	it('reads only positive whole ids', () => {
		expect(contactId('12')).toBe(12);
		expect(contactId('0')).toBeNull();
		expect(contactId('1 OR 1=1')).toBeNull();
		expect(contactId(null)).toBeNull();
	});
});

describe('the register in the database', () => {
	let store: Store;
	let leeuwarden: number;
	let utrecht: number;
	const input = (gemeente: string, organisatie: string, functie: string) => ({
		gemeente,
		organisatie,
		functie,
		contact: `${functie}@example.nl`,
		mandaat: null,
		antwoordtermijn: 2
	});

	beforeAll(async () => {
		store = await openTempStore();
		leeuwarden = await addContact(store.db, input('GM0080', 'UWV', 'Klantmanager'), 'kt@leeuwarden.nl');
		await addContact(store.db, input('GM0080', 'SVB', 'Regiocoördinator'), 'kt@leeuwarden.nl');
		utrecht = await addContact(store.db, input('GM0344', 'UWV', 'Teamleider'), 'kt@utrecht.nl');
	});
	afterAll(() => closeTempStore(store));

	it('lists the contacts within the reach, organisations in vocabulary order', async () => {
		const listed = await listContacts(store.db, LEEUWARDEN);
		expect(listed.map((c) => [c.gemeente, c.organisatie, c.functie])).toEqual([
			['GM0080', 'SVB', 'Regiocoördinator'],
			['GM0080', 'UWV', 'Klantmanager']
		]);
		expect(listed[1]).toMatchObject({ updatedBy: 'kt@leeuwarden.nl', antwoordtermijn: 2 });
		expect(listed[1].updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		expect((await listContacts(store.db, ALL)).map((c) => c.gemeente)).toEqual([
			'GM0080',
			'GM0080',
			'GM0344'
		]);
	});

	it("changes and removes only contacts within the reach: another municipality's id changes nothing", async () => {
		const changed = { ...input('GM0080', 'UWV', 'Teamleider'), antwoordtermijn: 5 };
		expect(await changeContact(store.db, utrecht, changed, LEEUWARDEN, 'kt@leeuwarden.nl')).toBe(false);
		expect(await removeContact(store.db, utrecht, LEEUWARDEN)).toBeNull();
		expect((await listContacts(store.db, UTRECHT))[0]).toMatchObject({
			functie: 'Teamleider',
			gemeente: 'GM0344'
		});

		expect(await changeContact(store.db, leeuwarden, changed, LEEUWARDEN, 'beheer@leeuwarden.nl')).toBe(true);
		expect((await listContacts(store.db, LEEUWARDEN)).find((c) => c.id === leeuwarden)).toMatchObject({
			functie: 'Teamleider',
			antwoordtermijn: 5,
			updatedBy: 'beheer@leeuwarden.nl'
		});
		expect(await removeContact(store.db, leeuwarden, LEEUWARDEN)).toEqual({
			id: leeuwarden,
			gemeente: 'GM0080',
			organisatie: 'UWV',
			functie: 'Teamleider'
		});
		expect(await removeContact(store.db, leeuwarden, LEEUWARDEN)).toBeNull();
	});

	it('counts each change as a write, so kept answers are computed again', async () => {
		const generation = store.db.generation;
		const id = await addContact(store.db, input('GM0080', 'CAK', 'Frontoffice'), 't');
		expect(store.db.generation).toBe(generation + 1);
		await removeContact(store.db, id, ALL);
		expect(store.db.generation).toBe(generation + 2);
	});
});
