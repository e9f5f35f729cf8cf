/**
 * The data of version 1.1 through a case's whole life: re-import and undo, replace and undo, a file without
 * the new columns, retention, and backup with restore (which also keeps the contact register).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../db';
import { backupDatabase, restoreDatabase } from '../backup';
import { purgeExpiredCases, setRetention, undoImport } from './history';
import {
	caseRow,
	closeTempStore,
	countCases,
	importRows,
	openTempStore,
	type Row,
	type Store
} from './fixtures/helpers';
import type { Database } from '../db';

let store: Store;
beforeEach(async () => {
	store = await openTempStore();
});
afterEach(() => closeTempStore(store));

const ALL = { all: true as const };

/** A closed case of Leeuwarden with every column of version 1.1 filled. */
function v11Row(casusId: string, overrides: Row = {}): Row {
	return caseRow(casusId, {
		afgerond_op: '24-01-2024',
		status: 'afgerond',
		uitkomst: 'opgelost',
		kwestie: 'Inkomen valt weg bij overgang naar bijstand',
		escalatie: 'lokale_tafel',
		fonds: 'regulier',
		kosten_oplossing: '500,00',
		voorgeschoten: '500,00',
		terug_van: 'inwoner',
		terugbetaald: '100,00',
		besluit_door: 'tafel',
		binnen_kaders: 'nee',
		instrument: 'voorschot|urgentie',
		vier_ogen: 'ja',
		stappen: 'team@03-01-2024|lokale_tafel@10-01-2024',
		reacties: 'UWV@04-01-2024/08-01-2024|SVB@04-01-2024/',
		vermeden_posten: 'uithuiszetting*2',
		kwijtgescholden: '150,00',
		...overrides
	});
}

/** The version 1.1 values of a case (or a stored version of it) as text. */
interface V11Values {
	besluit_door: string | null;
	binnen_kaders: boolean | null;
	instrumenten: string;
	vier_ogen: boolean | null;
	stappen: string;
	reacties: string;
	vermeden_posten: string;
	kwijtgescholden: string | null;
}

const V11_SELECT = `besluit_door, binnen_kaders, instrumenten::VARCHAR AS instrumenten, vier_ogen, stappen::VARCHAR AS stappen,
	reacties::VARCHAR AS reacties, vermeden_posten::VARCHAR AS vermeden_posten, kwijtgescholden::VARCHAR AS kwijtgescholden`;

async function v11(db: Database, casusId: string, table = 'cases'): Promise<V11Values | undefined> {
	return db.one<V11Values>(`SELECT ${V11_SELECT} FROM ${table} WHERE casus_id = $id`, { id: casusId });
}

const FIRST: V11Values = {
	besluit_door: 'tafel',
	binnen_kaders: false,
	// voorschot is bit 5 and urgentie bit 9 of instrumenten.csv: 32 + 512.
	instrumenten: '544',
	vier_ogen: true,
	stappen: "[{'stap': team, 'op': 2024-01-03}, {'stap': lokale_tafel, 'op': 2024-01-10}]",
	reacties:
		"[{'organisatie': UWV, 'gevraagd': 2024-01-04, 'beantwoord': 2024-01-08}, {'organisatie': SVB, 'gevraagd': 2024-01-04, 'beantwoord': NULL}]",
	vermeden_posten: "[{'post': uithuiszetting, 'aantal': 2}]",
	kwijtgescholden: '150.00'
};

