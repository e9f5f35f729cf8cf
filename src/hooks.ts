/** Hooks of server and browser alike: frozen page data travels as JSON (see $lib/frozen-json). */
import type { Transport } from '@sveltejs/kit';
import { decodeFrozen, encodeFrozen } from '$lib/frozen-json';

export const transport: Transport = {
	Frozen: { encode: encodeFrozen, decode: decodeFrozen }
};
