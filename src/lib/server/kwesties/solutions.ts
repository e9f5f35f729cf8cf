/** "Drie keer is structureel" for solutions: labels of `oplossing` written in at least `threshold` cases of the window, and the kwestie that proposes one as a standing mandate or beleidsregel. */
import type { CaseFilter } from '$lib/domain/filters';
import type { KwestieKind } from '$lib/domain/kwesties';
import type { Reach, SessionUser } from '$lib/domain/roles';
import { fold } from '$lib/domain/text';
import type { Database } from '../db';
import { audit } from '../audit';
import { CASE_SCOPE, scopeParams } from '../analytics/filter';
import { reference } from '../reference';
import { foldSql } from './case-kwesties';
import { kwestieIds, mayEdit, mayRead } from './kwesties';
import { SIGNAL_WINDOW, windowParams, type SignalOptions } from './signals';

export const SOLUTION_KIND: KwestieKind = 'structurele_oplossing';
export const SOLUTION_KEY_PREFIX = 'oplossing:';

/** The kwestie key of a solution label: `oplossing:` + the folded label, apart from the kwestie labels of problems. */
export const solutionKey = (label: string) => SOLUTION_KEY_PREFIX + fold(label);

export interface Solution {
	/**
	 * The written form most of its cases use; on a tie the first in code-point order (so "Voorschot"
	 * before "voorschot"), which makes the label the same on every request.
	 */
	oplossing: string;
	/** The folded label the cases are grouped on. */
	key: string;
	cases: number;
	first: string;
	last: string;
	gemeenten: number;
	/** The municipalities whose cases name it, CBS codes in order. */
	gemeenteCodes: string[];
	/** Instrument codes of its cases, in vocabulary order. */
	instrumenten: string[];
	/** Cases with binnen_kaders = false; unknown (NULL) is not outside. */
	outsideKaders: number;
}

/**
 * Counted and windowed as `signals` are: a case counts once per folded label however often it writes
 * it, within the scope and the window (as_of − window_months, as_of].
 */
export async function solutions(
	db: Database,
	reach: Reach,
	filter: CaseFilter,
	options: SignalOptions
): Promise<Solution[]> {
	const rows = await db.all<Omit<Solution, 'instrumenten'> & { instrumenten: string }>(
		`WITH written AS (
			SELECT DISTINCT id, gemeente, aangemeld_op, instrumenten, binnen_kaders, label, ${foldSql('label')} AS key
			FROM (SELECT id, gemeente, aangemeld_op, instrumenten, binnen_kaders, unnest(oplossing) AS label
				FROM cases WHERE ${CASE_SCOPE} AND ${SIGNAL_WINDOW})
		),
		per_case AS (
			SELECT key, id, any_value(gemeente) AS gemeente, any_value(aangemeld_op) AS aangemeld_op,
				any_value(instrumenten) AS instrumenten, any_value(binnen_kaders) AS binnen_kaders
			FROM written WHERE key <> '' GROUP BY key, id
		),
		grouped AS (
			SELECT key, count(*)::INTEGER AS cases,
				strftime(min(aangemeld_op), '%Y-%m-%d') AS first, strftime(max(aangemeld_op), '%Y-%m-%d') AS last,
				list(DISTINCT gemeente ORDER BY gemeente) AS gemeenteCodes,
				bit_or(instrumenten)::VARCHAR AS instrumenten,
				count(*) FILTER (WHERE binnen_kaders = false)::INTEGER AS outsideKaders
			FROM per_case GROUP BY key
			HAVING count(*) >= $threshold
		),
		forms AS (
			SELECT key, label, count(*) AS n FROM written WHERE key IN (SELECT key FROM grouped) GROUP BY key, label
		)
		SELECT g.*, len(g.gemeenteCodes)::INTEGER AS gemeenten,
			(SELECT first(f.label ORDER BY f.n DESC, f.label) FROM forms f WHERE f.key = g.key) AS oplossing
		FROM grouped g
		ORDER BY cases DESC, key`,
		{ ...scopeParams(reach, filter), ...windowParams(options) }
	);
	const { instrumenten } = reference().vocabularies;
	return rows.map((row) => ({ ...row, instrumenten: instrumenten.codes(BigInt(row.instrumenten)) }));
}

