/** Verkennen: the chart a user builds from a measure, a dimension, a split and the filters in the URL, within its reach; and its saved views, saved and deleted by named actions. */
import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { parseChoice } from '$lib/domain/explore';
import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { parseFilter } from '$lib/server/analytics/filter';
import { audience } from '$lib/server/disclosure/audience';
import { deleteSavedView, listSavedViews, saveView } from '$lib/server/explore/saved';
import { loadView } from '$lib/server/views/page';
import { verkennen } from '$lib/server/views/registry';

export const load: PageServerLoad = async (event) => {
	const asked = parseChoice(event.url.searchParams);
	if (!asked.ok) error(400, asked.message);
	const { filter, options, shown, extra } = await loadView(event, verkennen, {
		alongside: ({ db, user }) => listSavedViews(db, user.id)
	});
	return { filter, options, choice: asked.choice, ...shown, saved: extra };
};

export const actions: Actions = {
	/** Saves the choice in the action's address (the page's own, parsed as the page parses it) under the posted name. */
	bewaren: async (event) => {
		const user = requireUser(event.locals);
		const name = String((await event.request.formData()).get('naam') ?? '');
		const filter = parseFilter(event.url.searchParams, user.reach, audience(user.role));
		if (!filter.ok) return fail(filter.status, { form: 'bewaren', message: filter.message, naam: name });
		const asked = parseChoice(event.url.searchParams);
		if (!asked.ok) return fail(400, { form: 'bewaren', message: asked.message, naam: name });
		const db = await getDb();
		const saved = await saveView(db, user, name, asked.choice, filter.filter, event.getClientAddress());
		if (!saved.ok) return fail(400, { form: 'bewaren', message: saved.message, naam: name, field: 'naam' });
		return {
			form: 'bewaren',
			done: `De weergave "${saved.view.name}" is bewaard. U vindt hem hieronder en op uw startpagina.`
		};
	},
	/** Deletes one of the user's own saved views; another user's id is refused as if it did not exist. */
	verwijderen: async (event) => {
		const user = requireUser(event.locals);
		const value = String((await event.request.formData()).get('id') ?? '').trim();
		const id = /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
		const db = await getDb();
		const deleted = await deleteSavedView(db, user, id, event.getClientAddress());
		if (!deleted.ok) {
			return fail(404, {
				form: 'verwijderen',
				message: 'Deze bewaarde weergave bestaat niet, of is niet van u.'
			});
		}
		return { form: 'verwijderen', done: `De weergave "${deleted.name}" is verwijderd.` };
	}
};
