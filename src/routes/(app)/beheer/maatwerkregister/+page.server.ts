/** The Maatwerkregister: contacts at partner organisations per municipality, kept by the kwaliteitsteam and beheerder; every view and change audited. */
import { fail, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireCapability } from '$lib/server/auth/guard';
import { audit } from '$lib/server/audit';
import { reference } from '$lib/server/reference';
import {
	DEFAULT_ANSWER_DAYS,
	MAX_ANSWER_DAYS,
	MAX_LENGTH,
	addContact,
	changeContact,
	checkContact,
	contactId,
	listContacts,
	removeContact,
	type ContactForm,
	type ContactInput
} from '$lib/server/partners/contacts';
import type { SessionUser } from '$lib/domain/roles';

const FIELDS = ['gemeente', 'organisatie', 'functie', 'contact', 'mandaat', 'antwoordtermijn'] as const;

/** The register holds staff contact details: whose register was seen is logged like other personal data. */
function reachText(user: SessionUser): string {
	return user.reach.all ? 'alle gemeenten' : user.reach.gemeenten.join(' ');
}

function describe(contact: Pick<ContactInput, 'gemeente' | 'organisatie' | 'functie'>): string {
	return `${contact.gemeente} ${contact.organisatie}: ${contact.functie}`;
}

export const load: PageServerLoad = async (event) => {
	const user = requireCapability(event.locals, 'contactRegister');
	const { gemeenten, vocabularies } = reference();
	const db = await getDb();
	const contacts = await listContacts(db, user.reach);
	await audit(db, {
		actor: user.email,
		action: 'maatwerkregister bekijken',
		object: `${reachText(user)} (${contacts.length} contacten)`,
		result: 'ok',
		origin: event.getClientAddress()
	});
	const codes = user.reach.all ? gemeenten.all.map((g) => g.code) : [...user.reach.gemeenten];
	const editing = contactId(event.url.searchParams.get('wijzig'));
	return {
		contacts: contacts.map((c) => ({
			...c,
			gemeenteNaam: gemeenten.naam(c.gemeente),
			organisatieNaam: vocabularies.organisaties.get(c.organisatie)?.naam ?? c.organisatie
		})),
		editing: contacts.find((c) => c.id === editing) ?? null,
		gemeenten: codes
			.map((code) => ({ code, naam: gemeenten.naam(code) }))
			.sort((a, b) => a.naam.localeCompare(b.naam, 'nl')),
		organisaties: vocabularies.organisaties.entries.map((e) => ({ code: e.code, naam: e.naam })),
		limits: { ...MAX_LENGTH, days: MAX_ANSWER_DAYS, defaultDays: DEFAULT_ANSWER_DAYS }
	};
};

async function formValues(request: Request): Promise<{ values: ContactForm; id: number | null }> {
	const form = await request.formData();
	const field = (name: string) => String(form.get(name) ?? '');
	const values = Object.fromEntries(FIELDS.map((name) => [name, field(name)])) as ContactForm;
	return { values, id: contactId(form.get('id')) };
}

type Event = Pick<RequestEvent, 'locals' | 'request' | 'getClientAddress'>;

/** Audits a change of the register, or a refused one (an id outside the reach or not there). */
async function auditChange(event: Event, user: SessionUser, object: string, refused = false) {
	await audit(await getDb(), {
		actor: user.email,
		action: 'maatwerkregister wijzigen',
		object,
		result: refused ? 'geweigerd' : 'ok',
		origin: event.getClientAddress()
	});
}

const NOT_FOUND = 'Dit contact staat niet (meer) in het register binnen uw bereik.';

export const actions: Actions = {
	toevoegen: async (event) => {
		const user = requireCapability(event.locals, 'contactRegister');
		const { values } = await formValues(event.request);
		const checked = checkContact(values, user.reach);
		if (!('contact' in checked))
			return fail(400, { action: 'toevoegen', message: checked.message, field: checked.field, values });
		const { contact } = checked;
		const id = await addContact(await getDb(), contact, user.email);
		await auditChange(event, user, `toegevoegd ${id}: ${describe(contact)}`);
		return { done: `${contact.functie} bij ${contact.organisatie} staat in het register.` };
	},

	wijzigen: async (event) => {
		const user = requireCapability(event.locals, 'contactRegister');
		const { values, id } = await formValues(event.request);
		if (id === null) return fail(400, { action: 'wijzigen', message: NOT_FOUND, values, id });
		const checked = checkContact(values, user.reach);
		if (!('contact' in checked))
			return fail(400, { action: 'wijzigen', message: checked.message, field: checked.field, values, id });
		const { contact } = checked;
		if (!(await changeContact(await getDb(), id, contact, user.reach, user.email))) {
			await auditChange(event, user, `gewijzigd ${id}`, true);
			return fail(404, { action: 'wijzigen', message: NOT_FOUND });
		}
		await auditChange(event, user, `gewijzigd ${id}: ${describe(contact)}`);
		return { done: `Het contact ${contact.functie} bij ${contact.organisatie} is gewijzigd.` };
	},

	verwijderen: async (event) => {
		const user = requireCapability(event.locals, 'contactRegister');
		const { id } = await formValues(event.request);
		const removed = id === null ? null : await removeContact(await getDb(), id, user.reach);
		if (!removed) {
			await auditChange(event, user, `verwijderd ${id ?? '?'}`, true);
			return fail(404, { action: 'verwijderen', message: NOT_FOUND });
		}
		await auditChange(event, user, `verwijderd ${removed.id}: ${describe(removed)}`);
		return { done: `Het contact ${removed.functie} bij ${removed.organisatie} is uit het register gehaald.` };
	}
};
