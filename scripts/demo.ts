/** `npm run demo`: a fresh data/demo.duckdb with demo data, the demo accounts printed, and the server on port 3000. */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { openStore } from '../src/lib/server/db';
import { fillDemo, DEMO_PASSWORD } from './demo/fill';

const file = path.resolve(process.env.DATABASE_PATH || 'data/demo.duckdb');
const port = process.env.PORT || '3000';
for (const f of [file, `${file}.wal`]) fs.rmSync(f, { force: true });

const db = await openStore(file);
const started = Date.now();
const summary = await fillDemo(db, { cases: Number(process.env.DEMO_CASES || 2500), seed: 2026 });
db.close();

console.log(
	`\nDemo: ${summary.cases} verzonnen casussen geladen in ${((Date.now() - started) / 1000).toFixed(1)} s (${file}).`
);
console.log('Alle casussen zijn fictief.\n');
console.log(`Demo-accounts, wachtwoord ${DEMO_PASSWORD}:`);
for (const a of summary.accounts) console.log(`  ${a.email.padEnd(40)} ${a.role.padEnd(15)} ${a.note}`);
console.log(`\nDe portal draait op http://localhost:${port} (stoppen met Ctrl+C).\n`);

const server = spawn(process.execPath, ['build'], {
	stdio: 'inherit',
	env: {
		...process.env,
		DATABASE_PATH: file,
		PORT: port,
		DEMO_MODE: '1',
		ORIGIN: process.env.ORIGIN || `http://localhost:${port}`
	}
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
