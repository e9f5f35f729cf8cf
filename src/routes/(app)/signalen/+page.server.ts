import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { analysisScope } from '$lib/server/analysis-scope';
import { getDb } from '$lib/server/db';
import { signalList } from '$lib/server/kwesties/signal-list';
import { FIRST_SIGN_IN } from '$lib/server/kwesties/signals';
import { followedKwesties } from '$lib/server/kwesties/kwesties';
import { openSolutionKwestie } from '$lib/server/kwesties/solutions';
import {
	SuggestionError,
	confirmSuggestion,
	rejectSuggestion,
	suggestions
} from '$lib/server/kwesties/suggestions';
import {
	THRESHOLD_MAX,
	WINDOW_MAX,
	parseSignalOptions,
	saveSignalSettings,
	signalSettings
} from '$lib/server/kwesties/settings';
import { auditCaseView } from '$lib/server/case-view-audit';
import { capabilities, reaches } from '$lib/domain/roles';
import { audience } from '$lib/server/disclosure/audience';
import { signalRequest } from '$lib/server/disclosure/signals';
import { reference } from '$lib/server/reference';
import { shownCount } from '$lib/domain/sections';

/**
 * Writes nothing but the audit entry of the suggestions it shows: kwesties exist from the import on, and
 * "new" counts from the previous sign-in the session carries. Never kept by the page cache, so every
 * view of the suggestions (which quote cases) is audited.
 */
export const load: PageServerLoad = async (event) => {
	const { user, filter, db, options } = await analysisScope(event);
	const defaults = await signalSettings(db, user.reach, filter.gemeente);
	const who = audience(user.role);
	const asked = signalRequest(who, event.url.searchParams, defaults, filter);
	if (!asked.ok) error(400, asked.message);
	const chosen = asked.options.options;
	const since = event.locals.session?.previousLoginAt ?? null;
	// On a first sign-in every signal is new.
	const list = await signalList(db, user, asked.options.filter, {
		...chosen,
		since: since ?? FIRST_SIGN_IN
	});
	// Suggestions quote summaries: only for the roles that handle kwesties at case level.
	const canSuggest = capabilities(user.role).manageKwesties;
	const all = canSuggest ? await suggestions(db, user.reach, chosen) : null;
	// The strongest ten at first, ten more with each "meer" (`?suggesties=20`): only those shown are sent and audited.
	const count = shownCount(event.url.searchParams, 'suggesties', 10, all?.length ?? 0);
	const shown = all?.slice(0, count.count) ?? null;
	if (shown && shown.length > 0) {
		const cases = shown.reduce((n, s) => n + s.cases.length, 0);
		const gemeenten = [...new Set(shown.map((s) => s.gemeente))].sort().join(', ');
		await auditCaseView(
			db,
			event,
			`suggesties op /signalen: ${shown.length} (${cases} casussen, ${gemeenten})`
		);
	}
	return {
		suggestions: all && shown ? { shown, total: all.length, count } : null,
		gemeenteNames: Object.fromEntries(options.gemeenten.map((g) => [g.code, g.naam])),
		filter,
		options,
		defaults,
		since,
		list,
		followed: await followedKwesties(db, user),
		limits: { threshold: THRESHOLD_MAX, window: WINDOW_MAX },
		canConfigure: capabilities(user.role).configureSignals,
		/** What the list leaves out for this role, so the page can say why. */
		disclosure: { audience: who, raised: asked.options.raised }
	};
};

/** A suggestion's answer as the form shows it; a refusal names its field. */
function refused(error: unknown) {
	if (error instanceof SuggestionError)
		return fail(error.status, { action: 'suggestie' as const, message: error.message, field: error.field });
	throw error;
}

export const actions: Actions = {
	/** The kwaliteitsteam gives the cases of a suggestion one shared kwestie. */
	bevestigen: async ({ request, locals }) => {
		const form = await request.formData();
		const gemeente = String(form.get('gemeente') ?? '');
		const cases = form.getAll('case').map((value) => {
			const [source, ...id] = String(value).split('|');
			return { source, casus_id: id.join('|') };
		});
		const db = await getDb();
		try {
			const result = await confirmSuggestion(db, locals.user!, {
				gemeente,
				cases,
				label: String(form.get('label') ?? '')
			});
			return {
				action: 'suggestie' as const,
				done: `${result.linked} casussen hebben nu de kwestie "${result.label}".`
			};
		} catch (error) {
			return refused(error);
		}
	},
	/** The kwaliteitsteam says the cases of a suggestion are not the same problem. */
	afwijzen: async ({ request, locals }) => {
		const form = await request.formData();
		try {
			await rejectSuggestion(await getDb(), locals.user!, {
				gemeente: String(form.get('gemeente') ?? ''),
				fingerprint: String(form.get('fingerprint') ?? '')
			});
			return { action: 'suggestie' as const, done: 'De suggestie is afgewezen en komt niet terug.' };
		} catch (error) {
			return refused(error);
		}
	},
	/**
	 * The kwaliteitsteam opens a kwestie of the kind "structurele oplossing" for a recurring solution of one
	 * municipality, or goes to the one that exists.
	 */
	openen: async ({ request, locals, getClientAddress }) => {
		const user = locals.user!;
		if (!capabilities(user.role).manageKwesties) {
			return fail(403, {
				action: 'openen' as const,
				message: 'Alleen het kwaliteitsteam en de beheerder openen een kwestie.',
				field: null
			});
		}
		const form = await request.formData();
		const outcome = await openSolutionKwestie(
			await getDb(),
			user,
			String(form.get('gemeente') ?? ''),
			String(form.get('oplossing') ?? ''),
			getClientAddress()
		);
		if (!outcome.ok) {
			return fail(outcome.status, {
				action: 'openen' as const,
				message: outcome.message,
				field: outcome.field
			});
		}
		redirect(303, `/kwesties/${outcome.id}`);
	},
	/** The beheerder sets a municipality's default threshold and window. */
	instellingen: async ({ request, locals }) => {
		const user = locals.user!;
		if (!capabilities(user.role).configureSignals)
			return fail(403, {
				action: 'instellingen' as const,
				message: 'Alleen de beheerder stelt de drempel in.',
				field: null
			});
		const form = await request.formData();
		const found = reference().gemeenten.resolve(String(form.get('gemeente') ?? ''));
		if (!found || !reaches(user.reach, found.code)) {
			return fail(400, {
				action: 'instellingen' as const,
				message: 'Kies een gemeente binnen uw bereik.',
				field: 'gemeente'
			});
		}
		const values = {
			threshold: String(form.get('threshold') ?? '').trim(),
			window_months: String(form.get('window_months') ?? '').trim()
		};
		const empty = Object.entries(values).find(([, value]) => value === '');
		if (empty) {
			return fail(400, {
				action: 'instellingen' as const,
				message: 'Vul de drempel en de periode in.',
				field: empty[0]
			});
		}
		const checked = parseSignalOptions(new URLSearchParams(values), { threshold: 0, windowMonths: 0 });
		if (!checked.ok) {
			return fail(400, { action: 'instellingen' as const, message: checked.message, field: checked.field });
		}
		const { threshold, windowMonths } = checked.options;
		await saveSignalSettings(await getDb(), user.email, found.code, { threshold, windowMonths });
		return {
			action: 'instellingen' as const,
			done: `Voor ${found.naam} geldt nu: ten minste ${threshold} casussen in ${windowMonths} maanden.`
		};
	}
};
