/** Reading a small form: refused unread above the limit, whether the size is declared or streamed. */
import { describe, expect, it } from 'vitest';
import { limitedFormData } from './limited-form';

const url = 'http://portal.test/login';

describe('limitedFormData', () => {
	it('reads a form within the limit, urlencoded or multipart', async () => {
		const plain = new Request(url, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'email=a%40b.nl&password=geheim'
		});
		expect((await limitedFormData(plain, 1024))?.get('email')).toBe('a@b.nl');
		const body = new FormData();
		body.set('email', 'c@d.nl');
		const multipart = new Request(url, { method: 'POST', body });
		expect((await limitedFormData(multipart, 1024))?.get('email')).toBe('c@d.nl');
	});

	it('refuses a declared size over the limit before reading anything', async () => {
		let pulled = 0;
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				pulled++;
				controller.enqueue(new Uint8Array(1024));
			}
		});
		const request = new Request(url, {
			method: 'POST',
			headers: {
				'content-length': String(10 * 1024 * 1024),
				'content-type': 'application/x-www-form-urlencoded'
			},
			body,
			duplex: 'half'
		} as RequestInit);
		expect(await limitedFormData(request, 8 * 1024)).toBeNull();
		expect(pulled).toBeLessThanOrEqual(1);
	});

	it('stops reading an undeclared stream at the limit', async () => {
		let sent = 0;
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				sent += 1024;
				controller.enqueue(new Uint8Array(1024).fill(97));
				if (sent >= 1024 * 1024) controller.close();
			}
		});
		const request = new Request(url, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body,
			duplex: 'half'
		} as RequestInit);
		expect(await limitedFormData(request, 8 * 1024)).toBeNull();
		expect(sent).toBeLessThan(64 * 1024);
	});
});
