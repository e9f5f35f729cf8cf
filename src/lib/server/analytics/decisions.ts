/** The besluiten view: who decided at which step, solutions inside and outside the kaders per besluitniveau, instrument and law, and the share with four eyes. */
import type { CaseFilter } from '$lib/domain/filters';
import { formatCount, formatPercent } from '$lib/domain/format';
import type { Reach } from '$lib/domain/roles';
import type { DataTable, TableCell, TableColumn } from '$lib/domain/table';
import type { Database, Params } from '../db';
import { memoUntilWrite, viewKey } from '../db/memo';
import { reference } from '../reference';
import { CASE_SCOPE, scopeParams } from './filter';

/** A yes/no column of version 1.1 as counted: `onbekend` where the export left it empty. */
export const ANSWERS = ['ja', 'nee', 'onbekend'] as const;
export type Answer = (typeof ANSWERS)[number];
export type AnswerCounts = Record<Answer, number>;

/** The figures of one besluitniveau, of the cases without one, or of all cases. */
export interface LevelFigures {
	/** The besluitniveaus code; null for the cases without one and for the total. */
	level: string | null;
	label: string;
	cases: number;
	kaders: AnswerCounts;
	vierOgen: AnswerCounts;
	/** Cases per highest escalatie step, keyed as `StepColumn.key`. */
	steps: Record<string, number>;
}

/** A highest escalatie step that occurs, as a column of the besluitniveau x trede table. */
export interface StepColumn {
	/** The escalatie code, or `geen_trede` for cases without a step. */
	key: string;
	label: string;
}

/** Cases of one instrument or one law, by whether their solution stayed within the kaders. */
export interface KadersFigures {
	code: string;
	label: string;
	cases: number;
	kaders: AnswerCounts;
}

export interface BesluitenView {
	/** Cases the filter selects. */
	cases: number;
	/** Cases with at least one decision column of version 1.1 filled; none means an export of version 1. */
	withDecision: number;
	/** The besluitniveaus that occur, in vocabulary order, then the cases without one where there are any. */
	levels: LevelFigures[];
	/** All cases of the selection. */
	total: LevelFigures;
	/** The highest steps that occur, in ladder order, then `geen_trede` where it occurs. */
	steps: StepColumn[];
	/** The instruments that occur, in vocabulary order. */
	instruments: KadersFigures[];
	/** Cases naming at least one instrument. */
	withInstrument: LevelFigures;
	/** The laws that occur, the one set aside most often first (then most cases, then vocabulary order). */
	laws: KadersFigures[];
	/** The answer in one or two Dutch sentences; empty without decisions. */
	summary: string;
	tables: DataTable[];
}

/** The finest cells of the first statement: every per-level figure is a sum of them. */
interface Cell {
	level: string | null;
	step: string | null;
	kaders: Answer;
	vier_ogen: Answer;
	instrument: boolean;
	/** Whether any decision column of version 1.1 is filled. */
	decided: boolean;
	cases: number;
}

interface MaskCell {
	mask: string | null;
	kaders: Answer;
	cases: number;
}

const ANSWER_SQL = (column: string) =>
	`CASE ${column} WHEN true THEN 'ja' WHEN false THEN 'nee' ELSE 'onbekend' END`;

const CELLS_SQL = `
	SELECT besluit_door AS level, escalatie AS step,
		${ANSWER_SQL('binnen_kaders')} AS kaders,
		${ANSWER_SQL('vier_ogen')} AS vier_ogen,
		coalesce(instrumenten, 0) <> 0 AS instrument,
		(besluit_door IS NOT NULL OR binnen_kaders IS NOT NULL OR vier_ogen IS NOT NULL
			OR coalesce(instrumenten, 0) <> 0) AS decided,
		count(*)::INTEGER AS cases
	FROM cases WHERE ${CASE_SCOPE}
	GROUP BY ALL`;

