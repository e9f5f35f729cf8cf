/** A user's saved views of the Verkennen page: a name and the re-serialised choice, listed, saved and deleted by their own user only, every change audited. */
import { exploreQuery, type ExploreChoice } from '$lib/domain/explore';
import type { CaseFilter } from '$lib/domain/filters';
import type { SessionUser } from '$lib/domain/roles';
import type { Database } from '../db';
import { audit } from '../audit';

/** The longest name a saved view may have. */
export const SAVED_NAME_MAX = 80;
/** The most views one user keeps: enough for a week's questions, not a store for anything. */
export const SAVED_VIEWS_MAX = 50;

/** A saved view as its user's lists show it. */
export interface SavedView {
	id: number;
	name: string;
	/** The Verkennen page with the saved choice: `/verkennen?maat=…`. */
	href: string;
	/** When it was saved, ISO 8601 (UTC). */
	created: string;
}

export type SaveResult = { ok: true; view: SavedView } | { ok: false; message: string };

/** The user's saved views, newest first. */
export async function listSavedViews(db: Database, userId: number): Promise<SavedView[]> {
	const rows = await db.all<{ id: number; name: string; query: string; created: string }>(
		`SELECT id::INTEGER AS id, name, query, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created
		 FROM saved_views WHERE user_id = $user ORDER BY created_at DESC, id DESC`,
		{ user: userId }
	);
	return rows.map((r) => ({ id: r.id, name: r.name, href: `/verkennen?${r.query}`, created: r.created }));
}

/** The trimmed name, or the Dutch reason it is refused. */
function checkedName(name: string): { ok: true; name: string } | { ok: false; message: string } {
	const trimmed = name.trim();
	if (!trimmed) return { ok: false, message: 'Geef de weergave een naam.' };
	if ([...trimmed].length > SAVED_NAME_MAX) {
		return { ok: false, message: `Een naam heeft hoogstens ${SAVED_NAME_MAX} tekens.` };
	}
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(trimmed))
		return { ok: false, message: 'Een naam bevat geen stuurtekens.' };
	return { ok: true, name: trimmed };
}

const taken = (name: string) =>
	`U hebt al een weergave met de naam "${name}". Kies een andere naam, of verwijder die weergave eerst.`;

/**
 * Saves the choice with its filter under a name for the user. Only what the portal parsed is stored
 * (`exploreQuery`), so a saved link never carries anything the page would not have accepted.
 */
export async function saveView(
	db: Database,
	user: SessionUser,
	name: string,
	choice: ExploreChoice,
	filter: CaseFilter,
	origin: string | null = null
): Promise<SaveResult> {
	const checked = checkedName(name);
	if (!checked.ok) return checked;
	const query = exploreQuery(choice, filter);
	try {
		return await db.transaction(async (tx) => {
			const mine = await tx.all<{ name: string }>('SELECT name FROM saved_views WHERE user_id = $user', {
				user: user.id
			});
			const folded = checked.name.toLocaleLowerCase('nl');
			if (mine.some((v) => v.name.toLocaleLowerCase('nl') === folded)) {
				return { ok: false, message: taken(checked.name) } as const;
			}
			if (mine.length >= SAVED_VIEWS_MAX) {
				return {
					ok: false,
					message: `U kunt hoogstens ${SAVED_VIEWS_MAX} weergaven bewaren. Verwijder er eerst een.`
				} as const;
			}
			const row = await tx.one<{ id: number; created: string }>(
				`INSERT INTO saved_views (user_id, name, query) VALUES ($user, $name, $query)
				 RETURNING id::INTEGER AS id, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created`,
				{ user: user.id, name: checked.name, query }
			);
			await audit(tx, {
				actor: user.email,
				action: 'weergave bewaren',
				object: `weergave ${row!.id} "${checked.name}": ${query}`.slice(0, 500),
				result: 'ok',
				origin
			});
			const view = { id: row!.id, name: checked.name, href: `/verkennen?${query}`, created: row!.created };
			return { ok: true, view } as const;
		});
	} catch (error) {
		// Two saves of one name at once: the second meets the first's row.
		if (error instanceof Error && /constraint|conflict/i.test(error.message)) {
			return { ok: false, message: taken(checked.name) };
		}
		throw error;
	}
}

/**
 * Deletes one of the user's own saved views; false (and a refusal in the audit log) where the id names
 * none of them, whether it does not exist or belongs to someone else.
 */
export async function deleteSavedView(
	db: Database,
	user: SessionUser,
	id: number,
	origin: string | null = null
): Promise<{ ok: true; name: string } | { ok: false }> {
	const valid = Number.isSafeInteger(id) && id > 0;
	const deleted = valid
		? await db.transaction(async (tx) => {
				const row = await tx.one<{ name: string }>(
					'DELETE FROM saved_views WHERE id = $id AND user_id = $user RETURNING name',
					{ id, user: user.id }
				);
				if (row) {
					await audit(tx, {
						actor: user.email,
						action: 'weergave verwijderen',
						object: `weergave ${id} "${row.name}"`,
						result: 'ok',
						origin
					});
				}
				return row;
			})
		: undefined;
	if (deleted) return { ok: true, name: deleted.name };
	await audit(db, {
		actor: user.email,
		action: 'weergave verwijderen',
		object: `weergave ${valid ? id : 'onbekend'}`,
		result: 'geweigerd',
		origin
	});
	return { ok: false };
}
