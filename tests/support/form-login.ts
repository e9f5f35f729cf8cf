/** Logging in through the portal's forms with fetch, second factor included, and the authenticators test users set up (kept per e-mail for the test file). */
import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';

const PERIOD_MS = 30_000;

interface Authenticator {
	key: Uint8Array;
	/** The last time step used: the portal accepts each code once, so the next code is of a later step. */
	lastStep: number;
}

/**
 * By e-mail, not by address: the key lives in the database, and a test that restarts its server on the
 * same database meets it on another port. Each test file runs in its own module scope.
 */
const authenticators = new Map<string, Authenticator>();
const slot = (_base: string, email: string) => email.toLowerCase();
const currentStep = () => Math.floor(Date.now() / PERIOD_MS);

/** Remembers the key an enrolment page showed, as a person types it into an app (groups of four, spaces allowed). */
export function rememberAuthenticator(base: string, email: string, typedKey: string): void {
	const key = decodeBase32IgnorePadding(typedKey.replace(/\s+/g, ''));
	authenticators.set(slot(base, email), { key, lastStep: -1 });
}

/** Forgets a user's authenticator, as after a beheerder reset it. */
export function forgetAuthenticator(base: string, email: string): void {
	authenticators.delete(slot(base, email));
}

/** Whether this user has set up an authenticator in this portal (through these helpers). */
export function hasAuthenticator(base: string, email: string): boolean {
	return authenticators.has(slot(base, email));
}

/**
 * The next code the portal will accept: it takes the previous, current and next step, each once. The
 * current step is the first choice (the previous one may pass while the request travels), a later one
 * when that is used up, waiting when the next is used up too.
 */
export async function nextTotpCode(base: string, email: string): Promise<string> {
	const authenticator = authenticators.get(slot(base, email));
	if (!authenticator) throw new Error(`no authenticator set up for ${email} on ${base}`);
	const step = Math.max(currentStep(), authenticator.lastStep + 1);
	while (step > currentStep() + 1) {
		await new Promise((resolve) => setTimeout(resolve, (currentStep() + 1) * PERIOD_MS - Date.now() + 50));
	}
	authenticator.lastStep = step;
	return totpCode(authenticator.key, step);
}

/** The six-digit code of a key at a time step. */
export function totpCode(key: Uint8Array, step: number): string {
	return generateHOTP(key, BigInt(step), 6);
}

/** The key as the enrolment page shows it to be typed, read from its HTML. */
export function typedKeyIn(html: string): string {
	const match = /id="totp-sleutel"[^>]*>([A-Z2-7 ]+)</.exec(html);
	if (!match) throw new Error('the enrolment page shows no key');
	return match[1];
}

/** Posts a form as a browser without JavaScript does; redirects are not followed. */
export function postForm(
	base: string,
	address: string,
	fields: Record<string, string>,
	cookie?: string
): Promise<Response> {
	return fetch(base + address, {
		method: 'POST',
		// As a browser posts a plain form: SvelteKit answers a JSON `accept` with 200 and a JSON body instead of 303.
		headers: {
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			origin: base,
			...(cookie ? { cookie } : {})
		},
		body: new URLSearchParams(fields).toString(),
		redirect: 'manual'
	});
}

function sessionCookie(response: Response): string | undefined {
	return response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.find((c) => /^(__Host-)?session=./.test(c));
}

/**
 * Logs in through `/login` and then the second factor: with a code when the user has an authenticator,
 * else by setting one up on the enrolment page (its key is remembered for later logins). Returns the
 * `Cookie` header value of the session.
 */
export async function formLogin(base: string, email: string, password: string): Promise<string> {
	const login = await postForm(base, '/login', { email, password });
	const cookie = sessionCookie(login);
	const next = login.headers.get('location') ?? '';
	if (login.status !== 303 || !cookie) {
		throw new Error(`login of ${email} failed: HTTP ${login.status}, location ${next}`);
	}
	if (next.startsWith('/login/tweede-factor/instellen')) {
		const page = await fetch(base + '/login/tweede-factor/instellen', { headers: { cookie } });
		const html = await page.text();
		const key = /name="key" value="([^"]+)"/.exec(html)?.[1];
		if (!key) throw new Error(`the enrolment page for ${email} has no key field (HTTP ${page.status})`);
		rememberAuthenticator(base, email, typedKeyIn(html));
		const code = await nextTotpCode(base, email);
		const enrol = await postForm(base, '/login/tweede-factor/instellen?/instellen', { key, code }, cookie);
		if (enrol.status !== 200 || !(await enrol.text()).includes('id="herstelcodes"')) {
			throw new Error(`setting up the second factor of ${email} failed: HTTP ${enrol.status}`);
		}
	} else if (next.startsWith('/login/tweede-factor')) {
		const code = await nextTotpCode(base, email);
		const check = await postForm(base, '/login/tweede-factor?/code', { code }, cookie);
		if (check.status !== 303) throw new Error(`the code of ${email} was refused: HTTP ${check.status}`);
	}
	return cookie;
}
