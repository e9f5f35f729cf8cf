/** Times one import stage by stage and statement by statement: `tsx scripts/bench/profile-import.ts FILE DB` (to stderr). */
export {};
process.env.PORTAL_SQL_LOG_MS ||= '20';
const { openStore } = await import('../../src/lib/server/db');
const { importFile } = await import('../../src/lib/server/ingest');

const [file, target] = process.argv.slice(2);
const db = await openStore(target);
const start = performance.now();
const seconds = () => `${((performance.now() - start) / 1000).toFixed(2)} s`;
const result = await importFile(db, file, {
	fileName: 'profile.csv',
	actor: 'bench',
	reach: null,
	onStage: (stage) => console.error(`-- ${stage} from ${seconds()}`)
});
console.error(`${seconds()} in all, ${result.status}`);
db.close();
