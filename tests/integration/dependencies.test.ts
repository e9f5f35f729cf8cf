/** The dependencies: `npm audit` finds no high or critical advisory, wherever the registry's audit endpoint answers. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { projectDir } from '../support/server';

interface AuditReport {
	/** Set when the registry did not answer the audit (a mirror without the endpoint, no network). */
	statusCode?: number;
	message?: string;
	metadata?: { vulnerabilities: Record<'info' | 'low' | 'moderate' | 'high' | 'critical', number> };
	vulnerabilities?: Record<string, { severity: string; via: unknown[] }>;
}

const run = spawnSync('npm', ['audit', '--json'], {
	cwd: projectDir,
	encoding: 'utf8',
	timeout: 120_000
});
const report = ((): AuditReport => {
	try {
		return JSON.parse(run.stdout) as AuditReport;
	} catch {
		return { message: `npm audit gave no JSON: ${run.stderr.slice(0, 200)}` };
	}
})();
const answered = report.metadata !== undefined;

describe('npm audit', () => {
	it.skipIf(!answered)(
		`has no high or critical advisory${answered ? '' : ` (not run: ${report.message ?? 'no answer'})`}`,
		() => {
			const serious = Object.entries(report.vulnerabilities ?? {})
				.filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
				.map(([name, v]) => `${name} (${v.severity})`);
			expect(serious, serious.join(', ')).toEqual([]);
			expect(report.metadata!.vulnerabilities.critical + report.metadata!.vulnerabilities.high).toBe(0);
		}
	);
});
