/** Dutch amounts as people type them (`1.234,56`, `€ 250,-`, `1234.5`), to cents; the twin of SQL parse_amount. */

/** Whole cents, or null when the text is not a valid non-negative amount with at most two decimals. */
export function parseAmountCents(input: string): number | null {
	const t = input.replace(/€/g, '').replace(/\s+/g, '').replace(/,-$/, ',00');
	let normal: string | null = null;
	if (/^\d+$/.test(t)) normal = t;
	else if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(t)) normal = t.replace(/\./g, '').replace(',', '.');
	else if (/^\d+,\d{1,2}$/.test(t)) normal = t.replace(',', '.');
	else if (/^\d+\.\d{1,2}$/.test(t)) normal = t;
	if (normal === null) return null;
	const [whole, fraction = ''] = normal.split('.');
	const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
	return Number.isSafeInteger(cents) ? cents : null;
}
