import { createHash } from 'node:crypto';
import { and, desc, eq, isNull, like, lt, or, sql } from 'drizzle-orm';
import { auditLog, people, units } from './db/schema';
import type { Db } from './db/client';
import { prepared } from './db/prepared';
import type { ServiceContext } from './context';

export interface AuditEntry {
	action: string;
	targetType: string;
	targetId?: string | number | null;
	unitId?: number | null;
	before?: Record<string, unknown> | null;
	after?: Record<string, unknown> | null;
}

/** Writes one audit row. Call it inside the transaction of the change it records. */
const insertAudit = (db: Db) =>
	db
		.insert(auditLog)
		.values({
			at: sql.placeholder('at'),
			actorId: sql.placeholder('actorId'),
			action: sql.placeholder('action'),
			targetType: sql.placeholder('targetType'),
			targetId: sql.placeholder('targetId'),
			unitId: sql.placeholder('unitId'),
			before: sql.placeholder('before'),
			after: sql.placeholder('after'),
			ipHash: sql.placeholder('ipHash'),
			requestId: sql.placeholder('requestId')
		})
		.prepare();

export function recordAudit(db: Db, ctx: Omit<ServiceContext, 'db'>, entry: AuditEntry): void {
	prepared(db, insertAudit).run({
		at: ctx.now,
		actorId: ctx.actor?.personId ?? null,
		action: entry.action,
		targetType: entry.targetType,
		targetId: entry.targetId == null ? null : String(entry.targetId),
		unitId: entry.unitId ?? null,
		before: entry.before ?? null,
		after: entry.after ?? null,
		ipHash: ctx.ipHash,
		requestId: ctx.requestId
	});
}

/** Addresses are personal data: the log keeps a short one-way digest, enough to correlate abuse. */
export function hashAddress(address: string): string {
	return createHash('sha256').update(`tienphong:${address}`, 'utf8').digest('hex').slice(0, 16);
}

export interface AuditRow {
	id: number;
	at: number;
	action: string;
	targetType: string;
	targetId: string | null;
	actorName: string | null;
	unitName: string | null;
	after: Record<string, unknown> | null;
}

/**
 * Rows an admin may read: those about units inside their subtrees. Rows tied to no unit (sign-ins, seeding)
 * are for whoever administers a root unit.
 */
export function auditWithin(db: Db, scopePaths: string[], seesUnscoped: boolean, beforeId: number | null, limit = 50): AuditRow[] {
	if (scopePaths.length === 0) return [];
	const scopeFilter = or(...scopePaths.map((p) => like(units.path, `${p}%`)), seesUnscoped ? isNull(auditLog.unitId) : undefined);
	return db
		.select({
			id: auditLog.id,
			at: auditLog.at,
			action: auditLog.action,
			targetType: auditLog.targetType,
			targetId: auditLog.targetId,
			actorName: people.fullName,
			unitName: units.name,
			after: auditLog.after
		})
		.from(auditLog)
		.leftJoin(units, eq(units.id, auditLog.unitId))
		.leftJoin(people, eq(people.id, auditLog.actorId))
		.where(and(scopeFilter, beforeId ? lt(auditLog.id, beforeId) : undefined))
		.orderBy(desc(auditLog.id))
		.limit(limit)
		.all();
}
