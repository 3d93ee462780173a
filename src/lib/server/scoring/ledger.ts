import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import { activityMeasures, activityTypes, contentAreas, periods, pointEntries, ruleSets, units } from '../db/schema';
import type { Db } from '../db/client';
import { capFor, capped, checkRuleSet, evaluate, type Catalogue, type RuleSetDefinition, type ScoringSnapshot } from '../../domain/scoring/rules';
import { boardKeysFor } from '../../domain/scoring/boards';
import { periodsOn, yearOf } from '../../domain/scoring/periods';
import { idsOnPath } from '../../domain/units/tree';

export type LedgerEntry = typeof pointEntries.$inferSelect;

/** The snapshot an approval event stores (see initiatives/service.ts takeStep). */
export interface ApprovalSnapshot {
	unitPath: string;
	teamId: number | null;
	activityTypeId: number;
	startedOn: string;
	endedOn: string;
	participantIds: number[];
	measures: Array<{ code: string | null; value: number }>;
}

export function catalogueOf(db: Db, campaignId: number): Catalogue {
	const rows = db
		.select({ typeId: activityTypes.id, code: activityMeasures.code, max: activityMeasures.max })
		.from(activityTypes)
		.innerJoin(activityMeasures, eq(activityMeasures.activityTypeId, activityTypes.id))
		.where(eq(activityTypes.campaignId, campaignId))
		.all();
	const catalogue: Catalogue = new Map();
	for (const r of rows) {
		if (!catalogue.has(r.typeId)) catalogue.set(r.typeId, new Map());
		catalogue.get(r.typeId)!.set(r.code, r.max);
	}
	return catalogue;
}

/** The published rule set that prices work done on `day`: the active version with the latest start on or before it. */
export function ruleSetFor(db: Db, campaignId: number, day: string): { version: number; definition: RuleSetDefinition } | null {
	const row = db
		.select()
		.from(ruleSets)
		.where(and(eq(ruleSets.campaignId, campaignId), eq(ruleSets.status, 'active'), lte(ruleSets.effectiveFrom, day)))
		.orderBy(desc(ruleSets.effectiveFrom), desc(ruleSets.version))
		.get();
	if (!row) return null;
	const checked = checkRuleSet(row.definition, catalogueOf(db, campaignId));
	// A published set was checked when published; if the catalogue moved under it, score nothing rather than guess.
	return checked.ok ? { version: row.version, definition: checked.value } : null;
}

/** The unit chain above (and including) the initiative's unit as it stood when the event was recorded. */
export function scoringSnapshot(db: Db, snapshot: ApprovalSnapshot): ScoringSnapshot {
	const ids = idsOnPath(snapshot.unitPath);
	const rows = ids.length ? db.select({ id: units.id, level: units.level }).from(units).where(inArray(units.id, ids)).all() : [];
	return {
		activityTypeId: snapshot.activityTypeId,
		units: ids.map((id, i) => ({ id, path: `/${ids.slice(0, i + 1).join('/')}/`, level: rows.find((r) => r.id === id)?.level ?? 'unit' })),
		teamId: snapshot.teamId,
		participantIds: snapshot.participantIds,
		measures: snapshot.measures
	};
}

function contentAreaOf(db: Db, activityTypeId: number): string | null {
	return (
		db
			.select({ code: contentAreas.code })
			.from(activityTypes)
			.innerJoin(contentAreas, eq(contentAreas.id, activityTypes.contentAreaId))
			.where(eq(activityTypes.id, activityTypeId))
			.get()?.code ?? null
	);
}

function awardedSoFar(db: Db, subjectType: string, subjectId: number, ruleCode: string, year: string): number {
	return db
		.select({ total: sql<number>`coalesce(sum(${pointEntries.points}), 0)` })
		.from(pointEntries)
		.where(
			and(
				eq(pointEntries.subjectType, subjectType),
				eq(pointEntries.subjectId, subjectId),
				eq(pointEntries.ruleCode, ruleCode),
				sql`substr(${pointEntries.activityDate}, 1, 4) = ${year}`
			)
		)
		.get()!.total;
}

/**
 * Prices an approval into ledger rows. Runs inside the approval's transaction (synchronously), so the points
 * exist exactly when the approval does; the idempotency key makes a replay of the same event a no-op.
 */
