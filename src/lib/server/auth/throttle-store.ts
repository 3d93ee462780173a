import { eq, inArray } from 'drizzle-orm';
import { loginThrottle } from '../db/schema';
import type { Db } from '../db/client';
import { afterFailure, waitMs, type ThrottlePolicy } from '../../domain/auth/throttle';

/** Longest wait across the keys (account and address), 0 when an attempt may go ahead. */
export function throttleWait(db: Db, keys: string[], now: number): number {
	const rows = db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys)).all();
	return Math.max(0, ...rows.map((r) => waitMs(r, now)));
}

export function recordFailure(db: Db, key: string, policy: ThrottlePolicy, now: number): void {
	db.transaction((tx) => {
		const current = tx.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get() ?? null;
		const next = afterFailure(current, now, policy);
		tx.insert(loginThrottle)
			.values({ key, ...next })
			.onConflictDoUpdate({ target: loginThrottle.key, set: next })
			.run();
	}, { behavior: 'immediate' });
}

export function clearFailures(db: Db, key: string): void {
	db.delete(loginThrottle).where(eq(loginThrottle.key, key)).run();
}
