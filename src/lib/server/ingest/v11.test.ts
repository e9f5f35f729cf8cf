/** Import of the version 1.1 columns: parsing, every rule with its Dutch message, and what a re-import keeps. */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { V11_COLUMNS } from './columns';
import {
	caseRow,
	closeTempStore,
	FIXTURES,
	importRows,
	openTempStore,
	runImport,
	type Row,
	type Store
} from './fixtures/helpers';

let store: Store;
beforeEach(async () => {
	store = await openTempStore();
});
afterEach(() => closeTempStore(store));

interface Stored {
	casus_id: string;
	besluit_door: string | null;
	binnen_kaders: boolean | null;
	instrumenten: string;
	vier_ogen: boolean | null;
	escalatie: string | null;
	stappen: string;
	reacties: string;
	vermeden_posten: string;
	kwijtgescholden: string | null;
}

async function stored(casusId: string): Promise<Stored> {
	const row = await store.db.one<Stored>(
		`SELECT casus_id, besluit_door, binnen_kaders, instrumenten::VARCHAR AS instrumenten, vier_ogen, escalatie,
			stappen::VARCHAR AS stappen, reacties::VARCHAR AS reacties, vermeden_posten::VARCHAR AS vermeden_posten,
			kwijtgescholden::VARCHAR AS kwijtgescholden
		 FROM cases WHERE casus_id = $id`,
		{ id: casusId }
	);
	if (!row) throw new Error(`case ${casusId} not stored`);
	return row;
}

/** The problems of a refused import of one row, as `column: message`. */
async function refusal(overrides: Row): Promise<string[]> {
	const result = await importRows(store, [caseRow('X', overrides)]);
	expect(result.status).toBe('refused');
	return result.problems.map((p) => `${p.column}: ${p.message}`);
}

/** Bit i of a mask for the i-th instrument of data/vocabulary/instrumenten.csv. */
const bits = (...positions: number[]) => String(positions.reduce((m, p) => m + 2 ** p, 0));

describe('the Zwolle sample of version 1.1', () => {
	it('imports whole, with every new column stored and no column set aside', async () => {
		const result = await runImport(store, path.join(FIXTURES, 'zwolle-2025-v11.csv'));
		expect(result.problems).toEqual([]);
		expect(result.warnings).toEqual([]);
		expect(result.inserted).toBe(12);
		expect(await stored('ZW-03')).toEqual({
			casus_id: 'ZW-03',
			besluit_door: 'omo_functionaris',
			binnen_kaders: false,
			// voorschot (5) and overbruggingsprocedure (6)
			instrumenten: bits(5, 6),
			vier_ogen: false,
			escalatie: 'bestuurlijk',
			stappen:
				"[{'stap': maatwerkcoach, 'op': 2025-03-03}, {'stap': lokale_tafel, 'op': 2025-03-10}, {'stap': bestuurlijk, 'op': 2025-03-17}]",
			reacties:
				"[{'organisatie': UWV, 'gevraagd': 2025-03-03, 'beantwoord': 2025-03-10}, {'organisatie': SVB, 'gevraagd': 2025-03-04, 'beantwoord': 2025-03-05}]",
			vermeden_posten: '[]',
			kwijtgescholden: null
		});
		const open = await stored('ZW-06');
		expect(open.reacties).toBe("[{'organisatie': UWV, 'gevraagd': 2025-06-02, 'beantwoord': NULL}]");
		expect(open.binnen_kaders).toBeNull();
	});
});

