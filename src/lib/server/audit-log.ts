/** Reading the audit log for the beheerder (BIO 8.15.01) and the yearly access review; the log itself is only ever appended to. */
import { readDateRange } from '$lib/domain/dates';
import { ROLE_LABELS, type Reach } from '$lib/domain/roles';
import type { DataTable } from '$lib/domain/table';
import type { Database } from './db';
import { listUsers, manages, reachOf } from './auth/users';
import { reference } from './reference';

export interface AuditFilter {
	from: string | null;
	to: string | null;
	actor: string | null;
	action: string | null;
}

export interface AuditRow {
	occurredAt: string;
	actor: string;
	action: string;
	object: string | null;
	result: string;
	origin: string | null;
}

export const AUDIT_PAGE = 500;

/** The log's filters from an address: dates as dd-mm-jjjj or JJJJ-MM-DD (kept as the latter), part of an account, one action; on a bad date, what is wrong with it. */
export function readAuditFilter(
	params: URLSearchParams
): { ok: true; filter: AuditFilter } | { ok: false; message: string } {
	const text = (key: string) => params.get(key)?.trim() || null;
	const range = readDateRange(text('from'), text('to'));
	if (range.problems.from) return { ok: false, message: `Vanaf: ${range.problems.from}` };
	if (range.problems.to) return { ok: false, message: `Tot en met: ${range.problems.to}` };
	return {
		ok: true,
		filter: { from: range.from, to: range.to, actor: text('actor'), action: text('action') }
	};
}

/** The log's filters, or null on a bad date. */
export function parseAuditFilter(params: URLSearchParams): AuditFilter | null {
	const read = readAuditFilter(params);
	return read.ok ? read.filter : null;
}

/**
 * The entries a beheerder may read, newest first: of the accounts it manages and its own; with a
 * reach over all municipalities also those of the system, the operator's CLI and unknown accounts.
 */
export async function readAudit(
	db: Database,
	viewer: { email: string; reach: Reach },
	filter: AuditFilter,
	limit = AUDIT_PAGE
): Promise<{ rows: AuditRow[]; actions: string[] }> {
	const managed = (await listUsers(db)).filter((u) => manages(viewer.reach, u)).map((u) => u.email);
	const params = {
		all: viewer.reach.all,
		actors: [...managed, viewer.email],
		from: filter.from,
		to: filter.to,
		actor: filter.actor,
		action: filter.action
	};
	const scope = `($all OR list_contains($actors, actor))`;
	const [rows, actions] = await Promise.all([
		db.all<AuditRow>(
			`SELECT strftime(occurred_at, '%Y-%m-%dT%H:%M:%SZ') AS occurredAt, actor, action, object, result, origin
			 FROM audit_log
			 WHERE ${scope}
			   AND ($from::DATE IS NULL OR occurred_at >= $from::DATE)
			   AND ($to::DATE IS NULL OR occurred_at < $to::DATE + 1)
			   AND ($actor::VARCHAR IS NULL OR actor ILIKE '%' || $actor || '%')
			   AND ($action::VARCHAR IS NULL OR action = $action)
			 ORDER BY id DESC LIMIT ${Math.max(1, Math.floor(limit))}`,
			params
		),
		db.all<{ action: string }>(`SELECT DISTINCT action FROM audit_log WHERE ${scope} ORDER BY action`, {
			all: params.all,
			actors: params.actors
		})
	]);
	return { rows, actions: actions.map((a) => a.action) };
}

export function auditTable(rows: AuditRow[]): DataTable {
	return {
		id: 'audit-log',
		caption: 'Auditlog (tijden in UTC), nieuwste eerst',
		columns: [
			{ key: 'moment', label: 'Moment (UTC)' },
			{ key: 'actor', label: 'Wie' },
			{ key: 'action', label: 'Handeling' },
			{ key: 'object', label: 'Object' },
			{ key: 'result', label: 'Resultaat' },
			{ key: 'origin', label: 'Herkomst' }
		],
		rows: rows.map((r) => ({
			moment: r.occurredAt,
			actor: r.actor,
			action: r.action,
			object: r.object,
			result: r.result,
			origin: r.origin
		}))
	};
}

/** The yearly access review: every account the beheerder manages, with role, reach, state and last login. */
export async function accessReview(db: Database, viewer: { reach: Reach }): Promise<DataTable> {
	const { gemeenten } = reference();
	const users = (await listUsers(db)).filter((u) => manages(viewer.reach, u));
	return {
		id: 'toegangsoverzicht',
		caption: 'Toegangsoverzicht: accounts, rollen, bereik en laatste inlog',
		columns: [
			{ key: 'email', label: 'Account' },
			{ key: 'rol', label: 'Rol' },
			{ key: 'bereik', label: 'Bereik' },
			{ key: 'status', label: 'Status' },
			{ key: 'aangemaakt', label: 'Aangemaakt (UTC)' },
			{ key: 'laatste', label: 'Laatst ingelogd (UTC)' }
		],
		rows: users.map((u) => {
			const reach = reachOf(u);
			return {
				email: u.email,
				rol: ROLE_LABELS[u.role],
				bereik: reach.all ? 'Alle gemeenten' : reach.gemeenten.map((g) => gemeenten.naam(g)).join(', '),
				status: u.disabled ? 'geblokkeerd' : 'actief',
				aangemaakt: iso(u.created_at),
				laatste: u.last_login_at ? iso(u.last_login_at) : 'nooit'
			};
		})
	};
}

/** `2026-11-23T10:15:00.000Z` as `2026-11-23T10:15:00Z`. */
function iso(value: string): string {
	return value.replace(/\.\d+Z$/, 'Z');
}
