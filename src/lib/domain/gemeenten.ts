/** The 342 municipalities (CBS codes, population, size class) and resolution of the ways exports name them. */
import { parseCsv } from './csv';
import { fold } from './text';

export const SIZE_CLASSES = ['<20k', '20k-50k', '50k-100k', '100k-150k', '150k-250k', '>=250k'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

/** The size classes as pages say them. */
export const SIZE_CLASS_LABELS: Record<SizeClass, string> = {
	'<20k': 'Minder dan 20.000 inwoners',
	'20k-50k': '20.000 tot 50.000 inwoners',
	'50k-100k': '50.000 tot 100.000 inwoners',
	'100k-150k': '100.000 tot 150.000 inwoners',
	'150k-250k': '150.000 tot 250.000 inwoners',
	'>=250k': '250.000 inwoners of meer'
};

export interface Gemeente {
	/** CBS code with prefix: `GM0344`. */
	code: string;
	naam: string;
	provincie: string;
	inwoners: number;
	grootteklasse: SizeClass;
}

export class GemeenteRegister {
	readonly all: readonly Gemeente[];
	private readonly byCode = new Map<string, Gemeente>();
	private readonly byTerm = new Map<string, Gemeente>();

	constructor(gemeenten: Gemeente[], aliases: { alias: string; code: string }[] = []) {
		this.all = gemeenten;
		for (const g of gemeenten) {
			this.byCode.set(g.code, g);
			const digits = g.code.slice(2);
			for (const term of [g.code, digits, String(Number(digits)), g.naam]) this.byTerm.set(fold(term), g);
		}
		for (const { alias, code } of aliases) {
			const g = this.byCode.get(code);
			if (g && !this.byTerm.has(fold(alias))) this.byTerm.set(fold(alias), g);
		}
	}

	get(code: string): Gemeente | undefined {
		return this.byCode.get(code);
	}

	/** `GM0344`, `0344`, `344`, `Utrecht` or an alias such as `Den Haag`, to the municipality. */
	resolve(input: string): Gemeente | undefined {
		return this.byTerm.get(fold(input));
	}

	/** Every folded way of naming a municipality, with its code, for matching inside SQL. */
	terms(): { term: string; code: string }[] {
		return [...this.byTerm].map(([term, g]) => ({ term, code: g.code }));
	}

	naam(code: string): string {
		return this.byCode.get(code)?.naam ?? code;
	}
}

export function parseGemeenten(gemeentenCsv: string, aliasesCsv: string): GemeenteRegister {
	const gemeenten = parseCsv(gemeentenCsv).map((row): Gemeente => ({
		code: row.code,
		naam: row.naam,
		provincie: row.provincie,
		inwoners: Number(row.inwoners),
		grootteklasse: row.grootteklasse as SizeClass
	}));
	const aliases = parseCsv(aliasesCsv).map((row) => ({ alias: row.alias, code: row.code }));
	return new GemeenteRegister(gemeenten, aliases);
}
