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

/**
 * The view for the context's user: 403 where it may not see it, 404 where the arguments name
 * nothing it may see, and for the protected level only the tables that level receives, protected.
 */
export async function showView<Answer extends ViewAnswer, TableId extends string>(
	view: ViewDefinition<Answer, TableId>,
	context: ViewContext
): Promise<Shown<Answer>> {
	const level = levelOf(view as ViewDefinition, context.user);
	if (level === 'none') error(403, 'Uw rol geeft geen toegang tot deze gegevens.');
	const answer = await view.compute(context);
	if (!answer) error(404, 'Deze gegevens bestaan niet of vallen buiten uw bereik.');
	if (level === 'exact') return { level, ...answer };
	const offered: readonly string[] = view.protectedTables ?? view.tables;
	const tables = answer.tables.filter((table) => offered.includes(table.id));
	return { level, tables: protectTables(tables, { cases: view.cases(answer) }) };
}
