/** Tests of the organisaties view on a real DuckDB file: involvement, both diagonals, national agencies, filters, reach. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_FILTER, type CaseFilter } from '$lib/domain/filters';
import type { Reach } from '$lib/domain/roles';
import { caseRow, closeTempStore, importRows, openTempStore, type Store } from '../ingest/fixtures/helpers';
import { reference } from '../reference';
import { countsByLabel } from './counts';
import { cooccurrence } from './cooccurrence';
import { casesBySoort, ministriesPerCase, nationalAgencies, organisatiesView } from './organisaties';

const ALL: Reach = { all: true };
const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
const filter = (f: Partial<CaseFilter> = {}): CaseFilter => ({ ...EMPTY_FILTER, ...f });

describe('nationalAgencies and casesBySoort', () => {
	it('counts only the landelijke uitvoerders of a mask, three or more in one bucket', () => {
		const vocabulary = reference().vocabularies.organisaties;
		const mask = (...codes: string[]) => vocabulary.mask(codes);
		const groups = [
			{ mask: mask('gemeente', 'woningcorporatie', 'zorgverzekeraar'), cases: 5 },
			{ mask: mask('UWV', 'gemeente'), cases: 4 },
			{ mask: mask('UWV', 'SVB', 'woningcorporatie'), cases: 3 },
			{ mask: mask('Belastingdienst', 'IND', 'DUO', 'CIZ'), cases: 2 },
			{ mask: 0n, cases: 1 }
		];
		const national = nationalAgencies(groups, vocabulary);
		expect(national.codes).toEqual(['Belastingdienst', 'IND', 'SVB', 'DUO', 'UWV', 'CAK', 'CJIB', 'CIZ']);
		expect(national.perCase).toEqual([
			{ agencies: '0', cases: 6 },
			{ agencies: '1', cases: 4 },
			{ agencies: '2', cases: 3 },
			{ agencies: '3+', cases: 2 }
		]);
		expect(national.moreThanOne).toBe(5);
		expect(national.withAny).toBe(9);
		expect(casesBySoort(groups, vocabulary)).toEqual([
			{ soort: 'landelijke uitvoerder', cases: 9 },
			{ soort: 'gemeente', cases: 9 },
			{ soort: 'zorg', cases: 5 },
			{ soort: 'wonen', cases: 8 }
		]);
	});
});

describe('ministriesPerCase', () => {
	it('counts cases per number of ministries, four or more in one bucket, as the Stimulansz analysis did', () => {
		const ministeries = reference().vocabularies.ministeries;
		const mask = (...codes: string[]) => ministeries.mask(codes);
		expect(
			ministriesPerCase([
				{ mask: 0n, cases: 40 },
				{ mask: mask('SZW'), cases: 20 },
				{ mask: mask('SZW', 'FIN'), cases: 14 },
				{ mask: mask('VWS', 'JenV'), cases: 10 },
				{ mask: mask('SZW', 'FIN', 'VWS'), cases: 6 },
				{ mask: mask('SZW', 'FIN', 'VWS', 'JenV'), cases: 1 }
			])
		).toEqual([
			{ ministries: '0', cases: 40 },
			{ ministries: '1', cases: 20 },
			{ ministries: '2', cases: 24 },
			{ ministries: '3', cases: 6 },
			{ ministries: '4+', cases: 1 }
		]);
	});
});

describe('organisatiesView', () => {
	let store: Store;

	beforeAll(async () => {
		store = await openTempStore();
		const result = await importRows(store, [
			caseRow('O1', {
				aangemeld_op: '2024-01-10',
				organisaties: 'Belastingdienst|UWV|gemeente',
				ministeries: 'FIN|SZW',
				route: 'Casusteam',
				status: 'afgerond',
				afgerond_op: '2024-02-01'
			}),
			caseRow('O2', {
				aangemeld_op: '2024-05-05',
				organisaties: 'Toeslagen|UWV|SVB|corporatie',
				ministeries: 'sociale zaken',
				reacties: 'UWV@10-05-2024/14-05-2024|SVB@13-05-2024/'
			}),
			caseRow('O3', {
				aangemeld_op: '2025-02-01',
				organisaties: 'UWV',
				ministeries: 'SZW',
				route: 'Casusteam',
				escalatie: 'lokale_tafel',
				status: 'ingetrokken',
				afgerond_op: '2025-02-02'
			}),
			caseRow('O4', {
				aangemeld_op: '2025-03-01',
				organisaties: 'woningcorporatie|zorgverzekeraar',
				status: 'afgerond',
				afgerond_op: '2025-04-01'
			}),
			caseRow('O5', {
				aangemeld_op: '2025-04-01',
				ministeries: 'VWS',
				status: 'afgerond',
				afgerond_op: '2025-04-02'
			}),
			caseRow('O6', {
				aangemeld_op: '2025-06-01',
				organisaties: 'IND|CAK',
				ministeries: 'JenV|VWS',
				knelpunt: '4',
				status: 'afgerond',
				afgerond_op: '2025-06-02'
			}),
			caseRow('U1', {
				gemeente: 'GM0344',
				aangemeld_op: '2025-01-01',
				organisaties: 'IND|UWV|Belastingdienst',
				ministeries: 'JenV',
				reacties: 'UWV@02-01-2025/'
			})
		]);
		expect(result.status).toBe('imported');
	});

	afterAll(() => closeTempStore(store));

	it('counts involvement per organisatie and per ministerie within the reach', async () => {
		const view = await organisatiesView(store.db, LEEUWARDEN, filter(), 'single');
		expect(view.cases).toBe(6);
		expect(view.involvement.organisaties).toEqual({
			dimension: 'organisaties',
			cases: 6,
			counts: [
				{ label: 'Belastingdienst', cases: 2 },
				{ label: 'IND', cases: 1 },
				{ label: 'SVB', cases: 1 },
				{ label: 'UWV', cases: 3 },
				{ label: 'CAK', cases: 1 },
				{ label: 'gemeente', cases: 1 },
				{ label: 'zorgverzekeraar', cases: 1 },
				{ label: 'woningcorporatie', cases: 2 }
			]
		});
		expect(view.involvement.ministeries.counts).toEqual([
			{ label: 'JenV', cases: 1 },
			{ label: 'SZW', cases: 3 },
			{ label: 'VWS', cases: 2 },
			{ label: 'FIN', cases: 1 }
		]);
		expect(view.organisaties.withLabel).toBe(5);
		expect(view.ministeries.withLabel).toBe(5);
		expect(view.bySoort).toEqual([
			{ soort: 'landelijke uitvoerder', cases: 4 },
			{ soort: 'gemeente', cases: 1 },
			{ soort: 'zorg', cases: 1 },
			{ soort: 'wonen', cases: 2 }
		]);
		// The same figures as the shared per-dimension queries give.
		for (const dimension of ['organisaties', 'ministeries'] as const) {
			expect(view.involvement[dimension]).toEqual(
				await countsByLabel(store.db, dimension, LEEUWARDEN, filter())
			);
		}
	});

	it('reads the diagonal as single-label cases or as every case, for both matrices', async () => {
		const single = await organisatiesView(store.db, LEEUWARDEN, filter(), 'single');
		expect(single.ministeries.labels).toEqual(['JenV', 'SZW', 'VWS', 'FIN']);
		expect(single.ministeries.matrix).toEqual([
			[0, 0, 1, 0],
			[0, 2, 0, 1],
			[1, 0, 1, 0],
			[0, 1, 0, 0]
		]);
		const org = single.organisaties;
		const cell = (a: string, b: string) => org.matrix[org.labels.indexOf(a)][org.labels.indexOf(b)];
		expect(cell('Belastingdienst', 'UWV')).toBe(2);
		expect(cell('UWV', 'Belastingdienst')).toBe(2);
		expect(cell('IND', 'CAK')).toBe(1);
		expect(cell('IND', 'UWV')).toBe(0);
		expect(org.labels.map((code) => cell(code, code))).toEqual([0, 0, 0, 1, 0, 0, 0, 0]);

		const total = await organisatiesView(store.db, LEEUWARDEN, filter(), 'total');
		expect(total.ministeries.matrix.map((row, i) => row[i])).toEqual([1, 3, 2, 1]);
		expect(total.ministeries.matrix[1][3]).toBe(1);
		expect(total.organisaties.labels.map((code, i) => total.organisaties.matrix[i][i])).toEqual([
			2, 1, 1, 3, 1, 1, 1, 2
		]);
		for (const diagonal of ['single', 'total'] as const) {
			const view = diagonal === 'single' ? single : total;
			for (const dimension of ['organisaties', 'ministeries'] as const) {
				expect(view[dimension]).toEqual(
					await cooccurrence(store.db, dimension, diagonal, LEEUWARDEN, filter())
				);
			}
		}
		expect(total.tables.find((t) => t.id === 'organisaties-matrix')!.caption).toContain(
			'alle casussen met deze organisatie'
		);
		expect(single.tables.find((t) => t.id === 'organisaties-matrix')!.caption).toContain(
			'alleen deze organisatie'
		);
	});

	it('counts the cases naming more than one landelijke uitvoerder', async () => {
		const view = await organisatiesView(store.db, LEEUWARDEN, filter(), 'single');
		expect(view.national.moreThanOne).toBe(3);
		expect(view.national.withAny).toBe(4);
		expect(view.national.perCase).toEqual([
			{ agencies: '0', cases: 2 },
			{ agencies: '1', cases: 1 },
			{ agencies: '2', cases: 2 },
			{ agencies: '3+', cases: 1 }
		]);
		const table = view.tables.find((t) => t.id === 'organisaties-landelijk')!;
		expect(table.rows).toEqual([
			{ aantal: '0', casussen: 2 },
			{ aantal: '1', casussen: 1 },
			{ aantal: '2', casussen: 2 },
			{ aantal: '3 of meer', casussen: 1 }
		]);
	});

	it('applies every filter', async () => {
		const view = (f: Partial<CaseFilter>) => organisatiesView(store.db, LEEUWARDEN, filter(f), 'single');
		const from2025 = await view({ from: '2025-01-01' });
		expect(from2025.cases).toBe(4);
		expect(from2025.national.moreThanOne).toBe(1);
		expect(from2025.involvement.organisaties.counts.map((c) => c.label)).toEqual([
			'IND',
			'UWV',
			'CAK',
			'zorgverzekeraar',
			'woningcorporatie'
		]);
		expect((await view({ to: '2024-05-05' })).national.moreThanOne).toBe(2);
		const casusteam = await view({ route: 'casusteam' });
		expect(casusteam.cases).toBe(2);
		expect(casusteam.involvement.organisaties.counts.find((c) => c.label === 'UWV')?.cases).toBe(2);
		expect((await view({ status: 'open' })).national.perCase[3]).toEqual({ agencies: '3+', cases: 1 });
		expect((await view({ escalatie: 'lokale_tafel' })).involvement.ministeries.counts).toEqual([
			{ label: 'SZW', cases: 1 }
		]);
		const knelpunt = await view({ knelpunt: '4' });
		expect(knelpunt.organisaties.labels).toEqual(['IND', 'CAK']);
		expect(knelpunt.national.moreThanOne).toBe(1);
		const utrecht = await organisatiesView(store.db, ALL, filter({ gemeente: 'GM0344' }), 'single');
		expect(utrecht.cases).toBe(1);
		expect(utrecht.national.perCase[3].cases).toBe(1);
	});

	it('never counts a gemeente outside the reach', async () => {
		const all = await organisatiesView(store.db, ALL, filter(), 'single');
		expect(all.cases).toBe(7);
		expect(all.national.moreThanOne).toBe(4);
		expect(all.involvement.organisaties.counts.find((c) => c.label === 'IND')?.cases).toBe(2);
		const leeuwarden = await organisatiesView(store.db, LEEUWARDEN, filter(), 'single');
		expect(leeuwarden.involvement.organisaties.counts.find((c) => c.label === 'IND')?.cases).toBe(1);
		const asked = await organisatiesView(store.db, LEEUWARDEN, filter({ gemeente: 'GM0344' }), 'total');
		expect(asked.cases).toBe(0);
		expect(asked.national.moreThanOne).toBe(0);
	});

	it('gives an empty answer, with every table present, when nothing matches', async () => {
		const empty = await organisatiesView(store.db, LEEUWARDEN, filter({ from: '2030-01-01' }), 'single');
		expect(empty.cases).toBe(0);
		expect(empty.organisaties).toMatchObject({ labels: [], matrix: [], withLabel: 0 });
		expect(empty.ministeries).toMatchObject({ labels: [], matrix: [], withLabel: 0 });
		expect(empty.involvement.organisaties.counts).toEqual([]);
		expect(empty.bySoort).toEqual([]);
		expect(empty.national).toMatchObject({ withAny: 0, moreThanOne: 0 });
		expect(empty.national.perCase.map((p) => p.cases)).toEqual([0, 0, 0, 0]);
		expect(empty.tables.map((t) => t.id)).toEqual([
			'organisaties-betrokkenheid',
			'organisaties-soort',
			'organisaties-landelijk',
			'organisaties-matrix',
			'organisaties-ministeries',
			'organisaties-ministeries-matrix',
			'organisaties-ministeries-per-casus',
			'organisaties-reactietijden'
		]);
		expect(empty.tables.find((t) => t.id === 'organisaties-matrix')!.rows).toEqual([]);
		expect(empty.responses).toEqual([]);
		expect(empty.ministriesPerCase.map((m) => m.cases)).toEqual([0, 0, 0, 0, 0]);
	});

	it('counts ministries per case within the filter and reach', async () => {
		const view = await organisatiesView(store.db, LEEUWARDEN, filter(), 'single');
		// O1 two, O2 one, O3 one, O4 none, O5 one, O6 two.
		expect(view.tables.find((t) => t.id === 'organisaties-ministeries-per-casus')!.rows).toEqual([
			{ aantal: '0', casussen: 1 },
			{ aantal: '1', casussen: 3 },
			{ aantal: '2', casussen: 2 },
			{ aantal: '3', casussen: 0 },
			{ aantal: '4 of meer', casussen: 0 }
		]);
		const all = await organisatiesView(store.db, ALL, filter(), 'single');
		expect(all.ministriesPerCase[1].cases).toBe(4);
	});

	it("holds partners' answer times against the promise, counted to the day asked for", async () => {
		// O2 asked UWV on Friday 10 May 2024 (answered Tuesday the 14th: 2 working days) and SVB on the
		// 13th, unanswered; U1 (Utrecht) asked UWV and never heard back.
		const early = await organisatiesView(store.db, LEEUWARDEN, filter(), 'single', '2024-05-15');
		expect(early.responses).toEqual([
			{
				organisation: 'SVB',
				asked: 1,
				answered: 0,
				medianWorkingDays: null,
				withinPromise: 0,
				promiseDays: 2,
				openPastPromise: 0
			},
			{
				organisation: 'UWV',
				asked: 1,
				answered: 1,
				medianWorkingDays: 2,
				withinPromise: 1,
				promiseDays: 2,
				openPastPromise: 0
			}
		]);
		const later = await organisatiesView(store.db, LEEUWARDEN, filter(), 'single', '2024-05-16');
		expect(later.responses[0].openPastPromise).toBe(1);
		expect(later.tables.find((t) => t.id === 'organisaties-reactietijden')!.rows[0]).toEqual({
			organisatie: 'Sociale Verzekeringsbank',
			gevraagd: 1,
			beantwoord: 0,
			mediaan: null,
			binnen: 0,
			termijn: 2,
			open: 1
		});
		const all = await organisatiesView(store.db, ALL, filter(), 'single', '2024-05-16');
		expect(all.responses.find((r) => r.organisation === 'UWV')?.asked).toBe(2);
	});

	it('names agencies and ministries by acronym in charts and by full name in tables', async () => {
		const view = await organisatiesView(store.db, LEEUWARDEN, filter(), 'single');
		expect(view.shortNames.organisaties.UWV).toBe('UWV');
		expect(view.shortNames.organisaties.gemeente).toBe('Gemeente');
		expect(view.shortNames.ministeries.VWS).toBe('VWS');
		const involvement = view.tables.find((t) => t.id === 'organisaties-betrokkenheid')!;
		expect(involvement.rows[0]).toEqual({
			organisatie: 'Belastingdienst',
			soort: 'Landelijke uitvoerder',
			casussen: 2
		});
		expect(involvement.rows.find((r) => r.casussen === 3)?.organisatie).toBe(
			'Uitvoeringsinstituut Werknemersverzekeringen'
		);
	});
});
