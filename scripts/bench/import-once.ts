/** One import in its own process, so its peak memory (max RSS) is the import's alone; prints JSON. */
import { openStore } from '../../src/lib/server/db';
import { importFile } from '../../src/lib/server/ingest';

const [file, database] = process.argv.slice(2);
const db = await openStore(database);
const started = performance.now();
const result = await importFile(db, file, { fileName: 'bench.csv', actor: 'bench', reach: null });
const ms = performance.now() - started;
db.close();
console.log(
	JSON.stringify({
		status: result.status,
		rows: result.rows,
		problems: result.problems.slice(0, 3),
		ms,
		maxRssBytes: process.resourceUsage().maxRSS * 1024
	})
);
