/** Tests of the besluiten view and of the decision dimensions of the counts on a real DuckDB file: levels, kaders, instruments, laws, four eyes, the answer, reach, filters and disclosure control. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTER, type CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import type { DataTable } from '$lib/domain/table';
import {
	caseRow,
	closeTempStore,
	importRows,
	openTempStore,
	type Row,
	type Store
} from '../ingest/fixtures/helpers';
import { protectDataTable } from '../disclosure/tables';
import { countsByLabel } from './counts';
import { besluitenView, summaryOf, type BesluitenView, type LevelFigures } from './decisions';

const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
const filter = (f: Partial<CaseFilter> = {}): CaseFilter => ({ ...EMPTY_FILTER, ...f });

const decided = (
	id: string,
	fields: {
		door?: string;
		kaders?: string;
		instrument?: string;
		ogen?: string;
		wetten?: string;
		escalatie?: string;
		status?: string;
	}
): Row =>
	caseRow(id, {
		besluit_door: fields.door ?? '',
		binnen_kaders: fields.kaders ?? '',
		instrument: fields.instrument ?? '',
		vier_ogen: fields.ogen ?? '',
		wetten: fields.wetten ?? '',
		escalatie: fields.escalatie ?? '',
		status: fields.status ?? 'afgerond'
	});

/*
 * Leeuwarden (GM0080):
 *   L1 professional      ja   -                         vier ogen ja   Pw        team          afgerond
 *   L2 professional      nee  hardheidsclausule+voorschot        nee   Pw, Jw    lokale_tafel  afgerond
 *   L3 teamleider        nee  voorschot                          ja    Pw        lokale_tafel  open
 *   L4 omo_functionaris  ja   -                                  -     Jw        lokale_tafel  afgerond
 *   L5 -                 -    -                                  -     -         -             open (route Noord)
 *   L6 -                 nee  coulance                           -     Wmo 2015  bestuurlijk   afgerond
 * Utrecht (GM0344), outside the Leeuwarden reach: U1 college, nee, voorschot, ja, Pw, bestuurlijk.
 */
const FIXTURE: Row[] = [
	decided('L1', { door: 'professional', kaders: 'ja', ogen: 'ja', wetten: 'Pw', escalatie: 'team' }),
	decided('L2', {
		door: 'professional',
		kaders: 'nee',
		instrument: 'hardheidsclausule|voorschot',
		ogen: 'nee',
		wetten: 'Pw|Jw',
		escalatie: 'lokale_tafel'
	}),
	decided('L3', {
		door: 'teamleider',
		kaders: 'n',
		instrument: 'voorschot',
		ogen: 'j',
		wetten: 'Pw',
		escalatie: 'lokale_tafel',
		status: 'open'
	}),
	decided('L4', { door: 'omo_functionaris', kaders: 'ja', wetten: 'Jw', escalatie: 'lokale_tafel' }),
	{ ...decided('L5', { status: 'open' }), route: 'Noord' },
	decided('L6', { kaders: 'nee', instrument: 'coulance', wetten: 'Wmo 2015', escalatie: 'bestuurlijk' }),
	{
		...decided('U1', {
			door: 'college',
			kaders: 'nee',
			instrument: 'voorschot',
			ogen: 'ja',
			wetten: 'Pw',
			escalatie: 'bestuurlijk'
		}),
		gemeente: 'GM0344'
	}
];

const tableOf = (view: BesluitenView, id: string): DataTable => view.tables.find((t) => t.id === id)!;
const rowsOf = (view: BesluitenView, id: string) => tableOf(view, id).rows;
const brief = (l: LevelFigures) => ({
	label: l.label,
	cases: l.cases,
	kaders: l.kaders,
	vierOgen: l.vierOgen
});

