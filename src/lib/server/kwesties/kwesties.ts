/** Kwesties as the kwaliteitsteam follows them: registering, reading within reach, changing the workflow with its trail, and notes. */
import {
	AGENDA_TARGETS,
	KWESTIE_STATUSES,
	URGENCIES,
	type AgendaTarget,
	type KwestieChangeRecord,
	type KwestieNote,
	type KwestieStatus,
	type KwestieSummary,
	type Urgency
} from '$lib/domain/kwesties';
import { capabilities, reaches, type SessionUser } from '$lib/domain/roles';
import { parseDate } from '$lib/domain/dates';
import { fold } from '$lib/domain/text';
import type { Database, Queryable } from '../db';
import { audit } from '../audit';

/** The national programme's own kwesties, across municipalities. */
export const NATIONAL_SCOPE = 'landelijk';

const SUMMARY_COLUMNS = `id, scope, key, label, coalesce(kind, 'knelpunt') AS kind, status, owner, urgency,
	agenda, rule, measure, strftime(measure_on, '%Y-%m-%d') AS measureOn,
	strftime(updated_at, '%Y-%m-%dT%H:%M:%SZ') AS updatedAt`;

/**
 * Whether a user may open a kwestie of this scope: a municipality's within its reach, the national
 * ones for landelijk and `alle`. The landelijk role sees municipal kwesties only as aggregates in
 * the signal list, never their page with its notes.
 */
export function mayRead(user: SessionUser, scope: string): boolean {
	const can = capabilities(user.role);
	if (scope === NATIONAL_SCOPE) return can.nationalKwesties || user.reach.all;
	return can.municipalKwesties && reaches(user.reach, scope);
}

/** Whether a user may change a kwestie: kwaliteitsteam and beheerder of the municipality, the landelijk role for the national ones. */
export function mayEdit(user: SessionUser, scope: string): boolean {
	if (!mayRead(user, scope)) return false;
	const can = capabilities(user.role);
	return scope === NATIONAL_SCOPE ? can.nationalKwesties : can.manageKwesties;
}

/** Whether a user may add a note: who may edit, and beleid as comment. */
export function mayComment(user: SessionUser, scope: string): boolean {
	return (
		mayEdit(user, scope) ||
		(scope !== NATIONAL_SCOPE && mayRead(user, scope) && capabilities(user.role).commentKwesties)
	);
}

/**
 * Registers kwesties where they do not exist yet and returns their ids. For paths that write (the
 * demo, tests); imports and confirmations register theirs in their own transaction (register.ts), and
 * pages only look ids up (`kwestieIds`).
 */
export async function registerKwesties(
	db: Database,
	entries: { scope: string; key: string; label: string }[]
): Promise<Map<string, number>> {
	if (entries.length === 0) return new Map();
	const params = {
		scopes: entries.map((e) => e.scope),
		keys: entries.map((e) => e.key),
		labels: entries.map((e) => e.label)
	};
	const missing = await db.one<{ n: number }>(
		`SELECT count(*)::INTEGER AS n FROM (SELECT unnest($scopes) AS scope, unnest($keys) AS key) e
		 WHERE NOT EXISTS (SELECT 1 FROM kwesties k WHERE k.scope = e.scope AND k.key = e.key)`,
		{ scopes: params.scopes, keys: params.keys }
	);
	if (missing!.n > 0) {
		await db.transaction((tx) =>
			tx.run(
				`INSERT INTO kwesties (scope, key, label)
				 SELECT DISTINCT ON (scope, key) scope, key, label
				 FROM (SELECT unnest($scopes) AS scope, unnest($keys) AS key, unnest($labels) AS label) e
				 WHERE NOT EXISTS (SELECT 1 FROM kwesties k WHERE k.scope = e.scope AND k.key = e.key)`,
				params
			)
		);
	}
	return kwestieIds(db, entries);
}

/** The ids of the registered kwesties among `entries`, keyed `scope|key`; reads only, so a page may call it. */
export async function kwestieIds(
	db: Queryable,
	entries: { scope: string; key: string }[]
): Promise<Map<string, number>> {
	if (entries.length === 0) return new Map();
	const rows = await db.all<{ scope: string; key: string; id: number }>(
		`SELECT scope, key, id::INTEGER AS id FROM kwesties
		 WHERE (scope, key) IN (SELECT (unnest($scopes), unnest($keys)))`,
		{ scopes: entries.map((e) => e.scope), keys: entries.map((e) => e.key) }
	);
	return new Map(rows.map((r) => [`${r.scope}|${r.key}`, r.id]));
}

