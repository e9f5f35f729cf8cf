/** Where to go after logging in: only a path on this site, never `//elsewhere` or a full URL. */
export function safeReturn(value: string | null): string {
	return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}

/** The `terug` query of a URL, kept for the next step of logging in. */
export function returnQuery(url: URL): string {
	const back = url.searchParams.get('terug');
	return back ? `?terug=${encodeURIComponent(safeReturn(back))}` : '';
}
