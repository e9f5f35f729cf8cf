/** Refused login attempts are counted in memory and written as one entry per address and window. */
import { describe, expect, it } from 'vitest';
import { RefusalTally, type RefusedWindow } from './rate-limit';

const MINUTE = 60_000;

describe('RefusalTally', () => {
	it('writes nothing while a window is open and one entry per address when it closes', async () => {
		const tally = new RefusalTally(15 * MINUTE);
		const written: RefusedWindow[] = [];
		const write = async (w: RefusedWindow) => void written.push(w);
		for (let i = 0; i < 1000; i++) tally.record('203.0.113.9', 'doel@gemeente.nl', i);
		tally.record('198.51.100.7', 'a@x.nl', 5 * MINUTE);
		expect(await tally.flush(write, 15 * MINUTE - 1)).toBe(0);
		expect(written).toEqual([]);
		expect(await tally.flush(write, 15 * MINUTE)).toBe(1);
		expect(written).toEqual([{ address: '203.0.113.9', count: 1000, accounts: ['doel@gemeente.nl'] }]);
		expect(tally.size).toBe(1);
		// A new attempt after the window opens a new one.
		tally.record('203.0.113.9', 'doel@gemeente.nl', 16 * MINUTE);
		expect(await tally.flush(write, 20 * MINUTE)).toBe(1);
		expect(written.at(-1)).toEqual({ address: '198.51.100.7', count: 1, accounts: ['a@x.nl'] });
		expect(await tally.flush(write, 0, true)).toBe(1);
		expect(tally.size).toBe(0);
	});

	it('names at most five accounts, and closes the oldest window early when too many are open', async () => {
		const tally = new RefusalTally(15 * MINUTE, 3);
		const written: RefusedWindow[] = [];
		for (let i = 0; i < 20; i++) tally.record('a', `u${i}@x.nl`, 0);
		for (const address of ['b', 'c', 'd']) tally.record(address, 'x@x.nl', 1);
		expect(tally.size).toBe(3);
		await tally.flush(async (w) => void written.push(w), 2);
		expect(written).toEqual([
			{ address: 'a', count: 20, accounts: ['u0@x.nl', 'u1@x.nl', 'u2@x.nl', 'u3@x.nl', 'u4@x.nl'] }
		]);
	});
});
