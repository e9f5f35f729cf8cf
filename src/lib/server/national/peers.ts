/** Who may open the national comparison: the landelijk role, and a beheerder whose municipality opted in to see its peers. */
import { capabilities, type SessionUser } from '$lib/domain/roles';
import type { Database } from '../db';
import { audit } from '../audit';

/** The setting (per municipality, or `alle` for a beheerder of every municipality) that opts in. */
export const PEERS_SETTING = 'vergelijking_peers';

/** The settings scopes a beheerder's choice is stored under: each municipality of its reach. */
function scopesOf(user: SessionUser): string[] {
	return user.reach.all ? ['alle'] : [...user.reach.gemeenten];
}

/** Whether the opt-in is on for one of the user's municipalities. */
export async function peersEnabled(db: Database, user: SessionUser): Promise<boolean> {
	const row = await db.one<{ n: number }>(
		`SELECT count(*)::INTEGER AS n FROM settings
		 WHERE key = $key AND list_contains($scopes, scope) AND value::VARCHAR = 'true'`,
		{ key: PEERS_SETTING, scopes: scopesOf(user) }
	);
	return (row?.n ?? 0) > 0;
}

/** Stores a beheerder's choice for every municipality of its reach; the caller has checked `choosePeers`. */
export async function setPeersEnabled(
	db: Database,
	user: SessionUser,
	enabled: boolean,
	origin: string | null = null
): Promise<void> {
	const scopes = scopesOf(user);
	await db.transaction(async (tx) => {
		await tx.run('DELETE FROM settings WHERE key = $key AND list_contains($scopes, scope)', {
			key: PEERS_SETTING,
			scopes
		});
		await tx.run(`INSERT INTO settings SELECT unnest($scopes), $key, $value::JSON`, {
			key: PEERS_SETTING,
			scopes,
			value: String(enabled)
		});
		await audit(tx, {
			actor: user.email,
			action: 'vergelijking met andere gemeenten',
			object: `${scopes.join(' ')}: ${enabled ? 'aan' : 'uit'}`,
			result: 'ok',
			origin
		});
	});
}

/** Whether the user may open /vergelijking: the national programme always, a role that opts in once it did. */
export async function mayCompare(db: Database, user: SessionUser): Promise<boolean> {
	const can = capabilities(user.role);
	if (!can.compare) return false;
	return !can.choosePeers || (await peersEnabled(db, user));
}
