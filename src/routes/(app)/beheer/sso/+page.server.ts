/** Beheer of single sign-on: groups of the identity provider mapped to role and reach, the acr values that count as more than one factor, and linking local accounts; every change audited and checked by the granting rules. */
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { getDb } from '$lib/server/db';
import { audit } from '$lib/server/audit';
import { config } from '$lib/server/config';
import { reference } from '$lib/server/reference';
import { requireCapability } from '$lib/server/auth/guard';
import { listUsers, manages, reachOf } from '$lib/server/auth/users';
import {
	addMapping,
	listMappings,
	MappingRefused,
	mappingRefusal,
	mfaAcrValues,
	removeMapping,
	setMfaAcrValues,
	type Granter
} from '$lib/server/auth/sso-mappings';
import { dismissLinkRequest, linkAccount, linkRequests } from '$lib/server/auth/sso-accounts';
import { ROLES, ROLE_LABELS, type Reach } from '$lib/domain/roles';

const naam = (code: string) => reference().gemeenten.naam(code);

function reachLabel(reach: Reach): string {
	return reach.all ? 'Alle gemeenten' : reach.gemeenten.map(naam).join(', ');
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireCapability(locals, 'manageUsers');
	const db = await getDb();
	const settings = config.oidc;
	const mappings = await listMappings(db);
	const ssoUsers = (await listUsers(db)).filter((u) => u.oidc_subject !== null && manages(user.reach, u));
	return {
		provider: settings
			? { issuer: settings.issuer.href, groupsClaim: settings.groupsClaim, hours: settings.sessionHours }
			: null,
		redirectUri: new URL('/login/sso/callback', url.origin).href,
		postLogoutUri: new URL('/login', url.origin).href,
		mappings: mappings.map((m) => ({
			id: m.id,
			group: m.group,
			roleLabel: ROLE_LABELS[m.role],
			reachLabel: reachLabel(m.reach),
			createdBy: m.createdBy,
			createdAt: m.createdAt,
			removable: mappingRefusal(user, m) === null
		})),
		acr: (await mfaAcrValues(db)).join(' '),
		acrEditable: mappings.every((m) => mappingRefusal(user, m) === null),
		requests: await linkRequests(db, { ...user }),
		users: ssoUsers.map((u) => ({
			id: u.id,
			email: u.email,
			roleLabel: ROLE_LABELS[u.role],
			reachLabel: reachLabel(reachOf(u)),
			lastLogin: u.last_login_at,
			disabled: u.disabled
		})),
		roles: ROLES.filter((r) => r !== 'landelijk' || user.reach.all).map((r) => ({
			value: r,
			label: ROLE_LABELS[r]
		})),
		reachAll: user.reach.all
	};
};

/** `GM0344 GM0080`, names or `alle`, as CBS codes (or `alle`); whether they may be given is the mapping's check. */
function requestedGemeenten(raw: string): string[] | { message: string } {
	const parts = raw.split(/[\s,;]+/).filter(Boolean);
	if (parts.some((p) => p.toLowerCase() === 'alle')) return ['alle'];
	const codes: string[] = [];
	for (const part of parts) {
		const found = reference().gemeenten.resolve(part);
		if (!found) return { message: `Onbekende gemeente "${part}".` };
		codes.push(found.code);
	}
	return codes;
}

/**
 * Runs one change of the page as the signed-in beheerder, audited as `action` on the object it names:
 * a refusal of the rules answers with its message (and its status), anything else is the change done.
 */
async function change(
	event: RequestEvent,
	action: string,
	work: (granter: Granter, form: FormData) => Promise<{ object: string; done: string }>
) {
	const user = requireCapability(event.locals, 'manageUsers');
	const form = await event.request.formData();
	const db = await getDb();
	const entry = { actor: user.email, action, origin: event.getClientAddress() };
	try {
		const { object, done } = await work({ ...user }, form);
		await audit(db, { ...entry, object, result: 'ok' });
		return { done };
	} catch (problem) {
		if (!(problem instanceof MappingRefused)) throw problem;
		const object = String(form.get('group') ?? form.get('id') ?? '').slice(0, 256) || null;
		await audit(db, { ...entry, object, result: 'geweigerd' });
		return fail(problem.status, { message: problem.message, field: problem.field });
	}
}

export const actions: Actions = {
	toevoegen: (event) =>
		change(event, 'sso-koppeling toevoegen', async (granter, form) => {
			const gemeenten = requestedGemeenten(String(form.get('gemeenten') ?? ''));
			if (!Array.isArray(gemeenten)) throw new MappingRefused(gemeenten.message, 400, 'gemeenten');
			const mapping = await addMapping(
				await getDb(),
				granter,
				{ group: String(form.get('group') ?? ''), role: String(form.get('role') ?? ''), gemeenten },
				(code) => !!reference().gemeenten.get(code),
				naam
			);
			const what = `${ROLE_LABELS[mapping.role]}, ${reachLabel(mapping.reach)}`;
			return {
				object: `${mapping.group}: ${what}`,
				done: `Groep "${mapping.group}" geeft nu ${what}.`
			};
		}),
	verwijderen: (event) =>
		change(event, 'sso-koppeling verwijderen', async (granter, form) => {
			const mapping = await removeMapping(await getDb(), granter, Number(form.get('id')), naam);
			return {
				object: `${mapping.group}: ${ROLE_LABELS[mapping.role]}, ${reachLabel(mapping.reach)}`,
				done: `De koppeling van groep "${mapping.group}" is verwijderd; wie alleen via die groep toegang had, wordt bij de volgende login geweigerd.`
			};
		}),
	acr: (event) =>
		change(event, 'sso acr-waarden instellen', async (granter, form) => {
			const values = String(form.get('acr') ?? '').split(/[\s,]+/);
			const acr = await setMfaAcrValues(await getDb(), granter, values);
			const list = acr.join(' ') || '(geen)';
			return {
				object: list,
				done: acr.length
					? `Deze acr-waarden gelden nu als meer dan één factor: ${list}.`
					: 'Geen acr-waarde geldt nog als meer dan één factor; alleen amr telt.'
			};
		}),
	koppelen: (event) =>
		change(event, 'sso-account koppelen', async (granter, form) => {
			const email = await linkAccount(await getDb(), granter, Number(form.get('id')));
			return {
				object: email,
				done: `${email} is gekoppeld: deze gebruiker logt voortaan in via de identiteitsprovider, het wachtwoord werkt niet meer en de sessies en API-tokens zijn beëindigd.`
			};
		}),
	negeren: (event) =>
		change(event, 'sso-koppelverzoek negeren', async (granter, form) => {
			const email = await dismissLinkRequest(await getDb(), granter, Number(form.get('id')));
			return { object: email, done: `Het verzoek om ${email} te koppelen is verwijderd.` };
		})
};
