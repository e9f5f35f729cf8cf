/** Admission lets a bounded number of reading requests in at once and the rest in arrival order. */
import type { RequestEvent } from '@sveltejs/kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { admission } from './admission';

function event(method = 'GET', isSubRequest = false): RequestEvent {
	return { request: new Request('http://portal.test/', { method }), isSubRequest } as RequestEvent;
}

/** A resolve that stays open until released, recording the order requests got in. */
function gate(log: string[], name: string) {
	let release!: () => void;
	const done = new Promise<void>((r) => (release = r));
	const resolve = async () => {
		log.push(name);
		await done;
		return new Response(name);
	};
	return { resolve, release };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
	vi.useRealTimers();
});

describe('admission', () => {
	it('lets at most the limit in, and the others in the order they came', async () => {
		const handle = admission(2);
		const log: string[] = [];
		const gates = ['a', 'b', 'c', 'd', 'e'].map((name) => gate(log, name));
		const responses = gates.map((g) => handle({ event: event(), resolve: g.resolve }));
		await settle();
		expect(log).toEqual(['a', 'b']);
		gates[1].release();
		await settle();
		expect(log).toEqual(['a', 'b', 'c']);
		gates[0].release();
		gates[2].release();
		await settle();
		expect(log).toEqual(['a', 'b', 'c', 'd', 'e']);
		gates[3].release();
		gates[4].release();
		const bodies = await Promise.all(responses.map(async (r) => (await r).text()));
		expect(bodies).toEqual(['a', 'b', 'c', 'd', 'e']);
	});

	it('gives the place back when a request fails', async () => {
		const handle = admission(1);
		const failing = handle({
			event: event(),
			resolve: async () => {
				throw new Error('kapot');
			}
		});
		await expect(failing).rejects.toThrow('kapot');
		const log: string[] = [];
		const next = gate(log, 'next');
		const response = handle({ event: event(), resolve: next.resolve });
		await settle();
		expect(log).toEqual(['next']);
		next.release();
		expect(await (await response).text()).toBe('next');
	});

	it('gives the place of a request that hangs to the next one after a while', async () => {
		vi.useFakeTimers();
		const handle = admission(1, 1000);
		const log: string[] = [];
		const hanging = gate(log, 'hangs');
		const next = gate(log, 'next');
		const first = handle({ event: event(), resolve: hanging.resolve });
		const second = handle({ event: event(), resolve: next.resolve });
		await vi.advanceTimersByTimeAsync(999);
		expect(log).toEqual(['hangs']);
		await vi.advanceTimersByTimeAsync(1);
		expect(log).toEqual(['hangs', 'next']);
		next.release();
		hanging.release();
		expect(await (await second).text()).toBe('next');
		expect(await (await first).text()).toBe('hangs');
		// The late request's own end frees nothing twice: one place again, taken by one request.
		const third = gate(log, 'third');
		const fourth = gate(log, 'fourth');
		const responses = [third, fourth].map((g) => handle({ event: event(), resolve: g.resolve }));
		await vi.advanceTimersByTimeAsync(0);
		expect(log).toEqual(['hangs', 'next', 'third']);
		third.release();
		fourth.release();
		await Promise.all(responses);
	});

	it('never holds back forms, uploads or the app calling itself', async () => {
		const handle = admission(1);
		const log: string[] = [];
		const busy = gate(log, 'busy');
		const first = handle({ event: event(), resolve: busy.resolve });
		for (const [name, e] of [
			['post', event('POST')],
			['sub', event('GET', true)]
		] as const) {
			const g = gate(log, name);
			const response = handle({ event: e, resolve: g.resolve });
			g.release();
			await response;
		}
		expect(log).toEqual(['busy', 'post', 'sub']);
		busy.release();
		await first;
	});
});
