/** The Budget screen: funds, spend and avoided costs, and for case-level roles the costliest cases (audited). */
import type { PageServerLoad } from './$types';
import { loadView } from '$lib/server/views/page';
import { budget } from '$lib/server/views/registry';
import { costliestCases } from '$lib/server/analytics/budget/kassabon';
import { auditCaseView } from '$lib/server/case-view-audit';

/** Not kept by the page cache (the registry says `never`): the costliest cases are case rows, and every view of them is audited. */
export const load: PageServerLoad = async (event) => {
	const { filter, options, db, shown, extra } = await loadView(event, budget, {
		alongside: ({ db, user, filter }) => costliestCases(db, user, filter)
	});
	if (extra && extra.length > 0) {
		await auditCaseView(db, event, `duurste casussen op /budget${event.url.search} (${extra.length})`);
	}
	return { filter, options, ...shown, costliest: extra };
};
