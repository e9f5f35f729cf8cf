/** The national agenda: the national programme sets a status on a kwestie of the national signal list, one row per change; a municipality's kwestie page reads it without learning who else reports the kwestie. */
import {
	TOELICHTING_MAX,
	TOELICHTING_REQUIRED,
	isAgendaStatus,
	type AgendaEntry,
	type AgendaRow,
	type AgendaStatus,
	type AgendaStep,
	type NationalStatus
} from '$lib/domain/agenda';
import type { KwestieSummary } from '$lib/domain/kwesties';
import { capabilities, type SessionUser } from '$lib/domain/roles';
import { fold } from '$lib/domain/text';
import type { Database, Queryable } from '../db';
import { audit } from '../audit';
import { filterOptions } from '../analytics/reach';
import { mayRead, NATIONAL_SCOPE } from '../kwesties/kwesties';
import { SOLUTION_KIND } from '../kwesties/solutions';
import { MIN_LIST_THRESHOLD } from '../disclosure/audience';
import { CASE_KWESTIES } from '../kwesties/case-kwesties';
import { SIGNAL_WINDOW, windowParams } from '../kwesties/signals';
import { comparedPackages } from './compared';
import { NATIONAL_SIGNAL_MINIMUM, nationalSignals } from './national-signals';
import { packagesOfPeriod, packageYears } from './package';
import { parsePeriod, type PackagePeriod } from './period';
import { PERIOD_MESSAGE } from './requests';

/** A kwestie on the agenda: its newest label and status, and every status it had, newest first. */
export interface AgendaItem {
	key: string;
	label: string;
	current: AgendaRow;
	trail: AgendaRow[];
}

/** The longest kwestie key or label a form or file may name. */
export const LABEL_MAX = 500;

/** The rows of the agenda (of one kwestie when `key` is given), oldest first. */
export async function agendaRows(db: Queryable, key?: string): Promise<AgendaRow[]> {
	return db.all<AgendaRow>(
		`SELECT kwestie_key AS key, label, status, toelichting, set_by AS setBy,
			strftime(set_at, '%Y-%m-%dT%H:%M:%SZ') AS setAt, bron
		 FROM national_agenda WHERE $all OR kwestie_key = $key ORDER BY set_at, id`,
		{ all: key === undefined, key: key ?? '' }
	);
}

/** The rows grouped per kwestie, the most recently changed first. */
export function agendaItems(rows: AgendaRow[]): AgendaItem[] {
	const byKey = new Map<string, AgendaRow[]>();
	for (const row of rows) byKey.set(row.key, [row, ...(byKey.get(row.key) ?? [])]);
	return [...byKey]
		.map(([key, trail]) => ({ key, label: trail[0].label, current: trail[0], trail }))
		.sort((a, b) => b.current.setAt.localeCompare(a.current.setAt) || a.key.localeCompare(b.key));
}

/** The whole installation as the national programme sees it: every municipality, as totals only. */
const NATIONAL_VIEW: SessionUser = {
	id: 0,
	email: 'landelijke agenda',
	role: 'landelijk',
	reach: { all: true }
};

/** The national signal list of a period: from every package the comparison compares. */
export async function signalList(db: Database, period: PackagePeriod, user: SessionUser = NATIONAL_VIEW) {
	return nationalSignals((await comparedPackages(db, user, period)).map((p) => p.pkg));
}

/** Years with cases or packages, oldest first: those the agenda page offers. */
export async function agendaYears(db: Database): Promise<number[]> {
	const { years } = await filterOptions(db, { all: true });
	return [...new Set([...years, ...(await packageYears(db))])].sort((a, b) => a - b);
}

export interface AgendaChange {
	/** The folded label of the kwestie. */
	key: string;
	status: AgendaStatus;
	toelichting: string | null;
	/** The period of the signal list the form showed; a kwestie not yet on the agenda must be on it. */
	period: PackagePeriod | null;
}

export type AgendaField = 'key' | 'status' | 'toelichting' | 'period';

export type AgendaCheck =
	{ ok: true; change: AgendaChange } | { ok: false; field: AgendaField; message: string };

const UNKNOWN_KWESTIE =
	'Deze kwestie staat niet op de landelijke signalenlijst van de gekozen periode en nog niet op de landelijke agenda.';

/** The form of a status change checked: a kwestie, a known status, a toelichting where one is needed. */
export function parseAgendaChange(form: FormData): AgendaCheck {
	const text = (name: string) => String(form.get(name) ?? '');
	const key = fold(text('key'));
	if (key === '' || key.length > LABEL_MAX) return { ok: false, field: 'key', message: UNKNOWN_KWESTIE };
	const status = text('status');
	if (!isAgendaStatus(status)) return { ok: false, field: 'status', message: 'Kies een landelijke status.' };
	// A browser sends a line break as CRLF but counts it as one character, as this does.
	const toelichting = text('toelichting').replace(/\r\n?/g, '\n').trim() || null;
	if (toelichting && toelichting.length > TOELICHTING_MAX) {
		return {
			ok: false,
			field: 'toelichting',
			message: `De toelichting is ten hoogste ${TOELICHTING_MAX} tekens.`
		};
	}
	const required = TOELICHTING_REQUIRED[status];
	if (required && !toelichting) return { ok: false, field: 'toelichting', message: required };
	const periodText = text('period').trim();
	const period = periodText ? parsePeriod(periodText) : null;
	if (periodText && !period) return { ok: false, field: 'period', message: PERIOD_MESSAGE };
	return { ok: true, change: { key, status, toelichting, period } };
}

