/** The CLI's national package: the key pair (`aggregate key`), registered keys (`aggregate trust`), signed export and import, a tampered, forged, foreign-signed, unsigned or malformed package refused with exit 1, misuse exit 2. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, freshDb, importExport, keyEnv, removeDb, sampleExport } from '../support/server';

const db = freshDb('aggregate');
/** Another installation, with a key pair of its own, that also holds Leeuwarden's cases. */
const elsewhere = freshDb('aggregate-elders');
const dir = path.dirname(db);
const file = (name: string) => path.join(dir, name);
let publicKey = '';

/** The hex SHA-256 a forger computes: of the document with sha256 and signature empty. */
function reseal(doc: Record<string, unknown>): Record<string, unknown> {
	const blank = JSON.stringify({ ...doc, sha256: '', ...('signature' in doc ? { signature: '' } : {}) });
	return { ...doc, sha256: createHash('sha256').update(blank).digest('hex') };
}

beforeAll(() => {
	importExport(db, sampleExport);
	importExport(elsewhere, sampleExport);
});

afterAll(() => {
	removeDb(db);
	removeDb(elsewhere);
});

describe('aggregate key and trust', () => {
	it('prints the public key last, made on first use in PACKAGE_KEY_PATH with mode 0600, the same every time', () => {
		const keyFile = keyEnv(db).PACKAGE_KEY_PATH;
		expect(fs.existsSync(keyFile)).toBe(false);
		const text = cli(['aggregate', 'key'], { db });
		expect(text.code).toBe(0);
		publicKey = text.stdout.trim().split(/\s+/).at(-1)!;
		expect(Buffer.from(publicKey, 'base64')).toHaveLength(32);
		expect(Buffer.from(publicKey, 'base64').toString('base64')).toBe(publicKey);
		expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
		const json = cli(['aggregate', 'key', '--json'], { db });
		expect(json.code).toBe(0);
		expect(json.json).toEqual({ key: publicKey });
		// The key never enters the database: not in a backup either.
		const other = cli(['aggregate', 'key', '--json'], { db: elsewhere });
		expect((other.json as { key: string }).key).not.toBe(publicKey);
	});

	it('registers a key, refusing an unknown municipality or a key that is not 32 bytes of base64 with exit 1', () => {
		const bad = [
			['--gemeente', 'GM9999', '--key', publicKey],
			['--gemeente', 'GM0080', '--key', publicKey.slice(0, -2)],
			['--gemeente', 'GM0080', '--key', Buffer.alloc(31).toString('base64')],
			['--gemeente', 'GM0080', '--key', 'geen-sleutel']
		];
		for (const args of bad) {
			const r = cli(['aggregate', 'trust', ...args, '--json'], { db });
			expect(r.code, args.join(' ')).toBe(1);
			expect((r.json as { status: string }).status).toBe('error');
		}
		expect(cli(['aggregate', 'trust', '--gemeente', 'GM0080'], { db }).code).toBe(2);
		const r = cli(['aggregate', 'trust', '--gemeente', 'Leeuwarden', '--key', publicKey, '--json'], { db });
		expect(r.code).toBe(0);
		expect(r.json).toEqual({ status: 'trusted', gemeente: 'GM0080', key: publicKey, replaced: false });
	});
});

describe('aggregate export and import', () => {
	it('refuses a package of a municipality without a registered key with exit 1', () => {
		const exported = cli(
			['aggregate', 'export', file('elders.json'), '--gemeente', 'GM0080', '--period', '2025'],
			{
				db: elsewhere
			}
		);
		expect(exported.code).toBe(0);
		const r = cli(['aggregate', 'import', file('elders.json')], { db: elsewhere });
		expect(r.code).toBe(1);
		expect(r.stderr).toContain('Pakket geweigerd: Voor Leeuwarden is geen publieke sleutel geregistreerd');
	});

	it('exports a sealed and signed package of a quarter, half-year or year and imports it', () => {
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
		expect(pkg.version).toBe(2);
		expect(pkg.signature).toEqual({ alg: 'Ed25519', key: publicKey, value: expect.any(String) });
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

	it('refuses a package signed by another installation than the registered key, with exit 1', () => {
		const r = cli(['aggregate', 'import', file('elders.json'), '--json'], { db });
		expect(r.code).toBe(1);
		expect(r.stderr).toContain(
			'Pakket geweigerd: Het pakket is ondertekend met een andere sleutel dan die voor Leeuwarden is geregistreerd.'
		);
		// Its signature named as the registered key: the signature does not verify.
		const pkg = JSON.parse(fs.readFileSync(file('elders.json'), 'utf8'));
		pkg.signature.key = publicKey;
		fs.writeFileSync(file('elders-vermomd.json'), JSON.stringify(reseal(pkg)));
		const named = cli(['aggregate', 'import', file('elders-vermomd.json')], { db });
		expect(named.code).toBe(1);
		expect(named.stderr).toContain('De handtekening van het pakket klopt niet');
	});

	it('refuses a package whose gemeente was changed and its sha256 recomputed, with exit 1', () => {
		const pkg = JSON.parse(fs.readFileSync(file('leeuwarden.json'), 'utf8'));
		fs.writeFileSync(file('vervalst.json'), JSON.stringify(reseal({ ...pkg, gemeente: 'GM0518' })));
		const none = cli(['aggregate', 'import', file('vervalst.json')], { db });
		expect(none.code).toBe(1);
		expect(none.stderr).toContain("Voor 's-Gravenhage is geen publieke sleutel geregistreerd");
		// Even with this installation's own key registered for 's-Gravenhage.
		expect(cli(['aggregate', 'trust', '--gemeente', 'GM0518', '--key', publicKey], { db }).code).toBe(0);
		const trusted = cli(['aggregate', 'import', file('vervalst.json')], { db });
		expect(trusted.code).toBe(1);
		expect(trusted.stderr).toContain('De handtekening van het pakket klopt niet');
	});

	it('reads a version 1 package only with --unsigned', () => {
		const { signature: _, ...pkg } = JSON.parse(fs.readFileSync(file('leeuwarden.json'), 'utf8'));
		fs.writeFileSync(file('versie1.json'), JSON.stringify(reseal({ ...pkg, version: 1 })));
		const refused = cli(['aggregate', 'import', file('versie1.json')], { db });
		expect(refused.code).toBe(1);
		expect(refused.stderr).toContain('Het pakket is van versie 1 en niet ondertekend');
		const read = cli(['aggregate', 'import', file('versie1.json'), '--unsigned', '--json'], { db });
		expect(read.code).toBe(0);
		expect(read.json).toMatchObject({ status: 'imported', gemeente: 'GM0080', replaced: true });
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
			['aggregate', 'import', file('x.json'), '--period', '2025'],
			['aggregate', 'key', '--gemeente', 'GM0080'],
			['aggregate', 'trust', '--key', 'x']
		]) {
			expect(cli(args, { db }).code, args.join(' ')).toBe(2);
		}
		expect(fs.existsSync(file('x.json'))).toBe(false);
	});
});
