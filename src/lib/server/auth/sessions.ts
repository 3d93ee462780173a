import { and, eq, ne, sql } from 'drizzle-orm';
import { sessions } from '../db/schema';
import type { Db } from '../db/client';
import { prepared } from '../db/prepared';
import { hashSecret, randomToken, secretMatches, splitToken } from './tokens';

const DAY = 24 * 60 * 60 * 1000;
/** Idle this long and the session ends. */
export const SESSION_IDLE_MS = 30 * DAY;
/** No session outlives this, however active (ASVS 7.3.2). */
export const SESSION_ABSOLUTE_MS = 90 * DAY;
/** Extend the expiry at most this often, so reads do not write on every request. */
const TOUCH_EVERY_MS = 60 * 60 * 1000;

export interface SessionRecord {
	id: string;
	personId: number;
	createdAt: number;
	expiresAt: number;
}

export function createSession(db: Db, personId: number, now: number, userAgent = ''): { token: string; session: SessionRecord } {
	const id = randomToken();
	const secret = randomToken();
	const session = { id, personId, createdAt: now, expiresAt: Math.min(now + SESSION_IDLE_MS, now + SESSION_ABSOLUTE_MS) };
	db.insert(sessions)
		.values({ ...session, secretHash: hashSecret(secret), lastSeenAt: now, userAgent: userAgent.slice(0, 200) })
		.run();
	return { token: `${id}.${secret}`, session };
}

export type SessionCheck = { session: SessionRecord; refreshed: boolean } | null;

const sessionById = (db: Db) =>
	db
		.select()
		.from(sessions)
		.where(eq(sessions.id, sql.placeholder('id')))
		.prepare();

/** Validates a cookie token; slides the expiry forward (never past the absolute lifetime). */
export function validateSessionToken(db: Db, token: string, now: number): SessionCheck {
	const parts = splitToken(token);
	if (!parts) return null;
	const row = prepared(db, sessionById).get({ id: parts.id });
	if (!row || !secretMatches(parts.secret, row.secretHash)) return null;
	const hardLimit = row.createdAt + SESSION_ABSOLUTE_MS;
	if (now >= row.expiresAt || now >= hardLimit) {
		db.delete(sessions).where(eq(sessions.id, row.id)).run();
		return null;
	}
	const session = { id: row.id, personId: row.personId, createdAt: row.createdAt, expiresAt: row.expiresAt };
	if (now - row.lastSeenAt < TOUCH_EVERY_MS) return { session, refreshed: false };
	session.expiresAt = Math.min(now + SESSION_IDLE_MS, hardLimit);
	db.update(sessions).set({ expiresAt: session.expiresAt, lastSeenAt: now }).where(eq(sessions.id, row.id)).run();
	return { session, refreshed: true };
}

export function invalidateSession(db: Db, sessionId: string): void {
	db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function invalidateOtherSessions(db: Db, personId: number, keepSessionId: string): void {
	db.delete(sessions)
		.where(and(eq(sessions.personId, personId), ne(sessions.id, keepSessionId)))
		.run();
}

export function invalidateAllSessions(db: Db, personId: number): void {
	db.delete(sessions).where(eq(sessions.personId, personId)).run();
}

export function listSessions(db: Db, personId: number) {
	return db
		.select({ id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, userAgent: sessions.userAgent })
		.from(sessions)
		.where(eq(sessions.personId, personId))
		.all();
}
