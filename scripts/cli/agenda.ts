/** `aggregate agenda-export`, `agenda-import` and `agenda-trust`: the national agenda as a signed file, read in against a registered key of a national portal. */
import fs from 'node:fs';
import path from 'node:path';
import { audit } from '../../src/lib/server/audit';
import { installationKey } from '../../src/lib/server/national/installation-key';
import { agendaFile, receiveAgendaFile } from '../../src/lib/server/national/agenda-file';
import { parseAgendaKeyRequest, registerAgendaKey } from '../../src/lib/server/national/agenda-keys';
import { InputError, requireString, type DatabaseCommand } from './command';

export const agendaExport: DatabaseCommand = {
	name: 'aggregate agenda-export',
	usage: 'aggregate agenda-export --out <bestand> [--json]',
	options: { out: { type: 'string' } },
	check(values) {
		requireString(values, 'out');
	},
	async run({ values, db }) {
		const file = path.resolve(requireString(values, 'out'));
		if (!fs.existsSync(path.dirname(file)))
			throw new InputError(`De map bestaat niet: ${path.dirname(file)}`);
		const agenda = await agendaFile(db, installationKey());
		fs.writeFileSync(file, JSON.stringify(agenda, null, 2) + '\n');
		await audit(db, {
			actor: 'cli',
			action: 'landelijke agenda exporteren',
			object: `${agenda.entries.length} regels ${agenda.sha256.slice(0, 12)}`,
			result: 'ok'
		});
		return {
			json: { status: 'exported', file, entries: agenda.entries.length, sha256: agenda.sha256 },
			text: `Landelijke agenda (${agenda.entries.length} regels) geschreven naar ${file} (SHA-256 ${agenda.sha256}).`
		};
	}
};

export const agendaImport: DatabaseCommand = {
	name: 'aggregate agenda-import',
	usage: 'aggregate agenda-import <bestand> [--json]',
	positionals: ['bestand'],
	options: {},
	async run({ positionals, db }) {
		const file = path.resolve(positionals[0]);
		if (!fs.existsSync(file) || !fs.statSync(file).isFile())
			throw new InputError(`Bestand niet gevonden: ${positionals[0]}`);
		const received = await receiveAgendaFile(db, fs.readFileSync(file, 'utf8'), {
			actor: 'cli',
			fileName: path.basename(file)
		});
		if (!received.ok) throw new InputError(received.message);
		const { naam, entries, kwesties, replaced } = received;
		return {
			json: { status: 'imported', naam, entries, kwesties, replaced },
			text: `Landelijke agenda van ${naam} ingelezen: ${kwesties} kwesties, ${entries} regels${replaced ? '; de eerder ingelezen agenda is vervangen' : ''}.`
		};
	}
};

export const agendaTrust: DatabaseCommand = {
	name: 'aggregate agenda-trust',
	usage: 'aggregate agenda-trust --naam NAAM --key BASE64 [--json]',
	options: { naam: { type: 'string' }, key: { type: 'string' } },
	check(values) {
		requireString(values, 'naam');
		requireString(values, 'key');
	},
	async run({ values, db }) {
		const request = parseAgendaKeyRequest(requireString(values, 'naam'), requireString(values, 'key'));
		if (!request.ok) throw new InputError(request.message);
		const { replaced } = await registerAgendaKey(db, { naam: request.naam, key: request.key, actor: 'cli' });
		return {
			json: { status: 'trusted', naam: request.naam, key: request.key, replaced },
			text: `Agendasleutel van ${request.naam} geregistreerd. Agendabestanden die ermee zijn ondertekend, worden aanvaard.`
		};
	}
};