describe('besluitenView', () => {
	let store: Store;

	beforeEach(async () => {
		store = await openTempStore();
		const result = await importRows(store, FIXTURE);
		expect(result.status).toBe('imported');
	});

	afterEach(() => closeTempStore(store));

	it('counts the levels that occur in vocabulary order, then the cases without one, within the reach', async () => {
		const view = await besluitenView(store.db, LEEUWARDEN, filter());
		expect(view.cases).toBe(6);
		expect(view.withDecision).toBe(5);
		// college occurs only in Utrecht; tafel, management and the others not at all.
		expect(view.levels.map(brief)).toEqual([
			{
				label: 'De professional zelf',
				cases: 2,
				kaders: { ja: 1, nee: 1, onbekend: 0 },
				vierOgen: { ja: 1, nee: 1, onbekend: 0 }
			},
			{
				label: 'Teamleider of afdelingshoofd',
				cases: 1,
				kaders: { ja: 0, nee: 1, onbekend: 0 },
				vierOgen: { ja: 1, nee: 0, onbekend: 0 }
			},
			{
				label: 'OMO-functionaris',
				cases: 1,
				kaders: { ja: 1, nee: 0, onbekend: 0 },
				vierOgen: { ja: 0, nee: 0, onbekend: 1 }
			},
			{
				label: 'Niet vastgelegd',
				cases: 2,
				kaders: { ja: 0, nee: 1, onbekend: 1 },
				vierOgen: { ja: 0, nee: 0, onbekend: 2 }
			}
		]);
		expect(brief(view.total)).toEqual({
			label: 'Alle casussen',
			cases: 6,
			kaders: { ja: 2, nee: 3, onbekend: 1 },
			vierOgen: { ja: 2, nee: 1, onbekend: 3 }
		});
	});

	it('crosses who decided with the highest step, steps in ladder order and the cases without a step last', async () => {
		const view = await besluitenView(store.db, LEEUWARDEN, filter());
		expect(view.steps.map((s) => s.key)).toEqual(['team', 'lokale_tafel', 'bestuurlijk', 'geen_trede']);
		expect(rowsOf(view, 'besluiten-niveau-trede')).toEqual([
			{ niveau: 'De professional zelf', team: 1, lokale_tafel: 1, bestuurlijk: 0, geen_trede: 0, totaal: 2 },
			{
				niveau: 'Teamleider of afdelingshoofd',
				team: 0,
				lokale_tafel: 1,
				bestuurlijk: 0,
				geen_trede: 0,
				totaal: 1
			},
			{ niveau: 'OMO-functionaris', team: 0, lokale_tafel: 1, bestuurlijk: 0, geen_trede: 0, totaal: 1 },
			{ niveau: 'Niet vastgelegd', team: 0, lokale_tafel: 0, bestuurlijk: 1, geen_trede: 1, totaal: 2 },
			{ niveau: 'Alle casussen', team: 1, lokale_tafel: 3, bestuurlijk: 1, geen_trede: 1, totaal: 6 }
		]);
	});

	it('gives inside and outside the kaders per level with the share outside the known ones', async () => {
		const view = await besluitenView(store.db, LEEUWARDEN, filter());
		expect(rowsOf(view, 'besluiten-kaders-niveau')).toEqual([
			{ niveau: 'De professional zelf', ja: 1, nee: 1, onbekend: 0, bekend: 2, aandeel: 50, totaal: 2 },
			{
				niveau: 'Teamleider of afdelingshoofd',
				ja: 0,
				nee: 1,
				onbekend: 0,
				bekend: 1,
				aandeel: 100,
				totaal: 1
			},
			{ niveau: 'OMO-functionaris', ja: 1, nee: 0, onbekend: 0, bekend: 1, aandeel: 0, totaal: 1 },
			{ niveau: 'Niet vastgelegd', ja: 0, nee: 1, onbekend: 1, bekend: 1, aandeel: 100, totaal: 2 },
			{ niveau: 'Alle casussen', ja: 2, nee: 3, onbekend: 1, bekend: 5, aandeel: 60, totaal: 6 }
		]);
	});

	it('counts a case under each of its instruments, and once among the cases with an instrument', async () => {
		const view = await besluitenView(store.db, LEEUWARDEN, filter());
		expect(rowsOf(view, 'besluiten-instrumenten')).toEqual([
			{ instrument: 'Hardheidsclausule', ja: 0, nee: 1, onbekend: 0, bekend: 1, aandeel: 100, totaal: 1 },
			{ instrument: 'Voorschot', ja: 0, nee: 2, onbekend: 0, bekend: 2, aandeel: 100, totaal: 2 },
			{ instrument: 'Coulance', ja: 0, nee: 1, onbekend: 0, bekend: 1, aandeel: 100, totaal: 1 },
			{
				instrument: 'Alle casussen met een instrument',
				ja: 0,
				nee: 3,
				onbekend: 0,
				bekend: 3,
				aandeel: 100,
				totaal: 3
			}
		]);
	});

	it('lists the law set aside most often first, then by cases', async () => {
		const view = await besluitenView(store.db, LEEUWARDEN, filter());
		expect(rowsOf(view, 'besluiten-wetten').map((r) => [r.wet, r.nee, r.ja, r.totaal])).toEqual([
			['Participatiewet (Pw)', 2, 1, 3],
			['Jeugdwet (Jw)', 1, 1, 2],
			['Wet maatschappelijke ondersteuning 2015 (Wmo 2015)', 1, 0, 1]
		]);
	});

	it('gives the share with four eyes over ja and nee, the cases without counted apart', async () => {
		const view = await besluitenView(store.db, LEEUWARDEN, filter());
		const rows = rowsOf(view, 'besluiten-vier-ogen');
		expect(rows.at(-1)).toEqual({
			niveau: 'Alle casussen',
			ja: 2,
			nee: 1,
			onbekend: 3,
			bekend: 3,
			aandeel: 66.7,
			totaal: 6
		});
		// Without a known answer there is no share, not a share of 0.
		expect(rows.find((r) => r.niveau === 'OMO-functionaris')?.aandeel).toBeNull();
	});

	it('answers first with the key figure', async () => {
		const view = await besluitenView(store.db, LEEUWARDEN, filter());
		expect(view.summary).toBe(
			'Van de 5 besluiten met bekende kaders vielen er 3 buiten de kaders; Pw werd het vaakst opzijgezet. ' +
				'Bij 2 van de 3 besluiten waarvan het bekend is, keek een tweede persoon mee (vier ogen: 67%); ' +
				'bij 3 is dat niet vastgelegd.'
		);
	});

	it('follows the status filter; laws tied on cases outside keep the vocabulary order', async () => {
		const view = await besluitenView(store.db, LEEUWARDEN, filter({ status: 'afgerond' }));
		expect(view.cases).toBe(4);
		expect(view.total.kaders).toEqual({ ja: 2, nee: 2, onbekend: 0 });
		expect(view.laws.map((l) => [l.code, l.kaders.nee, l.cases])).toEqual([
			['Pw', 1, 2],
			['Jw', 1, 2],
			['Wmo 2015', 1, 1]
		]);
		expect(view.summary).toMatch(
			/^Van de 4 besluiten .* vielen er 2 buiten de kaders; Pw, Jw en Wmo 2015 werden/
		);
	});

	it('says there are no decisions where the selected cases carry none of the version 1.1 columns', async () => {
		const view = await besluitenView(store.db, LEEUWARDEN, filter({ route: 'Noord' }));
		expect(view.cases).toBe(1);
		expect(view.withDecision).toBe(0);
		expect(view.summary).toBe('');
		expect(view.instruments).toEqual([]);
		expect(view.laws).toEqual([]);
		expect(rowsOf(view, 'besluiten-instrumenten')).toEqual([]);
	});

	it('counts the other municipality only within its own reach', async () => {
		const view = await besluitenView(store.db, { all: true }, filter({ gemeente: 'GM0344' }));
		expect(view.levels.map((l) => [l.level, l.cases])).toEqual([['college', 1]]);
		expect(view.summary).toMatch(/^Van de 1 besluit met bekende kaders viel er 1 buiten de kaders; Pw werd/);
	});
});

