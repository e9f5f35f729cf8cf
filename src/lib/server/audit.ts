/** The append-only audit log: who did what to which object, with what result, from where (BIO 8.15.01). */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Queryable } from './db';
import { writeBookkeeping } from './db/database';

export interface AuditEntry {
	/** E-mail of the user, `cli` for the operator, or `anoniem`. */
	actor: string;
	action: string;
	object?: string | null;
	result: 'ok' | 'geweigerd' | 'mislukt';
	origin?: string | null;
}

/** Per request (see `trackRefusals`): whether a refusal was audited where it happened. */
const refusals = new AsyncLocalStorage<{ audited: boolean }>();

export async function audit(db: Queryable, entry: AuditEntry): Promise<void> {
	if (entry.result === 'geweigerd') {
		const request = refusals.getStore();
		if (request) request.audited = true;
	}
	await writeBookkeeping(
		db,
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

/**
 * Runs a request's handling and says whether it audited a refusal on the way, so that the request
 * pipeline audits a refused request once: where it was refused, or else after it (hooks.server.ts).
 */
export async function trackRefusals<T>(
	work: () => Promise<T>
): Promise<{ result: T; refusalAudited: boolean }> {
	const request = { audited: false };
	const result = await refusals.run(request, work);
	return { result, refusalAudited: request.audited };
}
