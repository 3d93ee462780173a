import { expect } from 'vitest';
import { AccessDenied } from '../../src/lib/server/auth/authorize';

/** The service refused outright (as a route would answer 403): it threw before doing anything. */
export function expectForbidden(fn: () => unknown): void {
	let thrown: unknown = null;
	try {
		fn();
	} catch (e) {
		thrown = e;
	}
	expect(thrown).toBeInstanceOf(AccessDenied);
	expect((thrown as AccessDenied).refusal).toBe('forbidden');
}
