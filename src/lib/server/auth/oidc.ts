/** The identity provider through openid-client: discovery, the authorization request (code flow with PKCE, state and nonce), the code exchange with every check of the ID token (signature, issuer, audience, expiry, nonce), and the address to log out there. */
import * as client from 'openid-client';
import { isLoopback, type OidcSettings } from '../config';
import { FLOW_MINUTES, type SignInFlow } from './sso-flow';

/** The scopes the portal asks for; the groups come in the claim OIDC_GROUPS_CLAIM (`groups`). */
export const SCOPES = 'openid profile email';

/** Discovery is repeated after this long, so that a provider's new endpoints or keys are found without a restart. */
const REDISCOVER_MS = 60 * 60 * 1000;

let cached: { key: string; at: number; configuration: Promise<client.Configuration> } | null = null;

/**
 * The provider's configuration, discovered from OIDC_ISSUER and kept for an hour (a failed discovery is not
 * kept). ID token signatures are always verified against the provider's keys (enableNonRepudiationChecks);
 * plain HTTP is allowed only for a provider on this machine (tests).
 */
export function providerConfiguration(settings: OidcSettings): Promise<client.Configuration> {
	const key = [settings.issuer.href, settings.clientId, settings.clientSecret].join('\n');
	if (cached && cached.key === key && Date.now() - cached.at < REDISCOVER_MS) return cached.configuration;
	const execute: ((configuration: client.Configuration) => void)[] = [client.enableNonRepudiationChecks];
	if (settings.issuer.protocol === 'http:' && isLoopback(settings.issuer))
		execute.push(client.allowInsecureRequests);
	const configuration = client.discovery(
		settings.issuer,
		settings.clientId,
		settings.clientSecret,
		undefined,
		{
			execute,
			timeout: 15
		}
	);
	const entry = { key, at: Date.now(), configuration };
	cached = entry;
	configuration.catch(() => {
		if (cached === entry) cached = null;
	});
	return configuration;
}

/** The address at the provider where the user signs in, and the flow the callback checks its answer against. */
export async function authorizationRequest(
	settings: OidcSettings,
	redirectUri: string,
	back: string
): Promise<{ url: URL; flow: SignInFlow }> {
	const configuration = await providerConfiguration(settings);
	const verifier = client.randomPKCECodeVerifier();
	const flow: SignInFlow = {
		state: client.randomState(),
		nonce: client.randomNonce(),
		verifier,
		back,
		expiresAt: Date.now() + FLOW_MINUTES * 60 * 1000
	};
	const url = client.buildAuthorizationUrl(configuration, {
		redirect_uri: redirectUri,
		scope: SCOPES,
		code_challenge: await client.calculatePKCECodeChallenge(verifier),
		code_challenge_method: 'S256',
		state: flow.state,
		nonce: flow.nonce
	});
	return { url, flow };
}

/** Why the provider's answer gave no sign-in: it said no, it could not be reached, or what it sent did not check out. */
export class SignInFailed extends Error {
	constructor(
		readonly kind: 'afgebroken' | 'onbereikbaar' | 'ongeldig',
		readonly detail: string
	) {
		super(detail);
	}
}

/** A short account of an openid-client error for the audit log: its message and the cause's. */
function detailOf(error: unknown): string {
	if (!(error instanceof Error)) return String(error).slice(0, 300);
	const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
	const code = (error as { code?: unknown }).code;
	return `${error.message}${cause}${typeof code === 'string' ? ` (${code})` : ''}`.slice(0, 300);
}

function failure(error: unknown): SignInFailed {
	if (error instanceof client.AuthorizationResponseError) {
		return new SignInFailed(
			'afgebroken',
			`${error.error}${error.error_description ? `: ${error.error_description}` : ''}`.slice(0, 300)
		);
	}
	const name = error instanceof Error ? error.name : '';
	if (
		name === 'TimeoutError' ||
		name === 'AbortError' ||
		(error instanceof TypeError && /fetch failed/i.test(error.message))
	) {
		return new SignInFailed('onbereikbaar', detailOf(error));
	}
	return new SignInFailed('ongeldig', detailOf(error));
}

/** The claims the portal reads beside the ID token's own, fetched from userinfo only where the ID token lacks them. */
const FILLED_FROM_USERINFO = ['email', 'preferred_username', 'upn'];

/**
 * Exchanges the code of the callback at `currentUrl` for tokens, checking state, PKCE, and the ID token's
 * signature, issuer, audience, expiry and nonce (openid-client refuses any mismatch). Returns the ID token
 * and its claims, with e-mail and groups from userinfo where the ID token leaves them out. Throws SignInFailed.
 */
export async function exchangeCode(
	settings: OidcSettings,
	currentUrl: URL,
	flow: SignInFlow
): Promise<{ idToken: string; claims: Record<string, unknown> }> {
	let configuration: client.Configuration;
	let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
	try {
		configuration = await providerConfiguration(settings);
		tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
			expectedState: flow.state,
			expectedNonce: flow.nonce,
			pkceCodeVerifier: flow.verifier,
			idTokenExpected: true
		});
	} catch (error) {
		throw failure(error);
	}
	const idClaims = tokens.claims();
	if (!tokens.id_token || !idClaims) throw new SignInFailed('ongeldig', 'geen ID-token in het antwoord');
	const claims: Record<string, unknown> = { ...idClaims };
	const wanted = [settings.groupsClaim, ...FILLED_FROM_USERINFO];
	const lacking =
		claims[settings.groupsClaim] === undefined || FILLED_FROM_USERINFO.every((c) => claims[c] === undefined);
	if (lacking && configuration.serverMetadata().userinfo_endpoint) {
		try {
			const info = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
			for (const claim of wanted)
				if (claims[claim] === undefined && info[claim] !== undefined) claims[claim] = info[claim];
		} catch (error) {
			// The ID token's own claims decide then; a missing e-mail or group refuses with its own message.
			console.error('Userinfo van de identiteitsprovider niet gelezen:', detailOf(error));
		}
	}
	return { idToken: tokens.id_token, claims };
}

/**
 * The provider's logout address for this ID token, back to `postLogoutRedirectUri` after (RP-initiated
 * logout), or null when the provider offers none or cannot be reached now.
 */
export async function endSessionUrl(
	settings: OidcSettings,
	idToken: string,
	postLogoutRedirectUri: string
): Promise<URL | null> {
	try {
		const configuration = await providerConfiguration(settings);
		if (!configuration.serverMetadata().end_session_endpoint) return null;
		return client.buildEndSessionUrl(configuration, {
			id_token_hint: idToken,
			post_logout_redirect_uri: postLogoutRedirectUri
		});
	} catch (error) {
		console.error('Uitloggen bij de identiteitsprovider niet mogelijk:', detailOf(error));
		return null;
	}
}
