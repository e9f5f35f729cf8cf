/** A real OpenID Connect provider (oidc-provider) on 127.0.0.1 for the single-sign-on tests: accounts with groups and amr, the portal registered as its client, and ID tokens that can be made expired or wrongly signed. */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

/** An account at the provider; `id` is what one types into its login form. */
export interface ProviderAccount {
	id: string;
	email: string;
	groups: string[];
	/** The authentication methods (RFC 8176) the ID token reports, such as `["pwd", "otp"]`. */
	amr: string[];
	acr?: string;
}

/**
 * How the next ID token from the token endpoint is spoiled: past its expiry, signed with a key the provider
 * does not publish, or (signed with the right key) for another audience, from another issuer or with
 * another nonce.
 */
export type Spoil = 'expired' | 'wrong-key' | 'other-audience' | 'other-issuer' | 'other-nonce';

export interface TestProvider {
	/** `http://127.0.0.1:<port>`, the OIDC_ISSUER. */
	issuer: string;
	/** OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET for the portal. */
	env: Record<string, string>;
	/** Registers the portal at this address as the client (redirect URI and post-logout redirect URI); before any sign-in. */
	register(portalUrl: string): void;
	/** Moves an account to other groups; its next ID token carries them. */
	setGroups(id: string, groups: string[]): void;
	/** Spoils the next ID token the token endpoint hands out. */
	spoilNextIdToken(how: Spoil): void;
	/**
	 * Changes the next redirect back to the portal's callback, as someone who edits the address would
	 * (a browser test cannot intercept a request reached through a redirect).
	 */
	alterNextCallback(change: (callback: URL) => void): void;
	/** Every address the provider was asked for, path and query, oldest first. */
	requests: string[];
	stop(): Promise<void>;
}

const CLIENT_ID = 'systeemleren-portal';
const CLIENT_SECRET = 'een-geheim-van-de-test-dat-lang-genoeg-is';
const KID = 'test-signing-key';

