/** Dutch (nl-NL) formats for numbers, amounts and dates: 1.234,56 · € 1.234,56 · 22-11-2026. */

const integer = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 0, maximumFractionDigits: 1 });
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const euroRounded = new Intl.NumberFormat('nl-NL', {
	style: 'currency',
	currency: 'EUR',
	maximumFractionDigits: 0
});
const percent = new Intl.NumberFormat('nl-NL', { style: 'percent', maximumFractionDigits: 0 });

export function formatCount(n: number): string {
	return integer.format(n);
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

/** `2026-11-22T09:05:00Z` as `22-11-2026 10:05` in Europe/Amsterdam. */
export function formatDateTime(iso: string | null | undefined): string {
	if (!iso) return '';
	const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : iso.replace(' ', 'T') + 'Z');
	return new Intl.DateTimeFormat('nl-NL', {
		timeZone: 'Europe/Amsterdam',
		day: '2-digit',
		month: '2-digit',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit'
	})
		.format(date)
		.replace(',', '')
		.replace(/\//g, '-');
}