/**
 * Audits a request for a kwestie that exists but lies outside the user's reach; the answer is the same
 * 404 as for one that does not exist, but the log keeps the failed access (BIO 8.15).
 */
export async function auditRefusedKwestie(
	db: Queryable,
	user: SessionUser,
	kwestie: KwestieSummary | undefined,
	action: string,
	origin?: string | null
): Promise<void> {
	if (!kwestie || mayRead(user, kwestie.scope)) return;
	await audit(db, {
		actor: user.email,
		action,
		object: `kwestie ${kwestie.id}`,
		result: 'geweigerd',
		origin
	});
}

export async function findKwestie(db: Queryable, id: number): Promise<KwestieSummary | undefined> {
	return db.one<KwestieSummary>(`SELECT ${SUMMARY_COLUMNS} FROM kwesties WHERE id = $id`, { id });
}

/** The kwesties in the workflow (beyond gesignaleerd) within the user's reach, most recently changed first. */
export async function followedKwesties(db: Database, user: SessionUser): Promise<KwestieSummary[]> {
	const rows = await db.all<KwestieSummary>(
		`SELECT ${SUMMARY_COLUMNS} FROM kwesties WHERE status <> 'gesignaleerd' ORDER BY updated_at DESC, id`
	);
	return rows.filter((k) => mayRead(user, k.scope));
}

/** What a form may change about a kwestie; every field is optional text from the form. */
export interface KwestieChange {
	status: KwestieStatus;
	owner: string | null;
	urgency: Urgency | null;
	agenda: AgendaTarget | null;
	rule: string | null;
	measure: string | null;
	measureOn: string | null;
}

export type ChangeCheck = { ok: true; change: KwestieChange } | { ok: false; field: string; message: string };

const text = (form: FormData, name: string, max: number): string | null | false => {
	const value = String(form.get(name) ?? '').trim();
	if (value.length > max) return false;
	return value === '' ? null : value;
};

/** Reads and checks the workflow form: known status, agenda and urgency, texts within length, a real date. */
export function parseKwestieChange(form: FormData): ChangeCheck {
	const status = String(form.get('status') ?? '');
	if (!(KWESTIE_STATUSES as readonly string[]).includes(status)) {
		return { ok: false, field: 'status', message: 'Kies een status uit de lijst.' };
	}
	const urgency = text(form, 'urgency', 10);
	if (urgency === false || (urgency !== null && !(URGENCIES as readonly string[]).includes(urgency))) {
		return { ok: false, field: 'urgency', message: 'Kies de urgentie: laag, middel of hoog.' };
	}
	const agenda = text(form, 'agenda', 20);
	if (agenda === false || (agenda !== null && !(AGENDA_TARGETS as readonly string[]).includes(agenda))) {
		return { ok: false, field: 'agenda', message: 'Kies waar de kwestie geagendeerd wordt.' };
	}
	const owner = text(form, 'owner', 200);
	if (owner === false)
		return { ok: false, field: 'owner', message: 'De eigenaar is te lang (ten hoogste 200 tekens).' };
	const rule = text(form, 'rule', 500);
	if (rule === false)
		return { ok: false, field: 'rule', message: 'De regel of wet is te lang (ten hoogste 500 tekens).' };
	const measure = text(form, 'measure', 2000);
	if (measure === false)
		return { ok: false, field: 'measure', message: 'De maatregel is te lang (ten hoogste 2000 tekens).' };
	const measureText = text(form, 'measureOn', 10);
	const measureDate = measureText ? parseDate(measureText) : null;
	if (measureText === false || (measureDate && !measureDate.ok)) {
		const why = measureDate && !measureDate.ok ? measureDate.message : 'geef een datum als dd-mm-jjjj.';
		return { ok: false, field: 'measureOn', message: `Datum van de maatregel: ${why}` };
	}
	const measureOn = measureDate?.ok ? measureDate.iso : null;
	if ((status === 'maatregel' || status === 'gemonitord') && (!measure || !measureOn)) {
		return {
			ok: false,
			field: measure ? 'measureOn' : 'measure',
			message: 'Beschrijf de maatregel en de datum waarop hij inging; daarmee meet de portal het effect.'
		};
	}
	return {
		ok: true,
		change: {
			status: status as KwestieStatus,
			owner,
			urgency: urgency as Urgency | null,
			agenda: agenda as AgendaTarget | null,
			rule,
			measure,
			measureOn
		}
	};
}

