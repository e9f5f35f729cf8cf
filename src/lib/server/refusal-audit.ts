/** Failed access in the audit log (BIO 8.15): every request of a signed-in user refused for its role or reach, once. */
import type { Handle, RequestEvent } from '@sveltejs/kit';
import type { Database } from './db';
import { audit, trackRefusals } from './audit';

/** The audit log keeps the path, not an arbitrarily long address. */
const OBJECT_MAX = 500;

/**
 * A refusal: a 403, or a form action refused with 403 (answered to `Accept: application/json` as
 * 200 with SvelteKit's `{ "type": "failure", "status": 403 }`).
 */
async function refused(event: RequestEvent, response: Response): Promise<boolean> {
	if (response.status === 403) return true;
	if (event.request.method !== 'POST' || response.status !== 200) return false;
	if (event.url.pathname.startsWith('/api/')) return false;
	if (!response.headers.get('content-type')?.startsWith('application/json')) return false;
	const body = (await response
		.clone()
		.json()
		.catch(() => null)) as { type?: unknown; status?: unknown } | null;
	return body?.type === 'failure' && body.status === 403;
}

/**
 * A handle, placed after authentication: a refused request of a signed-in user adds one 'geweigerd'
 * entry with its path, unless the code that refused it audited the refusal itself. Anonymous requests
 * are not logged: they would let anyone write to the log without an account.
 */
export function auditRefusals(getDb: () => Promise<Database>): Handle {
	return async ({ event, resolve }) => {
		const user = event.locals.user;
		if (!user) return resolve(event);
		const { result: response, refusalAudited } = await trackRefusals(async () => resolve(event));
		if (refusalAudited || !(await refused(event, response))) return response;
		await audit(await getDb(), {
			actor: user.email,
			action: 'toegang',
			object: `${event.url.pathname}${event.url.search}`.slice(0, OBJECT_MAX),
			result: 'geweigerd',
			origin: event.getClientAddress()
		});
		return response;
	};
}
