/** The load of an analysis page: the caller's scope, then its registry view as the caller may receive it. */
import type { RequestEvent } from '@sveltejs/kit';
import { analysisScope, type AnalysisScope } from '../analysis-scope';
import { todayInAmsterdam } from '../kwesties/signals';
import { keepPage } from '../page-cache';
import { showView } from './show';
import type { Shown, ViewAnswer, ViewDefinition } from './types';

export interface PageView<Answer extends ViewAnswer, Extra> extends AnalysisScope {
	shown: Shown<Answer>;
	/** What `alongside` answered. */
	extra: Extra;
}

export interface LoadOptions<Extra> {
	/** False where the page adds something audited (a cell's cases): the page cache must not keep it. */
	keep?: boolean;
	/** Work of the page beside the view (the costliest cases), run at the same time. */
	alongside?: (scope: AnalysisScope) => Promise<Extra>;
}

/**
 * Loads the view for the page's address and the signed-in user. A view whose cache policy is
 * `page` lets the page cache keep the rendered page, unless `keep` is false.
 */
export async function loadView<Answer extends ViewAnswer, TableId extends string, Extra = undefined>(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	view: ViewDefinition<Answer, TableId>,
	options: LoadOptions<Extra> = {}
): Promise<PageView<Answer, Extra>> {
	const scope = await analysisScope(event);
	const [shown, extra] = await Promise.all([
		showView(view, {
			db: scope.db,
			user: scope.user,
			filter: scope.filter,
			params: event.url.searchParams,
			today: todayInAmsterdam()
		}),
		options.alongside ? options.alongside(scope) : (undefined as Extra)
	]);
	if (view.cache === 'page' && options.keep !== false) keepPage(event.locals);
	return { ...scope, shown, extra };
}
