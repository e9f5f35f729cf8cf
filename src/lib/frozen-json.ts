/** Page data kept unchanged until the next write goes to the browser as JSON written once, not walked by devalue on every page view. */

/** A value marked frozen, with its JSON once written ('' when JSON would not keep it exactly). */
const frozen = new WeakMap<object, string | null>();

/**
 * Marks `value` as never changing again: the views keep their answers until the next write and
 * share them between requests, and SvelteKit would otherwise serialize them anew for every page
 * (devalue, about ten times slower than JSON). Values JSON does not keep exactly are still sent
 * the usual way.
 */
export function freeze<T>(value: T): T {
	if (typeof value === 'object' && value !== null && !frozen.has(value)) frozen.set(value, null);
	return value;
}

/** Freezes `value` and each object among its own properties (a view's fields, spread into page data). */
export function freezeFields<T>(value: T): T {
	if (typeof value !== 'object' || value === null) return value;
	freeze(value);
	for (const field of Object.values(value)) freeze(field);
	return value;
}

/** Whether JSON gives back exactly `value`: plain objects and arrays of strings, finite numbers, booleans and null. */
function jsonExact(value: unknown): boolean {
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return true;
		case 'number':
			return Number.isFinite(value) && !Object.is(value, -0);
		case 'object': {
			if (value === null) return true;
			if (Array.isArray(value)) {
				for (let i = 0; i < value.length; i++) if (!(i in value) || !jsonExact(value[i])) return false;
				return true;
			}
			const proto = Object.getPrototypeOf(value);
			if (proto !== Object.prototype && proto !== null) return false;
			if (Object.getOwnPropertySymbols(value).length > 0) return false;
			return Object.values(value).every(jsonExact);
		}
		default:
			return false;
	}
}

/** The transport's encoder: the JSON of a frozen value, written at its first page view; falsy for anything else. */
export function encodeFrozen(value: unknown): string | false {
	if (typeof value !== 'object' || value === null) return false;
	let json = frozen.get(value);
	if (json === undefined) return false;
	if (json === null) {
		json = jsonExact(value) ? JSON.stringify(value) : '';
		frozen.set(value, json);
	}
	return json || false;
}

export function decodeFrozen(json: string): unknown {
	return JSON.parse(json);
}
