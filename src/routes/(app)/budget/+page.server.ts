import type { PageServerLoad } from './$types';
import { analysisScope } from '$lib/server/analysis-scope';
import { budgetView } from '$lib/server/analytics/budget-view';
import { costliestCases } from '$lib/server/analytics/budget/kassabon';
import { todayInAmsterdam } from '$lib/server/kwesties/signals';
import { auditCaseView } from '$lib/server/case-view-audit';

/** Not kept by the page cache: the costliest cases are case rows, and every view of them is audited. */
export const load: PageServerLoad = async (event) => {
	const { user, filter, db, options } = await analysisScope(event);
	const [view, costliest] = await Promise.all([
		budgetView(db, user.reach, filter, todayInAmsterdam()),
		costliestCases(db, user, filter)
	]);
	if (costliest && costliest.length > 0) {
		await auditCaseView(db, event, `duurste casussen op /budget${event.url.search} (${costliest.length})`);
	}
	return { filter, options, ...view, costliest };
};
