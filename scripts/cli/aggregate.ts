/** `aggregate export` and `aggregate import`: the national package of a municipality and a whole period, as a JSON file. */
import fs from 'node:fs';
import path from 'node:path';
import { audit } from '../../src/lib/server/audit';
import { reference } from '../../src/lib/server/reference';
import { buildPackage, importPackage, verifyPackage } from '../../src/lib/server/national/package';
import { parsePeriod } from '../../src/lib/server/national/period';
import { InputError, requireString, UsageError, type DatabaseCommand } from './command';

const PERIOD_HELP = 'Geef --period als jaar (2025), halfjaar (2025-H1) of kwartaal (2025-Q3).';

export const aggregateExport: DatabaseCommand = {
	name: 'aggregate export',
	usage: 'aggregate export <bestand> --gemeente GMxxxx --period 2025|2025-H1|2025-Q3 [--json]',
	positionals: ['bestand'],
	options: { gemeente: { type: 'string' }, period: { type: 'string' } },
	check(values) {
		requireString(values, 'gemeente');
		if (!parsePeriod(requireString(values, 'period'))) throw new UsageError(PERIOD_HELP);
	},
	async run({ values, positionals, db }) {
		const gemeente = reference().gemeenten.resolve(requireString(values, 'gemeente'));
		if (!gemeente) throw new InputError(`Onbekende gemeente ${values.gemeente}.`);
		const period = parsePeriod(requireString(values, 'period'))!;
		const file = path.resolve(positionals[0]);
		if (!fs.existsSync(path.dirname(file)))
			throw new InputError(`De map bestaat niet: ${path.dirname(file)}`);
		const pkg = await buildPackage(db, gemeente.code, period);
		fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
		await audit(db, {
			actor: 'cli',
			action: 'landelijk pakket exporteren',
			object: `${gemeente.code} ${period.period} ${pkg.sha256.slice(0, 12)}`,
			result: 'ok'
		});
		return {
			json: {
				status: 'exported',
				file,
				gemeente: gemeente.code,
				period: period.period,
				from: pkg.from,
				to: pkg.to,
				sha256: pkg.sha256
			},
			text: `Pakket van ${gemeente.naam} over ${period.period} geschreven naar ${file} (SHA-256 ${pkg.sha256}).`
		};
	}
};

export const aggregateImport: DatabaseCommand = {
	name: 'aggregate import',
	usage: 'aggregate import <bestand> [--json]',
	positionals: ['bestand'],
	options: {},
	async run({ positionals, db }) {
		const file = path.resolve(positionals[0]);
		if (!fs.existsSync(file) || !fs.statSync(file).isFile())
			throw new InputError(`Bestand niet gevonden: ${positionals[0]}`);
		const verified = verifyPackage(fs.readFileSync(file, 'utf8'));
		if (!verified.ok) {
			await audit(db, {
				actor: 'cli',
				action: 'landelijk pakket importeren',
				object: path.basename(file),
				result: 'geweigerd'
			});
			throw new InputError(`Pakket geweigerd: ${verified.message}`);
		}
		const pkg = verified.package;
		const { replaced, period } = await importPackage(db, pkg, 'cli');
		const naam = reference().gemeenten.naam(pkg.gemeente);
		return {
			json: {
				status: 'imported',
				gemeente: pkg.gemeente,
				period,
				from: pkg.from,
				to: pkg.to,
				sha256: pkg.sha256,
				replaced
			},
			text: `Pakket van ${naam} over ${period} ingelezen${replaced ? '; het vorige pakket van die periode is vervangen' : ''}.`
		};
	}
};
