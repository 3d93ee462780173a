import type { Actor } from '$lib/domain/permissions';
import type { SignedInPerson } from '$lib/server/auth/actor';
import type { SessionRecord } from '$lib/server/auth/sessions';
import type { SecondFactorStanding } from '$lib/domain/auth/second-factor';

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
			/** Whether the signed-in person has, or must soon have, a second factor. */
			secondFactor: { standing: SecondFactorStanding; dueAt: number | null } | null;
			requestId: string;
			ipHash: string;
		}
		interface PageData {
			/** Set by pages made for a big screen (the showcase): the root layout then leaves out the site's header and navigation. */
			fullScreen?: boolean;
		}
	}
}

export {};
