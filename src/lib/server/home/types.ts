/** What a home block is computed from, and what the list of blocks says of each kind. */
import type { HomeBlock, HomeBlockKind } from '$lib/domain/home';
import type { Capabilities, SessionUser } from '$lib/domain/roles';
import type { Database } from '../db';
import type { SignalList } from '../kwesties/signal-list';

/** The signed-in user and what every block may need; nothing from the address (the home has no filters). */
export interface HomeContext {
	db: Database;
	user: SessionUser;
	/** Today in Europe/Amsterdam, `YYYY-MM-DD`. */
	today: string;
	/** The user's sign-in before this one, as the session carries it (UTC); null on a first sign-in. */
	since: string | null;
	/** Where backups are written (BACKUP_DIR). */
	backupDir: string;
	/** Hours between the server's own backups; 0: none. */
	backupIntervalHours: number;
	/** The signal list of the user's reach with its defaults, computed once for the blocks that share it. */
	signals(): Promise<SignalList>;
}

/** One kind of block: the capability it needs and its one query. */
export interface BlockDefinition {
	kind: HomeBlockKind;
	/** A role without it never gets the block, whatever the list per role says. */
	capability: keyof Capabilities;
	compute(context: HomeContext): Promise<HomeBlock>;
}
