/** `npm run bench`: runs the benchmarks and prints their figures (BENCH_CASES sets the size, default 1,000,000). */
import { importBenchmark } from './import';

const cases = Number(process.env.BENCH_CASES || 1_000_000);
console.log(`Import (${cases} cases)`);
const figures = await importBenchmark(cases);
console.log(JSON.stringify({ import: figures }));
