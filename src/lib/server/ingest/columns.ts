/** The canonical columns of the case export (spec/case-export.md) and how file headers map onto them. */
import { fold } from '$lib/domain/text';

/**
 * The optional columns of version 1.1. A re-import whose file lacks one leaves that column's stored values as
 * they were (an empty cell in a column that is present clears it).
 */
export const V11_COLUMNS = [
	'besluit_door',
	'binnen_kaders',
	'instrument',
	'vier_ogen',
	'stappen',
	'reacties',
	'vermeden_posten',
	'kwijtgescholden'
] as const;
export type V11Column = (typeof V11_COLUMNS)[number];

export const CANONICAL_COLUMNS = [
	'casus_id',
	'gemeente',
	'route',
	'aangemeld_op',
	'afgerond_op',
	'status',
	'leefgebieden',
	'organisaties',
	'ministeries',
	'wetten',
	'knelpunt',
	'kwestie',
	'escalatie',
	'uitkomst',
	'oplossing',
	'fonds',
	'kosten_oplossing',
	'besparing_laag',
	'besparing_hoog',
	'voorgeschoten',
	'terug_van',
	'terugbetaald',
	'baten_bij',
	'monitoring',
	'monitoring_op',
	'samenvatting',
	...V11_COLUMNS
] as const;
export type CanonicalColumn = (typeof CANONICAL_COLUMNS)[number];

export const REQUIRED_COLUMNS: readonly CanonicalColumn[] = [
	'casus_id',
	'gemeente',
	'aangemeld_op',
	'status',
	'leefgebieden'
];

/** Free-text columns, where a nine-digit number passing the elfproef counts as a BSN. */
export const FREE_TEXT_COLUMNS: readonly CanonicalColumn[] = [
	'samenvatting',
	'kwestie',
	'route',
	'oplossing'
];

/**
 * Columns whose values must match a strict format or a code list. Personal data there fails that check and
 * refuses the file anyway (the message never quotes such a value), so the personal-data scan can skip them.
 */
export const STRICT_COLUMNS: readonly CanonicalColumn[] = [
	'gemeente',
	'aangemeld_op',
	'afgerond_op',
	'monitoring_op',
	'status',
	'uitkomst',
	'monitoring',
	'escalatie',
	'knelpunt',
	'leefgebieden',
	'organisaties',
	'ministeries',
	'wetten',
	'baten_bij',
	'terug_van',
	'kosten_oplossing',
	'besparing_laag',
	'besparing_hoog',
	'voorgeschoten',
	'terugbetaald',
	'besluit_door',
	'binnen_kaders',
	'instrument',
	'vier_ogen',
	'stappen',
	'reacties',
	'kwijtgescholden'
];

/** Column names that themselves say the file holds personal data (compared whole, normalised). */
const PERSONAL_DATA_NAMES = new Set(
	[
		'bsn',
		'burgerservicenummer',
		'naam',
		'voornaam',
		'achternaam',
		'adres',
		'straat',
		'huisnummer',
		'postcode',
		'woonplaats',
		'geboortedatum',
		'telefoon',
		'telefoonnummer',
		'email',
		'e-mail',
		'iban'
	].map((n) => n.replace(/[\s_-]/g, ''))
);

/** `  Aangemeld Op ` → `aangemeld_op`: case, accents and surrounding spaces do not matter. */
export function normaliseHeader(name: string): string {
	return fold(name).replace(/[\s-]+/g, '_');
}

export function isPersonalDataColumn(name: string): boolean {
	return PERSONAL_DATA_NAMES.has(fold(name).replace(/[\s_-]/g, ''));
}

export function isCanonical(name: string): name is CanonicalColumn {
	return (CANONICAL_COLUMNS as readonly string[]).includes(name);
}

/** A saved profile: source column (as the file names it) → canonical column. */
export type ColumnMapping = Record<string, string>;

export interface HeaderPlan {
	/** For each file column, in file order: its canonical name, or null when it is kept aside. */
	columns: { file: string; canonical: CanonicalColumn | null }[];
	problems: { column: string | null; message: string }[];
	warnings: { column: string | null; message: string }[];
}

/** Decides what each column of the file is, and what is wrong with the header as a whole. */
export function planHeader(fileColumns: string[], mapping: ColumnMapping = {}): HeaderPlan {
	const mapped = new Map(
		Object.entries(mapping).map(([from, to]) => [normaliseHeader(from), normaliseHeader(to)])
	);
	const plan: HeaderPlan = { columns: [], problems: [], warnings: [] };
	const seen = new Map<CanonicalColumn, string>();
	for (const file of fileColumns) {
		const key = normaliseHeader(file);
		const target = mapped.get(key) ?? key;
		if (isPersonalDataColumn(file) || isPersonalDataColumn(target)) {
			plan.problems.push({
				column: file,
				message: 'Deze kolom heeft de naam van een persoonsgegeven; verwijder de kolom uit de export.'
			});
			plan.columns.push({ file, canonical: null });
			continue;
		}
		if (isCanonical(target)) {
			const earlier = seen.get(target);
			if (earlier !== undefined) {
				plan.problems.push({
					column: file,
					message: `Kolom ${target} komt twee keer voor (ook als "${earlier}").`
				});
				plan.columns.push({ file, canonical: null });
				continue;
			}
			seen.set(target, file);
			plan.columns.push({ file, canonical: target });
		} else {
			plan.columns.push({ file, canonical: null });
			plan.warnings.push({
				column: file,
				message: 'Onbekende kolom: apart bewaard en niet gebruikt in de analyses.'
			});
		}
	}
	for (const required of REQUIRED_COLUMNS) {
		if (!seen.has(required)) {
			plan.problems.push({ column: required, message: `Verplichte kolom ${required} ontbreekt.` });
		}
	}
	return plan;
}
