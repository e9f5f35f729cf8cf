/** Kwesties that wait on someone: those of given workflow statuses (and agenda target) within a reach, with how long they have had their status. */
import type { AgendaTarget, KwestieKind, KwestieStatus } from '$lib/domain/kwesties';
import type { Reach } from '$lib/domain/roles';
import type { Database } from '../db';
import { NATIONAL_SCOPE } from './kwesties';

export interface WaitingKwestie {
	id: number;
	/** The municipality, GMxxxx. */
	scope: string;
	label: string;
	kind: KwestieKind;
	status: KwestieStatus;
	owner: string | null;
	/** When the kwestie got its status (its creation where no change is recorded), UTC, ISO 8601. */
	since: string;
	/** Whole days from that day to `today`. */
	days: number;
}

export interface WaitingKwesties {
	/** Every kwestie found, the one waiting longest first. */
	kwesties: WaitingKwestie[];
	/** How many have each asked status, in the order asked. */
	byStatus: { status: KwestieStatus; count: number }[];
}

/**
 * The municipal kwesties within the reach whose status is one of `statuses` (and, where given, whose
 * agenda target is `agenda`), the longest waiting first. A kwestie waits since its latest change to
 * its present status in the trail; one never changed, since it was registered.
 */
export async function waitingKwesties(
	db: Database,
	reach: Reach,
	statuses: readonly KwestieStatus[],
	agenda: AgendaTarget | null,
	today: string
): Promise<WaitingKwesties> {
	const kwesties = await db.all<WaitingKwestie>(
		`WITH waiting AS (
			SELECT k.id::INTEGER AS id, k.scope, k.label, coalesce(k.kind, 'knelpunt') AS kind, k.status, k.owner,
				coalesce((SELECT max(c.changed_at) FROM kwestie_changes c
					WHERE c.kwestie_id = k.id AND c.field = 'status' AND c.new_value = k.status), k.created_at) AS since
			FROM kwesties k
			WHERE list_contains($statuses, k.status)
				AND ($agenda::VARCHAR IS NULL OR k.agenda = $agenda)
				AND k.scope <> $national
				AND ($reach_all OR list_contains($reach, k.scope))
		)
		SELECT id, scope, label, kind, status, owner, strftime(since, '%Y-%m-%dT%H:%M:%SZ') AS since,
			greatest(date_diff('day', since::DATE, $today::DATE), 0)::INTEGER AS days
		FROM waiting
		ORDER BY waiting.since, id`,
		{
			statuses: [...statuses],
			agenda,
			national: NATIONAL_SCOPE,
			reach_all: reach.all,
			reach: reach.all ? [] : [...reach.gemeenten],
			today
		}
	);
	return {
		kwesties,
		byStatus: statuses.map((status) => ({
			status,
			count: kwesties.filter((k) => k.status === status).length
		}))
	};
}
