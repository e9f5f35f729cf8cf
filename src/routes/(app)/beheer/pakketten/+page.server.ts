import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { capabilities, type Reach } from '$lib/domain/roles';
import { getDb } from '$lib/server/db';
import { requireCapability } from '$lib/server/auth/guard';
import { audit } from '$lib/server/audit';
import { reference } from '$lib/server/reference';
import { filterOptions } from '$lib/server/analytics/reach';
import { listPackages } from '$lib/server/national/package';
import { installationKey, installationPublicKey } from '$lib/server/national/installation-key';
import { listKeys, parseKeyRequest, registerKey } from '$lib/server/national/package-keys';
import { receivePackage } from '$lib/server/national/receive';
import { periodLabel } from '$lib/server/national/period';
import { peersEnabled, setPeersEnabled } from '$lib/server/national/peers';
import { periodChoices } from '$lib/server/national/requests';
import { receiveAgendaFile } from '$lib/server/national/agenda-file';
import {
	listAgendaKeys,
	parseAgendaKeyRequest,
	registerAgendaKey,
	removeAgendaKey
} from '$lib/server/national/agenda-keys';

/** A package is a few dozen kilobytes; anything far larger is not one. */
const MAX_PACKAGE_BYTES = 2 * 1024 * 1024;
/** Why a user whose reach is not every municipality may not change where the installation's national agenda comes from. */
const AGENDA_REACH =
	'De landelijke agenda geldt voor alle gemeenten van deze installatie: alleen een gebruiker met bereik "alle gemeenten" leest haar in of beheert haar sleutels.';

/** An agenda of thousands of kwesties with their trail stays far below this. */
const MAX_AGENDA_BYTES = 8 * 1024 * 1024;

/** The municipalities whose key a beheerder may register: those of its reach, by name. */
function keyChoices(reach: Reach): { code: string; naam: string }[] {
	const { gemeenten } = reference();
	const within = reach.all
		? [...gemeenten.all]
		: reach.gemeenten.flatMap((code) => gemeenten.get(code) ?? []);
	return within
		.map((g) => ({ code: g.code, naam: g.naam }))
		.sort((a, b) => a.naam.localeCompare(b.naam, 'nl'));
}

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireCapability(locals, 'nationalPackages');
	const db = await getDb();
	const options = await filterOptions(db, user.reach);
	const packages = await listPackages(db, user.reach);
	const can = capabilities(user.role);
	return {
		gemeenten: options.gemeenten,
		periods: periodChoices(options.years),
		packages: packages.map((p) => ({ ...p, periodLabel: periodLabel(p.period) })),
		publicKey: installationPublicKey(),
		keys: await listKeys(db, user.reach),
		keyGemeenten: can.registerPackageKeys ? keyChoices(user.reach) : [],
		canRegisterKeys: can.registerPackageKeys,
		// The national agenda holds for every municipality of the installation: only reach alle changes where it comes from.
		canManageAgenda: user.reach.all,
		agendaKeys: can.registerPackageKeys && user.reach.all ? await listAgendaKeys(db) : [],
		canChoosePeers: can.choosePeers,
		peers: can.choosePeers ? await peersEnabled(db, user) : false
	};
};

