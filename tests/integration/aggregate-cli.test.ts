/** The CLI's national package: export and import, a tampered or malformed package refused with exit 1, misuse exit 2. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, freshDb, importExport, removeDb, sampleExport } from '../support/server';

const db = freshDb('aggregate');
const dir = path.dirname(db);
const file = (name: string) => path.join(dir, name);

beforeAll(() => {
	importExport(db, sampleExport);
});

afterAll(() => removeDb(db));

describe('aggregate export and import', () => {
	it('exports a sealed package of a quarter, half-year or year and imports it', () => {
		const exported = cli(
			[
				'aggregate',
				'export',
				file('leeuwarden.json'),
				'--gemeente',
				'Leeuwarden',
				'--period',
				'2025-h1',
				'--json'
			],
			{ db }
		);
		expect(exported.code).toBe(0);
		expect(exported.json).toMatchObject({
			status: 'exported',
			gemeente: 'GM0080',
			period: '2025-H1',
			from: '2025-01-01',
			to: '2025-06-30'
		});
		const pkg = JSON.parse(fs.readFileSync(file('leeuwarden.json'), 'utf8'));
		expect(pkg.sha256).toBe((exported.json as { sha256: string }).sha256);
		// 12 cases in the first half of 2025, published as 10.
		expect(pkg.tables.uitkomst.total).toBe(10);

		const imported = cli(['aggregate', 'import', file('leeuwarden.json'), '--json'], { db });
		expect(imported.code).toBe(0);
		expect(imported.json).toMatchObject({
			status: 'imported',
			gemeente: 'GM0080',
			period: '2025-H1',
			replaced: false
		});
		const again = cli(['aggregate', 'import', file('leeuwarden.json')], { db });
		expect(again.code).toBe(0);
		expect(again.stdout).toContain('vervangen');
	});

	it('refuses a tampered package with exit 1 and a Dutch message', () => {
		const pkg = JSON.parse(fs.readFileSync(file('leeuwarden.json'), 'utf8'));
		pkg.tables.uitkomst.total = 15;
		fs.writeFileSync(file('tampered.json'), JSON.stringify(pkg, null, 2));
		const r = cli(['aggregate', 'import', file('tampered.json'), '--json'], { db });
		expect(r.code).toBe(1);
		expect(r.stderr).toContain('Pakket geweigerd: Het pakket is na het maken gewijzigd');
		expect(r.json).toEqual({ status: 'error', message: expect.stringContaining('SHA-256 klopt niet') });
	});

	it('refuses a malformed package and a missing file with exit 1', () => {
		fs.writeFileSync(file('kapot.json'), '{"version": 1, "tables": ');
		const malformed = cli(['aggregate', 'import', file('kapot.json')], { db });
		expect(malformed.code).toBe(1);
		expect(malformed.stderr).toContain('Het pakket is geen geldig JSON-bestand.');
		const missing = cli(['aggregate', 'import', file('bestaat-niet.json')], { db });
		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain('Bestand niet gevonden');
	});

	it('answers misuse with exit 2: a period that is no whole period, a missing option, a missing file name', () => {
		for (const args of [
			['aggregate', 'export', file('x.json'), '--gemeente', 'GM0080', '--period', '2025-07'],
			['aggregate', 'export', file('x.json'), '--period', '2025'],
			['aggregate', 'export', '--gemeente', 'GM0080', '--period', '2025'],
			['aggregate', 'import'],
			['aggregate', 'import', file('x.json'), '--period', '2025']
		]) {
			expect(cli(args, { db }).code, args.join(' ')).toBe(2);
		}
		expect(fs.existsSync(file('x.json'))).toBe(false);
	});
});
