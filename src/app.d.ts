// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Actor } from '$lib/server/auth/actor';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** For an unexpected server error: the id of its log line (hooks.server.ts handleError). */
			id?: string;
		}
		interface Locals {
			/** The signed-in person (from the session cookie), or null. Set by hooks.server.ts. */
			user: Actor | null;
			/** sha256 of the session token, for signing out. */
			sessionId: string | null;
			/** Signed in with a one-time code: only /akun (choose a new password) opens until then. */
			mustChangePassword?: boolean;
		}
	}
}
export {};
