/** Suggestions of cases that look like the same problem, and the kwaliteitsteam's confirmations and rejections of them. */
import { createHash } from 'node:crypto';
import { EMPTY_FILTER } from '$lib/domain/filters';
import { formatPercent } from '$lib/domain/format';
import { capabilities, reaches, type Reach, type SessionUser } from '$lib/domain/roles';
import { fold } from '$lib/domain/text';
import type { Database, Queryable } from '../db';
import { CASE_SCOPE, scopeParams } from '../analytics/filter';
import { audit } from '../audit';
import { CASE_KWESTIES } from './case-kwesties';
import { memoUntilWrite, viewKey } from '../db/memo';
import type { Suggestion, SuggestionCase, SuggestionReason } from '$lib/domain/kwesties';

export type { Suggestion, SuggestionCase, SuggestionReason } from '$lib/domain/kwesties';
import { groupPairs, similarPairs } from './similarity';

/**
 * Two summaries are "similar" from this TF-IDF cosine on. Calibrated on the demo data (2,500 cases,
 * half labelled): from 0.45 on, nearly every pair of labelled cases carries the same kwestie, but
 * summaries that share only their closing boilerplate ("Niet opgelost: de uitvoerder hield vast aan
 * de regel") still reach 0.55. 0.6 leaves a margin above that; a wrong suggestion costs the team
 * more than a missed one, which the rule or a later case still finds.
 */
export const TEXT_THRESHOLD = 0.6;

/** The most cases one text suggestion holds; larger clusters are split at their weakest links. */
export const MAX_TEXT_GROUP = 25;

/**
 * Organisations that do not make two cases of one municipality alike: the municipality itself takes
 * part in nearly every case (148 of 160 in the reference data), and `anders` names no organisation.
 */
export const NOT_DISTINCTIVE = ['gemeente', 'anders'] as const;

/** A suggestion with this share of its cases inside one ranked above it is hidden behind that one. */
export const CONTAINED_SHARE = 0.8;

export const DEFAULT_SUGGESTION_LIMIT = 50;

export const MAX_LABEL_LENGTH = 200;

/** The most cases one confirmation links, well above any suggestion. */
export const MAX_CONFIRM_CASES = 1000;

export interface SuggestionOptions {
	/** Last day of the window, included; `YYYY-MM-DD`. */
	asOf: string;
	windowMonths: number;
	limit?: number;
	/** Cosine from which two summaries count as similar; default TEXT_THRESHOLD. */
	textThreshold?: number;
}

export type SuggestionUser = Pick<SessionUser, 'email' | 'role' | 'reach'>;

/** A request the portal refuses, with a Dutch message for the form and the HTTP status to answer with. */
export class SuggestionError extends Error {
	constructor(
		message: string,
		readonly status: 400 | 403 | 404,
		readonly field: string
	) {
		super(message);
	}
}

export interface CaseKey {
	source: string;
	casus_id: string;
}

/** The fingerprint of a set of cases of one municipality, whatever their order. */
export function suggestionFingerprint(gemeente: string, cases: readonly CaseKey[]): string {
	const keys = uniqueKeys(cases)
		.map((c) => [c.source, c.casus_id])
		.sort(([s1, c1], [s2, c2]) => compareText(s1, s2) || compareText(c1, c2));
	return createHash('sha256')
		.update(JSON.stringify([gemeente, keys]))
		.digest('hex');
}

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

function uniqueKeys(cases: readonly CaseKey[]): CaseKey[] {
	const seen = new Map<string, CaseKey>();
	for (const c of cases) seen.set(JSON.stringify([c.source, c.casus_id]), c);
	return [...seen.values()];
}

/** Same rule as the signal list: (as_of − window_months, as_of], calendar months clamped to the month's end. */
const IN_WINDOW = `aangemeld_op <= $as_of::DATE AND aangemeld_op > ($as_of::DATE - to_months($window))::DATE`;

