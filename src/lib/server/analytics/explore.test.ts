/** Tests of the Verkennen view on a real DuckDB file: every measure by every dimension and split, exact money and medians, filters, reach, landelijk's disclosure control and the whitelist. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { EMPTY_FILTER, type CaseFilter } from '$lib/domain/filters';
import { DIMENSIONS, MEASURES, type ExploreChoice } from '$lib/domain/explore';
import type { Reach, Role, SessionUser } from '$lib/domain/roles';
import type { DataTable } from '$lib/domain/table';
import {
	caseRow,
	closeTempStore,
	importRows,
	openTempStore,
	type Row,
	type Store
} from '../ingest/fixtures/helpers';
import { verkennen } from '../views/registry';
import { showView } from '../views/show';
import { exploreView } from './explore';

const LEEUWARDEN: Reach = { all: false, gemeenten: ['GM0080'] };
const ALL: Reach = { all: true };
const filter = (f: Partial<CaseFilter> = {}): CaseFilter => ({ ...EMPTY_FILTER, ...f });
const choice = (c: Partial<ExploreChoice> = {}): ExploreChoice => ({
	measure: 'casussen',
	dimension: 'leefgebied',
	split: null,
	...c
});

/*
 * Leeuwarden (GM0080):
 * A1 2024, closed after 10 days at lokale_tafel: financiën|wonen, UWV|gemeente, € 1.000 spent,
 *    € 2.000–5.000 avoided; UWV answered in 2 working days (Mon 15 to Wed 17 January 2024).
 * A2 2024, closed after 30 days at maatwerkcoach: wonen, € 500,50 spent, € 1.000–1.500 avoided; UWV
 *    answered in 4 working days, SVB not yet.
 * A3 2025, open: financiën, € 250,25 spent, no estimate.
 * A4 2025, withdrawn: wonen.
 * A5 2024, closed after 30 days without a step: financiën, nothing spent.
 * Utrecht (GM0344), outside Leeuwarden's reach: U1 2024, financiën, € 9.999,99 spent, answered in 1 day.
 */
const FIXTURE: Row[] = [
	caseRow('A1', {
		aangemeld_op: '10-01-2024',
		afgerond_op: '20-01-2024',
		status: 'afgerond',
		uitkomst: 'opgelost',
		leefgebieden: 'financiën|wonen',
		organisaties: 'UWV|gemeente',
		wetten: 'Pw',
		knelpunt: '2A',
		escalatie: 'lokale_tafel',
		kosten_oplossing: '1.000,00',
		besparing_laag: '2.000,00',
		besparing_hoog: '5.000,00',
		besluit_door: 'teamleider',
		binnen_kaders: 'ja',
		instrument: 'voorschot',
		vier_ogen: 'ja',
		reacties: 'UWV@15-01-2024/17-01-2024'
	}),
	caseRow('A2', {
		aangemeld_op: '05-04-2024',
		afgerond_op: '05-05-2024',
		status: 'afgerond',
		uitkomst: 'deels_opgelost',
		leefgebieden: 'wonen',
		organisaties: 'gemeente',
		knelpunt: '3',
		escalatie: 'maatwerkcoach',
		kosten_oplossing: '500,50',
		besparing_laag: '1.000,00',
		besparing_hoog: '1.500,00',
		binnen_kaders: 'nee',
		reacties: 'UWV@08-04-2024/12-04-2024|SVB@08-04-2024/'
	}),
	caseRow('A3', { aangemeld_op: '01-02-2025', leefgebieden: 'financiën', kosten_oplossing: '250,25' }),
	caseRow('A4', {
		aangemeld_op: '01-07-2025',
		afgerond_op: '11-07-2025',
		status: 'ingetrokken',
		leefgebieden: 'wonen'
	}),
	caseRow('A5', {
		aangemeld_op: '01-02-2024',
		afgerond_op: '02-03-2024',
		status: 'afgerond',
		uitkomst: 'opgelost',
		leefgebieden: 'financiën'
	}),
	caseRow('U1', {
		gemeente: 'GM0344',
		aangemeld_op: '10-01-2024',
		afgerond_op: '11-01-2024',
		status: 'afgerond',
		leefgebieden: 'financiën',
		kosten_oplossing: '9.999,99',
		reacties: 'UWV@15-01-2024/16-01-2024'
	})
];

