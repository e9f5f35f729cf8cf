/** Computes the analysis pages' default views before anyone asks: at start and shortly after each write, for the reaches of the users. */
import type { Reach, SessionUser } from '$lib/domain/roles';
import type { Database } from '../db';
import { recentReaches } from '../auth/users';
import { todayInAmsterdam } from '../kwesties/signals';
import { VIEWS } from '../views/registry';
import { parseFilter } from './filter';
import { filterOptions } from './reach';

/** Reaches warmed at most: the views of each are kept (memoUntilWrite holds 100 answers per view). */
const WARM_REACHES = 20;

/** What a page without filters in its address asks, as its load asks it (the same memo keys): the registry's warm views. */
function defaultViews(db: Database, reach: Reach): (() => Promise<unknown>)[] {
	const params = new URLSearchParams();
	const parsed = parseFilter(params, reach);
	if (!parsed.ok) return [];
	// Warm views answer per reach alone (ViewDefinition.warm), so any caller with this reach asks the same.
	const user: SessionUser = { id: 0, email: '', role: 'beleid', reach };
	const today = todayInAmsterdam();
	return [
		() => filterOptions(db, reach),
		...VIEWS.filter((view) => view.warm).map(
			(view) => () => view.compute({ db, user, filter: parsed.filter, params, today })
		)
	];
}

/**
 * Asks every default view of every reach, one after the other so that requests keep a core; stops
 * early once `abandoned()` says the answers would be stale. Answers how many views it asked.
 */
export async function warmDefaultViews(
	db: Database,
	reaches: Reach[],
	abandoned: () => boolean = () => false
): Promise<number> {
	let asked = 0;
	for (const reach of reaches) {
		for (const view of defaultViews(db, reach)) {
			if (abandoned()) return asked;
			await view();
			asked++;
		}
	}
	return asked;
}

export interface ViewWarmer {
	/** Resolves once no warming is due or running. */
	idle(): Promise<void>;
	stop(): void;
}

/**
 * Warms at once, and again `delayMs` after the last of a run of committed writes (an import, a
 * kwestie change): the first visitor after a start or an import finds the figures computed. A run
 * overtaken by a write stops; the next one starts after the delay.
 */
export function keepViewsWarm(db: Database, delayMs = 2_000): ViewWarmer {
	let timer: NodeJS.Timeout | undefined;
	let running: Promise<void> | undefined;
	let stopped = false;
	const waiting: (() => void)[] = [];

	const settle = () => {
		if (timer || running) return;
		for (const resolve of waiting.splice(0)) resolve();
	};
	const warm = () => {
		timer = undefined;
		const generation = db.generation;
		running = recentReaches(db, WARM_REACHES)
			.then((reaches) => warmDefaultViews(db, reaches, () => stopped || db.generation !== generation))
			.then(
				() => undefined,
				(error) => {
					if (!stopped) console.error('Vooraf berekenen van de standaardoverzichten mislukt:', error);
				}
			)
			.finally(() => {
				running = undefined;
				settle();
			});
	};
	const unsubscribe = db.onCommit(() => {
		clearTimeout(timer);
		timer = setTimeout(warm, delayMs);
		timer.unref();
	});
	warm();

	return {
		idle: () =>
			new Promise<void>((resolve) => {
				waiting.push(resolve);
				settle();
			}),
		stop() {
			stopped = true;
			clearTimeout(timer);
			timer = undefined;
			unsubscribe();
			settle();
		}
	};
}