interface WindowCase extends SuggestionCase {
	gemeente: string;
	k_key: string | null;
}

interface RuleRow {
	gemeente: string;
	wet_key: string;
	knelpunt: string;
	organisatie: string;
	ids: number[];
}

/** A group found by one of the two ways, before labels, fingerprints and decisions. */
interface Candidate {
	gemeente: string;
	reason: SuggestionReason;
	explanation: string;
	score: number;
	ids: number[];
}

function checkOptions(options: SuggestionOptions): void {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(options.asOf)) {
		throw new SuggestionError('as_of: geef een datum als JJJJ-MM-DD.', 400, 'as_of');
	}
	if (!Number.isInteger(options.windowMonths) || options.windowMonths < 1) {
		throw new SuggestionError(
			'window_months: geef een heel aantal maanden, ten minste 1.',
			400,
			'window_months'
		);
	}
}

function windowParams(reach: Reach, options: SuggestionOptions) {
	return { ...scopeParams(reach, EMPTY_FILTER), as_of: options.asOf, window: options.windowMonths };
}

async function windowCases(db: Database, reach: Reach, options: SuggestionOptions): Promise<WindowCase[]> {
	return db.all<WindowCase>(
		`SELECT id, gemeente, source, casus_id, strftime(aangemeld_op, '%Y-%m-%d') AS aangemeld_op,
			k_key, k_label, samenvatting
		 FROM ${CASE_KWESTIES}
		 WHERE ${CASE_SCOPE} AND ${IN_WINDOW}
		 ORDER BY gemeente, aangemeld_op, source, casus_id`,
		windowParams(reach, options)
	);
}

/**
 * Cases of one municipality sharing a law key, the knelpunt and a distinctive organisation: one row
 * per (law key, knelpunt, organisation) that two or more cases share, organisations in vocabulary
 * order. The law keys of a case are the articles it names (`Pw art. 18`), and each law it names
 * without an article (`Wlz`); so `Pw art. 18` and a bare `Pw` do not match.
 */
async function ruleRows(db: Database, reach: Reach, options: SuggestionOptions): Promise<RuleRow[]> {
	return db.all<RuleRow>(
		`WITH windowed AS (
			SELECT id, gemeente, knelpunt, organisaties, wetten, wet_artikelen FROM cases
			WHERE ${CASE_SCOPE} AND ${IN_WINDOW}
			  AND knelpunt IS NOT NULL AND organisaties <> 0 AND wetten <> 0
		),
		articles AS (SELECT id, unnest(wet_artikelen) AS wet_key FROM windowed),
		laws AS (
			SELECT w.id, v.code FROM windowed w
			JOIN vocabulary v ON v.dimension = 'wetten' AND (w.wetten >> v.position::UBIGINT) & 1::UBIGINT = 1
		),
		wet_keys AS (
			SELECT id, wet_key FROM articles
			UNION ALL
			SELECT id, code FROM laws l
			WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = l.id AND starts_with(a.wet_key, l.code || ' art. '))
		),
		organisaties AS (
			SELECT w.id, v.code AS organisatie, v.position FROM windowed w
			JOIN vocabulary v ON v.dimension = 'organisaties'
			  AND (w.organisaties >> v.position::UBIGINT) & 1::UBIGINT = 1
			  AND NOT list_contains($not_distinctive, v.code)
		)
		SELECT w.gemeente, k.wet_key, w.knelpunt, o.organisatie, list(w.id ORDER BY w.id) AS ids
		FROM windowed w JOIN wet_keys k ON k.id = w.id JOIN organisaties o ON o.id = w.id
		GROUP BY w.gemeente, k.wet_key, w.knelpunt, o.organisatie, o.position
		HAVING count(*) >= 2
		ORDER BY w.gemeente, k.wet_key, w.knelpunt, o.position`,
		{ ...windowParams(reach, options), not_distinctive: [...NOT_DISTINCTIVE] }
	);
}

