/** The CLI's agenda commands on a real DuckDB file: export signs with the installation key, trust registers a key, import reads a file in against it and refuses (exit 1) what does not hold. */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, UsageError, type DatabaseCommand } from '../../../../scripts/cli/command';
import { agendaExport, agendaImport, agendaTrust } from '../../../../scripts/cli/agenda';
import { closeTempStore, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { agendaRows } from './agenda';
import { installationKey } from './installation-key';

let store: Store;

beforeAll(async () => {
	store = await openTempStore();
	await store.db.run(
		`INSERT INTO national_agenda (kwestie_key, label, status, toelichting, set_by, set_at)
		 VALUES ('geen id-bewijs', 'Geen ID-bewijs', 'agenda_let', 'LET van maart', 'landelijk@programma.example',
			'2026-03-01 10:00:00')`
	);
});
afterAll(() => closeTempStore(store));

const run = (command: DatabaseCommand, values: Record<string, string>, positionals: string[] = []) => {
	command.check?.(values);
	return command.run({ values, positionals, db: store.db, stdin: async () => '' });
};

describe('aggregate agenda-export, agenda-trust and agenda-import', () => {
	it('exports a file the same portal reads in once its own key is trusted', async () => {
		const out = store.file('agenda.json');
		expect(() => agendaExport.check!({})).toThrow(UsageError);
		const exported = await run(agendaExport, { out });
		expect(exported.json).toMatchObject({ status: 'exported', file: out, entries: 1 });
		const doc = JSON.parse(fs.readFileSync(out, 'utf8'));
		expect(doc.signature.key).toBe(installationKey().publicKey);

		await expect(run(agendaImport, {}, [out])).rejects.toThrow(/niet is geregistreerd/);
		await expect(run(agendaTrust, { naam: 'Eigen', key: 'abc' })).rejects.toThrow(InputError);
		const trusted = await run(agendaTrust, { naam: 'Landelijk programma', key: installationKey().publicKey });
		expect(trusted.json).toMatchObject({ status: 'trusted', replaced: false });

		const imported = await run(agendaImport, {}, [out]);
		expect(imported.json).toEqual({
			status: 'imported',
			naam: 'Landelijk programma',
			entries: 1,
			kwesties: 1,
			replaced: false
		});
		expect((await agendaRows(store.db)).map((r) => r.bron)).toEqual(['hier', 'bestand']);

		fs.writeFileSync(out, fs.readFileSync(out, 'utf8').replace('LET van maart', 'LET van april'));
		await expect(run(agendaImport, {}, [out])).rejects.toThrow(/De SHA-256 van de agenda klopt niet/);
		await expect(run(agendaImport, {}, [store.file('ontbreekt.json')])).rejects.toThrow(
			/Bestand niet gevonden/
		);
	});
});
