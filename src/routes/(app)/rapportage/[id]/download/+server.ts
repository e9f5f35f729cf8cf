/** `GET /rapportage/<id>/download?format=pdf|xlsx`: a saved report as PDF or XLSX annex, with its stored figures and text. */
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { audit } from '$lib/server/audit';
import { fileHeaders, reportFileName, reportPdf, reportXlsx, savedText } from '$lib/server/reports/files';
import { PdfUnavailableError } from '$lib/server/reports/pdf';
import { openSavedReport } from '$lib/server/reports/saved';
import { savedReportId } from '../saved-id';
import { auditRefusedReport } from '../refused';

export const GET: RequestHandler = async ({ locals, params, url, getClientAddress }) => {
	const user = locals.user!;
	const db = await getDb();
	const id = savedReportId(params.id);
	const saved = await openSavedReport(db, user, id);
	if (!saved) {
		await auditRefusedReport(db, user, id, 'rapportage downloaden', getClientAddress());
		error(404, 'Deze rapportage bestaat niet of valt buiten uw bereik.');
	}
	const format = url.searchParams.get('format');
	if (format !== 'pdf' && format !== 'xlsx') error(400, 'Kies format=pdf of format=xlsx.');
	let body: Buffer;
	try {
		body =
			format === 'pdf'
				? await reportPdf(saved.figures, savedText(saved))
				: await reportXlsx(saved.figures, savedText(saved));
	} catch (failure) {
		if (failure instanceof PdfUnavailableError) error(503, failure.message);
		throw failure;
	}
	await audit(db, {
		actor: user.email,
		action: 'rapportage downloaden',
		object: `rapport ${saved.id} (${format})`,
		result: 'ok',
		origin: getClientAddress()
	});
	return new Response(new Uint8Array(body), {
		headers: fileHeaders(reportFileName(saved.figures, format), format)
	});
};
