/** Drives a built portal in tests: a fresh DuckDB file, the operator CLI, the production server (`node build`) and logging in. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formLogin } from './form-login';

/** The project root (the folder holding package.json and build/). */
export const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The sample export of Leeuwarden (GM0080, 30 cases in 2024 and 2025) shipped with the tests. */
export const sampleExport = path.join(projectDir, 'tests', 'support', 'leeuwarden-2024-2025.csv');

/** A password that satisfies the portal's password rules, for test accounts. */
export const defaultPassword = 'Correct-Horse-Battery-9';

/** What a CLI run produced: exit code, output, and stdout parsed as JSON where it is JSON. */
export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
	json: unknown;
}

/** A running production server. */
export interface RunningServer {
	/** Base URL without a trailing slash, such as `http://127.0.0.1:41234`. */
	url: string;
	/** The server's process id. */
	pid: number | undefined;
	/** Everything the server wrote to stdout and stderr so far. */
	log(): string;
	/** Stops the server gracefully (SIGTERM, SIGKILL after 10 s) and waits until it has exited. */
	stop(): Promise<void>;
	/** Kills the server at once (SIGKILL), as a crash would. */
	kill(): void;
}

/** A test account as `addUser` creates it. */
export interface TestUser {
	email: string;
	role: 'beheerder' | 'kwaliteitsteam' | 'beleid' | 'college' | 'landelijk';
	gemeente?: string[];
	password?: string;
}

/** Creates an empty temporary folder and returns the path of a (not yet existing) database file inside it. */
export function freshDb(label = 'db'): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `portal-${label}-`));
	return path.join(dir, 'portal.duckdb');
}

