/** A registry view as one caller receives it: refused, computed, and for landelijk only its tables after disclosure control. */
import { error } from '@sveltejs/kit';
import { capabilities, type SessionUser } from '$lib/domain/roles';
import { audience } from '../disclosure/audience';
import { protectTables } from '../disclosure/tables';
import type { Level, Shown, ViewAnswer, ViewContext, ViewDefinition } from './types';

/** What this user receives of the view: `none` where its role lacks the view's capability. */
export function levelOf(view: ViewDefinition, user: SessionUser): Level {
	if (view.capability && !capabilities(user.role)[view.capability]) return 'none';
	return view.levels[audience(user.role)];
}

/** Answers 403 where the user may not see the view at all; else its level. */
function allowedLevel(view: ViewDefinition, user: SessionUser): Exclude<Level, 'none'> {
	const level = levelOf(view, user);
	if (level === 'none') error(403, 'Uw rol geeft geen toegang tot deze gegevens.');
	return level;
}

/**
 * An answer already computed, as the user receives it: as it is, or for the protected level only
 * the tables that level receives, protected. For a page that computed the answer itself (the kwestie
 * page, which has found the kwestie already).
 */
export function presentView<Answer extends ViewAnswer, TableId extends string>(
	view: ViewDefinition<Answer, TableId>,
	answer: Answer,
	user: SessionUser
): Shown<Answer> {
	const level = allowedLevel(view as ViewDefinition, user);
	if (level === 'exact') return { level, ...answer };
	const offered: readonly string[] = view.protectedTables ?? view.tables;
	const tables = answer.tables.filter((table) => offered.includes(table.id));
	return { level, tables: protectTables(tables, { cases: view.cases(answer) }) };
}

/**
 * The view for the context's user: 403 where it may not see it (before anything is computed), 404
 * where the arguments name nothing it may see, else as `presentView` gives it.
 */
export async function showView<Answer extends ViewAnswer, TableId extends string>(
	view: ViewDefinition<Answer, TableId>,
	context: ViewContext
): Promise<Shown<Answer>> {
	allowedLevel(view as ViewDefinition, context.user);
	const answer = await view.compute(context);
	if (!answer) error(404, 'Deze gegevens bestaan niet of vallen buiten uw bereik.');
	return presentView(view, answer, context.user);
}
