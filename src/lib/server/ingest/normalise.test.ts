/** Normalisation of an accepted export: header names, mapping profiles, vocabularies, gemeenten, dates and amounts. */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { getMapping, INSTALLATION_SCOPE, saveMapping } from './mappings';
import {
	caseRow,
	closeTempStore,
	importRows,
	openTempStore,
	readCase,
	readCases,
	type Store
} from './fixtures/helpers';

let store: Store;

beforeEach(async () => {
	store = await openTempStore();
});

afterEach(() => {
	closeTempStore(store);
});

describe('header names', () => {
	it('ignores case and surrounding spaces of column names', async () => {
		const result = await importRows(store, [
			{
				' Casus_ID ': 'H-1',
				GEMEENTE: 'GM0080',
				'  Aangemeld_Op': '05-03-2024',
				'Status ': 'Open',
				LeefGebieden: 'wonen'
			}
		]);
		expect(result.problems).toEqual([]);
		expect(result.warnings).toEqual([]);
		expect(result).toMatchObject({ status: 'imported', inserted: 1 });
		expect(await readCase(store.db, 'H-1')).toMatchObject({
			gemeente: 'GM0080',
			aangemeld_op: '2024-03-05',
			status: 'open',
			leefgebieden: ['wonen']
		});
	});

	it('applies a saved mapping profile (source column -> canonical column)', async () => {
		await saveMapping(
			store.db,
			INSTALLATION_SCOPE,
			'zaaksysteem',
			{ Dossiernummer: 'casus_id', 'Datum melding': 'aangemeld_op' },
			'cli'
		);
		const mapping = await getMapping(store.db, INSTALLATION_SCOPE, 'zaaksysteem');
		expect(mapping).toEqual({ Dossiernummer: 'casus_id', 'Datum melding': 'aangemeld_op' });
		expect(await getMapping(store.db, INSTALLATION_SCOPE, 'bestaat-niet')).toBeUndefined();

		const rows = [
			{
				Dossiernummer: 'Z-77',
				gemeente: 'GM0080',
				'Datum melding': '2024-04-01',
				status: 'open',
				leefgebieden: 'wonen'
			}
		];
		const result = await importRows(store, rows, { mapping });
		expect(result.problems).toEqual([]);
		expect(result.warnings).toEqual([]);
		expect(result.inserted).toBe(1);
		expect(await readCase(store.db, 'Z-77')).toMatchObject({ aangemeld_op: '2024-04-01' });
	});

	it('without the mapping the same file misses casus_id', async () => {
		const rows = [
			{
				Dossiernummer: 'Z-77',
				gemeente: 'GM0080',
				aangemeld_op: '2024-04-01',
				status: 'open',
				leefgebieden: 'wonen'
			}
		];
		const result = await importRows(store, rows);
		expect(result.status).toBe('refused');
		expect(result.problems).toContainEqual({
			row: null,
			column: 'casus_id',
			message: expect.stringContaining('ontbreekt')
		});
		expect(result.warnings).toContainEqual({
			row: null,
			column: 'Dossiernummer',
			message: expect.stringContaining('Onbekende kolom')
		});
	});

	it('reports unknown columns as a warning, keeps their values aside and still imports', async () => {
		const result = await importRows(store, [caseRow('U-1', { Teamleider: 'Team Noord', Wijk: 'Oost' })]);
		expect(result.status).toBe('imported');
		expect(result.inserted).toBe(1);
		expect(result.warnings.map((w) => [w.row, w.column])).toEqual([
			[null, 'Teamleider'],
			[null, 'Wijk']
		]);
		expect(result.warnings[0].message).toMatch(/Onbekende kolom/);
		const stored = await readCase(store.db, 'U-1');
		expect(stored.extra).toContain('Team Noord');
		expect(stored.extra).toContain('Oost');
	});
});

