/** Keeps a figure that only changes with the data until the next committed write to the database. */
import type { Database } from './database';
import { freezeFields } from '$lib/frozen-json';

/**
 * Wraps `compute` so that a call with the same key returns the earlier answer while `db.generation`
 * is unchanged. Holds at most `size` answers; concurrent calls for one key share one computation.
 * Answers are shared between requests, so nobody may change them: they and their fields are frozen
 * (`freezeFields`), and go to the browser as JSON written once.
 */
export function memoUntilWrite<A extends unknown[], R>(
	key: (...args: A) => string,
	compute: (db: Database, ...args: A) => Promise<R>,
	size = 100
): (db: Database, ...args: A) => Promise<R> {
	const cache = new Map<string, { db: Database; generation: number; value: Promise<R> }>();
	return (db, ...args) => {
		const k = key(...args);
		const hit = cache.get(k);
		if (hit && hit.db === db && hit.generation === db.generation) return hit.value;
		const value = compute(db, ...args).then(freezeFields);
		cache.delete(k);
		cache.set(k, { db, generation: db.generation, value });
		value.catch(() => cache.delete(k));
		if (cache.size > size) cache.delete(cache.keys().next().value!);
		return value;
	};
}

/** A key for a view's arguments: its name and the JSON of the reach, filter and choices it was asked for. */
export function viewKey(name: string) {
	return (...args: unknown[]) => `${name}:${JSON.stringify(args)}`;
}
