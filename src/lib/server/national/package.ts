/** The national package of one municipality and one whole period: built from its cases under disclosure control, sealed with a SHA-256 (and signed, see signing.ts), checked and stored on import. */
import { createHash } from 'node:crypto';
import { EMPTY_FILTER, type CaseFilter } from '$lib/domain/filters';
import { KWESTIE_STATUSES, type KwestieStatus } from '$lib/domain/kwesties';
import { euros, roundToUnit, type Cents } from '$lib/domain/money';
import type { Reach } from '$lib/domain/roles';
import type { ListDimension } from '$lib/domain/vocabulary';
import type { Database } from '../db';
import { audit } from '../audit';
import { listThreshold } from '../disclosure/audience';
import { reference } from '../reference';
import { cooccurrence } from '../analytics/cooccurrence';
import { countsByLabel } from '../analytics/counts';
import { AFLOOP, escalatieView } from '../analytics/escalatie';
import { moneySummary, type MoneySummary } from '../analytics/budget';
import { CASE_SCOPE, scopeParams } from '../analytics/filter';
import { savingsCtes } from '../analytics/savings';
import { signals } from '../kwesties/signals';
import { signalSettings } from '../kwesties/settings';
import {
	CBS_RULES,
	protectFigure,
	protectTable,
	roundAmount,
	roundTo,
	type CountTable,
	type DisclosureRules,
	type Published,
	type PublishedTable
} from './disclosure';
import { DECISION_TABLES, decisionTables, RESPONSE_COLUMNS, type DecisionTableName } from './decision-tables';
import { periodOf, type PackagePeriod } from './period';
import { COUNT_COLUMN, labelTable, partitionTable } from './published-tables';

/** The version this portal makes; version 1 (unsigned) is still read by the CLI with `--unsigned`. */
export const PACKAGE_VERSION = 2;
export type PackageVersion = 1 | typeof PACKAGE_VERSION;

/** The tables of a package, in document order. */
export const PACKAGE_TABLES = [
	'leefgebieden',
	'leefgebieden_paren',
	'organisaties',
	'ministeries',
	'wetten',
	'knelpunten',
	'escalatie',
	'uitkomst',
	'kwesties'
] as const;
export type PackageTableName = (typeof PACKAGE_TABLES)[number];

/** Amounts in euros and lead times in days, each hidden when too few cases make it. */
export const PACKAGE_FIGURES = [
	'spend',
	'savingsLow',
	'savingsHigh',
	'leadTimeP25',
	'leadTimeMedian',
	'leadTimeP75'
] as const;
export type PackageFigureName = (typeof PACKAGE_FIGURES)[number];

/** The figures that are amounts in euros: rounded to whole thousands. */
export const PACKAGE_AMOUNTS: readonly PackageFigureName[] = ['spend', 'savingsLow', 'savingsHigh'];

/** The row of a single-valued dimension (knelpunt, escalatie) for cases that name none, so a table adds up to all cases. */
export const NONE_ROW = 'geen';

export interface PackageSignature {
	alg: 'Ed25519';
	/** The signer's public key, base64 of its raw 32 bytes. */
	key: string;
	/** Base64 of the signature over the UTF-8 bytes of `sha256`. */
	value: string;
}

export interface NationalPackage {
	version: PackageVersion;
	gemeente: string;
	from: string;
	to: string;
	/** Hex SHA-256 of the document with this field (and `signature`) empty; see `packageHash`. */
	sha256: string;
	/** Version 2, once signed (`signPackage`); absent in version 1 and in a package computed for the comparison. */
	signature?: PackageSignature;
	/** The tables of version 1 and 2, and the decision tables where the cases carry their columns (see decision-tables.ts). */
	tables: Record<PackageTableName, PublishedTable> & Partial<Record<DecisionTableName, PublishedTable>>;
	figures: Record<PackageFigureName, number | 'geheim'>;
	/** The workflow status of each row of `tables.kwesties`, in the same order. */
	kwestieStatus: KwestieStatus[];
}

/**
 * The hex SHA-256 of `JSON.stringify` of the document with `sha256` (and `signature`, where the document
 * has one: version 2) set to "" (keys in document order, no whitespace), as the interface prescribes; a
 * spread keeps both in their place.
 */
export function packageHash(document: object): string {
	const blank = 'signature' in document ? { sha256: '', signature: '' } : { sha256: '' };
	return createHash('sha256')
		.update(JSON.stringify({ ...document, ...blank }))
		.digest('hex');
}

