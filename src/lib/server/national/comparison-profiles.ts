/** The comparison's profiles: every one-dimensional table of the packages as shares of a municipality's cases, against the national share over the compared municipalities. */
import { reference } from '../reference';
import { YES_NO_LABELS } from '../analytics/counts';
import { publishedSum, share, type Share } from './comparison-figures';
import type { DecisionTableName } from './decision-tables';
import type { Published, PublishedTable } from './disclosure';
import { NONE_ROW, type NationalPackage } from './package';

export interface ProfileRow {
	code: string;
	naam: string;
	/** A longer description where the label is a code (knelpunten). */
	omschrijving?: string;
	/** Share over the municipalities whose count and whole are both published, in percent; null when none. */
	national: number | null;
	/** The sum of the published counts (of the wholes where those are a row's own, as questions to one organisation); geheim when every one is hidden, null when no package has the table. */
	count: Published | null;
	/** Per municipality in the comparison's order; null where its package lacks the table or the row. */
	shares: Share[];
}

/** The dimensions shown as profiles, in page order. */
export const PROFILE_IDS = [
	'leefgebieden',
	'organisaties',
	'ministeries',
	'wetten',
	'knelpunten',
	'knelpunt-niveaus',
	'binnen-kaders',
	'instrumenten',
	'reacties'
] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];

export interface Profile {
	id: ProfileId;
	title: string;
	/** What the shares are of, completing "Het aandeel van …". */
	of: string;
	/** What a row is, as the table's first column says it. */
	rowLabel: string;
	/** What `count` of a row counts, as the table's column says it. */
	counted: string;
	rows: ProfileRow[];
	/** Whether each municipality's package has the table: the version 1.1 tables only where the export has their columns. */
	present: boolean[];
}

/** A row's part and whole in one package, or null where the package lacks the table or the row. */
type Pick = (pkg: NationalPackage, code: string) => { part: Published; whole: Published } | null;

function profileRow(
	packages: NationalPackage[],
	entry: { code: string; naam: string; omschrijving?: string },
	pick: Pick,
	counted: 'part' | 'whole'
): ProfileRow {
	const found = packages.map((pkg) => pick(pkg, entry.code));
	let part = 0;
	let whole = 0;
	for (const f of found) {
		if (!f || f.part === 'geheim' || f.whole === 'geheim') continue;
		part += f.part;
		whole += f.whole;
	}
	const parts = found.filter((f) => f !== null).map((f) => f[counted]);
	return {
		...entry,
		national: whole > 0 ? Math.round((part / whole) * 1000) / 10 : null,
		count: parts.length === 0 ? null : publishedSum(parts),
		shares: found.map((f) => (f ? share(f.part, f.whole) : null))
	};
}

/** The count of a row of a one-column table against the table's total (the cases). */
function ofCases(table: (pkg: NationalPackage) => PublishedTable | undefined): Pick {
	return (pkg, code) => {
		const t = table(pkg);
		const i = t?.rows.indexOf(code) ?? -1;
		return t && i >= 0 ? { part: t.cells[i][0], whole: t.total } : null;
	};
}

/** The levels of the knelpunten in vocabulary order (macro, meso, micro), and none. */
function knelpuntLevels(): string[] {
	const entries = reference().vocabularies.knelpunten.entries;
	return [...new Set(entries.map((e) => e.detail ?? 'onbekend')), NONE_ROW];
}

/**
 * The knelpunten per level (macro, meso, micro, and none), from the package's published knelpunten: a
 * level's count is the sum of its knelpunten, hidden when one of them is. A column with exactly one
 * hidden entry (its total included) would give it away by subtraction, so the smallest other entry is
 * hidden too, as the package's own tables are protected.
 */
export function levelTable(pkg: NationalPackage): PublishedTable {
	const t = pkg.tables.knelpunten;
	const entries = reference().vocabularies.knelpunten.entries;
	const levels = knelpuntLevels();
	const values: Published[] = levels.map((level) => {
		const members = t.rows.filter((code) =>
			level === NONE_ROW ? code === NONE_ROW : entries.find((e) => e.code === code)?.detail === level
		);
		const counts = members.map((code) => t.cells[t.rows.indexOf(code)][0]);
		return counts.includes('geheim') ? 'geheim' : (counts as number[]).reduce((a, b) => a + b, 0);
	});
	const line = [...values, t.total];
	while (line.filter((v) => v === 'geheim').length === 1) {
		const open = line.map((v, i) => [v, i] as const).filter(([v]) => v !== 'geheim');
		if (open.length === 0) break;
		const [, smallest] = open.reduce((a, b) => ((b[0] as number) < (a[0] as number) ? b : a));
		line[smallest] = 'geheim';
	}
	const cells = line.slice(0, -1).map((v) => [v]);
	return {
		rows: levels,
		cols: t.cols,
		cells,
		rowTotals: cells.map((c) => c[0]),
		colTotals: [line.at(-1)!],
		total: line.at(-1)!
	};
}

