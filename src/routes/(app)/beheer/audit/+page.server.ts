import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { requireCapability } from '$lib/server/auth/guard';
import { accessReview, auditTable, readAuditFilter, readAudit, AUDIT_PAGE } from '$lib/server/audit-log';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireCapability(locals, 'manageUsers');
	const read = readAuditFilter(url.searchParams);
	if (!read.ok) error(400, read.message);
	const { filter } = read;
	const db = await getDb();
	const { rows, actions } = await readAudit(db, user, filter);
	return {
		filter,
		actions,
		log: auditTable(rows),
		full: rows.length === AUDIT_PAGE,
		review: await accessReview(db, user)
	};
};
