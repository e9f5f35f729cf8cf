/** The home (`/`): per role what needs doing, each block leading to the page behind it. Never kept by the page cache: "new since your last visit" follows the session. */
import type { PageServerLoad } from './$types';
import { ROLE_LABELS } from '$lib/domain/roles';
import { requireUser } from '$lib/server/auth/guard';
import { config } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { listSavedViews } from '$lib/server/explore/saved';
import { homeBlocks } from '$lib/server/home/blocks';
import { todayInAmsterdam } from '$lib/server/kwesties/signals';

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser(locals);
	const db = await getDb();
	const [blocks, savedViews] = await Promise.all([
		homeBlocks({
			db,
			user,
			today: todayInAmsterdam(),
			since: locals.session?.previousLoginAt ?? null,
			backupDir: config.backupDir,
			backupIntervalHours: config.backupIntervalHours
		}),
		listSavedViews(db, user.id)
	]);
	return {
		roleLabel: ROLE_LABELS[user.role],
		blocks,
		/** The user's saved views of /verkennen. */
		savedViews
	};
};
