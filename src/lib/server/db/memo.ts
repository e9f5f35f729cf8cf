/** Keeps a figure that only changes with the data until the next committed write to the database. */
import type { Database } from './database';
import { freezeFields } from '$lib/frozen-json';

/**
 * Whether kept answers are frozen all the way down: under `vite dev` (NODE_ENV development), under
 * vitest (test), and where PORTAL_FREEZE_ANSWERS=1 (the integration tests' built server); never in a
 * production server, where walking every answer would only cost time.
 */
function freezesDeeply(): boolean {
	const mode = process.env.NODE_ENV;
	return mode === 'development' || mode === 'test' || process.env.PORTAL_FREEZE_ANSWERS === '1';
}

/**
 * Freezes `value` and everything it holds (own properties, array items, Map and Set entries), so that
 * code changing a shared answer throws where it does so. Typed arrays stay as they are (they cannot
 * be frozen); Maps and Sets refuse `set`, `add`, `delete` and `clear`.
 */
export function deepFreeze<T>(value: T): T {
	const seen = new WeakSet<object>();
	const walk = (v: unknown): void => {
		if (typeof v !== 'object' || v === null || seen.has(v) || ArrayBuffer.isView(v)) return;
		seen.add(v);
		if (v instanceof Map || v instanceof Set) {
			for (const method of ['set', 'add', 'delete', 'clear']) {
				if (method in v) Object.defineProperty(v, method, { value: refuse });
			}
			for (const entry of v instanceof Map ? v.entries() : v.values()) walk(entry);
		}
		Object.freeze(v);
		for (const descriptor of Object.values(Object.getOwnPropertyDescriptors(v))) {
			if ('value' in descriptor) walk(descriptor.value);
		}
	};
	walk(value);
	return value;
}

function refuse(): never {
	throw new TypeError('A kept answer is shared between requests and may not change.');
}

/**
 * Wraps `compute` so that a call with the same key returns the earlier answer while `db.generation`
 * is unchanged. Holds at most `size` answers; concurrent calls for one key share one computation.
 * Answers are shared between requests, so nobody may change them: they and their fields are frozen
 * (`freezeFields`), and go to the browser as JSON written once; in development and tests they are
 * frozen all the way down (`deepFreeze`), so that a change throws.
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
		const value = compute(db, ...args).then((answer) =>
			freezesDeeply() ? deepFreeze(freezeFields(answer)) : freezeFields(answer)
		);
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
