/** `GET /kwesties/<id>/melding?format=html|json`: the melding of a kwestie to the national programme, printable or as data. */
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { audit } from '$lib/server/audit';
import { findKwestie, mayRead } from '$lib/server/kwesties/kwesties';
import { escalationDocument, escalationHtml } from '$lib/server/kwesties/escalation';
import { todayInAmsterdam } from '$lib/server/kwesties/signals';

const FORMATS = ['html', 'json'] as const;

/** The HTML holds only text and its own style: nothing may load or run, whatever a label contains. */
const HTML_POLICY =
	"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const GET: RequestHandler = async ({ params, url, locals, getClientAddress }) => {
	const user = locals.user!;
	const db = await getDb();
	const id = /^\d{1,15}$/.test(params.id) ? Number(params.id) : null;
	const kwestie = id === null ? undefined : await findKwestie(db, id);
	if (!kwestie || !mayRead(user, kwestie.scope)) {
		if (kwestie) {
			await audit(db, {
				actor: user.email,
				action: 'kwestie melding downloaden',
				object: `kwestie ${id}`,
				result: 'geweigerd',
				origin: getClientAddress()
			});
		}
		error(404, 'Deze kwestie bestaat niet of valt buiten uw bereik.');
	}
	const format = url.searchParams.get('format') ?? 'html';
	if (!(FORMATS as readonly string[]).includes(format)) error(400, 'Kies format=html of format=json.');

	const doc = await escalationDocument(db, user, kwestie, todayInAmsterdam());
	await audit(db, {
		actor: user.email,
		action: 'kwestie melding downloaden',
		object: `kwestie ${id}`,
		result: 'ok',
		origin: getClientAddress()
	});
	const fileName = `kwestie-${id}-landelijk.${format}`;
	if (format === 'json') {
		return new Response(JSON.stringify(doc, null, 2), {
			headers: {
				'content-type': 'application/json; charset=utf-8',
				'content-disposition': `attachment; filename="${fileName}"`,
				'cache-control': 'no-store'
			}
		});
	}
	return new Response(escalationHtml(doc), {
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'content-disposition': `inline; filename="${fileName}"`,
			'cache-control': 'no-store',
			'content-security-policy': HTML_POLICY
		}
	});
};
