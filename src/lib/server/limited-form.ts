/** Reading a small form without trusting its size: at most `maxBytes` of the body are read, whatever Content-Length says. */

/**
 * The form data of a request whose body is at most `maxBytes`, or null when it is larger. A declared
 * Content-Length over the limit is refused before anything is read; a chunked body is read only up
 * to the limit, so a sender of a gigabyte costs the server no more than `maxBytes`.
 */
export async function limitedFormData(request: Request, maxBytes: number): Promise<FormData | null> {
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (Number.isFinite(declared) && declared > maxBytes) return null;
	if (!request.body) return new FormData();
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > maxBytes) {
			await reader.cancel().catch(() => undefined);
			return null;
		}
		chunks.push(value);
	}
	const body = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		body.set(chunk, offset);
		offset += chunk.byteLength;
	}
	const headers = new Headers();
	const type = request.headers.get('content-type');
	if (type) headers.set('content-type', type);
	return new Request(request.url, { method: 'POST', headers, body }).formData();
}