/** The same case decided higher up, with other instruments, steps and answers. */
const SECOND_ROW: Row = {
	escalatie: 'bestuurlijk',
	besluit_door: 'portefeuillehouder',
	binnen_kaders: 'ja',
	instrument: 'hardheidsclausule',
	vier_ogen: 'nee',
	stappen: 'team@03-01-2024|lokale_tafel@10-01-2024|bestuurlijk@17-01-2024',
	reacties: 'SVB@04-01-2024/05-01-2024',
	vermeden_posten: 'maatschappelijke_opvang_maand*6',
	kwijtgescholden: '0'
};
const SECOND: V11Values = {
	besluit_door: 'portefeuillehouder',
	binnen_kaders: true,
	instrumenten: '1',
	vier_ogen: false,
	stappen:
		"[{'stap': team, 'op': 2024-01-03}, {'stap': lokale_tafel, 'op': 2024-01-10}, {'stap': bestuurlijk, 'op': 2024-01-17}]",
	reacties: "[{'organisatie': SVB, 'gevraagd': 2024-01-04, 'beantwoord': 2024-01-05}]",
	vermeden_posten: "[{'post': maatschappelijke_opvang_maand, 'aantal': 6}]",
	kwijtgescholden: '0.00'
};

async function imported(rows: Row[], options: Parameters<typeof importRows>[2] = {}) {
	const result = await importRows(store, rows, options);
	expect(result.problems).toEqual([]);
	expect(result.status).toBe('imported');
	return result;
}

describe('undo and replace keep version 1.1 values', () => {
	it('a re-import updates them, the stored version holds the old ones, and undo puts them back', async () => {
		await imported([v11Row('A')]);
		expect(await v11(store.db, 'A')).toEqual(FIRST);
		const second = await imported([v11Row('A', SECOND_ROW)]);
		expect(second.updated).toBe(1);
		expect(await v11(store.db, 'A')).toEqual(SECOND);
		expect(await v11(store.db, 'A', 'case_versions')).toEqual(FIRST);

		await undoImport(store.db, second.importId, ALL, 'test');
		expect(await v11(store.db, 'A')).toEqual(FIRST);
		expect(await store.db.one('SELECT * FROM case_versions')).toBeUndefined();
	});

	it('replace removes a case with its version 1.1 values, and undo restores them', async () => {
		await imported([v11Row('A'), v11Row('B', SECOND_ROW)]);
		const replace = await imported([v11Row('A')], { replace: true });
		expect(replace.removed).toBe(1);
		expect(await v11(store.db, 'B')).toBeUndefined();
		expect(await v11(store.db, 'B', 'case_versions')).toEqual(SECOND);

		await undoImport(store.db, replace.importId, ALL, 'test');
		expect(await countCases(store.db)).toBe(2);
		expect(await v11(store.db, 'B')).toEqual(SECOND);
		expect(await v11(store.db, 'A')).toEqual(FIRST);
	});
});

describe('a re-import and the columns of version 1.1', () => {
	it('keeps stored values of a column the file lacks', async () => {
		await imported([v11Row('A')]);
		// A version 1 export of the same case: none of the new columns.
		const v1 = caseRow('A', {
			afgerond_op: '24-01-2024',
			status: 'afgerond',
			uitkomst: 'deels_opgelost',
			escalatie: 'lokale_tafel'
		});
		await imported([v1]);
		expect(await v11(store.db, 'A')).toEqual(FIRST);
		const row = await store.db.one<{ uitkomst: string }>('SELECT uitkomst FROM cases');
		expect(row!.uitkomst).toBe('deels_opgelost');
	});

	it('clears a value whose cell is empty in a column the file has', async () => {
		await imported([v11Row('A')]);
		await imported([
			v11Row('A', {
				besluit_door: '',
				binnen_kaders: '',
				instrument: '',
				vier_ogen: '',
				stappen: '',
				reacties: '',
				vermeden_posten: '',
				kwijtgescholden: ''
			})
		]);
		expect(await v11(store.db, 'A')).toEqual({
			besluit_door: null,
			binnen_kaders: null,
			instrumenten: '0',
			vier_ogen: null,
			stappen: '[]',
			reacties: '[]',
			vermeden_posten: '[]',
			kwijtgescholden: null
		});
	});

	it('keeps what is absent and clears what is empty in one file', async () => {
		await imported([v11Row('A')]);
		await imported([
			caseRow('A', { afgerond_op: '24-01-2024', status: 'afgerond', uitkomst: 'opgelost', vier_ogen: '' })
		]);
		expect(await v11(store.db, 'A')).toEqual({ ...FIRST, vier_ogen: null });
	});
});

