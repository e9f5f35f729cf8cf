/** The home per role: the one list of its blocks in order, each given only where the role has the block's capability, computed at the same time. */
import { EMPTY_FILTER } from '$lib/domain/filters';
import type { HomeBlock, HomeBlockKind } from '$lib/domain/home';
import { capabilities, type Role, type SessionUser } from '$lib/domain/roles';
import type { Database } from '../db';
import { audience } from '../disclosure/audience';
import { signalRequest } from '../disclosure/signals';
import { signalList, type SignalList } from '../kwesties/signal-list';
import { signalSettings } from '../kwesties/settings';
import { FIRST_SIGN_IN } from '../kwesties/signals';
import { backups } from './backups';
import { beleidAgenda } from './beleid-agenda';
import { comparison } from './comparison';
import { imports } from './imports';
import { keyFigures } from './key-figures';
import { latestReport } from './report';
import { moneyAtAGlance } from './money';
import { nationalAgenda } from './national-agenda';
import { newSignals } from './new-signals';
import { packages } from './packages';
import { setAsideRules } from './set-aside';
import { recurringSolutions } from './solutions';
import type { BlockDefinition, HomeContext } from './types';
import { users } from './users';
import { waitingForTeam } from './waiting-kwesties';

/** Every kind of block, by its kind. */
export const BLOCKS: Record<HomeBlockKind, BlockDefinition> = {
	'nieuwe-signalen': newSignals,
	'wachtende-kwesties': waitingForTeam,
	oplossingen: recurringSolutions,
	beleidsagenda: beleidAgenda,
	'opzijgezette-regels': setAsideRules,
	rapport: latestReport,
	geld: moneyAtAGlance,
	vergelijking: comparison,
	'landelijke-agenda': nationalAgenda,
	gebruikers: users,
	imports,
	backups,
	pakketten: packages,
	kerncijfers: keyFigures
};

/** What each role finds on its home, in order: what needs doing first, the key figures last. */
export const HOME_BLOCKS: Record<Role, readonly HomeBlockKind[]> = {
	kwaliteitsteam: ['nieuwe-signalen', 'wachtende-kwesties', 'oplossingen', 'imports', 'kerncijfers'],
	beleid: ['beleidsagenda', 'opzijgezette-regels', 'kerncijfers'],
	college: ['rapport', 'geld', 'kerncijfers'],
	landelijk: ['vergelijking', 'landelijke-agenda'],
	beheerder: ['gebruikers', 'imports', 'backups', 'pakketten', 'kerncijfers']
};

/** The blocks of a role's home: its list, less any block whose capability the role lacks. */
export function blocksFor(role: Role): BlockDefinition[] {
	const can = capabilities(role);
	return HOME_BLOCKS[role].map((kind) => BLOCKS[kind]).filter((block) => can[block.capability]);
}

/** The signal list of the user's reach with its municipality's defaults, "new" counted from `since`. */
async function homeSignals(
	db: Database,
	user: SessionUser,
	since: string | null,
	today: string
): Promise<SignalList> {
	const defaults = await signalSettings(db, user.reach, null);
	const asked = signalRequest(audience(user.role), new URLSearchParams(), defaults, EMPTY_FILTER, today);
	// Without arguments in the address the defaults are asked, and those are valid.
	if (!asked.ok) throw new Error(asked.message);
	return signalList(db, user, asked.options.filter, {
		...asked.options.options,
		since: since ?? FIRST_SIGN_IN
	});
}

export interface HomeInput {
	db: Database;
	user: SessionUser;
	today: string;
	since: string | null;
	backupDir: string;
	backupIntervalHours: number;
}

/** The context of one home: the signal list is computed once, by the first block that asks for it. */
export function homeContext(input: HomeInput): HomeContext {
	let signals: Promise<SignalList> | undefined;
	return {
		...input,
		signals: () => (signals ??= homeSignals(input.db, input.user, input.since, input.today))
	};
}

/** The blocks of the user's home, computed at the same time; they read only, so the home writes nothing. */
export function homeBlocks(input: HomeInput): Promise<HomeBlock[]> {
	const context = homeContext(input);
	return Promise.all(blocksFor(input.user.role).map((block) => block.compute(context)));
}