/** The table's rows as `{ label: { key: value } }`, for reading one cell by name. */
function byLabel(table: DataTable): Record<string, Record<string, unknown>> {
	return Object.fromEntries(table.rows.map((row) => [String(row.label), row]));
}

describe('exploreView', () => {
	let store: Store;
	const ask = async (c: Partial<ExploreChoice>, f: Partial<CaseFilter> = {}, reach: Reach = LEEUWARDEN) =>
		(await exploreView(store.db, reach, filter(f), choice(c))).tables[0];

	beforeAll(async () => {
		store = await openTempStore();
		const result = await importRows(store, FIXTURE);
		expect(result.status).toBe('imported');
	});

	afterAll(() => closeTempStore(store));

	it('counts cases per leefgebied, a case of two under both and once in the total', async () => {
		const table = await ask({});
		expect(table.id).toBe('verkennen-tabel');
		expect(table.caption).toBe('Aantal casussen per leefgebied');
		expect(table.columns.map((c) => c.key)).toEqual(['label', 'totaal']);
		expect(table.rows).toEqual([
			{ label: 'Financiën', totaal: 3 },
			{ label: 'Wonen', totaal: 3 },
			{ label: 'Alle casussen', totaal: 5 }
		]);
		expect(table.note).toContain('de laatste rij telt hem één keer');
	});

	it('splits per year into a group of columns per leefgebied and a total group', async () => {
		const table = await ask({ dimension: 'jaar', split: 'leefgebied' });
		expect(table.columns.map((c) => [c.key, c.label, c.group])).toEqual([
			['label', 'Jaar van aanmelding', undefined],
			['s0', 'Financiën', 'Financiën'],
			['s1', 'Wonen', 'Wonen'],
			['totaal', 'Totaal', 'Totaal']
		]);
		expect(table.rows).toEqual([
			{ label: '2024', s0: 2, s1: 2, totaal: 3 },
			{ label: '2025', s0: 1, s1: 1, totaal: 2 },
			{ label: 'Alle casussen', s0: 3, s1: 3, totaal: 5 }
		]);
	});

	it('sums the spend in exact cents, with the cases that had a cost as its basis', async () => {
		const table = await ask({ measure: 'uitgaven' });
		expect(table.columns.find((c) => c.key === 'totaal')).toMatchObject({ kind: 'euro', basis: 'totaal_n' });
		expect(byLabel(table)).toEqual({
			Financiën: { label: 'Financiën', totaal: 1250.25, totaal_n: 2 },
			Wonen: { label: 'Wonen', totaal: 1500.5, totaal_n: 2 },
			'Alle casussen': { label: 'Alle casussen', totaal: 1750.75, totaal_n: 3 }
		});
	});

	it('adds the avoided costs low and high as the budget page does, empty where no case has an estimate', async () => {
		const table = await ask({ measure: 'besparing', dimension: 'jaar' });
		expect(table.rows).toEqual([
			{ label: '2024', totaal_laag: 3000, totaal_hoog: 6500, totaal_n: 2 },
			{ label: '2025', totaal_laag: null, totaal_hoog: null, totaal_n: 0 },
			{ label: 'Alle casussen', totaal_laag: 3000, totaal_hoog: 6500, totaal_n: 2 }
		]);
	});

	it('takes the median lead time of closed cases per highest step, cases without a step last', async () => {
		const table = await ask({ measure: 'doorlooptijd', dimension: 'escalatie' });
		expect(table.rows.map((r) => [r.label, r.totaal, r.totaal_n])).toEqual([
			['2. Maatwerkcoach', 30, 1],
			['3. Lokale doorbraaktafel', 10, 1],
			['Geen trede vastgelegd', 30, 1],
			['Alle casussen', 30, 3]
		]);
	});

	it('takes the median answer time in working days per organisation asked, unanswered questions left out', async () => {
		const table = await ask({ measure: 'antwoordtijd', dimension: 'organisatie' });
		expect(table.rows).toEqual([
			{ label: 'Uitvoeringsinstituut Werknemersverzekeringen', totaal: 3, totaal_n: 2 },
			{ label: 'Alle vragen', totaal: 3, totaal_n: 2 }
		]);
	});

	it('keeps to the filter', async () => {
		const table = await ask({ dimension: 'status' }, { status: 'afgerond' });
		expect(table.rows).toEqual([
			{ label: 'Afgerond', totaal: 3 },
			{ label: 'Alle casussen', totaal: 3 }
		]);
		const year = await ask(
			{ measure: 'uitgaven', dimension: 'jaar' },
			{ from: '2025-01-01', to: '2025-12-31' }
		);
		expect(year.rows.at(-1)).toEqual({ label: 'Alle casussen', totaal: 250.25, totaal_n: 1 });
		// Nothing selected: only the total row, with no case in it.
		const none = { from: '2030-01-01' };
		expect((await ask({}, none)).rows).toEqual([{ label: 'Alle casussen', totaal: 0 }]);
		expect((await ask({ measure: 'uitgaven', split: 'jaar' }, none)).rows).toEqual([
			{ label: 'Alle casussen', totaal: null, totaal_n: 0 }
		]);
		expect((await ask({ measure: 'doorlooptijd' }, none)).rows).toEqual([
			{ label: 'Alle casussen', totaal: null, totaal_n: 0 }
		]);
		expect((await exploreView(store.db, LEEUWARDEN, filter(none), choice())).cases).toBe(0);
	});

	it('never counts a case outside the reach', async () => {
		const own = await ask({ measure: 'uitgaven', dimension: 'gemeente' });
		expect(own.rows.map((r) => r.label)).toEqual(['Leeuwarden', 'Alle casussen']);
		const every = await ask({ measure: 'uitgaven', dimension: 'gemeente' }, {}, ALL);
		expect(every.rows.map((r) => [r.label, r.totaal])).toEqual([
			['Leeuwarden', 1750.75],
			['Utrecht', 9999.99],
			['Alle casussen', 11750.74]
		]);
		const answers = await ask({ measure: 'antwoordtijd', dimension: 'gemeente' });
		expect(answers.rows.at(-1)).toMatchObject({ totaal_n: 2 });
	});

	it('fills the quarters between the first and the last, so a line does not skip a quiet one', async () => {
		const table = await ask({ dimension: 'kwartaal' });
		expect(table.rows.map((r) => [r.label, r.totaal])).toEqual([
			['2024-Q1', 2],
			['2024-Q2', 1],
			['2024-Q3', 0],
			['2024-Q4', 0],
			['2025-Q1', 1],
			['2025-Q2', 0],
			['2025-Q3', 1],
			['Alle casussen', 5]
		]);
	});

	it.each(MEASURES)(
		'answers %s by every dimension, alone and split, with a total row that adds up',
		async (measure) => {
			for (const dimension of DIMENSIONS) {
				for (const split of [null, dimension === 'jaar' ? 'leefgebied' : 'jaar'] as const) {
					const table = await ask({ measure, dimension, split });
					const what = `${measure} per ${dimension}${split ? ` en ${split}` : ''}`;
					expect(table.rows.at(-1)!.label, what).toBe(
						measure === 'antwoordtijd' ? 'Alle vragen' : 'Alle casussen'
					);
					for (const row of table.rows)
						expect(Object.keys(row), what).toEqual(table.columns.map((c) => c.key));
					if (measure !== 'casussen') continue;
					// Every case has one year: the years of a row add up to its total.
					if (split === 'jaar') {
						for (const row of table.rows) {
							const years = table.columns.filter((c) => /^s\d+$/.test(c.key));
							const sum = years.reduce((acc, c) => acc + Number(row[c.key]), 0);
							expect(sum, `${what}: ${row.label}`).toBe(row.totaal);
						}
					}
					expect(table.rows.at(-1)!.totaal, what).toBe(5);
				}
			}
		}
	);
});