/** Cases per bitmask and kaders answer: few rows whatever the number of cases; cast after grouping. */
const maskSql = (column: 'instrumenten' | 'wetten') => `
	SELECT mask::VARCHAR AS mask, kaders, cases FROM (
		SELECT ${column} AS mask, ${ANSWER_SQL('binnen_kaders')} AS kaders, count(*)::INTEGER AS cases
		FROM cases WHERE ${CASE_SCOPE} AND ${column} <> 0
		GROUP BY ALL)`;

const NO_STEP = 'geen_trede';
const zero = (): AnswerCounts => ({ ja: 0, nee: 0, onbekend: 0 });

/** The cells added up as one row of figures. */
function levelOf(level: string | null, label: string, cells: Cell[]): LevelFigures {
	const figures: LevelFigures = { level, label, cases: 0, kaders: zero(), vierOgen: zero(), steps: {} };
	for (const cell of cells) {
		figures.cases += cell.cases;
		figures.kaders[cell.kaders] += cell.cases;
		figures.vierOgen[cell.vier_ogen] += cell.cases;
		const step = cell.step ?? NO_STEP;
		figures.steps[step] = (figures.steps[step] ?? 0) + cell.cases;
	}
	return figures;
}

/** Cases per code of a vocabulary, by kaders answer, from the bitmask counts. */
function perCode(
	groups: MaskCell[],
	entries: readonly { code: string; position: number }[],
	label: (code: string) => string
): KadersFigures[] {
	const figures = entries.map((e) => ({ code: e.code, label: label(e.code), cases: 0, kaders: zero() }));
	for (const group of groups) {
		const mask = BigInt(group.mask ?? 0);
		entries.forEach((entry, i) => {
			if (!((mask >> BigInt(entry.position)) & 1n)) return;
			figures[i].cases += group.cases;
			figures[i].kaders[group.kaders] += group.cases;
		});
	}
	return figures.filter((f) => f.cases > 0);
}

