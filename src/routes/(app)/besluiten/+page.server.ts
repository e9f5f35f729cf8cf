/** The Besluiten screen: who decided, inside or outside the kaders, instruments, laws and four eyes, for the filter in the URL within the user's reach; for case-level roles also the cases past a fund's limit without the required decision (audited). */
import type { PageServerLoad } from './$types';
import { loadView } from '$lib/server/views/page';
import { besluiten } from '$lib/server/views/registry';
import { ruleBreaches } from '$lib/server/funds/rules';
import { auditCaseView } from '$lib/server/case-view-audit';
import { requireUser } from '$lib/server/auth/guard';
import { capabilities } from '$lib/domain/roles';

export const load: PageServerLoad = async (event) => {
	const caseLevel = capabilities(requireUser(event.locals).role).caseLevel;
	const { filter, options, shown, db, extra } = await loadView(event, besluiten, {
		alongside: ({ db, user, filter }) =>
			caseLevel ? ruleBreaches(db, user.reach, filter) : Promise.resolve(null),
		// The list of cases is audited at every view: a kept page would show it unaudited.
		keep: !caseLevel
	});
	if (extra && extra.length > 0) {
		await auditCaseView(
			db,
			event,
			`casussen boven het fondsmaximum op /besluiten${event.url.search} (${extra.length})`
		);
	}
	return { filter, options, ...shown, breaches: extra };
};
