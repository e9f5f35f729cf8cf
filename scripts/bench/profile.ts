/** Summarises a V8 .cpuprofile (node --cpu-prof): time by file, by function and including callees, optionally of its last seconds only. */
import fs from 'node:fs';

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
}
interface ProfileNode {
	id: number;
	callFrame: CallFrame;
	children?: number[];
}
interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
	startTime: number;
	endTime: number;
}

const USAGE = `Usage: tsx scripts/bench/profile.ts <file.cpuprofile> [--last <seconds>] [--top <n>]

With the benchmarked server started as BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof",
the profile is written when it stops; --last leaves out its start (the views computed anew).`;

function option(name: string, fallback: number): number {
	const at = process.argv.indexOf(name);
	return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

const file = process.argv[2];
if (!file || file.startsWith('--')) {
	console.error(USAGE);
	process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const lastSeconds = option('--last', 0);
const top = option('--top', 30);

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

/** Microseconds sampled per node, within the window. */
const self = new Map<number, number>();
const from = lastSeconds > 0 ? profile.endTime - profile.startTime - lastSeconds * 1e6 : 0;
let clock = 0;
profile.samples.forEach((id, i) => {
	clock += profile.timeDeltas[i] ?? 0;
	if (clock >= from) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);

const place = (frame: CallFrame) =>
	frame.url.replace(/^file:\/\/.*?\/(build|node_modules|src)\//, '$1/') || '(native)';
const label = (frame: CallFrame) =>
	`${frame.functionName || '(anonymous)'}  ${place(frame)}:${frame.lineNumber}`;

const byFile = new Map<string, number>();
const byFunction = new Map<string, number>();
const including = new Map<string, number>();
for (const [id, us] of self) {
	const frame = byId.get(id)!.callFrame;
	const where = place(frame).replace(/^(node_modules\/(@[^/]+\/)?[^/]+).*/, '$1');
	byFile.set(where, (byFile.get(where) ?? 0) + us);
	byFunction.set(label(frame), (byFunction.get(label(frame)) ?? 0) + us);
	const seen = new Set<string>();
	for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) {
		const key = label(byId.get(node)!.callFrame);
		if (seen.has(key)) continue;
		seen.add(key);
		including.set(key, (including.get(key) ?? 0) + us);
	}
}

function show(title: string, times: Map<string, number>): void {
	console.log(`\n${title} (${(total / 1000).toFixed(0)} ms sampled)`);
	for (const [key, us] of [...times].sort((a, b) => b[1] - a[1]).slice(0, top)) {
		console.log(
			`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`
		);
	}
}

show('Self time by file', byFile);
show('Self time by function', byFunction);
show('Time including callees', including);