const FIELDS: { field: keyof KwestieChange; column: string }[] = [
	{ field: 'status', column: 'status' },
	{ field: 'owner', column: 'owner' },
	{ field: 'urgency', column: 'urgency' },
	{ field: 'agenda', column: 'agenda' },
	{ field: 'rule', column: 'rule' },
	{ field: 'measure', column: 'measure' },
	{ field: 'measureOn', column: 'measure_on' }
];

/** Applies a change and records each changed field (who, when, from, to) and one audit line; refuses users who may not edit. */
export async function changeKwestie(
	db: Database,
	user: SessionUser,
	id: number,
	change: KwestieChange,
	origin?: string
): Promise<'changed' | 'unchanged' | 'forbidden' | 'not-found'> {
	const current = await findKwestie(db, id);
	if (!current || !mayRead(user, current.scope)) {
		await auditRefusedKwestie(db, user, current, 'kwestie wijzigen', origin);
		return 'not-found';
	}
	if (!mayEdit(user, current.scope)) return 'forbidden';
	const before: Record<keyof KwestieChange, string | null> = { ...current, measureOn: current.measureOn };
	const changed = FIELDS.filter(({ field }) => (before[field] ?? null) !== (change[field] ?? null));
	if (changed.length === 0) return 'unchanged';
	await db.transaction(async (tx) => {
		await tx.run(
			`UPDATE kwesties SET status = $status, owner = $owner, urgency = $urgency, agenda = $agenda, rule = $rule,
				measure = $measure, measure_on = $measureOn::DATE, updated_at = current_timestamp WHERE id = $id`,
			{ ...change, id }
		);
		for (const { field } of changed) {
			await tx.run(
				`INSERT INTO kwestie_changes (kwestie_id, actor, field, old_value, new_value) VALUES ($id, $actor, $field, $old, $new)`,
				{ id, actor: user.email, field, old: before[field] ?? null, new: change[field] ?? null }
			);
		}
		await audit(tx, {
			actor: user.email,
			action: 'kwestie wijzigen',
			object: `kwestie ${id} (${current.scope}): ${changed.map((c) => c.field).join(', ')}`,
			result: 'ok',
			origin
		});
	});
	return 'changed';
}

export const NOTE_MAX = 4000;

/** Adds a note (kwaliteitsteam, beheerder) or a comment (beleid); college and landelijk read only. */
export async function addNote(
	db: Database,
	user: SessionUser,
	id: number,
	note: string,
	origin?: string
): Promise<'added' | 'forbidden' | 'not-found'> {
	const current = await findKwestie(db, id);
	if (!current || !mayRead(user, current.scope)) {
		await auditRefusedKwestie(db, user, current, 'kwestie notitie', origin);
		return 'not-found';
	}
	if (!mayComment(user, current.scope)) return 'forbidden';
	await db.transaction(async (tx) => {
		await tx.run(
			`INSERT INTO kwestie_notes (kwestie_id, author, role, text) VALUES ($id, $author, $role, $text)`,
			{ id, author: user.email, role: user.role, text: note }
		);
		await tx.run('UPDATE kwesties SET updated_at = current_timestamp WHERE id = $id', { id });
		await audit(tx, {
			actor: user.email,
			action: 'kwestie notitie',
			object: `kwestie ${id} (${current.scope})`,
			result: 'ok',
			origin
		});
	});
	return 'added';
}

export async function kwestieTrail(
	db: Database,
	id: number
): Promise<{ notes: KwestieNote[]; changes: KwestieChangeRecord[] }> {
	const [notes, changes] = await Promise.all([
		db.all<KwestieNote>(
			`SELECT strftime(written_at, '%Y-%m-%dT%H:%M:%SZ') AS writtenAt, author, role, text
			 FROM kwestie_notes WHERE kwestie_id = $id ORDER BY written_at DESC`,
			{ id }
		),
		db.all<KwestieChangeRecord>(
			`SELECT strftime(changed_at, '%Y-%m-%dT%H:%M:%SZ') AS changedAt, actor, field, old_value AS oldValue,
				new_value AS newValue
			 FROM kwestie_changes WHERE kwestie_id = $id ORDER BY changed_at DESC, field`,
			{ id }
		)
	]);
	return { notes, changes };
}

/** The folded key of a label, as cases and kwesties store it. */
export const kwestieKey = (label: string) => fold(label);
