/** A warning in the log when the portal runs behind a proxy that adapter-node is not told about. */

const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

export const PROXY_WARNING =
	'Let op: verzoeken komen binnen via een proxy (X-Forwarded-For), maar ADDRESS_HEADER is niet ingesteld. ' +
	'Elke bezoeker heeft dan het adres van de proxy, zodat dertig mislukte logins iedereen een kwartier buitensluiten. ' +
	'Zet ADDRESS_HEADER=X-Forwarded-For (zie README, "Installeren voor een gemeente").';

/**
 * Returns a function that logs PROXY_WARNING once, at the first request that carries a proxy header
 * while `addressHeader` is unset; after that, and whenever it is set, it does nothing.
 */
export function proxyWarning(
	addressHeader: string | undefined,
	log: (message: string) => void = console.warn
) {
	let warned = !!addressHeader;
	return (headers: Headers): void => {
		if (warned || !PROXY_HEADERS.some((name) => headers.has(name))) return;
		warned = true;
		log(PROXY_WARNING);
	};
}
