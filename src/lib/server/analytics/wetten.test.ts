/** Tests of the wetten view on a real DuckDB file: laws, knelpunten and levels, cross tables, articles, filters, reach. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTER, type CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import { caseRow, closeTempStore, importRows, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { reference } from '../reference';
import { groupArtikelen, wettenView } from './wetten';

const ALL: Reach = { all: true };
const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
const filter = (f: Partial<CaseFilter> = {}): CaseFilter => ({ ...EMPTY_FILTER, ...f });

describe('groupArtikelen', () => {
	it('groups articles under their law in vocabulary order, most named first, then in natural order', () => {
		const grouped = groupArtikelen(
			[
				{ artikel: 'Wmo 2015 art. 2.3.5', cases: 1 },
				{ artikel: 'Pw art. 18', cases: 1 },
				{ artikel: 'Pw art. 9', cases: 1 },
				{ artikel: 'Pw art. 20', cases: 4 }
			],
			reference().vocabularies.wetten
		);
		expect(grouped).toEqual([
			{
				wet: 'Pw',
				naam: 'Participatiewet',
				artikelen: [
					{ artikel: 'Pw art. 20', nummer: '20', cases: 4 },
					{ artikel: 'Pw art. 9', nummer: '9', cases: 1 },
					{ artikel: 'Pw art. 18', nummer: '18', cases: 1 }
				]
			},
			{
				wet: 'Wmo 2015',
				naam: 'Wet maatschappelijke ondersteuning 2015',
				artikelen: [{ artikel: 'Wmo 2015 art. 2.3.5', nummer: '2.3.5', cases: 1 }]
			}
		]);
	});
});

describe('wettenView', () => {
	let store: Store;

	beforeAll(async () => {
		store = await openTempStore();
		const result = await importRows(store, [
			caseRow('W1', {
				aangemeld_op: '2024-01-10',
				wetten: 'Pw art. 18|Pw art. 20|Wmo 2015',
				leefgebieden: 'financiën|wonen',
				knelpunt: '2A',
				route: 'Casusteam'
			}),
			caseRow('W2', {
				aangemeld_op: '2024-05-01',
				wetten: 'Participatiewet artikel 18',
				leefgebieden: 'financiën',
				knelpunt: '3'
			}),
			caseRow('W3', {
				aangemeld_op: '2025-02-01',
				wetten: 'Wmo 2015 art. 2.3.5|huurtoeslag',
				leefgebieden: 'wonen|psychische gezondheid',
				knelpunt: '5'
			}),
			caseRow('W4', { aangemeld_op: '2025-03-01', leefgebieden: 'zelfzorg' }),
			caseRow('W5', {
				aangemeld_op: '2025-04-01',
				wetten: 'Jw',
				leefgebieden: 'opvoeden en opgroeien',
				knelpunt: '2B'
			}),
			caseRow('U1', {
				gemeente: 'GM0344',
				aangemeld_op: '2024-03-03',
				wetten: 'Pw art. 18|Vw 2000',
				leefgebieden: 'verblijf',
				knelpunt: '4'
			})
		]);
		expect(result.status).toBe('imported');
	});

	afterAll(() => closeTempStore(store));

	it('counts cases per law in vocabulary order, with name and ministry', async () => {
		const view = await wettenView(store.db, LEEUWARDEN, filter());
		expect(view.cases).toBe(5);
		expect(view.withWet).toBe(4);
		expect(view.wetten).toEqual([
			{ code: 'Pw', naam: 'Participatiewet', ministerie: 'SZW', cases: 2 },
			{ code: 'Jw', naam: 'Jeugdwet', ministerie: 'VWS', cases: 1 },
			{ code: 'Wmo 2015', naam: 'Wet maatschappelijke ondersteuning 2015', ministerie: 'VWS', cases: 2 },
			{ code: 'Wht', naam: 'Wet op de huurtoeslag', ministerie: 'FIN', cases: 1 }
		]);
	});

	it('counts every knelpunt with its level, and the levels with the cases without knelpunt', async () => {
		const view = await wettenView(store.db, LEEUWARDEN, filter());
		expect(view.knelpunten.map((k) => [k.code, k.niveau, k.cases])).toEqual([
			['1', 'macro', 0],
			['2A', 'macro', 1],
			['2B', 'macro', 1],
			['3', 'meso', 1],
			['4', 'meso', 0],
			['5', 'micro', 1],
			['6', 'micro', 0]
		]);
		expect(view.knelpunten[3].omschrijving).toMatch(/^De samenwerking loopt niet soepel/);
		expect(view.niveaus).toEqual([
			{ niveau: 'macro', cases: 2 },
			{ niveau: 'meso', cases: 1 },
			{ niveau: 'micro', cases: 1 },
			{ niveau: 'geen', cases: 1 }
		]);
	});

	it('crosses laws with the knelpunt level and with leefgebieden', async () => {
		const view = await wettenView(store.db, LEEUWARDEN, filter());
		expect(view.wetNiveau).toEqual({
			rows: ['Pw', 'Jw', 'Wmo 2015', 'Wht'],
			columns: ['macro', 'meso', 'micro', 'geen'],
			cells: [
				[1, 1, 0, 0],
				[1, 0, 0, 0],
				[1, 0, 1, 0],
				[0, 0, 1, 0]
			]
		});
		// zelfzorg is only named by W4, which names no law: it is no column.
		expect(view.wetLeefgebied).toEqual({
			rows: ['Pw', 'Jw', 'Wmo 2015', 'Wht'],
			columns: ['financiën', 'wonen', 'psychische gezondheid', 'opvoeden en opgroeien'],
			cells: [
				[2, 1, 0, 0],
				[0, 0, 0, 1],
				[1, 2, 1, 0],
				[0, 1, 1, 0]
			]
		});
	});

	it('counts the articles named, grouped under their law', async () => {
		const view = await wettenView(store.db, LEEUWARDEN, filter());
		expect(view.artikelen).toEqual([
			{
				wet: 'Pw',
				naam: 'Participatiewet',
				artikelen: [
					{ artikel: 'Pw art. 18', nummer: '18', cases: 2 },
					{ artikel: 'Pw art. 20', nummer: '20', cases: 1 }
				]
			},
			{
				wet: 'Wmo 2015',
				naam: 'Wet maatschappelijke ondersteuning 2015',
				artikelen: [{ artikel: 'Wmo 2015 art. 2.3.5', nummer: '2.3.5', cases: 1 }]
			}
		]);
	});

	it('offers every figure as a table with an id prefixed wetten-', async () => {
		const { tables } = await wettenView(store.db, LEEUWARDEN, filter());
		expect(tables.map((t) => t.id)).toEqual([
			'wetten-wetten',
			'wetten-niveaus',
			'wetten-knelpunten',
			'wetten-wet-niveau',
			'wetten-wet-leefgebied',
			'wetten-artikelen',
			'wetten-knelpunten-kwartalen',
			'wetten-wetten-kwartalen'
		]);
		const byId = Object.fromEntries(tables.map((t) => [t.id, t]));
		expect(byId['wetten-wetten'].rows[0]).toEqual({
			code: 'Pw',
			naam: 'Participatiewet',
			ministerie: 'Ministerie van Sociale Zaken en Werkgelegenheid',
			casussen: 2
		});
		expect(byId['wetten-wet-niveau'].rows[2]).toEqual({
			wet: 'Wet maatschappelijke ondersteuning 2015 (Wmo 2015)',
			macro: 1,
			meso: 0,
			micro: 1,
			geen: 0,
			totaal: 2
		});
		expect(byId['wetten-wet-leefgebied'].rows[0]).toMatchObject({
			'leefgebied-financiën': 2,
			'leefgebied-wonen': 1,
			totaal: 2
		});
		expect(byId['wetten-artikelen'].rows).toEqual([
			{ artikel: 'Pw art. 18', wet: 'Participatiewet', casussen: 2 },
			{ artikel: 'Pw art. 20', wet: 'Participatiewet', casussen: 1 },
			{ artikel: 'Wmo 2015 art. 2.3.5', wet: 'Wet maatschappelijke ondersteuning 2015', casussen: 1 }
		]);
	});

	it('counts laws and knelpunten per quarter of aanmelding, every quarter in between included', async () => {
		const { trends, tables } = await wettenView(store.db, LEEUWARDEN, filter());
		expect(trends).toEqual({
			quarters: ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2'],
			wetten: [
				{ code: 'Pw', cases: [1, 1, 0, 0, 0, 0] },
				{ code: 'Jw', cases: [0, 0, 0, 0, 0, 1] },
				{ code: 'Wmo 2015', cases: [1, 0, 0, 0, 1, 0] },
				{ code: 'Wht', cases: [0, 0, 0, 0, 1, 0] }
			],
			knelpunten: [
				{ code: '2A', cases: [1, 0, 0, 0, 0, 0] },
				{ code: '2B', cases: [0, 0, 0, 0, 0, 1] },
				{ code: '3', cases: [0, 1, 0, 0, 0, 0] },
				{ code: '5', cases: [0, 0, 0, 0, 1, 0] }
			]
		});
		const byId = Object.fromEntries(tables.map((t) => [t.id, t]));
		const knelpunten = byId['wetten-knelpunten-kwartalen'];
		expect(knelpunten.columns.map((c) => c.label)).toEqual([
			'Kwartaal',
			'2A (macro)',
			'2B (macro)',
			'3 (meso)',
			'5 (micro)'
		]);
		expect(knelpunten.rows[0]).toEqual({
			kwartaal: '2024-Q1',
			'knelpunt-2A': 1,
			'knelpunt-2B': 0,
			'knelpunt-3': 0,
			'knelpunt-5': 0
		});
		const wetten = byId['wetten-wetten-kwartalen'];
		expect(wetten.columns[1]).toEqual({ key: 'wet-Pw', label: 'Participatiewet', kind: 'count' });
		expect(wetten.rows.map((r) => r['wet-Wmo 2015'])).toEqual([1, 0, 0, 0, 1, 0]);
		// Utrecht's U1 (2024-Q1, Pw and Vw 2000) counts only for a reach that holds it.
		const all = await wettenView(store.db, { all: true }, filter());
		expect(all.trends.wetten.find((w) => w.code === 'Pw')!.cases).toEqual([2, 1, 0, 0, 0, 0]);
		expect(all.trends.wetten.map((w) => w.code)).toContain('Vw 2000');
		const filtered = await wettenView(store.db, LEEUWARDEN, filter({ from: '2025-01-01' }));
		expect(filtered.trends.quarters).toEqual(['2025-Q1', '2025-Q2']);
		expect(filtered.trends.knelpunten.map((k) => k.code)).toEqual(['2B', '5']);
	});

	it('applies the filters', async () => {
		const macro = await wettenView(store.db, LEEUWARDEN, filter({ knelpunt: '2A' }));
		expect(macro.cases).toBe(1);
		expect(macro.wetten.map((w) => [w.code, w.cases])).toEqual([
			['Pw', 1],
			['Wmo 2015', 1]
		]);
		expect(macro.knelpunten.filter((k) => k.cases > 0).map((k) => k.code)).toEqual(['2A']);

		const recent = await wettenView(store.db, LEEUWARDEN, filter({ from: '2025-01-01' }));
		expect(recent.cases).toBe(3);
		expect(recent.withWet).toBe(2);
		expect(recent.wetten.map((w) => [w.code, w.cases])).toEqual([
			['Jw', 1],
			['Wmo 2015', 1],
			['Wht', 1]
		]);
		expect(recent.artikelen.flatMap((w) => w.artikelen.map((a) => a.artikel))).toEqual([
			'Wmo 2015 art. 2.3.5'
		]);

		const route = await wettenView(store.db, LEEUWARDEN, filter({ route: 'casusteam' }));
		expect(route.cases).toBe(1);
		expect(route.niveaus.find((n) => n.niveau === 'macro')?.cases).toBe(1);
	});

	it('never counts a gemeente outside the reach, and counts it for a reach that holds it', async () => {
		const outside = await wettenView(store.db, LEEUWARDEN, filter({ gemeente: 'GM0344' }));
		expect(outside.cases).toBe(0);
		expect(outside.wetten).toEqual([]);
		const leeuwarden = await wettenView(store.db, LEEUWARDEN, filter());
		expect(leeuwarden.wetten.map((w) => w.code)).not.toContain('Vw 2000');
		expect(leeuwarden.knelpunten.find((k) => k.code === '4')?.cases).toBe(0);

		const all = await wettenView(store.db, ALL, filter());
		expect(all.cases).toBe(6);
		expect(all.wetten.find((w) => w.code === 'Pw')?.cases).toBe(3);
		expect(all.wetten.find((w) => w.code === 'Vw 2000')).toMatchObject({ ministerie: 'JenV', cases: 1 });
		expect(all.artikelen[0].artikelen[0]).toEqual({ artikel: 'Pw art. 18', nummer: '18', cases: 3 });
		expect(all.wetLeefgebied.columns).toContain('verblijf');
	});

	it('gives empty figures, not an error, when nothing matches', async () => {
		const view = await wettenView(store.db, LEEUWARDEN, filter({ from: '2030-01-01' }));
		expect(view).toMatchObject({
			cases: 0,
			withWet: 0,
			wetten: [],
			artikelen: [],
			wetNiveau: { rows: [], cells: [] },
			wetLeefgebied: { rows: [], columns: [], cells: [] }
		});
		expect(view.niveaus.every((n) => n.cases === 0)).toBe(true);
		expect(view.knelpunten).toHaveLength(7);
		expect(view.knelpunten.every((k) => k.cases === 0)).toBe(true);
		const rowsPerTable = Object.fromEntries(view.tables.map((t) => [t.id, t.rows.length]));
		expect(rowsPerTable).toMatchObject({
			'wetten-wetten': 0,
			'wetten-wet-niveau': 0,
			'wetten-wet-leefgebied': 0,
			'wetten-artikelen': 0,
			'wetten-knelpunten-kwartalen': 0,
			'wetten-wetten-kwartalen': 0
		});
		expect(view.trends).toEqual({ quarters: [], wetten: [], knelpunten: [] });
	});
});
