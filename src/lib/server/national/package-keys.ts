/** The registered public keys of municipalities: a national package is accepted only when signed with the key registered for its gemeente. */
import { reaches, type Reach } from '$lib/domain/roles';
import type { Database } from '../db';
import { audit } from '../audit';
import { reference } from '../reference';
import { isPublicKeyText } from './signing';

export interface RegisteredKey {
	gemeente: string;
	naam: string;
	key: string;
	registeredBy: string;
	registeredAt: string;
}

export type KeyRequest =
	| { ok: true; gemeente: string; naam: string; key: string }
	| { ok: false; status: 400 | 403; field: 'gemeente' | 'key'; message: string };

export const KEY_MESSAGE =
	'Geef de publieke sleutel als base64 van 32 bytes (44 tekens, eindigend op "="), zoals "aggregate key" of de pagina Landelijke pakketten van de andere installatie hem toont.';

/** A municipality (code, name or alias) within `reach` and a public key as base64 of 32 bytes. */
export function parseKeyRequest(gemeenteInput: string, keyInput: string, reach: Reach): KeyRequest {
	const code = gemeenteInput.trim();
	const gemeente = code ? reference().gemeenten.resolve(code) : undefined;
	if (!gemeente)
		return { ok: false, status: 400, field: 'gemeente', message: `Onbekende gemeente "${code}".` };
	if (!reaches(reach, gemeente.code)) {
		return { ok: false, status: 403, field: 'gemeente', message: `${gemeente.naam} valt buiten uw bereik.` };
	}
	const key = keyInput.trim();
	if (!isPublicKeyText(key)) return { ok: false, status: 400, field: 'key', message: KEY_MESSAGE };
	return { ok: true, gemeente: gemeente.code, naam: gemeente.naam, key };
}

/** The key registered for a municipality, or null. */
export async function registeredKey(db: Database, gemeente: string): Promise<string | null> {
	const row = await db.one<{ key: string }>(
		'SELECT public_key AS key FROM package_keys WHERE gemeente = $gemeente',
		{
			gemeente
		}
	);
	return row?.key ?? null;
}

/** Registers (or replaces) a municipality's key and logs it; the caller has checked reach and form. */
export async function registerKey(
	db: Database,
	entry: { gemeente: string; key: string; actor: string; origin?: string | null }
): Promise<{ replaced: boolean }> {
	return db.transaction(async (tx) => {
		const removed = await tx.run('DELETE FROM package_keys WHERE gemeente = $gemeente', {
			gemeente: entry.gemeente
		});
		await tx.run(
			'INSERT INTO package_keys (gemeente, public_key, registered_by) VALUES ($gemeente, $key, $actor)',
			{ gemeente: entry.gemeente, key: entry.key, actor: entry.actor }
		);
		await audit(tx, {
			actor: entry.actor,
			action: 'pakketsleutel registreren',
			object: `${entry.gemeente} ${entry.key}${removed > 0 ? ' (vervangt de vorige)' : ''}`,
			result: 'ok',
			origin: entry.origin ?? null
		});
		return { replaced: removed > 0 };
	});
}

/** The registered keys of the municipalities within reach, by name. */
export async function listKeys(db: Database, reach: Reach): Promise<RegisteredKey[]> {
	const rows = await db.all<Omit<RegisteredKey, 'naam'>>(
		`SELECT gemeente, public_key AS key, registered_by AS registeredBy,
			strftime(registered_at, '%Y-%m-%dT%H:%M:%SZ') AS registeredAt
		 FROM package_keys WHERE $reach_all OR list_contains($reach, gemeente)`,
		{ reach_all: reach.all, reach: reach.all ? [] : [...reach.gemeenten] }
	);
	const { gemeenten } = reference();
	return rows
		.map((r) => ({ ...r, naam: gemeenten.naam(r.gemeente) }))
		.sort((a, b) => a.naam.localeCompare(b.naam, 'nl'));
}
