/** When a user last opened the signal list, so that signals new since then stand out. */
import type { Database } from '../db';

/** The previous visit as a UTC timestamp (`2025-11-23 10:15:00`), or null on a first visit. */
export async function lastVisit(db: Database, userId: number): Promise<string | null> {
	const row = await db.one<{ seen: string | null }>(
		`SELECT strftime(max(seen_at), '%Y-%m-%d %H:%M:%S') AS seen FROM signal_visits WHERE user_id = $userId`,
		{ userId }
	);
	return row?.seen ?? null;
}

/** Appends the visit; outside a transaction, so that reading the list does not count as a change of the data. */
export async function recordVisit(db: Database, userId: number): Promise<void> {
	await db.run('DELETE FROM signal_visits WHERE user_id = $userId AND seen_at < current_timestamp', {
		userId
	});
	await db.run('INSERT INTO signal_visits VALUES ($userId, current_timestamp)', { userId });
}
