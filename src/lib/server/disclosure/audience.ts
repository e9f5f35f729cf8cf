/** Who receives what (interfaces.md 1.1, "Who sees what"): case rows, exact totals, or totals under the national package's disclosure control. */
import { capabilities, type Role } from '$lib/domain/roles';

/**
 * `cases`: case rows and exact figures (case-level roles); `totals`: exact totals of its own
 * municipalities, never a per-case field (college); `protected`: totals only after disclosure
 * control, whole periods only (landelijk).
 */
export type Audience = 'cases' | 'totals' | 'protected';

export function audience(role: Role): Audience {
	if (role === 'landelijk') return 'protected';
	return capabilities(role).caseLevel ? 'cases' : 'totals';
}

/** Lists with a threshold (signals) never go below this for roles without case access. */
export const MIN_LIST_THRESHOLD = 3;

/** The threshold a list uses: a lower one is raised for roles without case access. */
export function listThreshold(who: Audience, requested: number): number {
	return who === 'cases' ? requested : Math.max(requested, MIN_LIST_THRESHOLD);
}

/** A list's first or last day (`YYYY-MM-DD`) as such a role receives it: the month (`YYYY-MM`). */
export function listDate(who: Audience, day: string): string {
	return who === 'cases' ? day : day.slice(0, 7);
}
