/** Folding of labels so that case, accents and runs of spaces do not make two labels differ. */

/** `Financiën ` and `financien` fold to the same key; the SQL twin is `fold_sql` in the server's db. */
export function fold(value: string): string {
	return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
