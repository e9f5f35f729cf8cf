import type { SessionValidationResult } from '$lib/server/auth/session';
import type { SessionUser } from '$lib/domain/roles';

declare global {
	namespace App {
		interface Locals {
			/** The signed-in user (from the session cookie or an API token), or null. */
			user: SessionUser | null;
			/** The browser session; null for API-token requests and anonymous ones. */
			session: SessionValidationResult['session'];
		}
		interface Error {
			message: string;
		}
	}
}

export {};
