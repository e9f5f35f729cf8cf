/** One case's kassabon on a real DuckDB file: its posts priced at its own municipality's current cost table, savings from the posts where the case gives none, the warning where both differ, and forgiven advances. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/domain/roles';
import {
	caseRow,
	closeTempStore,
	importRows,
	openTempStore,
	type Store
} from '../../ingest/fixtures/helpers';
import { setCost } from '../../costs';
import { caseKassabon } from './kassabon';

const TEAM: SessionUser = {
	id: 1,
	email: 'kwaliteitsteam@test.example',
	role: 'kwaliteitsteam',
	reach: { all: false, gemeenten: ['GM0080'] }
};
const DEMO = 'Illustratief (demo): geen echte bedragen';

let store: Store;
let idOf: (casusId: string) => number;

beforeAll(async () => {
	store = await openTempStore();
	const result = await importRows(store, [
		// Posts only: opvang twice spelled otherwise, and an eviction named twice (adds up to 2).
		caseRow('P1', {
			kosten_oplossing: '1.000,00',
			baten_bij: 'gemeente|woningcorporatie',
			vermeden_posten: 'Maatschappelijke_Opvang_Maand*2|huisuitzetting|huisuitzetting'
		}),
		// Explicit amounts that differ from the posts, and a post the table does not hold.
		caseRow('P2', {
			kosten_oplossing: '500',
			besparing_laag: '5.000',
			besparing_hoog: '7.000',
			vermeden_posten: 'huisuitzetting|schuldhulpverlening_traject*3'
		}),
		// Explicit amounts equal to the posts: no warning.
		caseRow('P3', { besparing_laag: '6.000', besparing_hoog: '8.000', vermeden_posten: 'huisuitzetting' }),
		// Only posts the table does not hold: no estimate at all.
		caseRow('P4', { kosten_oplossing: '250', vermeden_posten: 'onbekende_post*2' }),
		// Dimes: 3 × € 0,10 and € 0,10 + € 0,20, which a float adds to 0.30000000000000004.
		caseRow('P5', { kosten_oplossing: '0,10', vermeden_posten: 'dubbeltje*3|dubbeltje_twee' }),
		caseRow('A1', {
			kosten_oplossing: '1.000',
			voorgeschoten: '1.000,00',
			terug_van: 'inwoner',
			terugbetaald: '200,00',
			kwijtgescholden: '300,10'
		}),
		caseRow('A2', { voorgeschoten: '100', terug_van: 'inwoner', terugbetaald: '40' })
	]);
	expect(result.status).toBe('imported');
	const cost = (post: string, low: bigint, high: bigint, unit: string | null, gemeente = 'GM0080') =>
		setCost(store.db, { gemeente, post, unit, low, high, bron: gemeente === 'GM0080' ? DEMO : null }, 'test');
	await cost('maatschappelijke_opvang_maand', 2_500_00n, 3_100_50n, 'maand');
	await cost('huisuitzetting', 6_000_00n, 8_000_00n, 'uitzetting');
	await cost('dubbeltje', 10n, 10n, null);
	await cost('dubbeltje_twee', 20n, 20n, null);
	// Utrecht's table holds the same post at other amounts; a Leeuwarden case never reads it.
	await cost('huisuitzetting', 1n, 2n, null, 'GM0344');
	await cost('schuldhulpverlening_traject', 1n, 2n, null, 'GM0344');
	const ids = await store.db.all<{ id: number; casus_id: string }>('SELECT id, casus_id FROM cases');
	idOf = (casusId) => ids.find((r) => r.casus_id === casusId)!.id;
});

afterAll(() => closeTempStore(store));

const kassabon = async (casusId: string) => (await caseKassabon(store.db, TEAM, idOf(casusId)))!;

describe('the kassabon per post', () => {
	it('prices each post at its own municipality table and, without explicit amounts, takes the savings, ratio and split from them', async () => {
		const k = await kassabon('P1');
		expect(k.posts).toEqual([
			{
				post: 'maatschappelijke_opvang_maand',
				aantal: 2,
				unit: 'maand',
				bron: DEMO,
				perUnit: { low: 2500, high: 3100.5 },
				total: { low: 5000, high: 6201 }
			},
			{
				post: 'huisuitzetting',
				aantal: 2,
				unit: 'uitzetting',
				bron: DEMO,
				perUnit: { low: 6000, high: 8000 },
				total: { low: 12_000, high: 16_000 }
			}
		]);
		expect(k.postsTotal).toEqual({ low: 17_000, high: 22_201 });
		expect(k.savings).toEqual({ low: 17_000, high: 22_201 });
		expect(k.savingsSource).toBe('posten');
		expect(k.postsDifference).toBeNull();
		// 17.000 / 1.000 and 22.201 / 1.000 = 22,2; halved over two parties: 8.500 and 11.100,50.
		expect(k.ratio).toEqual({ low: 17, high: 22.2 });
		expect(k.parties.map((p) => [p.party, p.savings])).toEqual([
			['gemeente', { low: 8500, high: 11_100.5 }],
			['woningcorporatie', { low: 8500, high: 11_100.5 }]
		]);
	});

	it('lets explicit amounts count where they differ from the posts, with both ranges for the warning, and lists a post not in the table', async () => {
		const k = await kassabon('P2');
		expect(k.savings).toEqual({ low: 5000, high: 7000 });
		expect(k.savingsSource).toBe('opgegeven');
		expect(k.ratio).toEqual({ low: 10, high: 14 });
		expect(k.postsTotal).toEqual({ low: 6000, high: 8000 });
		expect(k.postsDifference).toEqual({
			explicit: { low: 5000, high: 7000 },
			posts: { low: 6000, high: 8000 }
		});
		expect(k.posts[1]).toEqual({
			post: 'schuldhulpverlening_traject',
			aantal: 3,
			unit: null,
			bron: null,
			perUnit: null,
			total: null
		});
		expect(k.parties).toEqual([
			{ party: 'onbekend', label: 'Onbekend (geen partij genoemd)', savings: { low: 5000, high: 7000 } }
		]);
	});

	it('gives no warning where the explicit amounts equal the posts, and no estimate where no post is priced', async () => {
		const p3 = await kassabon('P3');
		expect([p3.savingsSource, p3.postsTotal, p3.postsDifference]).toEqual([
			'opgegeven',
			{ low: 6000, high: 8000 },
			null
		]);
		const p4 = await kassabon('P4');
		expect(p4.posts).toHaveLength(1);
		expect([p4.savings, p4.savingsSource, p4.postsTotal, p4.ratio, p4.parties]).toEqual([
			null,
			null,
			null,
			null,
			[]
		]);
	});

	it('adds cents exactly: 3 × € 0,10 + € 0,20 is € 0,50, five times the cost of € 0,10', async () => {
		const k = await kassabon('P5');
		expect(k.posts.map((p) => p.total)).toEqual([
			{ low: 0.3, high: 0.3 },
			{ low: 0.2, high: 0.2 }
		]);
		expect(k.savings).toEqual({ low: 0.5, high: 0.5 });
		expect(k.ratio).toEqual({ low: 5, high: 5 });
	});

	it('reads the cost table as it is now', async () => {
		await setCost(
			store.db,
			{ gemeente: 'GM0080', post: 'huisuitzetting', unit: null, low: 7_000_00n, high: 9_000_00n, bron: null },
			'test'
		);
		const k = await kassabon('P3');
		expect(k.posts[0]).toMatchObject({ unit: null, bron: null, total: { low: 7000, high: 9000 } });
		expect(k.postsDifference).toEqual({
			explicit: { low: 6000, high: 8000 },
			posts: { low: 7000, high: 9000 }
		});
		await setCost(
			store.db,
			{
				gemeente: 'GM0080',
				post: 'huisuitzetting',
				unit: 'uitzetting',
				low: 6_000_00n,
				high: 8_000_00n,
				bron: DEMO
			},
			'test'
		);
	});

	it('has no posts where the case names none, and still audits every view', async () => {
		const before = await store.db.one<{ n: number }>(
			"SELECT count(*)::INTEGER AS n FROM audit_log WHERE action = 'kassabon bekijken'"
		);
		const k = await kassabon('A2');
		expect([k.posts, k.postsTotal, k.postsDifference, k.savingsSource]).toEqual([[], null, null, null]);
		expect(
			await caseKassabon(store.db, { ...TEAM, reach: { all: false, gemeenten: ['GM0344'] } }, idOf('P1'))
		).toBeNull();
		const after = await store.db.one<{ n: number }>(
			"SELECT count(*)::INTEGER AS n FROM audit_log WHERE action = 'kassabon bekijken'"
		);
		expect(after!.n - before!.n).toBe(2);
	});
});

describe('the advance', () => {
	it('subtracts what was forgiven beside what was repaid: 1.000 - 200 - 300,10 = 499,90', async () => {
		expect((await kassabon('A1')).advance).toEqual({
			advanced: 1000,
			repaid: 200,
			forgiven: 300.1,
			outstanding: 499.9,
			from: 'inwoner',
			fromLabel: 'Inwoner'
		});
		expect((await kassabon('A2')).advance).toEqual({
			advanced: 100,
			repaid: 40,
			outstanding: 60,
			from: 'inwoner',
			fromLabel: 'Inwoner'
		});
	});
});
