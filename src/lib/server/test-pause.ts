/** Named pause points for crash tests: inert unless PORTAL_TEST_PAUSE names the point, which production never sets. */

/** The points a test may hold the server at; each is logged as `[testpauze] <point>` when reached. */
export type PausePoint =
	/** An import's transaction is open and holds every row, just before COMMIT. */
	| 'import-transaction'
	/** An import has committed and not yet answered. */
	| 'import-committed';

/**
 * Holds the caller for good at a point the environment names (PORTAL_TEST_PAUSE, comma separated), after
 * saying so on stdout, so that a test can kill the process at a moment it has observed instead of after a
 * fixed sleep. Without the variable it returns at once.
 */
export async function testPause(point: PausePoint): Promise<void> {
	const named = process.env.PORTAL_TEST_PAUSE;
	if (!named || !named.split(',').includes(point)) return;
	console.log(`[testpauze] ${point}`);
	await new Promise<never>(() => {});
}
