import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import os from 'node:os';
import path from 'node:path';

/** Unit tests keep the installation's key files in a temporary folder, never in data/. */
const unitKeys = path.join(os.tmpdir(), 'systeemleren-unit-keys');

export default defineConfig({
	plugins: [sveltekit()],
	ssr: { external: ['@duckdb/node-api', '@node-rs/argon2', 'exceljs', 'playwright-core'] },
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'server',
					environment: 'node',
					env: {
						PACKAGE_KEY_PATH: path.join(unitKeys, 'package-key.pem'),
						SECRET_KEY_PATH: path.join(unitKeys, 'secret-key')
					},
					// Real DuckDB files and argon2 on a busy 2-core machine: a ceiling, not a speed target.
					testTimeout: 30_000,
					include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
					exclude: ['src/**/*.svelte.test.ts', 'src/lib/components/**']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'client',
					environment: 'node',
					include: ['src/lib/components/**/*.test.ts', 'src/**/*.svelte.test.ts']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					testTimeout: 120_000,
					hookTimeout: 180_000,
					fileParallelism: false
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['tests/e2e/**/*.test.ts'],
					testTimeout: 120_000,
					hookTimeout: 180_000,
					fileParallelism: false
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					// Every chart built into a gallery, drawn in Chromium and compared with its stored screenshot.
					name: 'charts',
					environment: 'node',
					include: ['tests/charts/**/*.test.ts'],
					testTimeout: 60_000,
					hookTimeout: 180_000
				}
			}
		]
	}
});
