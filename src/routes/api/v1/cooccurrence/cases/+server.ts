/** `GET /api/v1/cooccurrence/cases`: the cases behind one cell of a matrix, as JSON or an Arrow stream; case-level roles only. */
import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { apiDimension, apiFilter, caller } from '$lib/server/api';
import { parseDiagonal } from '$lib/server/analytics/cooccurrence';
import { cellCases, parseCell, CELL_CASE_LIMIT, CELL_CASE_MAX } from '$lib/server/analytics/cell-cases';
import { arrowResponse, toArrowStream, wantsArrow, type ArrowColumn } from '$lib/server/arrow';
import { audience } from '$lib/server/disclosure/audience';

const COLUMNS: ArrowColumn[] = [
	{ name: 'casus_id', type: 'utf8' },
	{ name: 'gemeente', type: 'utf8' },
	{ name: 'aangemeld_op', type: 'utf8' },
	{ name: 'afgerond_op', type: 'utf8' },
	{ name: 'status', type: 'utf8' },
	{ name: 'kwestie', type: 'utf8' },
	{ name: 'samenvatting', type: 'utf8' }
];

export const GET: RequestHandler = async (event) => {
	const user = caller(event);
	if (audience(user.role) !== 'cases') error(403, 'Uw rol ziet geen casussen, alleen totalen.');
	const params = event.url.searchParams;
	const dimension = apiDimension(event.url);
	const cell = parseCell(dimension, params.get('cell') ?? '');
	if (!cell) error(400, `cell is twee codes van ${dimension}, gescheiden door |.`);
	const diagonal = parseDiagonal(params.get('diagonal') ?? 'single');
	if (!diagonal) error(400, 'diagonal is single of total.');
	const limit = params.has('limit') ? Number(params.get('limit')) : CELL_CASE_LIMIT;
	if (!Number.isInteger(limit) || limit < 1 || limit > CELL_CASE_MAX) {
		error(400, `limit is een geheel getal van 1 tot en met ${CELL_CASE_MAX}.`);
	}
	const filter = apiFilter(event.url, user);
	const found = await cellCases(await getDb(), user, {
		dimension,
		cell,
		diagonal,
		filter,
		limit,
		origin: event.getClientAddress()
	});
	if (!found) error(403, 'Uw rol ziet geen casussen, alleen totalen.');
	if (wantsArrow(event.request)) {
		const bytes = toArrowStream(found.cases, COLUMNS, {
			dimension,
			cell: cell.join('|'),
			total: String(found.total)
		});
		return arrowResponse(bytes, `casussen-${dimension}.arrows`);
	}
	return json({ dimension, cell, total: found.total, cases: found.cases });
};