export const actions: Actions = {
	importeren: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'nationalPackages');
		const file = (await request.formData()).get('pakket');
		if (!(file instanceof File) || file.size === 0) {
			return fail(400, { message: 'Kies een pakketbestand (JSON).', field: 'pakket' });
		}
		if (file.size > MAX_PACKAGE_BYTES) {
			return fail(400, { message: 'Dit bestand is te groot voor een landelijk pakket.', field: 'pakket' });
		}
		const received = await receivePackage(await getDb(), await file.text(), {
			actor: user.email,
			reach: user.reach,
			fileName: file.name,
			origin: getClientAddress()
		});
		if (!received.ok) return fail(received.status, { message: received.message, field: 'pakket' });
		const { pkg, replaced, period } = received;
		const naam = reference().gemeenten.naam(pkg.gemeente);
		return {
			done: `Het pakket van ${naam} over ${periodLabel(period)} is ingelezen${replaced ? ' en vervangt het vorige pakket van die periode' : ''}.`
		};
	},
	registreren: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'nationalPackages');
		const db = await getDb();
		const form = await request.formData();
		const gemeente = String(form.get('gemeente') ?? '');
		const refuse = async (status: 400 | 403, message: string, field: 'gemeente' | 'key') => {
			await audit(db, {
				actor: user.email,
				action: 'pakketsleutel registreren',
				object: gemeente.slice(0, 20),
				result: 'geweigerd',
				origin: getClientAddress()
			});
			return fail(status, { message, field });
		};
		if (!capabilities(user.role).registerPackageKeys) {
			return refuse(403, 'Alleen een beheerder registreert de sleutel van een gemeente.', 'gemeente');
		}
		const parsed = parseKeyRequest(gemeente, String(form.get('key') ?? ''), user.reach);
		if (!parsed.ok) return refuse(parsed.status, parsed.message, parsed.field);
		const { replaced } = await registerKey(db, {
			gemeente: parsed.gemeente,
			key: parsed.key,
			actor: user.email,
			origin: getClientAddress()
		});
		return {
			done: `De publieke sleutel van ${parsed.naam} is geregistreerd${replaced ? ' en vervangt de vorige' : ''}. Pakketten van ${parsed.naam} worden alleen nog met deze sleutel aanvaard.`
		};
	},
	agenda: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'nationalPackages');
		if (!user.reach.all) return fail(403, { message: AGENDA_REACH, field: 'agenda' });
		const file = (await request.formData()).get('agenda');
		if (!(file instanceof File) || file.size === 0) {
			return fail(400, { message: 'Kies een agendabestand (JSON).', field: 'agenda' });
		}
		if (file.size > MAX_AGENDA_BYTES) {
			return fail(400, { message: 'Dit bestand is te groot voor een landelijke agenda.', field: 'agenda' });
		}
		const received = await receiveAgendaFile(await getDb(), await file.text(), {
			actor: user.email,
			fileName: file.name,
			origin: getClientAddress()
		});
		if (!received.ok) return fail(400, { message: received.message, field: 'agenda' });
		return {
			done: `De landelijke agenda van ${received.naam} is ingelezen: ${received.kwesties} ${received.kwesties === 1 ? 'kwestie' : 'kwesties'} met ${received.entries} ${received.entries === 1 ? 'status' : 'statussen'}${received.replaced ? '; de eerder ingelezen agenda is vervangen' : ''}.`
		};
	},
	agendasleutel: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'nationalPackages');
		const db = await getDb();
		const form = await request.formData();
		const refuse = async (status: 400 | 403, message: string, field: 'naam' | 'agendakey') => {
			await audit(db, {
				actor: user.email,
				action: 'agendasleutel registreren',
				object: String(form.get('naam') ?? '').slice(0, 100),
				result: 'geweigerd',
				origin: getClientAddress()
			});
			return fail(status, { message, field });
		};
		if (!capabilities(user.role).registerPackageKeys) {
			return refuse(403, 'Alleen een beheerder registreert de sleutel van een landelijke portal.', 'naam');
		}
		if (!user.reach.all) return refuse(403, AGENDA_REACH, 'naam');
		const parsed = parseAgendaKeyRequest(String(form.get('naam') ?? ''), String(form.get('key') ?? ''));
		if (!parsed.ok) return refuse(400, parsed.message, parsed.field === 'key' ? 'agendakey' : 'naam');
		const { replaced } = await registerAgendaKey(db, {
			naam: parsed.naam,
			key: parsed.key,
			actor: user.email,
			origin: getClientAddress()
		});
		return {
			done: `De sleutel van ${parsed.naam} is ${replaced ? 'opnieuw ' : ''}geregistreerd. Agendabestanden die met deze sleutel zijn ondertekend, worden aanvaard.`
		};
	},
	agendasleutelintrekken: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'nationalPackages');
		if (!capabilities(user.role).registerPackageKeys) {
			return fail(403, { message: 'Alleen een beheerder trekt de sleutel van een landelijke portal in.' });
		}
		if (!user.reach.all) return fail(403, { message: AGENDA_REACH });
		const key = String((await request.formData()).get('key') ?? '').slice(0, 100);
		const removed = await removeAgendaKey(await getDb(), {
			key,
			actor: user.email,
			origin: getClientAddress()
		});
		if (!removed) return fail(404, { message: 'Deze sleutel is niet geregistreerd.' });
		return {
			done: 'De sleutel is ingetrokken: agendabestanden die ermee zijn ondertekend, worden niet meer aanvaard. Wat al is ingelezen, blijft staan.'
		};
	},
	sleutelpaar: async ({ locals, getClientAddress }) => {
		const user = requireCapability(locals, 'nationalPackages');
		const existed = installationPublicKey() !== null;
		installationKey();
		if (!existed) {
			await audit(await getDb(), {
				actor: user.email,
				action: 'pakketsleutelpaar maken',
				result: 'ok',
				origin: getClientAddress()
			});
		}
		return { done: 'Deze installatie heeft een sleutelpaar; de publieke sleutel staat hieronder.' };
	},
	vergelijking: async ({ request, locals, getClientAddress }) => {
		const user = requireCapability(locals, 'nationalPackages');
		if (!capabilities(user.role).choosePeers) {
			return fail(403, {
				message: 'Alleen een beheerder kiest of de gemeente zich vergelijkt.',
				field: 'peers'
			});
		}
		const enabled = (await request.formData()).get('peers') === 'aan';
		await setPeersEnabled(await getDb(), user, enabled, getClientAddress());
		return {
			done: enabled
				? 'De vergelijking met andere gemeenten staat aan: zie Vergelijking.'
				: 'De vergelijking met andere gemeenten staat uit.'
		};
	}
};
