/** `import`, `mapping set` and `mapping list`: loading case exports from the operator's machine. */
import fs from 'node:fs';
import path from 'node:path';
import { importFile, type ImportProblem } from '../../src/lib/server/ingest';
import {
	getMapping,
	INSTALLATION_SCOPE,
	listMappings,
	MappingError,
	mappingNameProblem,
	mappingRef,
	parseMapping,
	parseMappingRef,
	saveMapping
} from '../../src/lib/server/ingest/mappings';
import { audit } from '../../src/lib/server/audit';
import { reference } from '../../src/lib/server/reference';
import { InputError, requireString, UsageError, type DatabaseCommand } from './command';

function problemLines(title: string, problems: ImportProblem[]): string[] {
	if (problems.length === 0) return [];
	return [
		title,
		...problems.map(
			(p) =>
				`  ${p.row === null ? 'bestand' : `rij ${p.row}`}${p.column ? `, ${p.column}` : ''}: ${p.message}`
		)
	];
}

export const importCommand: DatabaseCommand = {
	name: 'import',
	usage:
		'import <bestand> [--source NAAM] [--mapping PROFIEL | --mapping GMxxxx:PROFIEL] [--sheet WERKBLAD] [--replace] [--json]',
	positionals: ['bestand'],
	options: {
		source: { type: 'string' },
		mapping: { type: 'string' },
		sheet: { type: 'string' },
		replace: { type: 'boolean' }
	},
	async run({ values, positionals, db }) {
		const file = path.resolve(positionals[0]);
		if (!fs.existsSync(file) || !fs.statSync(file).isFile())
			throw new InputError(`Bestand niet gevonden: ${positionals[0]}`);
		let mapping;
		if (typeof values.mapping === 'string') {
			// NAME is the installation's profile, GMxxxx:NAME a municipality's.
			const { scope, name } = parseMappingRef(values.mapping);
			mapping = await getMapping(db, scope, name);
			if (!mapping) throw new InputError(`Er is geen koppeling "${values.mapping}".`);
		}
		const result = await importFile(db, file, {
			fileName: path.basename(file),
			source: typeof values.source === 'string' ? values.source : undefined,
			mapping,
			sheet: typeof values.sheet === 'string' ? values.sheet : undefined,
			replace: values.replace === true,
			actor: 'cli',
			reach: null
		});
		const json = {
			status: result.status,
			importId: result.importId,
			format: result.format,
			rows: result.rows,
			inserted: result.inserted,
			updated: result.updated,
			removed: result.removed,
			rejectedRows: result.rejectedRows,
			problems: result.problems,
			warnings: result.warnings
		};
		const text =
			result.status === 'imported'
				? [
						`Geïmporteerd: ${result.rows} rijen; ${result.inserted} nieuw, ${result.updated} bijgewerkt, ${result.removed} verwijderd.`,
						...problemLines('Waarschuwingen:', result.warnings)
					]
				: [
						`Geweigerd: er is niets opgeslagen. ${result.rejectedRows} rijen hebben een probleem.`,
						...problemLines('Problemen:', result.problems),
						...problemLines('Waarschuwingen:', result.warnings)
					];
		return { json, text: text.join('\n'), exitCode: result.status === 'imported' ? 0 : 1 };
	}
};

/** `hele installatie`, or the municipality's name and code. */
function scopeLabel(scope: string): string {
	return scope === INSTALLATION_SCOPE ? 'hele installatie' : `${reference().gemeenten.naam(scope)}, ${scope}`;
}

export const mappingSet: DatabaseCommand = {
	name: 'mapping set',
	usage: 'mapping set <naam> --file KOPPELING.json [--gemeente GMxxxx]',
	positionals: ['naam'],
	options: { file: { type: 'string' }, gemeente: { type: 'string' } },
	async run({ values, positionals, db }) {
		const name = positionals[0].trim();
		const nameProblem = mappingNameProblem(name);
		if (nameProblem) throw new UsageError(nameProblem);
		const file = requireString(values, 'file');
		// Without --gemeente the profile is the installation's, offered to every municipality.
		let scope = INSTALLATION_SCOPE;
		if (values.gemeente !== undefined) {
			const gemeente = reference().gemeenten.resolve(requireString(values, 'gemeente'));
			if (!gemeente) throw new InputError(`Onbekende gemeente ${values.gemeente}.`);
			scope = gemeente.code;
		}
		let parsed: unknown;
		try {
			parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
		} catch (error) {
			throw new InputError(`Koppeling ${file} kan niet worden gelezen: ${(error as Error).message}`);
		}
		try {
			const mapping = parseMapping(parsed);
			await saveMapping(db, scope, name, mapping, 'cli');
			await audit(db, {
				actor: 'cli',
				action: 'kolomkoppeling opslaan',
				object: mappingRef(scope, name),
				result: 'ok'
			});
			return {
				json: { status: 'ok', scope, name, ref: mappingRef(scope, name), mapping },
				text: `Koppeling "${name}" opgeslagen voor ${scopeLabel(scope)} (${Object.keys(mapping).length} kolommen); gebruik bij import --mapping ${mappingRef(scope, name)}.`
			};
		} catch (error) {
			if (error instanceof MappingError) throw new InputError(error.message);
			throw error;
		}
	}
};

export const mappingList: DatabaseCommand = {
	name: 'mapping list',
	usage: 'mapping list [--json]',
	options: {},
	async run({ db }) {
		const mappings = (await listMappings(db, null)).map((m) => ({ ...m, ref: mappingRef(m.scope, m.name) }));
		return {
			json: { mappings },
			text: mappings.length
				? mappings
						.map(
							(m) =>
								`${m.ref} (${scopeLabel(m.scope)}): ${Object.entries(m.mapping)
									.map(([a, b]) => `${a} → ${b}`)
									.join(', ')}`
						)
						.join('\n')
				: 'Er zijn nog geen koppelingen.'
		};
	}
};