/**
 * Protects a symmetric table (a co-occurrence matrix with equal row and column totals). Each entry and
 * its mirror image are one figure, so a figure hidden on one side is hidden on the other. This keeps
 * the guarantee of `protectTable`: a line held zero or at least two hidden entries, and so does its
 * mirror line; their union does too.
 */
export function protectSymmetric(table: CountTable, rules: DisclosureRules = CBS_RULES): PublishedTable {
	const p = protectTable(table, rules);
	const either = (a: Published, b: Published): Published => (a === 'geheim' || b === 'geheim' ? 'geheim' : a);
	return {
		...p,
		cells: p.cells.map((row, i) => row.map((value, j) => either(value, p.cells[j][i]))),
		rowTotals: p.rowTotals.map((value, i) => either(value, p.colTotals[i])),
		colTotals: p.colTotals.map((value, j) => either(value, p.rowTotals[j]))
	};
}

interface SingleValuedRow {
	g_knelpunt: number;
	g_escalatie: number;
	g_afloop: number;
	knelpunt: string | null;
	escalatie: string | null;
	afloop: string | null;
	cases: number;
	with_cost: number;
	with_low: number;
	with_high: number;
}

/** Cases per knelpunt, per highest step and per afloop, and how many cases carry each amount: one scan. */
async function singleValuedCounts(db: Database, reach: Reach, filter: CaseFilter) {
	const rows = await db.all<SingleValuedRow>(
		`SELECT GROUPING(knelpunt)::INTEGER AS g_knelpunt, GROUPING(escalatie)::INTEGER AS g_escalatie,
			GROUPING(afloop)::INTEGER AS g_afloop, knelpunt, escalatie, afloop,
			count(*)::INTEGER AS cases, count(kosten_oplossing)::INTEGER AS with_cost,
			count(savings_low)::INTEGER AS with_low, count(savings_high)::INTEGER AS with_high
		 FROM (
			WITH scoped AS (SELECT * FROM cases WHERE ${CASE_SCOPE}), ${savingsCtes('scoped', 'priced')}
			SELECT knelpunt, escalatie, kosten_oplossing, savings_low, savings_high,
				CASE WHEN status = 'afgerond' THEN coalesce(uitkomst, 'zonder_uitkomst') ELSE status END AS afloop
			FROM priced)
		 GROUP BY GROUPING SETS ((knelpunt), (escalatie), (afloop), ())`,
		scopeParams(reach, filter)
	);
	/** Cases per code of one grouping, codes outside the list counted under NONE_ROW. */
	const per = (
		pick: (r: SingleValuedRow) => string | null,
		grouped: (r: SingleValuedRow) => boolean,
		codes: string[]
	) => {
		const counts = new Map<string, number>();
		for (const row of rows.filter(grouped)) {
			const value = pick(row);
			const code = value !== null && codes.includes(value) ? value : NONE_ROW;
			counts.set(code, (counts.get(code) ?? 0) + row.cases);
		}
		return counts;
	};
	const { vocabularies } = reference();
	const knelpunten = vocabularies.knelpunten.entries.map((e) => e.code);
	const treden = vocabularies.escalatie.entries.map((e) => e.code);
	const all = rows.find((r) => r.g_knelpunt === 1 && r.g_escalatie === 1 && r.g_afloop === 1);
	return {
		knelpunten: per(
			(r) => r.knelpunt,
			(r) => r.g_knelpunt === 0,
			knelpunten
		),
		escalatie: per(
			(r) => r.escalatie,
			(r) => r.g_escalatie === 0,
			treden
		),
		afloop: per(
			(r) => r.afloop,
			(r) => r.g_afloop === 0,
			[...AFLOOP]
		),
		withCost: all?.with_cost ?? 0,
		withLow: all?.with_low ?? 0,
		withHigh: all?.with_high ?? 0
	};
}

/** A figure over `cases` cases; hidden when too few make it (also when none do, so it is never missing). */
function figure(value: number | null, cases: number, rules: DisclosureRules): number | 'geheim' {
	return protectFigure(value, cases, rules) ?? 'geheim';
}