const LEVEL_NAMES: Record<string, string> = {
	macro: 'Macro: wetgeving',
	meso: 'Meso: samenwerking',
	micro: 'Micro: uitvoering',
	[NONE_ROW]: 'Geen knelpunt'
};

const YES_NO_NAMES: Record<(typeof YES_NO_LABELS)[number], string> = {
	ja: 'Binnen de kaders',
	nee: 'Buiten de kaders',
	onbekend: 'Niet vastgelegd'
};

const decisionTable = (name: DecisionTableName) => (pkg: NationalPackage) => pkg.tables[name];

/** Questions to an organisation answered within the promised time, against the questions asked of it. */
const withinPromise: Pick = (pkg, code) => {
	const t = pkg.tables.reacties;
	const i = t?.rows.indexOf(code) ?? -1;
	if (!t || i < 0) return null;
	const [asked, , within] = t.cells[i];
	return asked === 0 ? null : { part: within, whole: asked };
};

/** Every profile of the compared packages (in the comparison's order), rows in vocabulary order. */
export function profiles(packages: NationalPackage[]): Profile[] {
	const { vocabularies } = reference();
	const vocabulary = (name: 'leefgebieden' | 'organisaties' | 'ministeries' | 'wetten' | 'instrumenten') =>
		vocabularies[name].entries.map((e) => ({ code: e.code, naam: e.naam }));
	const present = (name: DecisionTableName) => packages.map((pkg) => pkg.tables[name] !== undefined);
	const all = packages.map(() => true);
	const make = (
		id: ProfileId,
		[title, rowLabel]: [string, string],
		of: string,
		entries: { code: string; naam: string; omschrijving?: string }[],
		pick: Pick,
		has = all,
		counted = 'Casussen'
	): Profile => ({
		id,
		title,
		of,
		rowLabel,
		counted,
		rows: entries.map((e) => profileRow(packages, e, pick, id === 'reacties' ? 'whole' : 'part')),
		present: has
	});

	const knelpunten = [
		...vocabularies.knelpunten.entries.map((e) => ({
			code: e.code,
			naam: `${e.code} (${e.detail})`,
			omschrijving: e.naam
		})),
		{ code: NONE_ROW, naam: 'Geen', omschrijving: 'Geen knelpunt vastgelegd' }
	];
	// Questions are asked of organisations: only those some package counts a question for.
	const asked = vocabulary('organisaties').filter((o) =>
		packages.some((pkg) => {
			const t = pkg.tables.reacties;
			const i = t?.rows.indexOf(o.code) ?? -1;
			return t !== undefined && i >= 0 && t.cells[i][0] !== 0;
		})
	);
	return [
		make(
			'leefgebieden',
			['Leefgebieden', 'Leefgebied'],
			'de casussen dat een leefgebied noemt',
			vocabulary('leefgebieden'),
			ofCases((p) => p.tables.leefgebieden)
		),
		make(
			'organisaties',
			['Organisaties', 'Organisatie'],
			'de casussen waarbij een organisatie betrokken is',
			vocabulary('organisaties'),
			ofCases((p) => p.tables.organisaties)
		),
		make(
			'ministeries',
			['Ministeries', 'Ministerie'],
			'de casussen waarbij een ministerie betrokken is',
			vocabulary('ministeries'),
			ofCases((p) => p.tables.ministeries)
		),
		make(
			'wetten',
			['Wetten', 'Wet'],
			'de casussen die een wet noemen',
			vocabulary('wetten'),
			ofCases((p) => p.tables.wetten)
		),
		make(
			'knelpunten',
			['Knelpunten', 'Knelpunt'],
			'de casussen per knelpunt',
			knelpunten,
			ofCases((p) => p.tables.knelpunten)
		),
		make(
			'knelpunt-niveaus',
			['Knelpunten naar niveau', 'Niveau'],
			'de casussen per niveau van het knelpunt',
			knelpuntLevels().map((code) => ({ code, naam: LEVEL_NAMES[code] ?? code })),
			ofCases(levelTable)
		),
		make(
			'binnen-kaders',
			['Besluiten binnen en buiten de kaders', 'Besluit'],
			'de casussen naar het besluit binnen of buiten de kaders',
			YES_NO_LABELS.map((code) => ({ code, naam: YES_NO_NAMES[code] })),
			ofCases(decisionTable('binnen_kaders')),
			present('binnen_kaders')
		),
		make(
			'instrumenten',
			['Instrumenten', 'Instrument'],
			'de casussen waarin een instrument is ingezet',
			vocabulary('instrumenten'),
			ofCases(decisionTable('instrumenten')),
			present('instrumenten')
		),
		make(
			'reacties',
			['Reactietijden van partners', 'Organisatie'],
			'de vragen aan een organisatie die binnen de beloofde termijn zijn beantwoord',
			asked,
			withinPromise,
			present('reacties'),
			'Vragen'
		)
	];
}
