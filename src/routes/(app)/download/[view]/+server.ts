import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { parseFilter } from '$lib/server/analytics/filter';
import { audience } from '$lib/server/disclosure/audience';
import { todayInAmsterdam } from '$lib/server/kwesties/signals';
import { viewById } from '$lib/server/views/registry';
import { showView } from '$lib/server/views/show';
import { toCsv, toXlsx } from '$lib/server/reports/tabular';
import { audit } from '$lib/server/audit';

/** `/download/<view>?format=csv&tabel=<id>` or `?format=xlsx` (every table of the view), with the view's filters: a registry view, as the caller may receive it. */
export const GET: RequestHandler = async ({ params, url, locals, getClientAddress }) => {
	const user = locals.user!;
	const view = viewById(params.view);
	if (!view) error(404, 'Onbekende download.');
	const parsed = parseFilter(url.searchParams, user.reach, audience(user.role));
	if (!parsed.ok) error(parsed.status, parsed.message);
	const db = await getDb();
	const { tables } = await showView(view, {
		db,
		user,
		filter: parsed.filter,
		params: url.searchParams,
		today: todayInAmsterdam()
	});
	const format = url.searchParams.get('format') ?? 'csv';
	if (format !== 'csv' && format !== 'xlsx') error(400, 'Kies format=csv of format=xlsx.');
	await audit(db, {
		actor: user.email,
		action: 'exporteren',
		object: `${params.view} ${format}${url.search ? ` ${url.searchParams.toString()}` : ''}`.slice(0, 500),
		result: 'ok',
		origin: getClientAddress()
	});
	const stamp = new Date().toISOString().slice(0, 10);
	if (format === 'xlsx') {
		return new Response(new Uint8Array(await toXlsx(tables)), {
			headers: {
				'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				'content-disposition': `attachment; filename="${params.view}-${stamp}.xlsx"`
			}
		});
	}
	const table = tables.find((t) => t.id === url.searchParams.get('tabel')) ?? tables[0];
	if (!table) error(404, 'Deze tabel bestaat niet.');
	return new Response(toCsv(table), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${table.id}-${stamp}.csv"`
		}
	});
};