/** An amount in exact cents over `cases` cases: as `figure`, and rounded half up to whole thousands of euros without a float. */
export function packageAmount(value: Cents, cases: number, rules: DisclosureRules): number | 'geheim' {
	return protectFigure(euros(value), cases, rules) === 'geheim'
		? 'geheim'
		: euros(roundToUnit(value, BigInt(rules.amountCents)));
}

/** The cases a package of one municipality and one whole period is made of. */
function packageScope(gemeente: string, period: PackagePeriod): { reach: Reach; filter: CaseFilter } {
	return {
		reach: { all: false, gemeenten: [gemeente] },
		filter: { ...EMPTY_FILTER, from: period.from, to: period.to, gemeente }
	};
}

/** A package's money before disclosure control: the one summary the budget page, the API and the college report show. */
export function packageMoney(db: Database, gemeente: string, period: PackagePeriod): Promise<MoneySummary> {
	const { reach, filter } = packageScope(gemeente, period);
	return moneySummary(db, reach, filter);
}

/**
 * Builds the package of one municipality over one whole period from the portal's cases (by
 * aangemeld_op in the period), sealed but not signed: `signPackage` signs what leaves the portal.
 * The caller has checked that the municipality is within reach.
 * Kwesties are those that reached the municipality's own signal threshold, raised to at least
 * `MIN_LIST_THRESHOLD` (3), in a window equal to the period.
 */
export async function buildPackage(
	db: Database,
	gemeente: string,
	period: PackagePeriod,
	rules: DisclosureRules = CBS_RULES
): Promise<NationalPackage> {
	const { reach, filter } = packageScope(gemeente, period);
	const { vocabularies } = reference();
	const codes = (dimension: ListDimension | 'knelpunten' | 'escalatie') =>
		vocabularies[dimension].entries.map((e) => e.code);

	const listCounts = (dimension: ListDimension) => countsByLabel(db, dimension, reach, filter);
	const [pairs, organisaties, ministeries, wetten, single, escalatie, money, settings, decisions] =
		await Promise.all([
			cooccurrence(db, 'leefgebieden', 'single', reach, filter),
			listCounts('organisaties'),
			listCounts('ministeries'),
			listCounts('wetten'),
			singleValuedCounts(db, reach, filter),
			escalatieView(db, reach, filter, period.to),
			packageMoney(db, gemeente, period),
			signalSettings(db, reach, gemeente),
			decisionTables(db, reach, filter, period.to, rules)
		]);
	// A package leaves the portal for roles without case access: its kwesties list uses at least 3.
	const found = await signals(db, reach, filter, {
		threshold: listThreshold('protected', settings.threshold),
		windowMonths: period.months,
		asOf: period.to
	});
	const cases = pairs.cases;

	// The leefgebieden, all of them so that a zero is as hidden as a small count; the one-dimensional
	// table is the margin of the pairs, so the two publish every shared figure alike.
	const leefgebieden = codes('leefgebieden');
	const at = new Map(pairs.labels.map((label, i) => [label, i]));
	const cell = (a: string, b: string) => (at.has(a) && at.has(b) ? pairs.matrix[at.get(a)!][at.get(b)!] : 0);
	const perLeefgebied = leefgebieden.map((code) => pairs.totals[code] ?? 0);
	const paren = protectSymmetric(
		{
			rows: leefgebieden,
			cols: leefgebieden,
			cells: leefgebieden.map((a) => leefgebieden.map((b) => cell(a, b))),
			rowTotals: perLeefgebied,
			colTotals: perLeefgebied,
			total: cases
		},
		rules
	);
	const leefgebiedTable: PublishedTable = {
		rows: leefgebieden,
		cols: [COUNT_COLUMN],
		cells: paren.rowTotals.map((value) => [value]),
		rowTotals: paren.rowTotals,
		colTotals: [paren.total],
		total: paren.total
	};

	const labels = (dimension: ListDimension, result: { counts: { label: string; cases: number }[] }) => {
		const all = codes(dimension);
		const count = new Map(result.counts.map((c) => [c.label, c.cases]));
		return labelTable(
			all,
			all.map((code) => count.get(code) ?? 0),
			cases,
			rules
		);
	};
	const partition = (rows: string[], counts: Map<string, number>) =>
		partitionTable(
			rows,
			rows.map((row) => counts.get(row) ?? 0),
			rules
		);

	const lead = escalatie.total.leadTime;
	const pkg: NationalPackage = {
		version: PACKAGE_VERSION,
		gemeente,
		from: period.from,
		to: period.to,
		sha256: '',
		tables: {
			leefgebieden: leefgebiedTable,
			leefgebieden_paren: paren,
			organisaties: labels('organisaties', organisaties),
			ministeries: labels('ministeries', ministeries),
			wetten: labels('wetten', wetten),
			knelpunten: partition([...codes('knelpunten'), NONE_ROW], single.knelpunten),
			escalatie: partition([...codes('escalatie'), NONE_ROW], single.escalatie),
			uitkomst: partition([...AFLOOP], single.afloop),
			kwesties: partitionTable(
				found.map((s) => s.kwestie),
				found.map((s) => s.cases),
				rules
			),
			...decisions
		},
		figures: {
			spend: packageAmount(money.spent, single.withCost, rules),
			savingsLow: packageAmount(money.savingsLow, single.withLow, rules),
			savingsHigh: packageAmount(money.savingsHigh, single.withHigh, rules),
			leadTimeP25: figure(lead.p25, lead.cases, rules),
			leadTimeMedian: figure(lead.median, lead.cases, rules),
			leadTimeP75: figure(lead.p75, lead.cases, rules)
		},
		kwestieStatus: found.map((s) => s.status)
	};
	return { ...pkg, sha256: packageHash(pkg) };
}

