import { asc, eq, sql } from 'drizzle-orm';
import { activityMeasures, activityTypes, contentAreas, pointEntries } from '../db/schema';
import type { Db } from '../db/client';
import { prepared } from '../db/prepared';
import {
	capFor,
	capped,
	checkRuleSet,
	evaluate,
	type Catalogue,
	type RuleSetDefinition,
	type ScoringSnapshot
} from '../../domain/scoring/rules';
import { yearOf } from '../../domain/scoring/periods';
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
	/** Absent in events recorded before contributors existed. */
	contributorIds?: number[];
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

/** Published definitions never change, so each is checked once per process (keyed by row id and content). */
const checkedRuleSets = new Map<string, RuleSetDefinition | null>();

/**
 * The published rule set that prices work done on `day`: the active version with the latest start on or before it.
 * Its definition is read as stored text, parsed only the first time that text is seen.
 */
const activeRuleSetOn = (db: Db) =>
	db.$client.prepare<[number, string], { id: number; version: number; definition: string }>(
		`select id, version, definition from rule_sets
		  where campaign_id = ? and status = 'active' and effective_from <= ?
		  order by effective_from desc, version desc limit 1`
	);

export function ruleSetFor(db: Db, campaignId: number, day: string): { version: number; definition: RuleSetDefinition } | null {
	const row = prepared(db, activeRuleSetOn).get(campaignId, day);
	if (!row) return null;
	const memo = `${db.$client.name}|${row.id}|${row.definition}`;
	if (checkedRuleSets.has(memo)) {
		const definition = checkedRuleSets.get(memo)!;
		return definition ? { version: row.version, definition } : null;
	}
	const checked = checkRuleSet(JSON.parse(row.definition), catalogueOf(db, campaignId));
	checkedRuleSets.set(memo, checked.ok ? checked.value : null);
	// A published set was checked when published; if the catalogue moved under it, score nothing rather than guess.
	return checked.ok ? { version: row.version, definition: checked.value } : null;
}

const levelsOfUnits = (db: Db) =>
	db.$client.prepare<[string], { id: number; level: string }>('select id, level from units where id in (select value from json_each(?))');

/** The unit chain above (and including) the initiative's unit as it stood when the event was recorded. */
export function scoringSnapshot(db: Db, snapshot: ApprovalSnapshot): ScoringSnapshot {
	const ids = idsOnPath(snapshot.unitPath);
	const rows = ids.length ? prepared(db, levelsOfUnits).all(JSON.stringify(ids)) : [];
	return {
		activityTypeId: snapshot.activityTypeId,
		units: ids.map((id, i) => ({ id, path: `/${ids.slice(0, i + 1).join('/')}/`, level: rows.find((r) => r.id === id)?.level ?? 'unit' })),
		teamId: snapshot.teamId,
		participantIds: snapshot.participantIds,
		contributorIds: snapshot.contributorIds ?? [],
		measures: snapshot.measures
	};
}

const areaOfType = (db: Db) =>
	db
		.select({ code: contentAreas.code })
		.from(activityTypes)
		.innerJoin(contentAreas, eq(contentAreas.id, activityTypes.contentAreaId))
		.where(eq(activityTypes.id, sql.placeholder('typeId')))
		.prepare();

function contentAreaOf(db: Db, activityTypeId: number): string | null {
	return prepared(db, areaOfType).get({ typeId: activityTypeId })?.code ?? null;
}

const awardedSoFarQuery = (db: Db) =>
	db.$client.prepare<[string, number, number, string, string, string], { total: number }>(
		"select coalesce(sum(points), 0) as total from point_entries where subject_type = ? and subject_id = ? and campaign_id = ? and rule_code = ? and activity_date between ? || '-01-01' and ? || '-12-31'"
	);

function awardedSoFar(db: Db, campaignId: number, subjectType: string, subjectId: number, ruleCode: string, year: string): number {
	return prepared(db, awardedSoFarQuery).get(subjectType, subjectId, campaignId, ruleCode, year, year)!.total;
}

const insertAward = (db: Db) =>
	db.$client.prepare<
		[number, number, number, number, string, string, number, number, string, string, string | null, number, string],
		{ id: number }
	>(
		`insert into point_entries (event_id, initiative_id, campaign_id, rule_set_version, rule_code, subject_type, subject_id, points, activity_date, scope_path, content_area, kind, created_at, idempotency_key)
		 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'award', ?, ?) on conflict do nothing returning id`
	);

/**
 * Prices an approval into ledger rows. Runs inside the approval's transaction (synchronously), so the points
 * exist exactly when the approval does; the idempotency key makes a replay of the same event a no-op.
 */
export function writeAwards(
	db: Db,
	campaignId: number,
	event: { id: number; initiativeId: number; snapshot: ApprovalSnapshot; at: number }
): LedgerEntry[] {
	const day = event.snapshot.endedOn;
	const rules = ruleSetFor(db, campaignId, day);
	if (!rules) return [];
	const area = contentAreaOf(db, event.snapshot.activityTypeId);
	const written: LedgerEntry[] = [];
	for (const credit of evaluate(scoringSnapshot(db, event.snapshot), rules.definition)) {
		const rule = rules.definition.rules.find((r) => r.code === credit.ruleCode)!;
		const cap = capFor(rule, credit.subjectType);
		const points =
			cap === undefined
				? credit.points
				: capped(credit.points, cap, awardedSoFar(db, campaignId, credit.subjectType, credit.subjectId, credit.ruleCode, yearOf(day)));
		if (points === 0) continue;
		const row = prepared(db, insertAward).get(
			event.id,
			event.initiativeId,
			campaignId,
			rules.version,
			credit.ruleCode,
			credit.subjectType,
			credit.subjectId,
			points,
			day,
			credit.scopePath,
			area,
			event.at,
			`e${event.id}|${credit.ruleCode}|${credit.subjectType}|${credit.subjectId}|award|`
		);
		if (row) {
			written.push({
				id: row.id,
				eventId: event.id,
				initiativeId: event.initiativeId,
				campaignId,
				ruleSetVersion: rules.version,
				ruleCode: credit.ruleCode,
				subjectType: credit.subjectType,
				subjectId: credit.subjectId,
				points,
				activityDate: day,
				scopePath: credit.scopePath,
				contentArea: area,
				kind: 'award',
				reversesEntryId: null,
				recomputeRun: '',
				reason: null,
				createdAt: event.at,
				idempotencyKey: `e${event.id}|${credit.ruleCode}|${credit.subjectType}|${credit.subjectId}|award|`
			});
		}
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
				campaignId: entry.campaignId,
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

/** The ledger sequence: the id of the newest point entry. Live boards are versioned by it. */
export function ledgerSequence(db: Db): number {
	return (db.$client.prepare('select coalesce(max(id), 0) as seq from point_entries').get() as { seq: number }).seq;
}
