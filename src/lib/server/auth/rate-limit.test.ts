/** Login throttling: one limit per account and per address for every kind of attempt, and refused attempts counted in memory and written as one entry per address and window. */
import { describe, expect, it } from 'vitest';
import {
	attemptLimits,
	loginLimits,
	RefusalTally,
	SlidingWindowLimiter,
	type RefusedWindow
} from './rate-limit';

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

describe('attemptLimits', () => {
	it("refuses once the account's limit is reached, in whole seconds, until a success clears the account", () => {
		const account = new SlidingWindowLimiter(2, 15 * MINUTE);
		const limits = attemptLimits(account, 'account:a@x.nl', '192.0.2.1');
		expect(limits.throttled()).toBeNull();
		limits.failed();
		expect(limits.throttled()).toBeNull();
		limits.failed();
		const refused = limits.throttled();
		expect(refused).toMatchObject({ ok: false, reason: 'throttled' });
		expect(refused!.retryAfterSeconds).toBeGreaterThan(15 * 60 - 2);
		expect(refused!.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
		expect(Number.isInteger(refused!.retryAfterSeconds)).toBe(true);
		// Another account on another address is not held up.
		expect(attemptLimits(account, 'account:b@x.nl', '192.0.2.2').throttled()).toBeNull();
		limits.succeeded();
		expect(limits.throttled()).toBeNull();
		loginLimits.address.reset('address:192.0.2.1');
	});

	it("counts every kind of failure against the address's shared limit, which a success does not clear", () => {
		const address = '192.0.2.30';
		loginLimits.address.reset(`address:${address}`);
		const passwords = new SlidingWindowLimiter(100, 15 * MINUTE);
		const codes = new SlidingWindowLimiter(100, 15 * MINUTE);
		for (let i = 0; i < loginLimits.address.limit; i++) {
			attemptLimits(i % 2 ? passwords : codes, `account:u${i}@x.nl`, address).failed();
		}
		const fresh = attemptLimits(passwords, 'account:nieuw@x.nl', address);
		expect(fresh.throttled()).toMatchObject({ ok: false, reason: 'throttled' });
		fresh.succeeded();
		expect(fresh.throttled()).toMatchObject({ reason: 'throttled' });
		expect(attemptLimits(passwords, 'account:nieuw@x.nl', '192.0.2.31').throttled()).toBeNull();
		loginLimits.address.reset(`address:${address}`);
	});
});