export type AgendaOutcome =
	| { ok: true; changed: boolean; label: string }
	| { ok: false; status: 400 | 403; field: AgendaField; message: string };

/**
 * Sets a kwestie's national status: only for the national programme, only for a kwestie already on the
 * agenda or on the national signal list of the form's period. A status and toelichting equal to the
 * current ones change nothing; a change is one new row, audited.
 */
export async function setAgendaStatus(
	db: Database,
	user: SessionUser,
	change: AgendaChange,
	origin: string | null = null
): Promise<AgendaOutcome> {
	const object = `${change.key.slice(0, 100)}: ${change.status}`;
	if (!capabilities(user.role).nationalKwesties) {
		await audit(db, {
			actor: user.email,
			action: 'landelijke status zetten',
			object,
			result: 'geweigerd',
			origin
		});
		return {
			ok: false,
			status: 403,
			field: 'status',
			message: 'Alleen het landelijk programma zet de landelijke status van een kwestie.'
		};
	}
	const trail = await agendaRows(db, change.key);
	const last = trail.at(-1);
	const signal =
		last || !change.period
			? undefined
			: (await signalList(db, change.period, user)).find((s) => s.key === change.key);
	const label = last?.label ?? signal?.kwestie;
	if (label === undefined) return { ok: false, status: 400, field: 'key', message: UNKNOWN_KWESTIE };
	if (last && last.status === change.status && last.toelichting === change.toelichting) {
		return { ok: true, changed: false, label };
	}
	await db.transaction(async (tx) => {
		await tx.run(
			`INSERT INTO national_agenda (kwestie_key, label, status, toelichting, set_by, set_at, bron)
			 VALUES ($key, $label, $status, $toelichting, $actor, $setAt::TIMESTAMP, 'hier')`,
			{
				key: change.key,
				label,
				status: change.status,
				toelichting: change.toelichting,
				actor: user.email,
				setAt: new Date().toISOString()
			}
		);
		await audit(tx, { actor: user.email, action: 'landelijke status zetten', object, result: 'ok', origin });
	});
	return { ok: true, changed: true, label };
}

/** The agenda page: the period's national signal list, then what else is on the agenda. */
export async function agendaOverview(
	db: Database,
	user: SessionUser,
	period: PackagePeriod
): Promise<{ signals: AgendaEntry[]; others: AgendaEntry[] }> {
	const items = new Map(agendaItems(await agendaRows(db)).map((item) => [item.key, item]));
	const signals = (await signalList(db, period, user)).map((s) => {
		const item = items.get(s.key);
		return {
			key: s.key,
			label: s.kwestie,
			gemeenten: s.gemeenten.length,
			current: item?.current ?? null,
			trail: item?.trail ?? []
		};
	});
	const listed = new Set(signals.map((s) => s.key));
	const others = [...items.values()]
		.filter((item) => !listed.has(item.key))
		.map((item) => ({ ...item, gemeenten: null }));
	return { signals, others };
}

/**
 * Whether a kwestie could be on the period's national signal list at all: enough municipalities have
 * the cases a package needs to name it (at least the smallest list threshold in the package's window),
 * or an imported package that names it. A necessary condition and a cheap one, so that the packages are
 * built only for a kwestie that may be on the list.
 */
async function couldBeListed(db: Database, key: string, period: PackagePeriod): Promise<boolean> {
	const rows = await db.all<{ gemeente: string }>(
		`SELECT gemeente FROM ${CASE_KWESTIES} c WHERE k_key = $key AND ${SIGNAL_WINDOW}
		 GROUP BY gemeente HAVING count(*) >= $threshold`,
		{ key, ...windowParams({ asOf: period.to, windowMonths: period.months, threshold: MIN_LIST_THRESHOLD }) }
	);
	const gemeenten = new Set(rows.map((r) => r.gemeente));
	for (const { pkg } of await packagesOfPeriod(db, period)) {
		if (pkg.tables.kwesties.rows.some((label) => fold(label) === key)) gemeenten.add(pkg.gemeente);
	}
	return gemeenten.size >= NATIONAL_SIGNAL_MINIMUM;
}

const step = ({ status, toelichting, setAt }: AgendaRow): AgendaStep => ({ status, toelichting, setAt });

/**
 * The national status of a kwestie for a user who may read it, matched on its folded label: the status,
 * toelichting and dates only, never who set it or which other municipalities report it. Without a status,
 * an empty one when the municipality's kwestie is on the national signal list of the latest year with
 * data (the list the comparison and the agenda page open with, so that they share its packages), else null
 * (nothing to show). Null for a structurele oplossing and for a user who may not read the kwestie.
 */
export async function nationalStatusOf(
	db: Database,
	user: SessionUser,
	kwestie: KwestieSummary
): Promise<NationalStatus | null> {
	if (!mayRead(user, kwestie.scope) || kwestie.kind === SOLUTION_KIND) return null;
	const key = fold(kwestie.label);
	const trail = (await agendaRows(db, key)).map(step).reverse();
	if (trail.length > 0) return { current: trail[0], trail };
	const year = (await agendaYears(db)).at(-1);
	const period = year === undefined ? null : parsePeriod(String(year))!;
	if (!period || !(await couldBeListed(db, key, period))) return null;
	const signal = (await signalList(db, period)).find((s) => s.key === key);
	const listed =
		signal && (kwestie.scope === NATIONAL_SCOPE || signal.gemeenten.some((g) => g.code === kwestie.scope));
	return listed ? { current: null, trail: [] } : null;
}
