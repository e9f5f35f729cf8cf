/** Backups a beheerder starts on the beheer page: who may, at most one per 10 minutes, the newest 5 kept beside the scheduled ones. */
import path from 'node:path';
import fs from 'node:fs';
import type { Reach } from '$lib/domain/roles';
import { formatDateTime } from '$lib/domain/format';
import type { Database, Queryable } from './db';
import { audit } from './audit';
import { backupDatabase, backupTime, MANUAL_PREFIX, pruneBackups } from './backup';

/** Manual backups kept; they have their own folder prefix, so they never push out a scheduled restore point. */
export const MANUAL_KEEP = 5;
/** The least time between two manual backups. */
export const MANUAL_INTERVAL_MS = 10 * 60 * 1000;

export type ManualBackupState = { allowed: true } | { allowed: false; status: 403 | 429; message: string };

/** A manual backup refused, with the HTTP status and the Dutch reason to show. */
export class ManualBackupRefused extends Error {
	constructor(
		readonly status: 403 | 429,
		message: string
	) {
		super(message);
	}
}

// One process writes the file: a second press while a backup is being written waits for nothing and is refused.
let running = false;

/** Whether the installation holds cases of a municipality outside the reach. */
async function missesCases(q: Queryable, reach: Reach): Promise<boolean> {
	if (reach.all) return false;
	const outside = await q.one<{ gemeente: string }>(
		'SELECT gemeente FROM cases WHERE NOT list_contains($reach, gemeente) LIMIT 1',
		{ reach: [...reach.gemeenten] }
	);
	return outside !== undefined;
}

/** The time of the newest finished manual backup in `dir`, or null. */
async function lastManual(dir: string): Promise<Date | null> {
	if (!fs.existsSync(dir)) return null;
	const times = (await fs.promises.readdir(dir))
		.map((name) => backupTime(name, MANUAL_PREFIX))
		.filter((t): t is Date => t !== null)
		.sort((a, b) => b.getTime() - a.getTime());
	return times[0] ?? null;
}

/**
 * Whether a beheerder of this reach may start a backup now. A backup holds every municipality's data, so only a
 * reach that covers every municipality with cases in the installation (or `alle`) may make one; reads only.
 */
export async function manualBackupState(
	db: Queryable,
	reach: Reach,
	dir: string,
	now: Date = new Date()
): Promise<ManualBackupState> {
	if (await missesCases(db, reach)) {
		return {
			allowed: false,
			status: 403,
			message:
				'Een back-up bevat de gegevens van alle gemeenten in deze portal. Alleen een beheerder met alle gemeenten met casussen in zijn bereik kan er een maken; vraag de beheerder van de installatie.'
		};
	}
	if (running) {
		return {
			allowed: false,
			status: 429,
			message: 'Er wordt al een back-up gemaakt. Probeer het zo opnieuw.'
		};
	}
	const last = await lastManual(dir);
	if (last && now.getTime() - last.getTime() < MANUAL_INTERVAL_MS) {
		const next = new Date(last.getTime() + MANUAL_INTERVAL_MS);
		return {
			allowed: false,
			status: 429,
			message: `Er is op ${formatDateTime(last.toISOString())} al een back-up gemaakt. Een volgende handmatige back-up kan vanaf ${formatDateTime(next.toISOString())}.`
		};
	}
	return { allowed: true };
}

/**
 * Makes a manual backup (`handmatig-<time>` in `dir`) for this beheerder, keeps the newest MANUAL_KEEP of them, and
 * logs the act; refused (and logged as refused) with ManualBackupRefused when manualBackupState says no.
 */
export async function manualBackup(
	db: Database,
	actor: { email: string; reach: Reach },
	dir: string,
	now: Date = new Date(),
	origin?: string
): Promise<string> {
	const state = await manualBackupState(db, actor.reach, dir, now);
	// Checked again without an await in between, so two presses at once cannot both pass.
	if (!state.allowed || running) {
		await audit(db, {
			actor: actor.email,
			action: 'back-up maken',
			object: 'handmatige back-up',
			result: 'geweigerd',
			origin
		});
		if (!state.allowed) throw new ManualBackupRefused(state.status, state.message);
		throw new ManualBackupRefused(429, 'Er wordt al een back-up gemaakt. Probeer het zo opnieuw.');
	}
	running = true;
	try {
		const { path: written } = await backupDatabase(db, dir, now, MANUAL_PREFIX);
		await pruneBackups(dir, MANUAL_KEEP, MANUAL_PREFIX);
		await audit(db, {
			actor: actor.email,
			action: 'back-up maken',
			object: path.basename(written),
			result: 'ok',
			origin
		});
		return written;
	} finally {
		running = false;
	}
}
