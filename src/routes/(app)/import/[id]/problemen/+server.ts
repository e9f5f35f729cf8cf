import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { requireCapability } from '$lib/server/auth/guard';
import { importProblems } from '$lib/server/ingest/history';
import type { ImportProblem } from '$lib/domain/imports';
import { toCsv } from '$lib/server/reports/tabular';

/** The problems of one import as CSV, for whoever corrects the export. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const user = requireCapability(locals, 'import');
	const row = await importProblems(await getDb(), Number(params.id), user.reach, user.email);
	if (!row) error(404, 'Deze import bestaat niet of valt buiten uw bereik.');
	const problems = JSON.parse(row.problems ?? '[]') as ImportProblem[];
	const csv = toCsv({
		id: 'problemen',
		caption: `Problemen in ${row.file_name}`,
		columns: [
			{ key: 'row', label: 'Rij', kind: 'count' },
			{ key: 'column', label: 'Kolom' },
			{ key: 'message', label: 'Probleem' }
		],
		rows: problems.map((p) => ({ row: p.row, column: p.column, message: p.message }))
	});
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="problemen-import-${params.id}.csv"`
		}
	});
};