describe('summaryOf', () => {
	const level = (kaders: [number, number, number], ogen: [number, number, number]): LevelFigures => ({
		level: null,
		label: 'Alle casussen',
		cases: kaders[0] + kaders[1] + kaders[2],
		kaders: { ja: kaders[0], nee: kaders[1], onbekend: kaders[2] },
		vierOgen: { ja: ogen[0], nee: ogen[1], onbekend: ogen[2] },
		steps: {}
	});

	it('says none fell outside, and leaves four eyes out where none is known', () => {
		expect(summaryOf(level([4, 0, 1], [0, 0, 5]), [])).toBe(
			'Van de 4 besluiten met bekende kaders vielen er geen buiten de kaders.'
		);
	});

	it('says so where no decision records the kaders, and every decision has four eyes without unknowns', () => {
		expect(summaryOf(level([0, 0, 2], [2, 0, 0]), [])).toBe(
			'Bij geen enkel besluit is vastgelegd of de oplossing binnen de kaders bleef. ' +
				'Bij 2 van de 2 besluiten waarvan het bekend is, keek een tweede persoon mee (vier ogen: 100%).'
		);
	});
});

describe('countsByLabel for the decision dimensions', () => {
	let store: Store;

	beforeEach(async () => {
		store = await openTempStore();
		expect((await importRows(store, FIXTURE)).status).toBe('imported');
	});

	afterEach(() => closeTempStore(store));

	it('counts who decided in vocabulary order; cases without a level count in the total only', async () => {
		expect(await countsByLabel(store.db, 'besluit_door', LEEUWARDEN, filter())).toEqual({
			dimension: 'besluit_door',
			counts: [
				{ label: 'professional', cases: 2 },
				{ label: 'teamleider', cases: 1 },
				{ label: 'omo_functionaris', cases: 1 }
			],
			cases: 6
		});
	});

	it('counts ja, nee and onbekend in that order, unknown being empty', async () => {
		const kaders = await countsByLabel(store.db, 'binnen_kaders', LEEUWARDEN, filter());
		expect(kaders.counts).toEqual([
			{ label: 'ja', cases: 2 },
			{ label: 'nee', cases: 3 },
			{ label: 'onbekend', cases: 1 }
		]);
		const ogen = await countsByLabel(store.db, 'vier_ogen', LEEUWARDEN, filter({ status: 'afgerond' }));
		expect(ogen).toEqual({
			dimension: 'vier_ogen',
			counts: [
				{ label: 'ja', cases: 1 },
				{ label: 'nee', cases: 1 },
				{ label: 'onbekend', cases: 2 }
			],
			cases: 4
		});
	});

	it('counts instruments from their bitmask, a case under each of its instruments', async () => {
		expect(await countsByLabel(store.db, 'instrument', LEEUWARDEN, filter())).toEqual({
			dimension: 'instrument',
			counts: [
				{ label: 'hardheidsclausule', cases: 1 },
				{ label: 'voorschot', cases: 2 },
				{ label: 'coulance', cases: 1 }
			],
			cases: 6
		});
	});
});