/** "A", "A en B", "A, B en C". */
function dutchList(items: readonly string[]): string {
	return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} en ${items.at(-1)}`;
}

function ruleExplanation(wetKeys: string[], knelpunt: string, organisaties: string[]): string {
	const articles = wetKeys.filter((k) => k.includes(' art. ')).length;
	const noun =
		articles === wetKeys.length
			? wetKeys.length > 1
				? 'artikelen'
				: 'artikel'
			: articles === 0
				? wetKeys.length > 1
					? 'wetten'
					: 'wet'
				: 'wetten en artikelen';
	const organisatie = organisaties.length > 1 ? 'organisaties' : 'organisatie';
	return `Zelfde ${noun} (${wetKeys.join(', ')}), knelpunt ${knelpunt} en ${organisatie} ${dutchList(organisaties)}`;
}

/**
 * One candidate per (law key, knelpunt, organisation) that its cases all share, so the explanation
 * holds for every case. Rows with the very same cases become one candidate naming all they share.
 */
function ruleCandidates(rows: RuleRow[]): Candidate[] {
	const bySet = new Map<string, { row: RuleRow; wetKeys: string[]; organisaties: string[] }>();
	for (const row of rows) {
		const key = JSON.stringify([row.gemeente, row.ids]);
		const found = bySet.get(key) ?? { row, wetKeys: [], organisaties: [] };
		if (!found.wetKeys.includes(row.wet_key)) found.wetKeys.push(row.wet_key);
		if (!found.organisaties.includes(row.organisatie)) found.organisaties.push(row.organisatie);
		bySet.set(key, found);
	}
	return [...bySet.values()].map(({ row, wetKeys, organisaties }) => ({
		gemeente: row.gemeente,
		reason: 'regel',
		explanation: ruleExplanation(wetKeys, row.knelpunt, organisaties),
		score: 1,
		ids: row.ids
	}));
}

/** Clusters of similar summaries per municipality: IDF is computed within the municipality, whoever asks. */
function textCandidates(cases: WindowCase[], threshold: number): Candidate[] {
	const byGemeente = new Map<string, WindowCase[]>();
	for (const c of cases) {
		if (!c.samenvatting?.trim()) continue;
		byGemeente.set(c.gemeente, [...(byGemeente.get(c.gemeente) ?? []), c]);
	}
	const candidates: Candidate[] = [];
	for (const [gemeente, documents] of byGemeente) {
		const pairs = similarPairs(
			documents.map((c) => ({ id: c.id, text: c.samenvatting! })),
			{ threshold }
		);
		for (const group of groupPairs(pairs, MAX_TEXT_GROUP)) {
			const mean = group.pairs.reduce((sum, p) => sum + p.score, 0) / group.pairs.length;
			const score = Math.round(mean * 1000) / 1000;
			candidates.push({
				gemeente,
				reason: 'tekst',
				explanation: `Vergelijkbare samenvattingen (gemiddelde gelijkenis ${formatPercent(score)})`,
				score,
				ids: group.ids
			});
		}
	}
	return candidates;
}

/** Existing labels by how many cases carry them (folded), each spelled as most of its cases spell it. */
function labelsByFrequency(cases: WindowCase[]): string[] {
	const byKey = new Map<string, Map<string, number>>();
	for (const c of cases) {
		if (!c.k_key || !c.k_label) continue;
		const spellings = byKey.get(c.k_key) ?? new Map<string, number>();
		spellings.set(c.k_label, (spellings.get(c.k_label) ?? 0) + 1);
		byKey.set(c.k_key, spellings);
	}
	const byCount = (a: [string, number], b: [string, number]) => b[1] - a[1] || a[0].localeCompare(b[0], 'nl');
	return [...byKey.values()]
		.map((spellings) => {
			const entries = [...spellings].sort(byCount);
			return [entries[0][0], entries.reduce((sum, [, n]) => sum + n, 0)] as [string, number];
		})
		.sort(byCount)
		.map(([label]) => label);
}

function toSuggestion(candidate: Candidate, byId: Map<number, WindowCase>): Suggestion {
	const members = candidate.ids
		.map((id) => byId.get(id)!)
		.sort(
			(a, b) =>
				compareText(a.aangemeld_op, b.aangemeld_op) ||
				compareText(a.source, b.source) ||
				compareText(a.casus_id, b.casus_id)
		);
	const labels = labelsByFrequency(members);
	return {
		fingerprint: suggestionFingerprint(candidate.gemeente, members),
		gemeente: candidate.gemeente,
		reason: candidate.reason,
		explanation: candidate.explanation,
		score: candidate.score,
		cases: members.map(({ id, source, casus_id, aangemeld_op, k_label, samenvatting }) => ({
			id,
			source,
			casus_id,
			aangemeld_op,
			k_label,
			samenvatting
		})),
		labels,
		proposedLabel: labels[0] ?? ''
	};
}

/** Every case already carries one and the same effective kwestie: nothing to suggest. */
function alreadyOneKwestie(candidate: Candidate, byId: Map<number, WindowCase>): boolean {
	const keys = new Set(candidate.ids.map((id) => byId.get(id)!.k_key));
	return keys.size === 1 && !keys.has(null);
}

/**
 * Keeps, in ranking order, only suggestions that do not lie for the most part (CONTAINED_SHARE of
 * their cases) inside one already kept of the same municipality. A rule match per organisation and
 * a text cluster often find nearly the same cases; the hidden one comes back when the team rejects
 * the larger one, and when the team confirms that, its remaining cases hold different kwesties again.
 */
function withoutOverlap(ranked: Suggestion[]): Suggestion[] {
	const kept: { suggestion: Suggestion; ids: Set<number> }[] = [];
	for (const suggestion of ranked) {
		const ids = suggestion.cases.map((c) => c.id);
		const inside = kept.some(
			(k) =>
				k.suggestion.gemeente === suggestion.gemeente &&
				ids.filter((id) => k.ids.has(id)).length >= CONTAINED_SHARE * ids.length
		);
		if (!inside) kept.push({ suggestion, ids: new Set(ids) });
	}
	return kept.map((k) => k.suggestion);
}

async function rejectedFingerprints(db: Database, reach: Reach): Promise<Set<string>> {
	const rows = await db.all<{ fingerprint: string }>(
		`SELECT DISTINCT fingerprint FROM suggestion_decisions
		 WHERE decision = 'afgewezen' AND ($reach_all OR list_contains($reach, gemeente))`,
		{ reach_all: reach.all, reach: reach.all ? [] : [...reach.gemeenten] }
	);
	return new Set(rows.map((r) => r.fingerprint));
}

/**
 * Groups of two or more cases of one municipality in the window that look like the same problem,
 * by rule (same law key, knelpunt and an organisation) or by similar summaries, where a case has no
 * kwestie or the cases hold different ones. Rejected groups are left out. Largest groups first.
 */
async function computeSuggestions(
	db: Database,
	reach: Reach,
	options: SuggestionOptions
): Promise<Suggestion[]> {
	const [cases, rules, rejected] = await Promise.all([
		windowCases(db, reach, options),
		ruleRows(db, reach, options),
		rejectedFingerprints(db, reach)
	]);
	const byId = new Map(cases.map((c) => [c.id, c]));
	const candidates = [
		...ruleCandidates(rules),
		...textCandidates(cases, options.textThreshold ?? TEXT_THRESHOLD)
	].filter((candidate) => !alreadyOneKwestie(candidate, byId));

	// A rule match comes first, so it wins over a text match of the very same cases.
	const byFingerprint = new Map<string, Suggestion>();
	for (const candidate of candidates) {
		const suggestion = toSuggestion(candidate, byId);
		if (!rejected.has(suggestion.fingerprint) && !byFingerprint.has(suggestion.fingerprint)) {
			byFingerprint.set(suggestion.fingerprint, suggestion);
		}
	}
	const ranked = [...byFingerprint.values()].sort(
		(a, b) =>
			b.cases.length - a.cases.length ||
			b.score - a.score ||
			compareText(a.gemeente, b.gemeente) ||
			compareText(a.fingerprint, b.fingerprint)
	);
	return withoutOverlap(ranked).slice(0, options.limit ?? DEFAULT_SUGGESTION_LIMIT);
}

/** Kept until the next write (a confirmation or rejection is one): comparing every summary of a window takes seconds at scale. */
const keptSuggestions = memoUntilWrite(viewKey('suggestions'), computeSuggestions);

export async function suggestions(
	db: Database,
	reach: Reach,
	options: SuggestionOptions
): Promise<Suggestion[]> {
	checkOptions(options);
	return keptSuggestions(db, reach, options);
}

/** Refuses a user without the right to manage kwesties, or outside the municipality; the refusal is audited. */
async function authorise(
	db: Database,
	user: SuggestionUser,
	gemeente: string,
	action: string
): Promise<void> {
	const refusal = !capabilities(user.role).manageKwesties
		? 'Alleen het kwaliteitsteam en de beheerder beheren kwesties.'
		: !reaches(user.reach, gemeente)
			? 'Deze gemeente valt buiten uw bereik.'
			: null;
	if (!refusal) return;
	await audit(db, { actor: user.email, action, object: gemeente, result: 'geweigerd' });
	throw new SuggestionError(refusal, 403, 'gemeente');
}

/** Text that names a person rather than a problem: a run of nine or more digits (BSN, phone, account) or an e-mail address. */
const PERSONAL_DATA = /\d(?:[ .-]?\d){8}|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

function validLabel(raw: string): string {
	const label = raw.trim();
	if (label.length === 0) throw new SuggestionError('Geef de kwestie een naam.', 400, 'label');
	if (label.length > MAX_LABEL_LENGTH) {
		throw new SuggestionError(
			`De naam van de kwestie is langer dan ${MAX_LABEL_LENGTH} tekens.`,
			400,
			'label'
		);
	}
	if (PERSONAL_DATA.test(label)) {
		throw new SuggestionError(
			'De naam lijkt persoonsgegevens te bevatten (een nummer of e-mailadres); beschrijf het probleem, niet de persoon.',
			400,
			'label'
		);
	}
	return label;
}

export interface ConfirmInput {
	gemeente: string;
	cases: readonly CaseKey[];
	label: string;
}

export interface ConfirmResult {
	fingerprint: string;
	/** The folded label: the effective kwestie key the cases now share. */
	key: string;
	label: string;
	linked: number;
}

async function countExisting(q: Queryable, gemeente: string, cases: CaseKey[]): Promise<number> {
	const row = await q.one<{ n: number }>(
		`SELECT count(*)::INTEGER AS n FROM cases c
		 JOIN (SELECT unnest($sources) AS source, unnest($casus_ids) AS casus_id) k
		   ON k.source = c.source AND k.casus_id = c.casus_id
		 WHERE c.gemeente = $gemeente`,
		{ gemeente, sources: cases.map((c) => c.source), casus_ids: cases.map((c) => c.casus_id) }
	);
	return row?.n ?? 0;
}

/**
 * Gives the cases one shared kwestie, as links beside the imported label (a re-import keeps them),
 * registers that kwestie where it is new, and remembers the suggestion as confirmed. Every case must
 * exist in that municipality.
 */
export async function confirmSuggestion(
	db: Database,
	user: SuggestionUser,
	input: ConfirmInput
): Promise<ConfirmResult> {
	const action = 'kwestie toekennen';
	await authorise(db, user, input.gemeente, action);
	const label = validLabel(input.label);
	const cases = uniqueKeys(input.cases);
	if (cases.length === 0) throw new SuggestionError('Kies ten minste één casus.', 400, 'cases');
	if (cases.length > MAX_CONFIRM_CASES) {
		throw new SuggestionError(`Kies ten hoogste ${MAX_CONFIRM_CASES} casussen tegelijk.`, 400, 'cases');
	}
	const key = fold(label);
	const fingerprint = suggestionFingerprint(input.gemeente, cases);
	const params = {
		gemeente: input.gemeente,
		sources: cases.map((c) => c.source),
		casus_ids: cases.map((c) => c.casus_id)
	};
	await db.transaction(async (tx) => {
		if ((await countExisting(tx, input.gemeente, cases)) !== cases.length) {
			throw new SuggestionError('Een of meer casussen bestaan niet (meer) in deze gemeente.', 404, 'cases');
		}
		await tx.run(
			`DELETE FROM kwestie_links l USING (SELECT unnest($sources) AS source, unnest($casus_ids) AS casus_id) k
			 WHERE l.gemeente = $gemeente AND l.source = k.source AND l.casus_id = k.casus_id`,
			params
		);
		await tx.run(
			`INSERT INTO kwestie_links (gemeente, source, casus_id, kwestie_key, kwestie, linked_by)
			 SELECT $gemeente, unnest($sources), unnest($casus_ids), $key, $label, $actor`,
			{ ...params, key, label, actor: user.email }
		);
		// The shared kwestie gets its record with the links, so the signal list only has to read it.
		await tx.run(
			`INSERT INTO kwesties (scope, key, label)
			 SELECT $gemeente, $key, $label
			 WHERE NOT EXISTS (SELECT 1 FROM kwesties WHERE scope = $gemeente AND key = $key)`,
			{ gemeente: input.gemeente, key, label }
		);
		await tx.run(
			`INSERT INTO suggestion_decisions (gemeente, fingerprint, decision, decided_by)
			 VALUES ($gemeente, $fingerprint, 'bevestigd', $actor)`,
			{ gemeente: input.gemeente, fingerprint, actor: user.email }
		);
		await audit(tx, {
			actor: user.email,
			action,
			object: `${input.gemeente} ${label} (${cases.length} casussen)`,
			result: 'ok'
		});
	});
	return { fingerprint, key, label, linked: cases.length };
}

export interface RejectInput {
	gemeente: string;
	fingerprint: string;
}

/** Remembers that these cases are not one problem, so the suggestion is not offered again; rejecting twice changes nothing. */
export async function rejectSuggestion(
	db: Database,
	user: SuggestionUser,
	input: RejectInput
): Promise<{ recorded: boolean }> {
	const action = 'suggestie afwijzen';
	await authorise(db, user, input.gemeente, action);
	if (!/^[0-9a-f]{64}$/.test(input.fingerprint)) {
		throw new SuggestionError('Onbekende suggestie.', 400, 'fingerprint');
	}
	return db.transaction(async (tx) => {
		const inserted = await tx.run(
			`INSERT INTO suggestion_decisions (gemeente, fingerprint, decision, decided_by)
			 SELECT $gemeente, $fingerprint, 'afgewezen', $actor
			 WHERE NOT EXISTS (SELECT 1 FROM suggestion_decisions
				WHERE gemeente = $gemeente AND fingerprint = $fingerprint AND decision = 'afgewezen')`,
			{ gemeente: input.gemeente, fingerprint: input.fingerprint, actor: user.email }
		);
		if (inserted > 0) {
			await audit(tx, {
				actor: user.email,
				action,
				object: `${input.gemeente} suggestie ${input.fingerprint.slice(0, 12)}`,
				result: 'ok'
			});
		}
		return { recorded: inserted > 0 };
	});
}