export type Verified = { ok: true; package: NationalPackage } | { ok: false; message: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringList = (value: unknown): value is string[] =>
	Array.isArray(value) && value.every((v) => typeof v === 'string');

/** Why a published count is not one disclosure control could have produced, or null when it could. */
function badCount(value: unknown, rules: DisclosureRules): string | null {
	if (value === 'geheim') return null;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return 'is geen aantal';
	if (value === 0 && rules.publishZero) return null;
	if (value % rules.rounding !== 0) return `is niet afgerond op een veelvoud van ${rules.rounding}`;
	if (value < roundTo(rules.minimum, rules.rounding)) return `is kleiner dan ${rules.minimum} en niet geheim`;
	return null;
}

/** The first fault of one table, in Dutch, or null. */
function tableFault(name: string, table: unknown, rules: DisclosureRules): string | null {
	if (!isObject(table)) return `De tabel ${name} ontbreekt.`;
	const { rows, cols, cells, rowTotals, colTotals, total } = table;
	if (!isStringList(rows) || !isStringList(cols) || cols.length === 0) {
		return `De tabel ${name} heeft geen geldige rijen en kolommen.`;
	}
	if (new Set(rows).size !== rows.length) return `De tabel ${name} noemt een rij twee keer.`;
	if (name === 'reacties') {
		if (cols.join() !== RESPONSE_COLUMNS.join()) {
			return `De tabel reacties heeft de kolommen ${RESPONSE_COLUMNS.join(', ')}.`;
		}
	} else if (name !== 'leefgebieden_paren' && (cols.length !== 1 || cols[0] !== COUNT_COLUMN)) {
		return `De tabel ${name} heeft één kolom "${COUNT_COLUMN}".`;
	}
	if (
		!Array.isArray(cells) ||
		cells.length !== rows.length ||
		cells.some((row) => !Array.isArray(row) || row.length !== cols.length)
	) {
		return `De cellen van de tabel ${name} passen niet bij de rijen en kolommen.`;
	}
	if (!Array.isArray(rowTotals) || rowTotals.length !== rows.length) {
		return `De rijtotalen van de tabel ${name} passen niet bij de rijen.`;
	}
	if (!Array.isArray(colTotals) || colTotals.length !== cols.length) {
		return `De kolomtotalen van de tabel ${name} passen niet bij de kolommen.`;
	}
	for (const value of [...(cells as unknown[][]).flat(), ...rowTotals, ...colTotals, total]) {
		const fault = badCount(value, rules);
		if (fault) return `Tabel ${name}: het aantal ${JSON.stringify(value)} ${fault}.`;
	}
	return null;
}

const KNOWN_KEYS = ['version', 'gemeente', 'from', 'to', 'sha256', 'tables', 'figures', 'kwestieStatus'];

/** The first fault of a package whose seal holds, in Dutch, or null. */
function documentFault(doc: Record<string, unknown>, rules: DisclosureRules): string | null {
	const known = doc.version === 1 ? KNOWN_KEYS : [...KNOWN_KEYS, 'signature'];
	const unknown = Object.keys(doc).find((key) => !known.includes(key));
	if (unknown) return `Het pakket bevat een onbekend onderdeel "${unknown}".`;
	if (typeof doc.gemeente !== 'string' || !reference().gemeenten.get(doc.gemeente)) {
		return 'Het pakket noemt geen bekende gemeente (GMxxxx).';
	}
	if (typeof doc.from !== 'string' || typeof doc.to !== 'string' || !periodOf(doc.from, doc.to)) {
		return 'Het pakket dekt geen heel kwartaal, halfjaar of jaar.';
	}
	if (!isObject(doc.tables)) return 'Het pakket bevat geen tabellen.';
	const tables = doc.tables;
	const names: readonly string[] =
		doc.version === 1 ? PACKAGE_TABLES : [...PACKAGE_TABLES, ...DECISION_TABLES];
	const extra = Object.keys(tables).find((name) => !names.includes(name));
	if (extra) return `Het pakket bevat een onbekende tabel "${extra}".`;
	for (const name of [...PACKAGE_TABLES, ...DECISION_TABLES.filter((name) => name in tables)]) {
		const fault = tableFault(name, tables[name], rules);
		if (fault) return fault;
	}
	if (!isObject(doc.figures)) return 'Het pakket bevat geen kengetallen (figures).';
	for (const name of PACKAGE_FIGURES) {
		const value = doc.figures[name];
		if (value !== 'geheim' && (typeof value !== 'number' || !Number.isFinite(value))) {
			return `Het kengetal ${name} ontbreekt of is geen getal of "geheim".`;
		}
		if (
			doc.version !== 1 &&
			PACKAGE_AMOUNTS.includes(name) &&
			typeof value === 'number' &&
			roundAmount(value, rules.amountCents) !== value
		) {
			return `Het bedrag ${name} is niet afgerond op hele duizenden euro's.`;
		}
	}
	const kwesties = (doc.tables.kwesties as { rows: string[] }).rows;
	if (
		doc.kwestieStatus !== undefined &&
		(!isStringList(doc.kwestieStatus) ||
			doc.kwestieStatus.length !== kwesties.length ||
			doc.kwestieStatus.some((s) => !(KWESTIE_STATUSES as readonly string[]).includes(s)))
	) {
		return 'De status van de kwesties past niet bij de tabel kwesties.';
	}
	return null;
}

const isSignature = (value: unknown): value is PackageSignature =>
	isObject(value) &&
	value.alg === 'Ed25519' &&
	typeof value.key === 'string' &&
	typeof value.value === 'string' &&
	Object.keys(value).length === 3;

/**
 * Checks a package as it arrives: JSON, version 2 with a signature part (version 1 only with
 * `unsigned`, which only the CLI offers), the SHA-256 recomputed (a package changed after it was made
 * is refused), then its structure, and that every count is one disclosure control publishes: "geheim",
 * 0, or a multiple of the rounding at or above the smallest published count. Whether the signature
 * holds against the municipality's registered key is `signatureFault`'s part.
 */
export function verifyPackage(
	json: string | unknown,
	options: { unsigned?: boolean; rules?: DisclosureRules } = {}
): Verified {
	const rules = options.rules ?? CBS_RULES;
	let doc: unknown = json;
	if (typeof json === 'string') {
		try {
			doc = JSON.parse(json);
		} catch {
			return { ok: false, message: 'Het pakket is geen geldig JSON-bestand.' };
		}
	}
	if (!isObject(doc)) return { ok: false, message: 'Het pakket is geen JSON-object.' };
	if (doc.version === 1 && !options.unsigned) {
		return {
			ok: false,
			message:
				'Het pakket is van versie 1 en niet ondertekend. Zo\'n pakket leest alleen de beheerder van de installatie in, met "aggregate import --unsigned".'
		};
	}
	if (doc.version !== PACKAGE_VERSION && doc.version !== 1) {
		return {
			ok: false,
			message: `Onbekende versie ${JSON.stringify(doc.version ?? null)} van het pakket; deze portal leest versie ${PACKAGE_VERSION}.`
		};
	}
	if (doc.version === PACKAGE_VERSION && !isSignature(doc.signature)) {
		return { ok: false, message: 'Het pakket is niet ondertekend: de handtekening (signature) ontbreekt.' };
	}
	if (typeof doc.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(doc.sha256)) {
		return { ok: false, message: 'Het pakket heeft geen geldige SHA-256.' };
	}
	if (packageHash(doc) !== doc.sha256) {
		return {
			ok: false,
			message: 'Het pakket is na het maken gewijzigd: de SHA-256 klopt niet met de inhoud.'
		};
	}
	const fault = documentFault(doc, rules);
	if (fault) return { ok: false, message: fault };
	return { ok: true, package: doc as unknown as NationalPackage };
}

/** A stored package as lists show it. */
export interface StoredPackage {
	gemeente: string;
	naam: string;
	period: string;
	from: string;
	to: string;
	sha256: string;
	importedBy: string;
	importedAt: string;
}

/**
 * Stores a verified package, replacing an earlier one of the same municipality and period, and logs it.
 * Returns whether it replaced one.
 */
export async function importPackage(
	db: Database,
	pkg: NationalPackage,
	actor: string,
	origin: string | null = null
): Promise<{ replaced: boolean; period: string }> {
	const period = periodOf(pkg.from, pkg.to);
	if (!period) throw new Error('Een pakket dekt een heel kwartaal, halfjaar of jaar.');
	return db.transaction(async (tx) => {
		const params = { gemeente: pkg.gemeente, from: pkg.from, to: pkg.to };
		const removed = await tx.run(
			`DELETE FROM national_packages
			 WHERE gemeente = $gemeente AND period_from = $from::DATE AND period_to = $to::DATE`,
			params
		);
		await tx.run(
			`INSERT INTO national_packages (gemeente, period, period_from, period_to, sha256, document, imported_by)
			 VALUES ($gemeente, $period, $from::DATE, $to::DATE, $sha256, $document::JSON, $actor)`,
			{ ...params, period: period.period, sha256: pkg.sha256, document: JSON.stringify(pkg), actor }
		);
		await audit(tx, {
			actor,
			action: 'landelijk pakket importeren',
			object: `${pkg.gemeente} ${period.period} ${pkg.sha256.slice(0, 12)}`,
			result: 'ok',
			origin
		});
		return { replaced: removed > 0, period: period.period };
	});
}

/** The imported packages of the municipalities within reach, newest period first. */
export async function listPackages(db: Database, reach: Reach): Promise<StoredPackage[]> {
	const rows = await db.all<Omit<StoredPackage, 'naam'>>(
		`SELECT gemeente, period, strftime(period_from, '%Y-%m-%d') AS "from", strftime(period_to, '%Y-%m-%d') AS "to",
			sha256, imported_by AS importedBy, strftime(imported_at, '%Y-%m-%dT%H:%M:%SZ') AS importedAt
		 FROM national_packages WHERE $reach_all OR list_contains($reach, gemeente)
		 ORDER BY period_to DESC, period_from, gemeente`,
		{ reach_all: reach.all, reach: reach.all ? [] : [...reach.gemeenten] }
	);
	const { gemeenten } = reference();
	return rows.map((r) => ({ ...r, naam: gemeenten.naam(r.gemeente) }));
}

/** The imported packages of exactly one period, with when they came in. */
export async function packagesOfPeriod(
	db: Database,
	period: PackagePeriod
): Promise<{ pkg: NationalPackage; importedAt: string }[]> {
	const rows = await db.all<{ document: string; importedAt: string }>(
		`SELECT document::VARCHAR AS document, strftime(imported_at, '%Y-%m-%dT%H:%M:%SZ') AS importedAt
		 FROM national_packages WHERE period_from = $from::DATE AND period_to = $to::DATE ORDER BY gemeente`,
		{ from: period.from, to: period.to }
	);
	return rows.map((r) => ({
		pkg: asShown(JSON.parse(r.document) as NationalPackage),
		importedAt: r.importedAt
	}));
}

/** A stored package as the portal shows it: the amounts of a version 1 package rounded as version 2 rounds them. */
export function asShown(pkg: NationalPackage): NationalPackage {
	if (pkg.version !== 1) return pkg;
	const figures = { ...pkg.figures };
	for (const name of PACKAGE_AMOUNTS) {
		const value = figures[name];
		if (typeof value === 'number') figures[name] = roundAmount(value);
	}
	return { ...pkg, figures };
}

/** Years for which packages were imported, for the period selector. */
export async function packageYears(db: Database): Promise<number[]> {
	const rows = await db.all<{ year: number }>(
		'SELECT DISTINCT year(period_from)::INTEGER AS year FROM national_packages ORDER BY year'
	);
	return rows.map((r) => r.year);
}
