/** `/vergelijking/agenda/bestand`: the whole national agenda, signed with this installation's key, as a JSON download for municipalities' portals. */
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireCapability } from '$lib/server/auth/guard';
import { audit } from '$lib/server/audit';
import { agendaFile } from '$lib/server/national/agenda-file';
import { installationKey } from '$lib/server/national/installation-key';

export const GET: RequestHandler = async ({ locals, getClientAddress }) => {
	const user = requireCapability(locals, 'nationalKwesties');
	const db = await getDb();
	const file = await agendaFile(db, installationKey());
	await audit(db, {
		actor: user.email,
		action: 'landelijke agenda exporteren',
		object: `${file.entries.length} regels ${file.sha256.slice(0, 12)}`,
		result: 'ok',
		origin: getClientAddress()
	});
	return new Response(JSON.stringify(file, null, 2) + '\n', {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="landelijke-agenda-${file.issuedAt.slice(0, 10)}.json"`
		}
	});
};