describe('retention', () => {
	it('removes expired cases and their stored versions with all their version 1.1 data', async () => {
		await imported([v11Row('A'), caseRow('B', { gemeente: 'GM0193' })]);
		await imported([v11Row('A', SECOND_ROW)]);
		await setRetention(store.db, 'GM0080', 12, 'test');
		expect(await purgeExpiredCases(store.db, 'test')).toBe(1);
		expect(await v11(store.db, 'A')).toBeUndefined();
		expect(await v11(store.db, 'A', 'case_versions')).toBeUndefined();
		const left = await store.db.one<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM cases WHERE len(stappen) > 0 OR len(reacties) > 0 OR besluit_door IS NOT NULL`
		);
		expect(left!.n).toBe(0);
		expect(await countCases(store.db)).toBe(1);
	});
});

describe('backup and restore', () => {
	it('keep the version 1.1 columns, their stored versions and the contact register', async () => {
		await imported([v11Row('A')]);
		await imported([v11Row('A', SECOND_ROW)]);
		await store.db.run(
			`INSERT INTO contacts (gemeente, organisatie, functie, contact, mandaat, antwoordtermijn, updated_by)
			 VALUES ($gemeente, $organisatie, $functie, $contact, $mandaat, $termijn, $by)`,
			{
				gemeente: 'GM0080',
				organisatie: 'UWV',
				functie: 'Regisseur maatwerk',
				contact: 'maatwerk@uwv.example',
				mandaat: 'Voorschot tot 2.000 euro',
				termijn: 3,
				by: 'test'
			}
		);
		await store.db.run(`UPDATE kwesties SET kind = 'structurele_oplossing'`);
		const { path: backup } = await backupDatabase(store.db, store.file('backups'));
		const file = store.file('hersteld.duckdb');
		await restoreDatabase(backup, file);

		const restored = await openStore(file);
		try {
			expect(await v11(restored, 'A')).toEqual(SECOND);
			expect(await v11(restored, 'A', 'case_versions')).toEqual(FIRST);
			const contacts = await restored.all(
				'SELECT gemeente, organisatie, functie, contact, mandaat, antwoordtermijn, updated_by FROM contacts'
			);
			expect(contacts).toEqual([
				{
					gemeente: 'GM0080',
					organisatie: 'UWV',
					functie: 'Regisseur maatwerk',
					contact: 'maatwerk@uwv.example',
					mandaat: 'Voorschot tot 2.000 euro',
					antwoordtermijn: 3,
					updated_by: 'test'
				}
			]);
			const kinds = await restored.all<{ kind: string }>('SELECT DISTINCT kind FROM kwesties');
			expect(kinds.map((k) => k.kind)).toEqual(['structurele_oplossing']);
			// New contacts still get fresh ids and the default answer time after a restore.
			await restored.run(
				`INSERT INTO contacts (gemeente, organisatie, functie, contact, updated_by) VALUES ('GM0080', 'SVB', 'Klantadviseur', 'svb@svb.example', 'test')`
			);
			const ids = await restored.all<{ id: number; antwoordtermijn: number }>(
				'SELECT id::INTEGER AS id, antwoordtermijn FROM contacts ORDER BY id'
			);
			expect(ids).toHaveLength(2);
			expect(ids[1].id).toBeGreaterThan(ids[0].id);
			expect(ids[1].antwoordtermijn).toBe(2);
			// And a new case after the restore still gets the list defaults.
			const row = await restored.one<{ stappen: string }>(
				`INSERT INTO cases (id, gemeente, source, casus_id, aangemeld_op, status, leefgebieden, import_id)
				 VALUES (nextval('case_id_seq'), 'GM0080', 'x', 'N', DATE '2024-01-01', 'open', 1, 0) RETURNING stappen::VARCHAR AS stappen`
			);
			expect(row!.stappen).toBe('[]');
		} finally {
			restored.close();
		}
		expect(fs.existsSync(path.join(backup, 'schema.sql'))).toBe(true);
	});
});
