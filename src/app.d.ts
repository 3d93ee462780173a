import type { Actor } from '$lib/domain/permissions';
import type { SignedInPerson } from '$lib/server/auth/actor';
import type { SessionRecord } from '$lib/server/auth/sessions';

declare global {
	namespace App {
		interface Error {
			message: string;
			id?: string;
		}
		interface Locals {
			actor: Actor | null;
			person: SignedInPerson | null;
			session: SessionRecord | null;
			requestId: string;
			ipHash: string;
		}
	}
}

export {};