/** Removes the temporary folder `freshDb` made for this database, with everything in it. */
export function removeDb(db: string): void {
	const dir = path.dirname(db);
	if (path.basename(dir).startsWith('portal-')) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * The key files of the installation that owns this database (package signing key, second-factor
 * secret key), beside it in its temporary folder, so that tests never share or leave keys in data/.
 */
export function keyEnv(db: string): Record<string, string> {
	const dir = path.dirname(db);
	return {
		PACKAGE_KEY_PATH: path.join(dir, 'package-key.pem'),
		SECRET_KEY_PATH: path.join(dir, 'secret-key')
	};
}

/** Runs `npm run --silent cli -- ...args` against the given database (never while a server holds it). */
export function cli(args: string[], options: { db: string; input?: string; timeout?: number }): CliResult {
	const r = spawnSync('npm', ['run', '--silent', 'cli', '--', ...args], {
		cwd: projectDir,
		env: {
			...process.env,
			DATABASE_PATH: options.db,
			...keyEnv(options.db),
			NODE_ENV: 'production',
			PORTAL_FREEZE_ANSWERS: '1'
		},
		input: options.input ?? '',
		encoding: 'utf8',
		timeout: options.timeout ?? 300_000,
		maxBuffer: 64 * 1024 * 1024
	});
	let json: unknown;
	try {
		json = JSON.parse(r.stdout);
	} catch {
		json = undefined;
	}
	return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', json };
}

/** Imports a case export through the CLI and throws unless it was imported; returns the CLI's JSON result. */
export function importExport(
	db: string,
	file: string = sampleExport,
	extra: string[] = []
): Record<string, unknown> {
	const r = cli(['import', file, ...extra, '--json'], { db });
	const result = r.json as Record<string, unknown> | undefined;
	if (r.code !== 0 || result?.status !== 'imported') {
		throw new Error(`import of ${file} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
	}
	return result;
}

/** Adds a user through the CLI (password on stdin) and throws when the CLI refuses. */
export function addUser(db: string, user: TestUser): void {
	const args = ['user', 'add', '--email', user.email, '--role', user.role, '--password-stdin'];
	for (const g of user.gemeente ?? []) args.push('--gemeente', g);
	const r = cli(args, { db, input: (user.password ?? defaultPassword) + '\n' });
	if (r.code !== 0) {
		throw new Error(`user add ${user.email} failed (exit ${r.code}): ${r.stderr || r.stdout}`);
	}
}

/** Creates an API token for an existing user through the CLI and returns it. */
export function addToken(db: string, email: string, name?: string): string {
	const args = ['token', 'add', '--email', email, '--json'];
	if (name) args.push('--name', name);
	const r = cli(args, { db });
	const token = (r.json as { token?: unknown } | undefined)?.token;
	if (r.code !== 0 || typeof token !== 'string') {
		throw new Error(`token add ${email} failed (exit ${r.code}): ${r.stderr || r.stdout}`);
	}
	return token;
}

/** Adds a user and returns an API token for it. */
export function userWithToken(db: string, user: TestUser): string {
	addUser(db, user);
	return addToken(db, user.email);
}

/** Asks the operating system for a free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const address = s.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			s.close(() => resolve(port));
		});
	});
}

function exited(child: ChildProcess): Promise<void> {
	return new Promise((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) resolve();
		else child.once('exit', () => resolve());
	});
}

/** Starts `node build` on a free loopback port with this database; resolves once `/api/v1/health` answers ok. */
export async function startServer(options: {
	db: string;
	env?: Record<string, string>;
	timeoutMs?: number;
}): Promise<RunningServer> {
	const { db, env = {}, timeoutMs = 60_000 } = options;
	if (!fs.existsSync(path.join(projectDir, 'build', 'index.js'))) {
		throw new Error(`no production build in ${projectDir}/build: run \`npm run build\` first`);
	}
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child = spawn('node', ['build'], {
		cwd: projectDir,
		env: {
			...process.env,
			DATABASE_PATH: db,
			BACKUP_DIR: path.join(path.dirname(db), 'backups'),
			...keyEnv(db),
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: url,
			NODE_ENV: 'production',
			// Kept answers frozen all the way down, as in unit tests: changing a shared one throws.
			PORTAL_FREEZE_ANSWERS: '1',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	child.stdout?.on('data', (d) => (log += d));
	child.stderr?.on('data', (d) => (log += d));
	const started = Date.now();
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`server exited (${child.exitCode ?? child.signalCode}):\n${log.slice(-2000)}`);
		}
		try {
			const r = await fetch(`${url}/api/v1/health`);
			const body = (await r.json().catch(() => null)) as { status?: string } | null;
			if (r.ok && body?.status === 'ok') break;
		} catch {
			/* not up yet */
		}
		if (Date.now() - started > timeoutMs) {
			child.kill('SIGKILL');
			throw new Error(`server did not answer /api/v1/health within ${timeoutMs} ms:\n${log.slice(-2000)}`);
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	return {
		url,
		pid: child.pid,
		log: () => log,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const done = exited(child);
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await done;
			clearTimeout(timer);
		},
		kill() {
			child.kill('SIGKILL');
		}
	};
}

/** Logs in through the real `/login` form and the second factor with fetch; returns the `Cookie` header value of the new session. */
export function loginCookie(
	server: { url: string },
	email: string,
	password: string = defaultPassword
): Promise<string> {
	return formLogin(server.url, email, password);
}

/** Requests a path with an API token or a session cookie (redirects not followed); parses JSON bodies. */
export async function request(
	server: { url: string },
	pathAndQuery: string,
	auth: { token?: string; cookie?: string } = {},
	init: RequestInit = {}
): Promise<{ status: number; body: unknown; text: string; headers: Headers }> {
	const headers = new Headers(init.headers);
	if (auth.token) headers.set('authorization', `Bearer ${auth.token}`);
	if (auth.cookie) headers.set('cookie', auth.cookie);
	const r = await fetch(server.url + pathAndQuery, { redirect: 'manual', ...init, headers });
	const text = await r.text();
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		body = text;
	}
	return { status: r.status, body, text, headers: r.headers };
}

/** Posts a form action as a script does (`Accept: application/json`, the portal's own Origin): SvelteKit's JSON action result. */
export function postAction(
	server: { url: string },
	address: string,
	fields: Record<string, string>,
	auth: { token?: string; cookie?: string } = {}
): ReturnType<typeof request> {
	return request(server, address, auth, {
		method: 'POST',
		headers: {
			accept: 'application/json',
			origin: server.url,
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields).toString()
	});
}
