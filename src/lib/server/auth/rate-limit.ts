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
