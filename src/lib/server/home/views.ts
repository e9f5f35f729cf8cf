/** A registry view as a home block reads it: unfiltered, for the signed-in user, at the level the registry gives its role. */
import { EMPTY_FILTER } from '$lib/domain/filters';
import { showView } from '../views/show';
import type { ViewAnswer, ViewDefinition } from '../views/types';
import type { HomeContext } from './types';

/**
 * The view's answer as computed. The blocks that read a view are given only to roles that receive it
 * exactly (their capability says so, and a test checks it); any other level is refused here.
 */
export async function exactView<Answer extends ViewAnswer, TableId extends string>(
	view: ViewDefinition<Answer, TableId>,
	{ db, user, today }: HomeContext
): Promise<Answer> {
	const shown = await showView(view, {
		db,
		user,
		filter: EMPTY_FILTER,
		params: new URLSearchParams(),
		today
	});
	if (shown.level !== 'exact') throw new Error(`De startpagina leest ${view.id} alleen zoals berekend.`);
	return shown;
}