/** A JWT as the provider signs it (RS256), with this payload and key. */
function signJwt(header: object, payload: object, key: crypto.KeyObject): string {
	const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const input = `${part(header)}.${part(payload)}`;
	return `${input}.${crypto.sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

function spoiled(idToken: string, how: Spoil, key: crypto.KeyObject): string {
	const [header, payload] = idToken
		.split('.')
		.slice(0, 2)
		.map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>);
	if (how === 'wrong-key') {
		return signJwt(header, payload, crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
	}
	const now = Math.floor(Date.now() / 1000);
	const changed = {
		// Ten minutes past its expiry, far beyond openid-client's tolerance of 30 seconds.
		expired: { iat: now - 1200, exp: now - 600, auth_time: now - 1200 },
		'other-audience': { aud: 'een-andere-applicatie' },
		'other-issuer': { iss: 'https://idp.elders.example' },
		'other-nonce': { nonce: 'een-andere-nonce' }
	}[how];
	return signJwt(header, { ...payload, ...changed }, key);
}

/** The login and logout pages of the provider, in plain HTML (the default ones load a web font from the internet). */
const logoutSource: NonNullable<
	NonNullable<NonNullable<Configuration['features']>['rpInitiatedLogout']>['logoutSource']
> = async (ctx, form) => {
	ctx.body = `<!DOCTYPE html><html lang="en"><head><title>Sign out</title></head><body><main><h1>Sign out?</h1>${form}
<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button></main></body></html>`;
};

/** Starts the provider on a free loopback port; the portal is registered with `register` once its address is known. */
export async function startTestProvider(accounts: ProviderAccount[]): Promise<TestProvider> {
	const byId = new Map(accounts.map((a) => [a.id, { ...a, groups: [...a.groups] }]));
	const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
	const jwk = { ...privateKey.export({ format: 'jwk' }), kid: KID, use: 'sig', alg: 'RS256' };
	const requests: string[] = [];
	let spoil: Spoil | null = null;
	let alter: ((callback: URL) => void) | null = null;
	let handler: http.RequestListener | null = null;
	const server = http.createServer((req, res) => {
		if (handler) return handler(req, res);
		res.statusCode = 503;
		res.end('the portal is not registered yet');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	function register(portalUrl: string): void {
		const provider = new Provider(issuer, {
			clients: [
				{
					client_id: CLIENT_ID,
					client_secret: CLIENT_SECRET,
					redirect_uris: [`${portalUrl}/login/sso/callback`],
					post_logout_redirect_uris: [`${portalUrl}/login`],
					response_types: ['code'],
					grant_types: ['authorization_code'],
					token_endpoint_auth_method: 'client_secret_post'
				}
			],
			jwks: { keys: [jwk] },
			cookies: { keys: ['test-cookie-key-0123456789'] },
			// amr and acr come from the sign-in (below); listed under openid, every ID token carries them.
			claims: {
				sid: null,
				auth_time: null,
				iss: null,
				openid: ['sub', 'groups', 'amr', 'acr'],
				email: ['email', 'email_verified'],
				profile: ['name']
			},
			// Groups and e-mail in the ID token itself, as Microsoft Entra ID and Keycloak put them there.
			conformIdTokenClaims: false,
			pkce: { required: () => true },
			features: {
				devInteractions: { enabled: true },
				rpInitiatedLogout: { enabled: true, logoutSource }
			},
			ttl: {
				AccessToken: 600,
				AuthorizationCode: 60,
				IdToken: 600,
				Interaction: 600,
				Session: 3600,
				Grant: 3600
			},
			async findAccount(_ctx, id) {
				const account = byId.get(id);
				if (!account) return undefined;
				return {
					accountId: id,
					claims: () => ({
						sub: id,
						email: account.email,
						email_verified: true,
						name: id,
						groups: [...account.groups]
					})
				};
			},
			// The portal is the municipality's own application: no consent screen, as after an admin consent.
			async loadExistingGrant(ctx: KoaContextWithOIDC) {
				const { session, client } = ctx.oidc;
				if (!session?.accountId || !client) return undefined;
				const existing = session.grantIdFor(client.clientId);
				if (existing) return ctx.oidc.provider.Grant.find(existing);
				const grant = new ctx.oidc.provider.Grant({
					clientId: client.clientId,
					accountId: session.accountId
				});
				grant.addOIDCScope('openid profile email');
				await grant.save();
				return grant;
			}
		});
		// The development login form knows only the account id: the account's amr and acr join its login here.
		const finished = provider.interactionFinished.bind(provider);
		provider.interactionFinished = (req, res, result, options) => {
			const login = (result as { login?: { accountId: string; amr?: string[]; acr?: string } }).login;
			const account = login ? byId.get(login.accountId) : undefined;
			if (login && account) {
				login.amr = account.amr;
				if (account.acr) login.acr = account.acr;
			}
			return finished(req, res, result, options);
		};
		provider.use(async (ctx, next) => {
			requests.push(ctx.url);
			await next();
			const body = ctx.body as { id_token?: string } | undefined;
			if (spoil && ctx.path === '/token' && typeof body?.id_token === 'string') {
				ctx.body = { ...body, id_token: spoiled(body.id_token, spoil, privateKey) };
				spoil = null;
			}
			const location = (ctx.response.get('location') as string | undefined) ?? '';
			if (alter && location.includes('/login/sso/callback')) {
				const callback = new URL(location);
				alter(callback);
				alter = null;
				ctx.redirect(callback.href);
			}
		});
		handler = provider.callback();
	}

	return {
		issuer,
		env: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET },
		register,
		setGroups(id, groups) {
			const account = byId.get(id);
			if (!account) throw new Error(`no account ${id} at the test provider`);
			account.groups = [...groups];
		},
		spoilNextIdToken(how) {
			spoil = how;
		},
		alterNextCallback(change) {
			alter = change;
		},
		requests,
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