describe('vocabularies', () => {
	it('matches synonyms, accents and case, and counts a duplicate item once', async () => {
		const result = await importRows(store, [
			caseRow('V-1', { leefgebieden: 'Geldzaken|WONEN| financien ' }),
			caseRow('V-2', { leefgebieden: 'Financiën|financien|geld' }),
			caseRow('V-3', {
				leefgebieden: ' Psychische  Gezondheid |ggz',
				organisaties: 'toeslagen|Belastingdienst|corporatie'
			})
		]);
		expect(result.problems).toEqual([]);
		const cases = await readCases(store.db);
		expect(cases.map((c) => [c.casus_id, c.leefgebieden])).toEqual([
			['V-1', ['financiën', 'wonen']],
			['V-2', ['financiën']],
			['V-3', ['psychische gezondheid']]
		]);
		expect(cases[2].organisaties).toEqual(['Belastingdienst', 'woningcorporatie']);
		const masks = await store.db.all<{ casus_id: string; mask: string }>(
			'SELECT casus_id, leefgebieden::VARCHAR AS mask FROM cases ORDER BY casus_id'
		);
		// financiën is bit 0, wonen bit 1 (vocabulary order): a duplicate sets its bit once.
		expect(masks.map((m) => m.mask)).toEqual(['3', '1', '4']);
	});

	it('names a law once with each of its articles beside it', async () => {
		await importRows(store, [
			caseRow('W-1', { wetten: 'Pw art. 18|Pw art. 20' }),
			caseRow('W-2', { wetten: 'Pw art. 18|Wmo 2015|wmo|Pw art 18' })
		]);
		const [first, second] = await readCases(store.db);
		expect(first.wetten).toEqual(['Pw']);
		expect(first.wet_artikelen).toEqual(['Pw art. 18', 'Pw art. 20']);
		expect(second.wetten).toEqual(['Pw', 'Wmo 2015']);
		expect(second.wet_artikelen).toEqual(['Pw art. 18']);
	});

	it('reads an article written out as "artikel"', async () => {
		// The pipeline accepts "art", "art." and "artikel"; the long form must not leave "ikel" in the article.
		await importRows(store, [caseRow('W-3', { wetten: 'participatiewet artikel 18' })]);
		const [only] = await readCases(store.db);
		expect(only.wetten).toEqual(['Pw']);
		expect(only.wet_artikelen).toEqual(['Pw art. 18']);
	});

	it('does not derive ministries from laws', async () => {
		await importRows(store, [
			caseRow('M-1', { wetten: 'Pw|Jw' }),
			caseRow('M-2', { ministeries: 'sociale zaken|V&J' })
		]);
		const [first, second] = await readCases(store.db);
		expect(first.ministeries).toEqual([]);
		expect(second.ministeries).toEqual(['JenV', 'SZW']);
	});
});

describe('gemeente', () => {
	it('resolves a CBS code with or without prefix and zeros, a name and an alias', async () => {
		const result = await importRows(store, [
			caseRow('G-1', { gemeente: 'GM0344' }),
			caseRow('G-2', { gemeente: '0344' }),
			caseRow('G-3', { gemeente: '344' }),
			caseRow('G-4', { gemeente: 'Utrecht' }),
			caseRow('G-5', { gemeente: 'Den Haag' }),
			caseRow('G-6', { gemeente: 'gm0080' }),
			caseRow('G-7', { gemeente: "'s-Hertogenbosch" })
		]);
		expect(result.problems).toEqual([]);
		const byId = Object.fromEntries((await readCases(store.db)).map((c) => [c.casus_id, c.gemeente]));
		expect(byId).toEqual({
			'G-1': 'GM0344',
			'G-2': 'GM0344',
			'G-3': 'GM0344',
			'G-4': 'GM0344',
			'G-5': 'GM0518',
			'G-6': 'GM0080',
			'G-7': 'GM0796'
		});
	});
});

describe('dates', () => {
	it('reads every listed date format', async () => {
		const formats: [string, string][] = [
			['2024-03-05', '2024-03-05'],
			['05-03-2024', '2024-03-05'],
			['5-3-2024', '2024-03-05'],
			['05/03/2024', '2024-03-05'],
			['5/3/2024', '2024-03-05'],
			['05.03.2024', '2024-03-05'],
			['2024-03-05T10:15:00', '2024-03-05'],
			['2024-03-05 10:15', '2024-03-05'],
			['2024-03-05T10:15:00+01:00', '2024-03-05'],
			// 23:30 UTC is 00:30 the next day in Amsterdam (winter time, +01:00).
			['2024-03-05T23:30:00Z', '2024-03-06'],
			// 22:30 UTC in summer is 00:30 the next day (+02:00).
			['2024-06-30T22:30:00.000Z', '2024-07-01']
		];
		const result = await importRows(
			store,
			formats.map(([text], i) => caseRow(`D-${String(i).padStart(2, '0')}`, { aangemeld_op: text }))
		);
		expect(result.problems).toEqual([]);
		const cases = await readCases(store.db);
		expect(cases.map((c) => c.aangemeld_op)).toEqual(formats.map(([, date]) => date));
	});

	it('reads afgerond_op and monitoring_op the same way', async () => {
		await importRows(store, [
			caseRow('D-1', {
				aangemeld_op: '1-2-2024',
				afgerond_op: '29/02/2024',
				status: 'afgerond',
				monitoring: 'Duurzaam',
				monitoring_op: '01.09.2024'
			})
		]);
		expect(await readCase(store.db, 'D-1')).toMatchObject({
			aangemeld_op: '2024-02-01',
			afgerond_op: '2024-02-29',
			monitoring: 'duurzaam',
			monitoring_op: '2024-09-01'
		});
	});
});

