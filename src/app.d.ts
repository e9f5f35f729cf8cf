import type { SessionValidationResult } from '$lib/server/auth/session';
import type { SessionUser } from '$lib/domain/roles';
import type { SecondFactorStep } from '$lib/server/auth/second-factor';

declare global {
	namespace App {
		interface Locals {
			/** The signed-in user (from the session cookie or an API token), or null. */
			user: SessionUser | null;
			/** The browser session; null for API-token requests and anonymous ones. */
			session: SessionValidationResult['session'];
			/**
			 * A session past the password that still needs its second factor: to give a code, or to set
			 * up an authenticator first. `user` stays null until then.
			 */
			pendingSecondFactor: { step: SecondFactorStep; user: SessionUser } | null;
			/** Set by a page's load whose answer may be kept until the data changes (`keepPage`). */
			keepPage?: boolean;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