/** A besluitniveau's short name: its description up to the first comma or bracket. */
export function levelLabel(code: string): string {
	const entry = reference().vocabularies.besluitniveaus.get(code);
	return entry ? entry.naam.split(/\s*[,(]/)[0] : code;
}

/** A step's short name with its number, as the escalatie page writes it: `3. Lokale doorbraaktafel`. */
function stepLabel(code: string): string {
	if (code === NO_STEP) return 'Geen trede vastgelegd';
	const entry = reference().vocabularies.escalatie.get(code);
	return entry ? `${entry.detail}. ${entry.naam.split(/[,:]/)[0]}` : code;
}

async function computeBesluitenView(db: Database, reach: Reach, filter: CaseFilter): Promise<BesluitenView> {
	const params: Params = scopeParams(reach, filter);
	const [cells, instrumentMasks, lawMasks] = await Promise.all([
		db.all<Cell>(CELLS_SQL, params),
		db.all<MaskCell>(maskSql('instrumenten'), params),
		db.all<MaskCell>(maskSql('wetten'), params)
	]);
	const { vocabularies } = reference();

	const levels = vocabularies.besluitniveaus.entries
		.map((e) =>
			levelOf(
				e.code,
				levelLabel(e.code),
				cells.filter((c) => c.level === e.code)
			)
		)
		.filter((l) => l.cases > 0);
	const unrecorded = levelOf(
		null,
		'Niet vastgelegd',
		cells.filter((c) => c.level === null)
	);
	if (unrecorded.cases > 0) levels.push(unrecorded);
	const total = levelOf(null, 'Alle casussen', cells);

	const stepCodes = [...vocabularies.escalatie.entries.map((e) => e.code), NO_STEP];
	const steps = stepCodes
		.filter((code) => (total.steps[code] ?? 0) > 0)
		.map((key) => ({ key, label: stepLabel(key) }));

	const instruments = perCode(
		instrumentMasks,
		vocabularies.instrumenten.entries,
		(code) => vocabularies.instrumenten.get(code)?.naam ?? code
	);
	const withInstrument = levelOf(
		null,
		'Alle casussen met een instrument',
		cells.filter((c) => c.instrument)
	);
	const order = new Map(vocabularies.wetten.entries.map((e) => [e.code, e.position]));
	const laws = perCode(lawMasks, vocabularies.wetten.entries, (code) => {
		const naam = vocabularies.wetten.get(code)?.naam;
		return naam && naam !== code ? `${naam} (${code})` : code;
	}).sort(
		(a, b) => b.kaders.nee - a.kaders.nee || b.cases - a.cases || order.get(a.code)! - order.get(b.code)!
	);

	const withDecision = cells.filter((c) => c.decided).reduce((sum, c) => sum + c.cases, 0);
	return {
		cases: total.cases,
		withDecision,
		levels,
		total,
		steps,
		instruments,
		withInstrument,
		laws,
		summary: withDecision > 0 ? summaryOf(total, laws) : '',
		tables: besluitenTables(levels, total, steps, instruments, withInstrument, laws)
	};
}

/** The share `part / whole` in percent with one decimal; null where there is no whole. */
export const percentage = (part: number, whole: number): number | null =>
	whole > 0 ? Math.round((1000 * part) / whole) / 10 : null;

/** The view's answer first: how many known decisions fell outside the kaders, the law set aside most, and four eyes. */
export function summaryOf(total: LevelFigures, laws: KadersFigures[]): string {
	const sentences: string[] = [];
	const known = total.kaders.ja + total.kaders.nee;
	if (known === 0) {
		sentences.push('Bij geen enkel besluit is vastgelegd of de oplossing binnen de kaders bleef.');
	} else {
		const outside = total.kaders.nee;
		const besluiten = known === 1 ? 'besluit' : 'besluiten';
		let sentence = `Van de ${formatCount(known)} ${besluiten} met bekende kaders ${outside === 1 ? 'viel' : 'vielen'} er ${outside === 0 ? 'geen' : formatCount(outside)} buiten de kaders`;
		const most = laws[0]?.kaders.nee ?? 0;
		if (most > 0) {
			const top = laws.filter((l) => l.kaders.nee === most).map((l) => l.code);
			const names = top.length === 1 ? top[0] : `${top.slice(0, -1).join(', ')} en ${top.at(-1)}`;
			sentence += `; ${names} ${top.length === 1 ? 'werd' : 'werden'} het vaakst opzijgezet`;
		}
		sentences.push(`${sentence}.`);
	}
	const eyes = total.vierOgen;
	const checked = eyes.ja + eyes.nee;
	if (checked > 0) {
		const unknown = eyes.onbekend > 0 ? `; bij ${formatCount(eyes.onbekend)} is dat niet vastgelegd` : '';
		sentences.push(
			`Bij ${formatCount(eyes.ja)} van de ${formatCount(checked)} besluiten waarvan het bekend is, keek een tweede persoon mee (vier ogen: ${formatPercent(eyes.ja / checked)})${unknown}.`
		);
	}
	return sentences.join(' ');
}

/** Ja, nee and onbekend of one yes/no column, with the known cases a share is computed from. */
function answerColumns(labels: Record<Answer, string>): TableColumn[] {
	return [
		...ANSWERS.map((a) => ({ key: a, label: labels[a], kind: 'count' as const })),
		{ key: 'bekend', label: 'Bekend (ja of nee)', kind: 'count' }
	];
}

const KADERS_LABELS: Record<Answer, string> = {
	ja: 'Binnen de kaders',
	nee: 'Buiten de kaders',
	onbekend: 'Onbekend'
};

function answerCells(counts: AnswerCounts): Record<string, TableCell> {
	return { ...counts, bekend: counts.ja + counts.nee };
}

function besluitenTables(
	levels: LevelFigures[],
	total: LevelFigures,
	steps: StepColumn[],
	instruments: KadersFigures[],
	withInstrument: LevelFigures,
	laws: KadersFigures[]
): DataTable[] {
	const rows = [...levels, total];
	const outsideShare: TableColumn = {
		key: 'aandeel',
		label: 'Buiten de kaders (% van bekend)',
		kind: 'decimal',
		basis: 'bekend',
		share: true
	};
	const kadersRow = (f: { kaders: AnswerCounts }) => ({
		...answerCells(f.kaders),
		aandeel: percentage(f.kaders.nee, f.kaders.ja + f.kaders.nee)
	});
	return [
		{
			id: 'besluiten-niveau-trede',
			caption: 'Casussen per besluitniveau en hoogste escalatietrede',
			columns: [
				{ key: 'niveau', label: 'Besluit door' },
				...steps.map((s) => ({ key: s.key, label: s.label, kind: 'count' as const })),
				{ key: 'totaal', label: 'Totaal', kind: 'count' }
			],
			rows: rows.map((l) => ({
				niveau: l.label,
				...Object.fromEntries(steps.map((s) => [s.key, l.steps[s.key] ?? 0])),
				totaal: l.cases
			}))
		},
		{
			id: 'besluiten-kaders-niveau',
			caption: 'Oplossingen binnen en buiten de kaders per besluitniveau',
			columns: [
				{ key: 'niveau', label: 'Besluit door' },
				...answerColumns(KADERS_LABELS),
				outsideShare,
				{ key: 'totaal', label: 'Totaal', kind: 'count' }
			],
			rows: rows.map((l) => ({ niveau: l.label, ...kadersRow(l), totaal: l.cases }))
		},
		{
			id: 'besluiten-instrumenten',
			caption:
				'Oplossingen binnen en buiten de kaders per instrument (een casus kan meer instrumenten noemen)',
			columns: [
				{ key: 'instrument', label: 'Instrument' },
				...answerColumns(KADERS_LABELS),
				outsideShare,
				{ key: 'totaal', label: 'Casussen', kind: 'count' }
			],
			rows: [
				...instruments.map((i) => ({ instrument: i.label, ...kadersRow(i), totaal: i.cases })),
				...(withInstrument.cases > 0
					? [{ instrument: withInstrument.label, ...kadersRow(withInstrument), totaal: withInstrument.cases }]
					: [])
			]
		},
		{
			id: 'besluiten-wetten',
			caption: 'Oplossingen buiten de kaders per wet, de vaakst opzijgezette wet eerst',
			columns: [
				{ key: 'wet', label: 'Wet' },
				...answerColumns(KADERS_LABELS),
				outsideShare,
				{ key: 'totaal', label: 'Casussen', kind: 'count' }
			],
			rows: laws.map((w) => ({ wet: w.label, ...kadersRow(w), totaal: w.cases }))
		},
		{
			id: 'besluiten-vier-ogen',
			caption: 'Besluiten met vier ogen per besluitniveau (aandeel = ja / (ja + nee))',
			columns: [
				{ key: 'niveau', label: 'Besluit door' },
				...answerColumns({ ja: 'Vier ogen', nee: 'Zonder vier ogen', onbekend: 'Niet vastgelegd' }),
				{ key: 'aandeel', label: 'Vier ogen (% van bekend)', kind: 'decimal', basis: 'bekend', share: true },
				{ key: 'totaal', label: 'Totaal', kind: 'count' }
			],
			rows: rows.map((l) => ({
				niveau: l.label,
				...answerCells(l.vierOgen),
				aandeel: percentage(l.vierOgen.ja, l.vierOgen.ja + l.vierOgen.nee),
				totaal: l.cases
			}))
		}
	];
}

/** Kept until the next committed write: the figures only change with the data (an import bumps the generation). */
export const besluitenView = memoUntilWrite(viewKey('besluiten'), computeBesluitenView);