describe('values of the new columns', () => {
	it('reads yes/no in every accepted spelling, levels and steps by code, name, synonym or number', async () => {
		const result = await importRows(store, [
			caseRow('A', {
				binnen_kaders: 'J',
				vier_ogen: 'false',
				besluit_door: 'Wethouder',
				stappen: '1@03-01-2024|3@05-01-2024'
			}),
			caseRow('B', {
				binnen_kaders: 'TRUE',
				vier_ogen: '0',
				besluit_door: 'College van B&W',
				stappen: 'wijkteam@2024-01-03'
			}),
			caseRow('C', {
				binnen_kaders: 'nee',
				vier_ogen: 'Ja',
				besluit_door: 'LET',
				instrument: 'Time-out|hardheid|time_out'
			})
		]);
		expect(result.problems).toEqual([]);
		const [a, b, c] = await Promise.all(['A', 'B', 'C'].map(stored));
		expect([a.binnen_kaders, a.vier_ogen, a.besluit_door]).toEqual([true, false, 'portefeuillehouder']);
		expect([b.binnen_kaders, b.vier_ogen, b.besluit_door]).toEqual([true, false, 'college']);
		expect([c.binnen_kaders, c.vier_ogen, c.besluit_door]).toEqual([false, true, 'let']);
		// hardheidsclausule (0) and time_out (4), named twice, count once
		expect(c.instrumenten).toBe(bits(0, 4));
		expect(a.stappen).toBe("[{'stap': team, 'op': 2024-01-03}, {'stap': lokale_tafel, 'op': 2024-01-05}]");
	});

	it('takes escalatie from the highest step where escalatie is empty', async () => {
		await importRows(store, [
			caseRow('A', { stappen: 'team@03-01-2024|maatwerkcoach@04-01-2024', escalatie: '' }),
			caseRow('B', { stappen: 'team@03-01-2024|maatwerkcoach@04-01-2024', escalatie: 'maatwerkcoach' })
		]);
		expect((await stored('A')).escalatie).toBe('maatwerkcoach');
		expect((await stored('B')).escalatie).toBe('maatwerkcoach');
	});

	it('adds up a post named twice and counts a post without a number once', async () => {
		await importRows(store, [
			caseRow('A', {
				vermeden_posten: 'uithuiszetting|Maatschappelijke_opvang_maand*6|maatschappelijke_opvang_maand * 2',
				voorgeschoten: '1.000',
				terugbetaald: '400',
				kwijtgescholden: '600'
			})
		]);
		const a = await stored('A');
		expect(a.vermeden_posten).toBe(
			"[{'post': uithuiszetting, 'aantal': 1}, {'post': maatschappelijke_opvang_maand, 'aantal': 8}]"
		);
		expect(a.kwijtgescholden).toBe('600.00');
	});

	it('accepts an answer on the day of the question and a question without an answer, with or without /', async () => {
		const result = await importRows(store, [
			caseRow('A', { reacties: 'UWV@06.01.2025/06.01.2025|SVB@07-01-2025/|Belastingdienst@07-01-2025' })
		]);
		expect(result.problems).toEqual([]);
		expect((await stored('A')).reacties).toBe(
			"[{'organisatie': UWV, 'gevraagd': 2025-01-06, 'beantwoord': 2025-01-06}, {'organisatie': SVB, 'gevraagd': 2025-01-07, 'beantwoord': NULL}, {'organisatie': Belastingdienst, 'gevraagd': 2025-01-07, 'beantwoord': NULL}]"
		);
	});
});

