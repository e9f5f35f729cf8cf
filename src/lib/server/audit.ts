/** The append-only audit log: who did what to which object, with what result, from where (BIO 8.15.01). */
import type { Queryable } from './db';

export interface AuditEntry {
	/** E-mail of the user, `cli` for the operator, or `anoniem`. */
	actor: string;
	action: string;
	object?: string | null;
	result: 'ok' | 'geweigerd' | 'mislukt';
	origin?: string | null;
}

export async function audit(db: Queryable, entry: AuditEntry): Promise<void> {
	await db.run(
		'INSERT INTO audit_log (actor, action, object, result, origin) VALUES ($actor, $action, $object, $result, $origin)',
		{
			actor: entry.actor,
			action: entry.action,
			object: entry.object ?? null,
			result: entry.result,
			origin: entry.origin ?? null
		}
	);
}
