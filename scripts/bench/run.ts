/** `npm run bench`: runs the benchmarks and prints their figures (BENCH_CASES sets the size, BENCH_REPEAT the import runs, BENCH_ONLY=import|cooccurrence|load one of them; LOAD_USERS, LOAD_SECONDS). */
import { cooccurrenceBenchmark } from './cooccurrence';
import { importBenchmark } from './import';
import { loadBenchmark } from './load';

const BENCHMARKS = ['import', 'cooccurrence', 'load'] as const;
const only = process.env.BENCH_ONLY || '';
if (only && !(BENCHMARKS as readonly string[]).includes(only)) {
	console.error(`BENCH_ONLY is een van: ${BENCHMARKS.join(', ')}.`);
	process.exit(2);
}
const runs = (name: (typeof BENCHMARKS)[number]) => !only || only === name;

const cases = Number(process.env.BENCH_CASES || 1_000_000);
const repeat = Number(process.env.BENCH_REPEAT || 3);
const results: Record<string, Record<string, number>> = {};
if (runs('import')) {
	console.log(`Import (${cases} cases, ${repeat} runs)`);
	results.import = await importBenchmark(cases, repeat);
}
if (runs('cooccurrence')) {
	console.log(`Co-occurrence (${cases} cases)`);
	results.cooccurrence = await cooccurrenceBenchmark(cases);
}
if (runs('load')) {
	console.log(`Load (${cases} cases)`);
	results.load = await loadBenchmark(cases);
}
console.log(JSON.stringify(results));
