import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { savedText } from '$lib/server/reports/files';
import { mayReadReports } from '$lib/server/reports/report';
import { compareWithLive, openSavedReport } from '$lib/server/reports/saved';
import { savedReportId } from './saved-id';
import { auditRefusedReport } from './refused';

export const load: PageServerLoad = async ({ locals, params, url, getClientAddress }) => {
	const user = locals.user!;
	if (!mayReadReports(user)) error(403, 'De rapportage is er voor de gemeenten zelf.');
	const db = await getDb();
	const id = savedReportId(params.id);
	const saved = await openSavedReport(db, user, id);
	if (!saved) {
		await auditRefusedReport(db, user, id, 'rapportage bekijken', getClientAddress());
		error(404, 'Deze rapportage bestaat niet of valt buiten uw bereik.');
	}
	const live = new URLSearchParams({ periode: saved.period });
	if (saved.gemeente) live.set('gemeente', saved.gemeente);
	return {
		id: saved.id,
		report: saved.figures,
		text: savedText(saved),
		savedAt: saved.savedAt,
		live: await compareWithLive(db, saved),
		justSaved: url.searchParams.has('opgeslagen'),
		liveHref: `/rapportage?${live}`,
		pdfHref: `/rapportage/${saved.id}/download?format=pdf`,
		xlsxHref: `/rapportage/${saved.id}/download?format=xlsx`
	};
};
