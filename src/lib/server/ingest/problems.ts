/** Limits on what an import reports. */

export type { ImportProblem } from '$lib/domain/imports';

/** At most this many problems are listed; the count of rejected rows is always complete. */
export const PROBLEM_LIMIT = 5000;