describe('amounts', () => {
	it('reads Dutch amounts, a euro sign, ",-" and a lone decimal point', async () => {
		const amounts: [string, string][] = [
			['1234', '1234.00'],
			['1234,56', '1234.56'],
			['1.234,56', '1234.56'],
			['€ 1.234,56', '1234.56'],
			['€1234,5', '1234.50'],
			['€ 250,-', '250.00'],
			['1234.5', '1234.50'],
			['1234.56', '1234.56'],
			['1.250', '1250.00'],
			['1.234.567,89', '1234567.89'],
			['0', '0.00'],
			[' 12,30 ', '12.30']
		];
		const result = await importRows(
			store,
			amounts.map(([text], i) => caseRow(`A-${String(i).padStart(2, '0')}`, { kosten_oplossing: text }))
		);
		expect(result.problems).toEqual([]);
		const cases = await readCases(store.db);
		expect(cases.map((c) => c.kosten_oplossing)).toEqual(amounts.map(([, value]) => value));
	});

	it('takes a missing savings bound equal to the given one', async () => {
		await importRows(store, [
			caseRow('B-1', { besparing_laag: '1.000', besparing_hoog: '' }),
			caseRow('B-2', { besparing_laag: '', besparing_hoog: '2.500,50' }),
			caseRow('B-3', { besparing_laag: '', besparing_hoog: '' })
		]);
		const cases = await readCases(store.db);
		expect(cases.map((c) => [c.casus_id, c.besparing_laag, c.besparing_hoog])).toEqual([
			['B-1', '1000.00', '1000.00'],
			['B-2', '2500.50', '2500.50'],
			['B-3', null, null]
		]);
	});

	it('stores advances, repayments and who pays back', async () => {
		await importRows(store, [
			caseRow('R-1', {
				kosten_oplossing: '2.000',
				voorgeschoten: '1.500',
				terug_van: 'Belastingdienst',
				terugbetaald: '500'
			}),
			caseRow('R-2', {
				kosten_oplossing: '300',
				voorgeschoten: '300',
				terug_van: 'Inwoner',
				terugbetaald: '300,00'
			})
		]);
		const cases = await readCases(store.db);
		expect(cases.map((c) => [c.voorgeschoten, c.terug_van, c.terugbetaald])).toEqual([
			['1500.00', 'Belastingdienst', '500.00'],
			['300.00', 'inwoner', '300.00']
		]);
	});
});

describe('codes and free text', () => {
	it('folds status, uitkomst, escalatie and knelpunt to their codes and keeps kwestie and oplossing', async () => {
		const result = await importRows(store, [
			caseRow('C-1', {
				status: 'Afgerond',
				afgerond_op: '01-03-2024',
				uitkomst: 'Deels opgelost',
				escalatie: 'Wijktafel',
				knelpunt: '2a',
				kwestie: '  Huurtoeslag bij   niet-uitgeschreven vorige bewoner ',
				oplossing: 'voorschot|hardheidsclausule|voorschot',
				fonds: 'OMO-fonds'
			})
		]);
		expect(result.problems).toEqual([]);
		expect(await readCase(store.db, 'C-1')).toMatchObject({
			status: 'afgerond',
			uitkomst: 'deels_opgelost',
			escalatie: 'lokale_tafel',
			knelpunt: '2A',
			kwestie: 'Huurtoeslag bij   niet-uitgeschreven vorige bewoner',
			fonds: 'OMO-fonds'
		});
		// A duplicate label counts once; the spec sets no order for free labels.
		expect([...(await readCase(store.db, 'C-1')).oplossing].sort()).toEqual([
			'hardheidsclausule',
			'voorschot'
		]);
		const key = await store.db.one<{ kwestie_key: string }>('SELECT kwestie_key FROM cases');
		expect(key!.kwestie_key).toBe('huurtoeslag bij niet-uitgeschreven vorige bewoner');
	});

	it('stores free text without surrounding spaces (also no-break spaces), and spaces alone as empty', async () => {
		const result = await importRows(store, [
			caseRow(' T-1\u00a0', { route: '\u00a0 Wijkteam', samenvatting: 'Huurschuld.  ', fonds: '   ' }),
			caseRow('T-2', { route: 'Wijkteam', samenvatting: ' ', kwestie: 'a' })
		]);
		expect(result.problems).toEqual([]);
		expect(await readCase(store.db, 'T-1')).toMatchObject({
			route: 'Wijkteam',
			samenvatting: 'Huurschuld.',
			fonds: null
		});
		expect(await readCase(store.db, 'T-2')).toMatchObject({ samenvatting: null, kwestie: 'a' });
	});
});
