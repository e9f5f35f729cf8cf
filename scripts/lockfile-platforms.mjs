/**
 * Completes package-lock.json with the platform packages this machine's registry mirror does not serve.
 *
 * Native packages (DuckDB, rolldown, esbuild, …) list one optional dependency per platform. The registry
 * reachable here serves only the Linux ones, so `npm install` leaves the others out of the lock file, and
 * `npm ci` then refuses the lock file as out of sync. This adds each missing platform package as an optional
 * entry with the os/cpu/libc its name states, which `npm ci` skips on any other platform without fetching it.
 * Run after changing dependencies: `npm install && node scripts/lockfile-platforms.mjs`.
 */
import fs from 'node:fs';

const OS = [
	'darwin',
	'linux',
	'win32',
	'android',
	'freebsd',
	'openbsd',
	'netbsd',
	'openharmony',
	'sunos',
	'aix'
];
const CPU = ['x64', 'arm64', 'arm', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el', 'wasm32'];

function platformOf(name) {
	const parts = name.split('/').pop().split('-');
	const os = parts.find((p) => OS.includes(p));
	const cpu = parts.find((p) => CPU.includes(p));
	const libc = parts.some((p) => p.startsWith('musl'))
		? 'musl'
		: parts.some((p) => p.startsWith('gnu'))
			? 'glibc'
			: undefined;
	return { os, cpu, libc };
}

const file = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
	for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
		const nested = `${key ? `${key}/` : ''}node_modules/${name}`;
		if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue;
		const { os, cpu, libc } = platformOf(name);
		if (!os && !cpu) continue;
		lock.packages[`node_modules/${name}`] = {
			version: spec.replace(/^[\^~]/, ''),
			optional: true,
			...(cpu ? { cpu: [cpu] } : {}),
			...(libc ? { libc: [libc] } : {}),
			...(os ? { os: [os] } : {})
		};
		added++;
	}
}
lock.packages = Object.fromEntries(
	Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)))
);
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`${added} platform packages added to ${file}`);
