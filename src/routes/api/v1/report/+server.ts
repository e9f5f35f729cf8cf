/** `GET /api/v1/report?period=2025-Q3&format=json|pdf|xlsx`: the college's period report as data, as PDF or as the XLSX annex. */
import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { caller } from '$lib/server/api';
import { audit } from '$lib/server/audit';
import { periodReport, reportJson, reportRequest } from '$lib/server/reports/report';
import { fileHeaders, liveText, reportFileName, reportPdf, reportXlsx } from '$lib/server/reports/files';
import { PdfUnavailableError } from '$lib/server/reports/pdf';

const FORMATS = ['json', 'pdf', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

export const GET: RequestHandler = async (event) => {
	const user = caller(event);
	const { searchParams } = event.url;
	const request = reportRequest(user, searchParams.get('period'), searchParams.get('gemeente'));
	if (!request.ok) error(request.status, request.message);
	const format = (searchParams.get('format') ?? 'json') as Format;
	if (!FORMATS.includes(format)) error(400, 'Kies format=json, format=pdf of format=xlsx.');

	const db = await getDb();
	const report = await periodReport(db, user, request.period, request.gemeente);
	if (format === 'json') return json(reportJson(report));

	const text = await liveText(db, user, report);
	let body: Buffer;
	try {
		body = format === 'pdf' ? await reportPdf(report, text) : await reportXlsx(report, text);
	} catch (failure) {
		if (failure instanceof PdfUnavailableError) error(503, failure.message);
		throw failure;
	}
	await audit(db, {
		actor: user.email,
		action: 'rapportage downloaden',
		object: `${report.period} ${report.scope.label} (${format})`,
		result: 'ok',
		origin: event.getClientAddress()
	});
	return new Response(new Uint8Array(body), { headers: fileHeaders(reportFileName(report, format), format) });
};
