/** API tokens for scripts (`Authorization: Bearer …`): shown once, stored as a hash, acting as their user. */
import type { Database } from '../db';
import { newToken, secretMatches, splitToken } from './token';
import { findUser, sessionUser } from './users';
import type { SessionUser } from '$lib/domain/roles';

const PREFIX = 'slp_';

export async function createApiToken(db: Database, userId: number, name: string): Promise<string> {
	const { id, token, secretHash } = newToken(PREFIX);
	await db.run('INSERT INTO api_tokens (id, secret_hash, user_id, name) VALUES ($id, $hash, $user, $name)', {
		id,
		hash: secretHash,
		user: userId,
		name
	});
	return token;
}

export async function validateApiToken(db: Database, token: string): Promise<SessionUser | null> {
	const parts = splitToken(token);
	if (!parts || !parts.id.startsWith(PREFIX)) return null;
	const row = await db.one<{ id: string; secret_hash: string; user_id: number }>(
		'SELECT id, secret_hash, user_id FROM api_tokens WHERE id = $id',
		{ id: parts.id }
	);
	if (!row || !secretMatches(parts.secret, row.secret_hash)) return null;
	const user = await findUser(db, row.user_id);
	if (!user || user.disabled) return null;
	return sessionUser(user);
}

export async function revokeApiTokens(db: Database, userId: number): Promise<void> {
	await db.run('DELETE FROM api_tokens WHERE user_id = $id', { id: userId });
}
