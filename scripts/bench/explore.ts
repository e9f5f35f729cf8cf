/** Verkennen benchmark: the explore view's one statement over the benchmark database, per measure and with a split (`npx tsx scripts/bench/explore.ts`; BENCH_CASES sets the size). */
import { EMPTY_FILTER } from '../../src/lib/domain/filters';
import type { ExploreChoice } from '../../src/lib/domain/explore';
import { exploreSql } from '../../src/lib/server/analytics/explore';
import { paramsFor } from '../../src/lib/server/analytics/budget/queries';
import { scopeParams } from '../../src/lib/server/analytics/filter';
import { calendarHolidays } from '../../src/lib/server/partners/responses';
import { analyticsDatabase } from './cooccurrence';

const cases = Number(process.env.BENCH_CASES || 1_000_000);
const CHOICES: ExploreChoice[] = [
	{ measure: 'casussen', dimension: 'leefgebied', split: null },
	{ measure: 'casussen', dimension: 'leefgebied', split: 'organisatie' },
	{ measure: 'uitgaven', dimension: 'kwartaal', split: 'gemeente' },
	{ measure: 'besparing', dimension: 'jaar', split: 'leefgebied' },
	{ measure: 'doorlooptijd', dimension: 'escalatie', split: 'jaar' },
	{ measure: 'antwoordtijd', dimension: 'organisatie', split: null }
];

const { db } = await analyticsDatabase(cases);
const results: Record<string, number> = {};
for (const choice of CHOICES) {
	const sql = exploreSql(choice);
	const params = paramsFor(sql, {
		...scopeParams({ all: true }, EMPTY_FILTER),
		holidays: calendarHolidays()
	});
	await db.all(sql, params);
	const times: number[] = [];
	for (let i = 0; i < 3; i++) {
		const start = performance.now();
		await db.all(sql, params);
		times.push(performance.now() - start);
	}
	const name = `${choice.measure} per ${choice.dimension}${choice.split ? ` en ${choice.split}` : ''}`;
	results[name] = Math.round(times.sort((a, b) => a - b)[1]);
	console.log(`  ${name}: ${results[name]} ms (median of 3)`);
}
db.close();
console.log(JSON.stringify({ cases, explore: results }));
