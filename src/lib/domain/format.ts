/** Dutch (nl-NL) formats for numbers, amounts and dates: 1.234,56 · € 1.234,56 · 22-11-2026. */

const integer = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 0, maximumFractionDigits: 1 });
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const euroRounded = new Intl.NumberFormat('nl-NL', {
	style: 'currency',
	currency: 'EUR',
	maximumFractionDigits: 0
});
const longDate = new Intl.DateTimeFormat('nl-NL', {
	timeZone: 'Europe/Amsterdam',
	day: 'numeric',
	month: 'long',
	year: 'numeric'
});
const percent = new Intl.NumberFormat('nl-NL', { style: 'percent', maximumFractionDigits: 0 });
const dateTime = new Intl.DateTimeFormat('nl-NL', {
	timeZone: 'Europe/Amsterdam',
	day: '2-digit',
	month: '2-digit',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit'
});

/**
 * A count as `integer` writes it. Whole numbers, nearly every count, are grouped by hand: a page's
 * tables and heatmaps format thousands of cells, and Intl costs a microsecond or more each.
 */
export function formatCount(n: number): string {
	if (!Number.isSafeInteger(n) || Object.is(n, -0)) return integer.format(n);
	const digits = String(n < 0 ? -n : n);
	let head = digits.length % 3 || 3;
	let grouped = digits.slice(0, head);
	for (; head < digits.length; head += 3) grouped += '.' + digits.slice(head, head + 3);
	return n < 0 ? '-' + grouped : grouped;
}

export function formatDecimal(n: number): string {
	return decimal.format(n);
}

export function formatEuro(n: number, { rounded = false } = {}): string {
	return (rounded ? euroRounded : euro).format(n);
}

export function formatPercent(fraction: number): string {
	return percent.format(fraction);
}

/** `2026-11-22` (ISO, or an ISO date-time) as `22-11-2026`. */
export function formatDate(iso: string | null | undefined): string {
	if (!iso) return '';
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
	return m ? `${m[3]}-${m[2]}-${m[1]}` : iso;
}

/** A day as `22-11-2026`; a month (what roles without case access receive) as `11-2026`. */
export function formatDayOrMonth(value: string): string {
	return /^\d{4}-\d{2}$/.test(value) ? `${value.slice(5)}-${value.slice(0, 4)}` : formatDate(value);
}

/** `2026-11-22T09:05:00Z` as `22-11-2026 10:05` in Europe/Amsterdam. */
export function formatDateTime(iso: string | null | undefined): string {
	if (!iso) return '';
	const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : iso.replace(' ', 'T') + 'Z');
	return dateTime.format(date).replace(',', '').replace(/\//g, '-');
}

/** `2026-12-03T09:05:00Z` (or a date, or a UTC time without zone) as `3 december 2026` in Europe/Amsterdam. */
export function formatLongDate(iso: string | null | undefined): string {
	if (!iso) return '';
	const utc = /^\d{4}-\d{2}-\d{2}$/.test(iso)
		? `${iso}T12:00:00Z`
		: /[zZ]|[+-]\d\d:?\d\d$/.test(iso)
			? iso
			: iso.replace(' ', 'T') + 'Z';
	const date = new Date(utc);
	return Number.isNaN(date.getTime()) ? iso : longDate.format(date);
}
