/** `npm run bench`: runs the benchmarks and prints their figures (BENCH_CASES sets the size, BENCH_REPEAT the runs). */
import { importBenchmark } from './import';

const cases = Number(process.env.BENCH_CASES || 1_000_000);
const repeat = Number(process.env.BENCH_REPEAT || 3);
console.log(`Import (${cases} cases, ${repeat} runs)`);
const figures = await importBenchmark(cases, repeat);
console.log(JSON.stringify({ import: figures }));
