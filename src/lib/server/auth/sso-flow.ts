/** The short-lived cookie that carries a sign-in at the identity provider from its start to its callback: state, nonce, PKCE verifier and where to go after, sealed with AES-256-GCM (secret-box.ts). */
import type { Cookies } from '@sveltejs/kit';
import { config } from '../config';
import { secure } from './cookie';
import { seal, secretKey, unseal } from './secret-box';
import { safeReturn } from './return-to';

/** What the callback checks the identity provider's answer against. */
export interface SignInFlow {
	state: string;
	nonce: string;
	/** The PKCE code verifier (RFC 7636): only its S256 challenge went to the provider. */
	verifier: string;
	/** The portal path to open after signing in. */
	back: string;
	/** Epoch ms after which the callback refuses it. */
	expiresAt: number;
}

/** Long enough to type a password and a code at the provider, short enough that a stale start does not linger. */
export const FLOW_MINUTES = 10;
/** Only the sign-in routes receive the cookie. */
const PATH = '/login/sso';
const CONTEXT = 'sso-flow';

function cookieName(url: URL): string {
	return secure(url) ? '__Secure-sso-flow' : 'sso-flow';
}

function key(): Buffer {
	return secretKey(config.secretKeyPath, { create: true });
}

/** Sets the sealed flow cookie: HttpOnly, SameSite=Lax (the provider's redirect back is a top-level GET), Secure over HTTPS. */
export function setFlowCookie(cookies: Cookies, url: URL, flow: SignInFlow): void {
	const sealed = seal(key(), new TextEncoder().encode(JSON.stringify(flow)), CONTEXT);
	cookies.set(cookieName(url), Buffer.from(sealed).toString('base64url'), {
		httpOnly: true,
		sameSite: 'lax',
		secure: secure(url),
		path: PATH,
		maxAge: FLOW_MINUTES * 60
	});
}

/** The flow of this browser's sign-in, used once (the cookie is removed); null when absent, tampered with or past its time. */
export function takeFlowCookie(cookies: Cookies, url: URL, now = Date.now()): SignInFlow | null {
	const name = cookieName(url);
	const value = cookies.get(name);
	if (value === undefined) return null;
	cookies.delete(name, { path: PATH, secure: secure(url) });
	try {
		const plain = unseal(key(), new Uint8Array(Buffer.from(value, 'base64url')), CONTEXT);
		const flow = JSON.parse(new TextDecoder().decode(plain)) as Partial<SignInFlow>;
		const complete =
			typeof flow.state === 'string' &&
			typeof flow.nonce === 'string' &&
			typeof flow.verifier === 'string' &&
			typeof flow.back === 'string' &&
			typeof flow.expiresAt === 'number';
		if (!complete || now > flow.expiresAt!) return null;
		return { ...(flow as SignInFlow), back: safeReturn(flow.back!) };
	} catch {
		return null;
	}
}
