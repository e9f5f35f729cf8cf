/** `backup <dir>` and `restore <dir>`: the operator's backups while the server is stopped (the running server makes its own). */
import path from 'node:path';
import { config } from '../../src/lib/server/config';
import { backupDatabase, restoreDatabase } from '../../src/lib/server/backup';
import { audit } from '../../src/lib/server/audit';
import { InputError, type DatabaseCommand, type StandAloneCommand } from './command';

export const backupCommand: DatabaseCommand = {
	name: 'backup',
	usage: 'backup <map>',
	positionals: ['map'],
	options: {},
	async run({ positionals, db }) {
		const { path: written, meta } = await backupDatabase(db, path.resolve(positionals[0]));
		await audit(db, { actor: 'cli', action: 'back-up maken', object: written, result: 'ok' });
		return {
			json: { status: 'ok', path: written, schemaVersion: meta.schemaVersion, tables: meta.tables },
			text: `Back-up geschreven naar ${written} (${meta.tables.cases ?? 0} casussen, schemaversie ${meta.schemaVersion}).`
		};
	}
};

export const restoreCommand: StandAloneCommand = {
	name: 'restore',
	usage: 'restore <back-upmap>',
	positionals: ['back-upmap'],
	options: {},
	async runAlone({ positionals }) {
		let result;
		try {
			result = await restoreDatabase(path.resolve(positionals[0]), config.databasePath);
		} catch (error) {
			if (error instanceof Error && /geen back-up|rijen/.test(error.message))
				throw new InputError(error.message);
			throw error;
		}
		const aside = result.keptAside ? ` De vorige database staat in ${result.keptAside}.` : '';
		return {
			json: {
				status: 'ok',
				database: config.databasePath,
				keptAside: result.keptAside,
				madeAt: result.meta.madeAt
			},
			text: `Back-up van ${result.meta.madeAt} hersteld in ${config.databasePath}.${aside}`
		};
	}
};
