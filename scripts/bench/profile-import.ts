/** Times one import statement by statement: `tsx scripts/bench/profile-import.ts FILE DB` (slow statements go to stderr). */
export {};
process.env.PORTAL_SQL_LOG_MS ||= '20';
const { openStore } = await import('../../src/lib/server/db');
const { importFile } = await import('../../src/lib/server/ingest');

const [file, target] = process.argv.slice(2);
const db = await openStore(target);
const start = performance.now();
const result = await importFile(db, file, { fileName: 'profile.csv', actor: 'bench', reach: null });
console.log(`${((performance.now() - start) / 1000).toFixed(2)} s in all, ${result.status}`);
db.close();
