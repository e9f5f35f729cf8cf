/** Admission of page views: a few at a time inside the app, the others waiting their turn in arrival order. */
import type { Handle, RequestEvent } from '@sveltejs/kit';

/**
 * Views let in at once. The server renders on one thread; a view in progress mostly waits on the
 * session's two statements, so a handful keeps that thread busy. More at once only reorders them:
 * whenever a statement comes back the event loop renders every view whose statement came back, so
 * under load a view finished a round or two later than another that came in after it (a third
 * of the views took twice the median). Sixteen is above the four statements DuckDB's thread pool runs at
 * once, so views waiting on slow statements never hold all the places.
 */
export const ADMITTED = 16;

/** Reading requests made by a browser or a client; forms, uploads and the app's own calls pass. */
function queued(event: RequestEvent): boolean {
	const { method } = event.request;
	return (method === 'GET' || method === 'HEAD') && !event.isSubRequest;
}

/**
 * A request still inside after this long gives its place up (and goes on): one that hangs, on a
 * statement that never returns, must not keep the others out for good.
 */
export const PLACE_HELD_MS = 30_000;

/** A handle that lets at most `limit` reading requests into the rest of the app, first come first served. */
export function admission(limit = ADMITTED, heldMs = PLACE_HELD_MS): Handle {
	let inside = 0;
	const waiting: (() => void)[] = [];
	const leave = () => {
		const next = waiting.shift();
		if (next) next();
		else inside--;
	};
	return async ({ event, resolve }) => {
		if (!queued(event)) return resolve(event);
		if (inside < limit) inside++;
		else await new Promise<void>((enter) => waiting.push(enter));
		let left = false;
		const leaveOnce = () => {
			if (left) return;
			left = true;
			leave();
		};
		const timer = setTimeout(leaveOnce, heldMs);
		timer.unref?.();
		try {
			return await resolve(event);
		} finally {
			clearTimeout(timer);
			leaveOnce();
		}
	};
}
