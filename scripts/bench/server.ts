/** The built server for benchmarks: a free loopback port, the operator CLI on its database, health, login and stop. */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { formLogin } from '../../tests/support/form-login';
import type { Role } from '../../src/lib/domain/roles';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** The operator's CLI on the server's database copy; its last stdout line is its JSON answer. */
export function cli(args: string[], env: NodeJS.ProcessEnv, input = ''): Record<string, unknown> {
	const output = execFileSync('npm', ['run', '--silent', 'cli', '--', ...args, '--json'], {
		cwd: ROOT,
		env,
		input,
		encoding: 'utf8',
		stdio: ['pipe', 'pipe', 'pipe']
	});
	return JSON.parse(output.trim().split('\n').pop()!) as Record<string, unknown>;
}

export async function waitForHealth(base: string, server: ChildProcess, log: () => string): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null) throw new Error(`server stopped (exit ${server.exitCode}):\n${log()}`);
		try {
			const response = await fetch(`${base}/api/v1/health`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`server did not answer /api/v1/health within 60 s:\n${log()}`);
}

export async function stop(server: ChildProcess): Promise<void> {
	if (server.exitCode !== null || server.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
	server.kill('SIGTERM');
	const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
	await exited;
	clearTimeout(timer);
}

/** Logs in through the /login form and the second factor as a browser would; returns the session cookie. */
export function login(base: string, email: string, password: string): Promise<string> {
	return formLogin(base, email, password);
}

export function removeDatabase(file: string): void {
	for (const f of [file, `${file}.wal`]) fs.rmSync(f, { force: true });
}

/** A bench account to create before the server starts: role and reach as the CLI takes them. */
export interface BenchUser {
	email: string;
	role: Role;
	gemeenten: string[];
	/** Also an API token for it. */
	token?: boolean;
}

export interface BenchServer {
	base: string;
	/** The server process, for its CPU figures. */
	pid: number | undefined;
	/** Password per e-mail address, and tokens where asked. */
	passwords: Record<string, string>;
	tokens: Record<string, string>;
	/** What the server wrote to stdout and stderr so far. */
	log(): string;
	stop(): Promise<void>;
}

/** The built server on a copy of `file` (removed again at stop), with the given accounts. */
export async function startBenchServer(file: string, copy: string, users: BenchUser[]): Promise<BenchServer> {
	if (!fs.existsSync(path.join(ROOT, 'build', 'index.js')))
		throw new Error('No build/index.js: run `npx vite build` first.');
	removeDatabase(copy);
	fs.copyFileSync(file, copy);
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const env: NodeJS.ProcessEnv = {
		...process.env,
		DATABASE_PATH: copy,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: base
	};
	const passwords: Record<string, string> = {};
	const tokens: Record<string, string> = {};
	for (const user of users) {
		passwords[user.email] = randomBytes(18).toString('base64url');
		const reach = user.gemeenten.flatMap((g) => ['--gemeente', g]);
		const added = cli(
			['user', 'add', '--email', user.email, '--role', user.role, ...reach, '--password-stdin'],
			env,
			`${passwords[user.email]}\n`
		);
		if (added.status !== 'ok') throw new Error(`user add: ${JSON.stringify(added)}`);
		if (user.token) {
			const { token } = cli(['token', 'add', '--email', user.email], env);
			if (typeof token !== 'string') throw new Error('token add gave no token');
			tokens[user.email] = token;
		}
	}
	let output = '';
	// BENCH_NODE_ARGS passes flags to the server's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/load-prof`.
	const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
	const server = spawn(process.execPath, [...nodeArgs, 'build'], {
		cwd: ROOT,
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const kill = () => server.kill('SIGKILL');
	process.once('exit', kill);
	await waitForHealth(base, server, () => output);
	return {
		base,
		pid: server.pid,
		passwords,
		tokens,
		log: () => output,
		async stop() {
			await stop(server);
			process.removeListener('exit', kill);
			removeDatabase(copy);
		}
	};
}
