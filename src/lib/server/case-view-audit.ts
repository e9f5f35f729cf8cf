/** One audit entry per view of a page that shows cases (BIO 8.15: who saw which personal-level data). */
import type { RequestEvent } from '@sveltejs/kit';
import type { Database } from './db';
import { audit } from './audit';

/**
 * Appends 'casussen bekijken' for the signed-in user. A single statement outside a transaction: it
 * does not count as a change of the data, so the page cache and memoised views stay valid.
 */
export async function auditCaseView(
	db: Database,
	event: Pick<RequestEvent, 'locals' | 'getClientAddress'>,
	object: string
): Promise<void> {
	const user = event.locals.user;
	if (!user) return;
	await audit(db, {
		actor: user.email,
		action: 'casussen bekijken',
		object,
		result: 'ok',
		origin: event.getClientAddress()
	});
}
