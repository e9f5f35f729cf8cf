/** Where to go after logging in: only a path on this site, never `//elsewhere`, a full URL or a path a browser rewrites. */

/**
 * A path that starts with one `/` and then a character other than `/` or `\`, with no backslash and
 * no control character anywhere: browsers drop tabs and newlines and read `\` as `/`, so
 * `/<TAB>/evil.example` would become `//evil.example`. Nothing is removed to make a value fit.
 */
export function isSafeReturn(value: string): boolean {
	if (value === '/') return true;
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f-\u009f\\]/.test(value)) return false;
	return /^\/[^/]/.test(value);
}

export function safeReturn(value: string | null): string {
	return value !== null && isSafeReturn(value) ? value : '/';
}

/** The `terug` query of a URL, kept for the next step of logging in. */
export function returnQuery(url: URL): string {
	const back = url.searchParams.get('terug');
	return back ? `?terug=${encodeURIComponent(safeReturn(back))}` : '';
}