describe('every rule of version 1.1 refuses the row with a Dutch message', () => {
	it.each<[string, Row, string]>([
		[
			'besluit_door',
			{ besluit_door: 'burgemeester' },
			'besluit_door: Onbekend besluitniveau "burgemeester"; gebruik bijvoorbeeld professional, teamleider of college.'
		],
		['binnen_kaders', { binnen_kaders: 'misschien' }, 'binnen_kaders: binnen_kaders is ja of nee.'],
		['vier_ogen', { vier_ogen: '2' }, 'vier_ogen: vier_ogen is ja of nee.'],
		['instrument', { instrument: 'voorschot|toverstaf' }, 'instrument: Onbekend instrument "toverstaf".'],
		[
			'a step without a date',
			{ stappen: 'team' },
			'stappen: stappen: schrijf elke trede als trede@datum, bijvoorbeeld lokale_tafel@10-01-2025.'
		],
		[
			'an unknown step',
			{ stappen: 'team@03-01-2024|zolder@04-01-2024' },
			'stappen: Onbekende trede "zolder" in stappen.'
		],
		[
			'a date that does not exist',
			{ stappen: 'team@31-02-2024' },
			'stappen: stappen: geen geldige datum bij een trede; gebruik bijvoorbeeld 10-01-2025 of 2025-01-10.'
		],
		[
			'steps out of time order',
			{ stappen: 'team@10-01-2024|maatwerkcoach@05-01-2024', aangemeld_op: '01-01-2024' },
			'stappen: stappen: de treden staan niet in volgorde van datum.'
		],
		[
			'a step before aangemeld_op',
			{ stappen: 'team@02-01-2024', aangemeld_op: '03-01-2024' },
			'stappen: stappen: een trede ligt voor aangemeld_op.'
		],
		[
			'a step after afgerond_op',
			{ stappen: 'team@20-01-2024', status: 'afgerond', afgerond_op: '10-01-2024' },
			'stappen: stappen: een trede ligt na afgerond_op.'
		],
		[
			'a highest step unlike escalatie',
			{ stappen: 'team@03-01-2024|lokale_tafel@04-01-2024', escalatie: 'maatwerkcoach' },
			'stappen: stappen: de hoogste trede (lokale_tafel) is niet gelijk aan escalatie (maatwerkcoach).'
		],
		[
			'an answer date that does not exist',
			{ reacties: 'UWV@06-01-2025/30-02-2025' },
			'reacties: reacties: geen geldige datum; gebruik bijvoorbeeld 06-01-2025 of 2025-01-06 (niet met /).'
		],
		[
			'a response without @',
			{ reacties: 'UWV 06-01-2025' },
			'reacties: reacties: schrijf elke vraag als organisatie@gevraagd/beantwoord, bijvoorbeeld UWV@06-01-2025/08-01-2025 (datums met - of .).'
		],
		[
			'a date written with /',
			{ reacties: 'UWV@06/01/2025/08/01/2025' },
			'reacties: reacties: schrijf elke vraag als organisatie@gevraagd/beantwoord, bijvoorbeeld UWV@06-01-2025/08-01-2025 (datums met - of .).'
		],
		[
			'an unknown organisation',
			{ reacties: 'Bakker@06-01-2025/' },
			'reacties: Onbekende organisatie "Bakker" in reacties.'
		],
		[
			'an answer before the question',
			{ reacties: 'UWV@06-01-2025/03-01-2025' },
			'reacties: reacties: een antwoord ligt voor de vraag.'
		],
		[
			'a count of zero',
			{ vermeden_posten: 'uithuiszetting*0' },
			'vermeden_posten: vermeden_posten: schrijf post of post*aantal met een heel aantal vanaf 1, bijvoorbeeld maatschappelijke_opvang_maand*6.'
		],
		[
			'a broken count',
			{ vermeden_posten: 'uithuiszetting*1,5' },
			'vermeden_posten: vermeden_posten: schrijf post of post*aantal met een heel aantal vanaf 1, bijvoorbeeld maatschappelijke_opvang_maand*6.'
		],
		[
			'a negative forgiven amount',
			{ kwijtgescholden: '-5' },
			'kwijtgescholden: kwijtgescholden: geen geldig bedrag; gebruik bijvoorbeeld 1.234,56 (niet negatief, hoogstens twee decimalen).'
		],
		[
			'repaid and forgiven above the advance',
			{ voorgeschoten: '100', terugbetaald: '60', kwijtgescholden: '40,01' },
			'kwijtgescholden: terugbetaald en kwijtgescholden samen zijn hoger dan voorgeschoten.'
		]
	])('%s', async (_, overrides, message) => {
		expect(await refusal(overrides)).toEqual([message]);
		expect(await store.db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM cases')).toEqual({ n: 0 });
	});

	it('never quotes what looks like personal data in a message', async () => {
		const problems = await refusal({ reacties: 'j.jansen@example.nl@06-01-2025/' });
		expect(problems.join(' ')).not.toContain('jansen');
	});

	it('repaid and forgiven together equal to the advance is fine', async () => {
		const result = await importRows(store, [
			caseRow('A', { voorgeschoten: '100', terugbetaald: '60', kwijtgescholden: '40' })
		]);
		expect(result.problems).toEqual([]);
	});
});

describe('a re-import', () => {
	const full = caseRow('A', {
		besluit_door: 'teamleider',
		binnen_kaders: 'nee',
		instrument: 'coulance',
		vier_ogen: 'ja',
		stappen: 'team@03-01-2024',
		reacties: 'UWV@03-01-2024/04-01-2024',
		vermeden_posten: 'uithuiszetting',
		voorgeschoten: '50',
		kwijtgescholden: '50'
	});

	it('whose file lacks the version 1.1 columns keeps their stored values', async () => {
		await importRows(store, [full]);
		const before = await stored('A');
		const result = await importRows(store, [
			caseRow('A', { leefgebieden: 'financiën', voorgeschoten: '50' })
		]);
		expect(result.updated).toBe(1);
		expect(await stored('A')).toEqual(before);
	});

	it('with the columns present and empty clears them', async () => {
		await importRows(store, [full]);
		const empty = Object.fromEntries(V11_COLUMNS.map((c) => [c, '']));
		await importRows(store, [caseRow('A', { ...empty, voorgeschoten: '50' })]);
		expect(await stored('A')).toEqual({
			casus_id: 'A',
			besluit_door: null,
			binnen_kaders: null,
			instrumenten: '0',
			vier_ogen: null,
			escalatie: null,
			stappen: '[]',
			reacties: '[]',
			vermeden_posten: '[]',
			kwijtgescholden: null
		});
	});

	it('of a version 1 file gives new cases empty version 1.1 fields', async () => {
		await importRows(store, [caseRow('B')]);
		expect(await stored('B')).toMatchObject({
			besluit_door: null,
			instrumenten: '0',
			stappen: '[]',
			reacties: '[]'
		});
	});
});