describe('medians from the counts per day', () => {
	let store: Store;

	beforeAll(async () => {
		store = await openTempStore();
		// Lead times with ties and gaps, over cases of one, the other or both leefgebieden.
		const leads = [1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 144, 7];
		const rows = leads.map((days, i) => {
			const closed = new Date(Date.UTC(2025, 0, 1 + days)).toISOString().slice(0, 10);
			return caseRow(`M${i}`, {
				aangemeld_op: '01-01-2025',
				afgerond_op: closed.split('-').reverse().join('-'),
				status: 'afgerond',
				leefgebieden: ['wonen', 'financiën', 'wonen|financiën'][i % 3]
			});
		});
		expect((await importRows(store, rows)).status).toBe('imported');
	});

	afterAll(() => closeTempStore(store));

	it('equal percentile_cont over the cases themselves, per leefgebied and in all', async () => {
		const table = (await exploreView(store.db, LEEUWARDEN, filter(), choice({ measure: 'doorlooptijd' })))
			.tables[0];
		const direct = await store.db.all<{ code: string | null; median: number; n: number }>(
			`SELECT v.code, quantile_cont(c.afgerond_op - c.aangemeld_op, 0.5) AS median, count(*)::INTEGER AS n
			 FROM cases c LEFT JOIN vocabulary v ON v.dimension = 'leefgebieden'
				AND (c.leefgebieden >> v.position::UBIGINT) & 1::UBIGINT = 1
			 GROUP BY GROUPING SETS ((v.code), ())`
		);
		const all = await store.db.one<{ median: number }>(
			'SELECT quantile_cont(afgerond_op - aangemeld_op, 0.5) AS median FROM cases'
		);
		const rows = byLabel(table);
		expect(rows.Wonen).toMatchObject({ totaal: direct.find((d) => d.code === 'wonen')!.median });
		expect(rows.Financiën).toMatchObject({ totaal: direct.find((d) => d.code === 'financiën')!.median });
		expect(rows['Alle casussen']).toEqual({ label: 'Alle casussen', totaal: all!.median, totaal_n: 14 });
		// 14 values: the mean of the 7th and 8th, 8 and 13.
		expect(all!.median).toBe(10.5);
	});
});