describe('the besluiten tables under disclosure control', () => {
	let store: Store;

	afterEach(() => closeTempStore(store));

	it('hides a share from fewer than 8 known cases, and one beside a hidden count of its row', async () => {
		store = await openTempStore();
		const management = Array.from({ length: 10 }, (_, i) =>
			decided(`M${i}`, {
				door: 'management',
				kaders: 'ja',
				ogen: i < 9 ? 'ja' : 'nee',
				escalatie: 'bestuurlijk'
			})
		);
		const tafel = Array.from({ length: 3 }, (_, i) =>
			decided(`T${i}`, { door: 'tafel', kaders: 'nee', ogen: 'ja', escalatie: 'lokale_tafel' })
		);
		expect((await importRows(store, [...management, ...tafel])).status).toBe('imported');
		const view = await besluitenView(store.db, LEEUWARDEN, filter());
		const protect = (id: string) => protectDataTable(tableOf(view, id), { cases: view.cases }).rows;

		const [tafelRow, managementRow] = protect('besluiten-kaders-niveau');
		expect(tafelRow).toMatchObject({
			niveau: 'De lokale tafel als geheel',
			nee: 'geheim',
			aandeel: 'geheim'
		});
		// Management's 10 known cases are hidden beside the table's 13 (which would give the table's 3 back), and
		// a share beside a hidden count goes with it: with a published part it would give that count back.
		expect(managementRow).toMatchObject({
			niveau: 'Directie of managementteam',
			bekend: 'geheim',
			nee: 0,
			aandeel: 'geheim'
		});
		const [tafelOgen, managementOgen] = protect('besluiten-vier-ogen');
		expect(tafelOgen).toMatchObject({ ja: 'geheim', aandeel: 'geheim' });
		// 9 of 10 with four eyes: the 1 without is secret, and so is the share (90% of 10 would give it back).
		expect(managementOgen).toMatchObject({ nee: 'geheim', aandeel: 'geheim' });
	});
});
