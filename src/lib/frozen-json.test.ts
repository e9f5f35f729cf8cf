/** Frozen page data is sent as its JSON, only when JSON gives it back exactly; anything else goes the usual way. */
import { describe, expect, it } from 'vitest';
import { decodeFrozen, encodeFrozen, freeze, freezeFields } from './frozen-json';

describe('frozen page data', () => {
	it('is sent as JSON that gives back an equal value', () => {
		const view = freeze({
			labels: ['a', 'b'],
			matrix: [
				[1, 2.5],
				[0, -3]
			],
			empty: null,
			ok: true
		});
		const json = encodeFrozen(view);
		expect(json).toBe(JSON.stringify(view));
		expect(decodeFrozen(json as string)).toEqual(view);
	});

	it('leaves values nobody froze, and primitives, to devalue', () => {
		expect(encodeFrozen({ a: 1 })).toBe(false);
		expect(encodeFrozen([1, 2])).toBe(false);
		expect(encodeFrozen('text')).toBe(false);
		expect(encodeFrozen(null)).toBe(false);
	});

	it('leaves a value to devalue when JSON would change it', () => {
		const inexact = [
			{ missing: undefined },
			{ n: NaN },
			{ n: Infinity },
			{ n: -0 },
			{ when: new Date(0) },
			{ map: new Map() },
			{ big: 1n },
			// eslint-disable-next-line no-sparse-arrays -- a hole, which JSON writes as null
			[1, , 3],
			[undefined]
		];
		inexact.forEach((value, i) => expect(encodeFrozen(freeze(value)), `value ${i}`).toBe(false));
	});

	it('freezes a view and each object among its fields, so the fields spread into page data travel as JSON', () => {
		const view = freezeFields({ cases: 3, tables: [{ id: 't', rows: [] }], names: { a: 'A' } });
		const page = { filter: { from: null }, ...view };
		expect(encodeFrozen(page)).toBe(false);
		expect(encodeFrozen(page.filter)).toBe(false);
		expect(encodeFrozen(page.tables)).toBe('[{"id":"t","rows":[]}]');
		expect(encodeFrozen(page.names)).toBe('{"a":"A"}');
	});

	it('writes the JSON once per value: new figures come as a new value with JSON of their own', () => {
		const before = freeze({ cases: 1 });
		expect(encodeFrozen(before)).toBe('{"cases":1}');
		const after = freeze({ cases: 2 });
		expect(encodeFrozen(after)).toBe('{"cases":2}');
		expect(encodeFrozen(before)).toBe('{"cases":1}');
	});
});