describe('the verkennen view for each audience', () => {
	let store: Store;
	const userOf = (role: Role): SessionUser => ({
		id: 1,
		email: `${role}@leeuwarden.example`,
		role,
		reach: role === 'landelijk' ? ALL : LEEUWARDEN
	});
	const show = (role: Role, query: string) =>
		showView(verkennen, {
			db: store.db,
			user: userOf(role),
			filter: EMPTY_FILTER,
			params: new URLSearchParams(query),
			today: '2026-06-30'
		});

	beforeAll(async () => {
		store = await openTempStore();
		// 12 of wonen, 10 of psychische gezondheid, 3 of financiën: each € 100 spent after 20 days.
		const rows = (n: number, prefix: string, leefgebieden: string) =>
			Array.from({ length: n }, (_, i) =>
				caseRow(`${prefix}${i + 1}`, {
					aangemeld_op: '01-03-2025',
					afgerond_op: '21-03-2025',
					status: 'afgerond',
					leefgebieden,
					kosten_oplossing: '100,00'
				})
			);
		const result = await importRows(store, [
			...rows(12, 'W', 'wonen'),
			...rows(10, 'P', 'psychische gezondheid'),
			...rows(3, 'F', 'financiën')
		]);
		expect(result.status).toBe('imported');
	});

	afterAll(() => closeTempStore(store));

	it('gives the college the exact figures', async () => {
		const shown = await show('college', 'maat=uitgaven');
		expect(shown.level).toBe('exact');
		expect(byLabel(shown.tables[0]).Financiën).toMatchObject({ totaal: 300, totaal_n: 3 });
	});

	it('gives landelijk small counts as geheim, the rest rounded, amounts in thousands, small medians hidden', async () => {
		const counts = await show('landelijk', '');
		expect(Object.keys(counts).sort()).toEqual(['level', 'tables']);
		const rows = byLabel(counts.tables[0]);
		expect(rows.Financiën.totaal).toBe('geheim');
		// Complementary suppression: one hidden count in a column would follow from the total.
		expect(rows['Psychische gezondheid'].totaal).toBe('geheim');
		expect(rows.Wonen.totaal).toBe(10);
		expect(rows['Alle casussen'].totaal).toBe(25);

		const money = byLabel((await show('landelijk', 'maat=uitgaven')).tables[0]);
		expect(money.Financiën.totaal).toBe('geheim');
		expect(money.Wonen).toMatchObject({ totaal: 1000, totaal_n: 10 });
		expect(money['Alle casussen']).toMatchObject({ totaal: 3000, totaal_n: 25 });

		const lead = byLabel((await show('landelijk', 'maat=doorlooptijd')).tables[0]);
		expect(lead.Financiën.totaal).toBe('geheim');
		expect(lead.Wonen.totaal).toBe(20);
	});

	it('refuses an id outside the fixed lists with 400, before anything is computed', async () => {
		for (const query of ['maat=kosten', 'dimensie=casus_id', 'uitsplitsing=1%3BDROP TABLE cases']) {
			const status = await show('kwaliteitsteam', query).then(
				() => null,
				(error: unknown) => (isHttpError(error) ? error.status : error)
			);
			expect(status, query).toBe(400);
		}
	});
});
