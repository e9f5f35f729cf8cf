/** The query of the address bar as it is now: `page.url` after a navigation, with the sections opened or closed since then (which change the address without one). */
import { page } from '$app/state';

/** The query the sections last wrote, and the navigation it belongs to. */
let written = $state<{ href: string; search: string } | null>(null);

/** The current query (`?…`), opened sections included; reactive. */
export function liveSearch(): string {
	return written && written.href === page.url.href ? written.search : page.url.search;
}

/** Notes a query written into the address bar without a navigation (shallow, by a section's toggle). */
export function noteSearch(search: string): void {
	written = { href: page.url.href, search };
}
