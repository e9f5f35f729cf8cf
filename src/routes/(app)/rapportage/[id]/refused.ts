/** A saved report asked for outside the user's reach: answered as not found, but kept in the audit log as failed access (BIO 8.15). */
import type { SessionUser } from '$lib/domain/roles';
import type { Database } from '$lib/server/db';
import { audit } from '$lib/server/audit';

/** Audits the request when a report with this id exists (a report of another municipality); a missing one is not a refusal. */
export async function auditRefusedReport(
	db: Database,
	user: SessionUser,
	id: number,
	action: string,
	origin: string
): Promise<void> {
	const found = await db.one<{ id: number }>('SELECT id::INTEGER AS id FROM saved_reports WHERE id = $id', {
		id
	});
	if (!found) return;
	await audit(db, { actor: user.email, action, object: `rapport ${id}`, result: 'geweigerd', origin });
}
