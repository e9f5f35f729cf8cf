/** The registered public keys of national portals: an agenda file is read in only when signed with one of them. */
import type { Database, Queryable } from '../db';
import { audit } from '../audit';
import { KEY_MESSAGE } from './package-keys';
import { isPublicKeyText } from './signing';

export interface AgendaKey {
	key: string;
	naam: string;
	registeredBy: string;
	registeredAt: string;
}

/** The longest name of a national portal. */
export const AGENDA_KEY_NAME_MAX = 100;

export type AgendaKeyRequest =
	{ ok: true; naam: string; key: string } | { ok: false; field: 'naam' | 'key'; message: string };

/** A name for the national portal (1 to 100 characters) and its public key as base64 of 32 bytes. */
export function parseAgendaKeyRequest(naamInput: string, keyInput: string): AgendaKeyRequest {
	const naam = naamInput.replace(/\s+/g, ' ').trim();
	if (naam.length < 1 || naam.length > AGENDA_KEY_NAME_MAX) {
		return {
			ok: false,
			field: 'naam',
			message: `Geef de naam van de landelijke portal (1 tot ${AGENDA_KEY_NAME_MAX} tekens).`
		};
	}
	const key = keyInput.trim();
	if (!isPublicKeyText(key)) return { ok: false, field: 'key', message: KEY_MESSAGE };
	return { ok: true, naam, key };
}

/** The name under which a key is registered, or null when it is not. */
export async function agendaKeyName(db: Queryable, key: string): Promise<string | null> {
	const row = await db.one<{ naam: string }>('SELECT naam FROM agenda_keys WHERE public_key = $key', { key });
	return row?.naam ?? null;
}

/** Registers a national portal's key (a known key gets the new name) and logs it; the caller has checked the form. */
export async function registerAgendaKey(
	db: Database,
	entry: { naam: string; key: string; actor: string; origin?: string | null }
): Promise<{ replaced: boolean }> {
	return db.transaction(async (tx) => {
		const removed = await tx.run('DELETE FROM agenda_keys WHERE public_key = $key', { key: entry.key });
		await tx.run('INSERT INTO agenda_keys (public_key, naam, registered_by) VALUES ($key, $naam, $actor)', {
			key: entry.key,
			naam: entry.naam,
			actor: entry.actor
		});
		await audit(tx, {
			actor: entry.actor,
			action: 'agendasleutel registreren',
			object: `${entry.naam} ${entry.key}${removed > 0 ? ' (was al geregistreerd)' : ''}`,
			result: 'ok',
			origin: entry.origin ?? null
		});
		return { replaced: removed > 0 };
	});
}

/** Withdraws a key: files signed with it are refused from now on; what they brought stays. Logged. */
export async function removeAgendaKey(
	db: Database,
	entry: { key: string; actor: string; origin?: string | null }
): Promise<boolean> {
	return db.transaction(async (tx) => {
		const removed = await tx.run('DELETE FROM agenda_keys WHERE public_key = $key', { key: entry.key });
		if (removed > 0) {
			await audit(tx, {
				actor: entry.actor,
				action: 'agendasleutel intrekken',
				object: entry.key,
				result: 'ok',
				origin: entry.origin ?? null
			});
		}
		return removed > 0;
	});
}

/** Every registered key, by name. */
export async function listAgendaKeys(db: Queryable): Promise<AgendaKey[]> {
	return db.all<AgendaKey>(
		`SELECT public_key AS key, naam, registered_by AS registeredBy,
			strftime(registered_at, '%Y-%m-%dT%H:%M:%SZ') AS registeredAt
		 FROM agenda_keys ORDER BY naam, public_key`
	);
}
