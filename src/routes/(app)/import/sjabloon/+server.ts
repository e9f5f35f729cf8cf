import type { RequestHandler } from './$types';
import { requireCapability } from '$lib/server/auth/guard';
import { templateCsv, templateXlsx } from '$lib/server/ingest/template';

/** Example municipality where the reach holds all of them. */
const DEFAULT_GEMEENTE = 'GM0344';

/**
 * The template of the case export (version 1.1), as CSV (default) or Excel (`?format=xlsx`). Its example rows
 * name the user's first municipality, so that the template imports as it is within the user's reach.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireCapability(locals, 'import');
	const gemeente = user.reach.all
		? DEFAULT_GEMEENTE
		: ([...user.reach.gemeenten].sort()[0] ?? DEFAULT_GEMEENTE);
	if (url.searchParams.get('format') === 'xlsx') {
		return new Response(new Uint8Array(await templateXlsx(gemeente)), {
			headers: {
				'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				'content-disposition': 'attachment; filename="sjabloon-casusexport-1.1.xlsx"'
			}
		});
	}
	return new Response(templateCsv(gemeente), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="sjabloon-casusexport-1.1.csv"'
		}
	});
};
