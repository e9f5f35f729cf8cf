/** `GET /rapportage/evaluatie/download?format=pdf|xlsx|print|csv&van=2024-Q1&tot=2025-Q4[&gemeente=GM..][&tabel=..]`: the pilot evaluation as PDF, XLSX, a document to print, or one table as CSV. */
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { audit } from '$lib/server/audit';
import { evaluationReport } from '$lib/server/reports/evaluation';
import { PdfUnavailableError } from '$lib/server/reports/pdf';
import { runRequest } from '$lib/server/reports/run';
import {
	evaluationCsv,
	evaluationFileName,
	evaluationHtml,
	evaluationPdf,
	evaluationStamp,
	evaluationXlsx
} from '../files';

const FORMATS = ['pdf', 'xlsx', 'print', 'csv'] as const;
type Format = (typeof FORMATS)[number];

/** The print document holds only text and its own style: nothing may load or run. */
const HTML_POLICY =
	"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES: Record<Format, string> = {
	pdf: 'application/pdf',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	print: 'text/html; charset=utf-8',
	csv: 'text/csv; charset=utf-8'
};

export const GET: RequestHandler = async ({ locals, url, getClientAddress }) => {
	const user = locals.user!;
	const params = url.searchParams;
	const request = runRequest(user, params.get('van'), params.get('tot'), params.get('gemeente'));
	if (!request.ok) error(request.status, request.message);
	const format = params.get('format') as Format;
	if (!FORMATS.includes(format)) error(400, 'Kies format=pdf, format=xlsx, format=print of format=csv.');
	const tableId = params.get('tabel') ?? '';
	if (format === 'csv' && !/^evaluatie-[a-z-]{1,40}$/.test(tableId)) {
		error(400, 'Kies de tabel van de CSV, bijvoorbeeld tabel=evaluatie-kosten.');
	}

	const db = await getDb();
	const report = await evaluationReport(db, user, { run: request.run, gemeente: request.gemeente });
	const stamp = evaluationStamp();
	let body: string | Buffer;
	try {
		if (format === 'pdf') body = await evaluationPdf(report, stamp);
		else if (format === 'xlsx') body = await evaluationXlsx(report, stamp);
		else if (format === 'print') body = evaluationHtml(report, stamp, false);
		else {
			const csv = evaluationCsv(report, tableId);
			if (csv === undefined) error(400, `De evaluatie heeft geen tabel ${tableId}.`);
			body = csv;
		}
	} catch (failure) {
		if (failure instanceof PdfUnavailableError) error(503, failure.message);
		throw failure;
	}
	await audit(db, {
		actor: user.email,
		action: 'evaluatie downloaden',
		object: `${report.run.from} tot en met ${report.run.to} ${report.scope.label} (${format}${format === 'csv' ? ` ${tableId}` : ''})`,
		result: 'ok',
		origin: getClientAddress()
	});
	const extension = format === 'print' ? 'html' : format;
	const headers: Record<string, string> = {
		'content-type': TYPES[format],
		'content-disposition': `${format === 'print' ? 'inline' : 'attachment'}; filename="${evaluationFileName(
			report,
			extension,
			format === 'csv' ? tableId : undefined
		)}"`,
		'cache-control': 'no-store'
	};
	if (format === 'print') headers['content-security-policy'] = HTML_POLICY;
	return new Response(typeof body === 'string' ? body : new Uint8Array(body), { headers });
};