/** Per municipality of a solution: its kwestie where one exists and the user may read it, and whether the user may open one. */
export async function solutionKwesties(
	db: Database,
	user: SessionUser,
	found: Solution[]
): Promise<Map<string, { gemeente: string; naam: string; id: number | null; mayOpen: boolean }[]>> {
	// Only the kwesties the user may read are looked up: reading the list writes nothing.
	const ids = await kwestieIds(
		db,
		found.flatMap((s) =>
			s.gemeenteCodes
				.filter((scope) => mayRead(user, scope))
				.map((scope) => ({ scope, key: SOLUTION_KEY_PREFIX + s.key }))
		)
	);
	const { gemeenten } = reference();
	return new Map(
		found.map((s) => [
			s.key,
			s.gemeenteCodes.map((gemeente) => ({
				gemeente,
				naam: gemeenten.naam(gemeente),
				id: ids.get(`${gemeente}|${SOLUTION_KEY_PREFIX}${s.key}`) ?? null,
				mayOpen: mayEdit(user, gemeente)
			}))
		])
	);
}

export type OpenOutcome =
	| { ok: true; id: number; created: boolean }
	| { ok: false; status: 400 | 403; field: string | null; message: string };

export const SOLUTION_LABEL_MAX = 500;

/**
 * Opens the structural-solution kwestie of a municipality for a solution label, or finds the one that
 * exists. Only who may edit the municipality's kwesties (kwaliteitsteam, beheerder), and only for a
 * label that at least one of its cases writes: the kwestie is named as most of those cases write it.
 */
export async function openSolutionKwestie(
	db: Database,
	user: SessionUser,
	gemeente: string,
	oplossing: string,
	origin?: string
): Promise<OpenOutcome> {
	if (!mayEdit(user, gemeente)) {
		return {
			ok: false,
			status: 403,
			field: null,
			message: 'Uw rol mag voor deze gemeente geen kwestie openen.'
		};
	}
	const label = fold(oplossing);
	if (label === '' || oplossing.length > SOLUTION_LABEL_MAX) {
		return { ok: false, status: 400, field: 'oplossing', message: 'Kies een oplossing uit de lijst.' };
	}
	const key = SOLUTION_KEY_PREFIX + label;
	const written = await db.one<{ label: string | null }>(
		`SELECT first(label ORDER BY n DESC, label) AS label FROM (
			SELECT label, count(DISTINCT id) AS n
			FROM (SELECT id, unnest(oplossing) AS label FROM cases WHERE gemeente = $gemeente)
			WHERE ${foldSql('label')} = $label GROUP BY label)`,
		{ gemeente, label }
	);
	if (!written?.label) {
		return {
			ok: false,
			status: 400,
			field: 'oplossing',
			message: 'Geen casus van deze gemeente noemt deze oplossing.'
		};
	}
	const existing = (await kwestieIds(db, [{ scope: gemeente, key }])).get(`${gemeente}|${key}`);
	if (existing !== undefined) return { ok: true, id: existing, created: false };
	const id = await db.transaction(async (tx) => {
		const row = await tx.one<{ id: number }>(
			`INSERT INTO kwesties (scope, key, label, kind) VALUES ($gemeente, $key, $label, $kind)
			 RETURNING id::INTEGER AS id`,
			{ gemeente, key, label: written.label, kind: SOLUTION_KIND }
		);
		// The trail starts with who opened it, as later changes of the workflow are recorded.
		await tx.run(
			`INSERT INTO kwestie_changes (kwestie_id, actor, field, old_value, new_value)
			 VALUES ($id, $actor, 'status', NULL, 'gesignaleerd')`,
			{ id: row!.id, actor: user.email }
		);
		await audit(tx, {
			actor: user.email,
			action: 'kwestie openen',
			object: `kwestie ${row!.id} (${gemeente}): structurele oplossing "${written.label}"`,
			result: 'ok',
			origin
		});
		return row!.id;
	});
	return { ok: true, id, created: true };
}
