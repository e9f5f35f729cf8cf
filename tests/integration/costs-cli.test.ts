/** The CLI's avoided-cost table (`costs set`, `costs list`): posts folded, amounts in the export's format, refusals with exit 1, misuse with exit 2. */
import { afterAll, describe, expect, it } from 'vitest';
import { cli, freshDb, removeDb } from '../support/server';

const db = freshDb('costs');
afterAll(() => removeDb(db));

describe('costs set and costs list', () => {
	it('sets posts in the export amount format with a source note, replaces one named again and lists them by post', () => {
		const set = cli(
			[
				'costs',
				'set',
				'Maatschappelijke Opvang Maand',
				'--gemeente',
				'Leeuwarden',
				'--low',
				'2.500,00',
				'--high',
				'€ 3.100,50',
				'--unit',
				'maand',
				'--bron',
				'Begroting 2025, programma Wonen',
				'--json'
			],
			{ db }
		);
		expect(set.code).toBe(0);
		expect(set.json).toEqual({
			status: 'ok',
			gemeente: 'GM0080',
			post: 'maatschappelijke opvang maand',
			unit: 'maand',
			low: 2500,
			high: 3100.5,
			bron: 'Begroting 2025, programma Wonen'
		});
		expect(
			cli(['costs', 'set', 'huisuitzetting', '--gemeente', 'GM0080', '--low', '0,10', '--high', '0,20'], {
				db
			}).code
		).toBe(0);
		expect(
			cli(['costs', 'set', 'HUISUITZETTING', '--gemeente', 'GM0080', '--low', '6000', '--high', '8000'], {
				db
			}).code
		).toBe(0);
		const list = cli(['costs', 'list', '--gemeente', 'GM0080', '--json'], { db });
		expect(list.code).toBe(0);
		expect(list.json).toEqual({
			costs: [
				{ post: 'huisuitzetting', unit: null, low: 6000, high: 8000, bron: null },
				{
					post: 'maatschappelijke opvang maand',
					unit: 'maand',
					low: 2500,
					high: 3100.5,
					bron: 'Begroting 2025, programma Wonen'
				}
			]
		});
		const text = cli(['costs', 'list', '--gemeente', 'GM0080'], { db });
		expect(text.stdout).toMatch(
			/maatschappelijke opvang maand: €\s2\.500,00 tot €\s3\.100,50 per maand \(bron: Begroting 2025, programma Wonen\)/
		);
		expect(text.stdout).toMatch(/huisuitzetting: €\s6\.000,00 tot €\s8\.000,00\n/);
		// Another municipality has a table of its own, empty until it is set.
		const other = cli(['costs', 'list', '--gemeente', 'GM0344', '--json'], { db });
		expect(other.json).toEqual({ costs: [] });
		expect(cli(['costs', 'list', '--gemeente', 'GM0344'], { db }).stdout).toMatch(/nog geen kostentabel/);
	});

	it('refuses a bad amount, low above high, | or * in a post and an unknown municipality with exit 1, and changes nothing', () => {
		const refused = [
			['opvang', '--gemeente', 'GM0080', '--low=-5', '--high', '10'],
			['opvang', '--gemeente', 'GM0080', '--low', '1,005', '--high', '10'],
			['opvang', '--gemeente', 'GM0080', '--low', '20', '--high', '10'],
			['opvang*6', '--gemeente', 'GM0080', '--low', '1', '--high', '2'],
			['opvang|zorg', '--gemeente', 'GM0080', '--low', '1', '--high', '2'],
			['opvang', '--gemeente', 'GM9999', '--low', '1', '--high', '2'],
			['opvang', '--gemeente', 'GM0080', '--low', '1', '--high', '2', '--bron', 'b'.repeat(201)]
		];
		for (const args of refused) {
			const r = cli(['costs', 'set', ...args, '--json'], { db });
			expect(r.code, args.join(' ')).toBe(1);
			expect(r.json).toMatchObject({ status: 'error', message: expect.stringMatching(/\S/) });
		}
		const list = cli(['costs', 'list', '--gemeente', 'GM0080', '--json'], { db });
		expect((list.json as { costs: unknown[] }).costs).toHaveLength(2);
	});

	it('answers misuse (a missing amount or municipality, an unknown option) with exit 2', () => {
		expect(cli(['costs', 'set', 'opvang', '--gemeente', 'GM0080', '--low', '1'], { db }).code).toBe(2);
		expect(cli(['costs', 'list'], { db }).code).toBe(2);
		expect(cli(['costs', 'list', '--gemeente', 'GM0080', '--budget', '1'], { db }).code).toBe(2);
	});
});
