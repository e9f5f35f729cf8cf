/** `aggregate export`, `import`, `key` and `trust`: the national package of a municipality and a whole period as a signed JSON file, and the keys it is signed with. */
import fs from 'node:fs';
import path from 'node:path';
import { audit } from '../../src/lib/server/audit';
import { reference } from '../../src/lib/server/reference';
import { buildPackage } from '../../src/lib/server/national/package';
import { installationKey } from '../../src/lib/server/national/installation-key';
import { parseKeyRequest, registerKey } from '../../src/lib/server/national/package-keys';
import { receivePackage } from '../../src/lib/server/national/receive';
import { signPackage } from '../../src/lib/server/national/signing';
import { parsePeriod } from '../../src/lib/server/national/period';
import {
	InputError,
	requireString,
	UsageError,
	type DatabaseCommand,
	type StandAloneCommand
} from './command';

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
		const pkg = signPackage(await buildPackage(db, gemeente.code, period), installationKey());
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
	usage: 'aggregate import <bestand> [--unsigned] [--json]',
	positionals: ['bestand'],
	options: { unsigned: { type: 'boolean' } },
	async run({ values, positionals, db }) {
		const file = path.resolve(positionals[0]);
		if (!fs.existsSync(file) || !fs.statSync(file).isFile())
			throw new InputError(`Bestand niet gevonden: ${positionals[0]}`);
		const received = await receivePackage(db, fs.readFileSync(file, 'utf8'), {
			actor: 'cli',
			reach: { all: true },
			unsigned: values.unsigned === true,
			fileName: path.basename(file)
		});
		if (!received.ok) throw new InputError(received.message);
		const { pkg, replaced, period } = received;
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

export const aggregateKey: StandAloneCommand = {
	name: 'aggregate key',
	usage: 'aggregate key [--json]',
	options: {},
	async runAlone() {
		const { publicKey } = installationKey();
		return {
			json: { key: publicKey },
			text: `Publieke sleutel (Ed25519) van deze installatie, te registreren bij de portal die haar pakketten ontvangt:\n${publicKey}`
		};
	}
};

export const aggregateTrust: DatabaseCommand = {
	name: 'aggregate trust',
	usage: 'aggregate trust --gemeente GMxxxx --key BASE64 [--json]',
	options: { gemeente: { type: 'string' }, key: { type: 'string' } },
	check(values) {
		requireString(values, 'gemeente');
		requireString(values, 'key');
	},
	async run({ values, db }) {
		const request = parseKeyRequest(requireString(values, 'gemeente'), requireString(values, 'key'), {
			all: true
		});
		if (!request.ok) throw new InputError(request.message);
		const { replaced } = await registerKey(db, {
			gemeente: request.gemeente,
			key: request.key,
			actor: 'cli'
		});
		return {
			json: { status: 'trusted', gemeente: request.gemeente, key: request.key, replaced },
			text: `Publieke sleutel van ${request.naam} geregistreerd${replaced ? '; de vorige sleutel is vervangen' : ''}. Pakketten van ${request.naam} worden alleen nog met deze sleutel aanvaard.`
		};
	}
};
