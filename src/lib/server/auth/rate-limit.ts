/** Login throttling: a sliding window of failed attempts per account and per address, kept in memory. */

export class SlidingWindowLimiter {
	private readonly hits = new Map<string, number[]>();

	constructor(
		readonly limit: number,
		readonly windowMs: number
	) {}

	/** Milliseconds until the key may try again, or 0 when it may now. */
	retryAfter(key: string, now = Date.now()): number {
		const recent = this.recent(key, now);
		if (recent.length < this.limit) return 0;
		return recent[0] + this.windowMs - now;
	}

	record(key: string, now = Date.now()): void {
		const recent = this.recent(key, now);
		recent.push(now);
		this.hits.set(key, recent);
		if (this.hits.size > 10_000) this.sweep(now);
	}

	reset(key: string): void {
		this.hits.delete(key);
	}

	private recent(key: string, now: number): number[] {
		return (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
	}

	private sweep(now: number): void {
		for (const key of this.hits.keys()) {
			if (this.recent(key, now).length === 0) this.hits.delete(key);
		}
	}
}

/** Ten failed passwords per account, five wrong codes per account, thirty failures per address, in fifteen minutes. */
export const loginLimits = {
	account: new SlidingWindowLimiter(10, 15 * 60_000),
	secondFactor: new SlidingWindowLimiter(5, 15 * 60_000),
	address: new SlidingWindowLimiter(30, 15 * 60_000)
};

/** The answer to an attempt made while its account or address must wait. */
export interface Throttled {
	ok: false;
	reason: 'throttled';
	retryAfterSeconds: number;
}

/** The limits one attempt counts against: its account's (a password or a code) and its address's. */
export interface AttemptLimits {
	/** The refusal while either limit is reached, in whole seconds to wait; null when the attempt may go ahead. */
	throttled(): Throttled | null;
	/** Counts a failed attempt against both limits. */
	failed(): void;
	/** Forgets the account's failures after a success; the address keeps its count. */
	succeeded(): void;
}

/**
 * The one throttle of logins, second factors and password confirmations: `account` with `accountKey`
 * (e.g. `account:<email>`) and the shared address limit, counted and cleared the same way for each.
 */
export function attemptLimits(
	account: SlidingWindowLimiter,
	accountKey: string,
	address: string
): AttemptLimits {
	const addressKey = `address:${address}`;
	return {
		throttled() {
			const wait = Math.max(account.retryAfter(accountKey), loginLimits.address.retryAfter(addressKey));
			return wait > 0 ? { ok: false, reason: 'throttled', retryAfterSeconds: Math.ceil(wait / 1000) } : null;
		},
		failed() {
			account.record(accountKey);
			loginLimits.address.record(addressKey);
		},
		succeeded() {
			account.reset(accountKey);
		}
	};
}

/** What one closed window of refused attempts from an address comes to. */
export interface RefusedWindow {
	address: string;
	count: number;
	/** The first few accounts tried in it. */
	accounts: string[];
}

/**
 * Attempts refused while an address waits, counted in memory and written to the audit log as one
 * entry per address and window when the window closes: whoever hammers the login form cannot grow
 * the append-only log by a row per request.
 */
export class RefusalTally {
	private readonly open = new Map<string, { first: number; count: number; accounts: Set<string> }>();
	private closed: RefusedWindow[] = [];

	constructor(
		readonly windowMs: number,
		/** Above this many open windows the oldest closes early, so rotating addresses cannot fill memory. */
		readonly maxOpen = 10_000
	) {}

	record(address: string, account: string, now = Date.now()): void {
		let window = this.open.get(address);
		if (!window) {
			if (this.open.size >= this.maxOpen) this.close(this.open.keys().next().value!);
			window = { first: now, count: 0, accounts: new Set() };
			this.open.set(address, window);
		}
		window.count++;
		// The accounts named stay few: an entry that lists a thousand guesses helps nobody.
		if (window.accounts.size < 5) window.accounts.add(account);
	}

	/** Hands the windows that have closed (all of them with `all`, as at shutdown) to `write`, and forgets them. */
	async flush(
		write: (window: RefusedWindow) => Promise<void>,
		now = Date.now(),
		all = false
	): Promise<number> {
		for (const [address, window] of [...this.open]) {
			if (all || window.first + this.windowMs <= now) this.close(address);
		}
		const closed = this.closed;
		this.closed = [];
		for (const window of closed) await write(window);
		return closed.length;
	}

	/** How many windows are open now. */
	get size(): number {
		return this.open.size;
	}

	private close(address: string): void {
		const window = this.open.get(address)!;
		this.open.delete(address);
		this.closed.push({ address, count: window.count, accounts: [...window.accounts] });
	}
}
