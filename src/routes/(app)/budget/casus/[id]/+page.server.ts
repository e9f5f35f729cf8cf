import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { caseKassabon } from '$lib/server/analytics/budget/kassabon';
import { OUTCOME_LABELS, STATUS_LABELS, type CaseStatus, type Outcome } from '$lib/domain/filters';

const NOT_FOUND = 'Deze casus bestaat niet of valt buiten uw bereik.';

export const load: PageServerLoad = async ({ locals, params, getClientAddress }) => {
	const user = requireUser(locals);
	const id = /^\d{1,15}$/.test(params.id) ? Number(params.id) : 0;
	// Aggregate-only roles and cases outside the reach get the same 404: existence must not leak.
	const kassabon = await caseKassabon(await getDb(), user, id, getClientAddress());
	if (!kassabon) error(404, NOT_FOUND);
	return {
		kassabon,
		statusLabel: STATUS_LABELS[kassabon.status as CaseStatus] ?? kassabon.status,
		uitkomstLabel: kassabon.uitkomst
			? (OUTCOME_LABELS[kassabon.uitkomst as Outcome] ?? kassabon.uitkomst)
			: null
	};
};