export function writeAwards(db: Db, campaignId: number, event: { id: number; initiativeId: number; snapshot: ApprovalSnapshot; at: number }): LedgerEntry[] {
	const day = event.snapshot.endedOn;
	const rules = ruleSetFor(db, campaignId, day);
	if (!rules) return [];
	const area = contentAreaOf(db, event.snapshot.activityTypeId);
	const written: LedgerEntry[] = [];
	for (const credit of evaluate(scoringSnapshot(db, event.snapshot), rules.definition)) {
		const rule = rules.definition.rules.find((r) => r.code === credit.ruleCode)!;
		const points = capped(credit.points, capFor(rule, credit.subjectType), awardedSoFar(db, credit.subjectType, credit.subjectId, credit.ruleCode, yearOf(day)));
		if (points === 0) continue;
		const row = db
			.insert(pointEntries)
			.values({
				eventId: event.id,
				initiativeId: event.initiativeId,
				ruleSetVersion: rules.version,
				ruleCode: credit.ruleCode,
				subjectType: credit.subjectType,
				subjectId: credit.subjectId,
				points,
				activityDate: day,
				scopePath: credit.scopePath,
				contentArea: area,
				kind: 'award',
				createdAt: event.at,
				idempotencyKey: `e${event.id}|${credit.ruleCode}|${credit.subjectType}|${credit.subjectId}|award|`
			})
			.onConflictDoNothing()
			.returning()
			.get();
		if (row) written.push(row);
	}
	return written;
}

/** A revoke gives back every point the initiative earned: one negative row per row not yet reversed. */
export function writeReversals(db: Db, initiativeId: number, eventId: number, at: number, reason: string | null): LedgerEntry[] {
	const rows = db.select().from(pointEntries).where(eq(pointEntries.initiativeId, initiativeId)).orderBy(asc(pointEntries.id)).all();
	const reversed = new Set(rows.map((r) => r.reversesEntryId).filter((id): id is number => id !== null));
	const written: LedgerEntry[] = [];
	for (const entry of rows) {
		if (entry.kind === 'reversal' || reversed.has(entry.id)) continue;
		const row = db
			.insert(pointEntries)
			.values({
				eventId,
				initiativeId,
				ruleSetVersion: entry.ruleSetVersion,
				ruleCode: entry.ruleCode,
				subjectType: entry.subjectType,
				subjectId: entry.subjectId,
				points: -entry.points,
				activityDate: entry.activityDate,
				scopePath: entry.scopePath,
				contentArea: entry.contentArea,
				kind: 'reversal',
				reversesEntryId: entry.id,
				reason,
				createdAt: at,
				idempotencyKey: `x${entry.id}|reversal`
			})
			.onConflictDoNothing()
			.returning()
			.get();
		if (row) written.push(row);
	}
	return written;
}

export interface BoardChange {
	key: string;
	subjectId: string;
	delta: number;
	seq: number;
}

export function isUnitSubject(subjectType: string): boolean {
	return subjectType !== 'member' && subjectType !== 'team';
}

/** The periods of the campaign, for attributing entries to boards. */
export function allPeriods(db: Db) {
	return db.select().from(periods).orderBy(asc(periods.startsOn)).all();
}

/**
 * What ledger rows change on the boards: every scope × period × (all areas, own area) they belong to.
 * The tie order key is the subject's id (published: equal points share a rank and are listed in the order
 * subjects were registered), so a board's state depends only on its totals and a revoke restores it exactly.
 */
export function boardChanges(entries: LedgerEntry[], periodList: Array<{ code: string; startsOn: string; endsOn: string; status: 'open' | 'closing' | 'closed' }>): BoardChange[] {
	const changes: BoardChange[] = [];
	for (const e of entries) {
		const codes = periodsOn(periodList, e.activityDate).map((p) => p.code);
		for (const key of boardKeysFor(e, isUnitSubject(e.subjectType), codes, e.contentArea)) {
			changes.push({ key, subjectId: String(e.subjectId), delta: e.points, seq: e.subjectId });
		}
	}
	return changes;
}

/** Every board as the ledger says it should be: the source for rebuild and verify. */
export function boardsFromLedger(db: Db): Map<string, Map<string, { score: number; seq: number }>> {
	const periodList = allPeriods(db);
	const boards = new Map<string, Map<string, { score: number; seq: number }>>();
	const stmt = db.$client.prepare('select * from point_entries order by id');
	for (const raw of stmt.iterate() as Iterable<Record<string, unknown>>) {
		const entry = {
			id: raw.id as number,
			subjectType: raw.subject_type as string,
			subjectId: raw.subject_id as number,
			points: raw.points as number,
			activityDate: raw.activity_date as string,
			scopePath: raw.scope_path as string,
			contentArea: (raw.content_area as string | null) ?? null
		} as LedgerEntry;
		for (const change of boardChanges([entry], periodList)) {
			let board = boards.get(change.key);
			if (!board) boards.set(change.key, (board = new Map()));
			const current = board.get(change.subjectId);
			const score = (current?.score ?? 0) + change.delta;
			if (score === 0) board.delete(change.subjectId);
			else board.set(change.subjectId, { score, seq: change.seq });
		}
	}
	for (const [key, board] of boards) if (board.size === 0) boards.delete(key);
	return boards;
}

