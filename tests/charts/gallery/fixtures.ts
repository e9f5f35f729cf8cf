/** Values the gallery's cases share: Dutch number formats, quarters, and the thirteen leefgebieden. */

export const euro = (n: number) =>
	new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(n);
export const perTenThousand = (n: number) =>
	new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 }).format(n);

export const QUARTERS = [
	'2024-Q1',
	'2024-Q2',
	'2024-Q3',
	'2024-Q4',
	'2025-Q1',
	'2025-Q2',
	'2025-Q3',
	'2025-Q4'
];
export const LEEFGEBIEDEN = [
	'financiën',
	'wonen',
	'werk',
	'zorg',
	'jeugd',
	'onderwijs',
	'justitie',
	'gezondheid',
	'vervoer',
	'verslaving',
	'sociaal',
	'veiligheid',
	'overig'
];
export const NAMES = Object.fromEntries(
	LEEFGEBIEDEN.map((code) => [code, code[0].toUpperCase() + code.slice(1).replace('overig', 'Overige')])
);
