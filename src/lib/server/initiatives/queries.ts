import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, like, lt, lte, ne, or, sql } from 'drizzle-orm';
import {
	activityEvents,
	activityMeasures,
	activityTypes,
	campaigns,
	contentAreas,
	initiativeMeasures,
	initiativeParticipants,
	initiatives,
	people,
	photos,
	teams,
	units
} from '../db/schema';
import type { Db } from '../db/client';
import { prepared } from '../db/prepared';
import { isRootUnit, type InitiativeFacts } from '../../domain/permissions';
import { councilSize } from '../council/service';
import { contributorsOf } from '../contributors/service';
import type { MeasureSpec } from '../../domain/initiatives/measures';
import { activeMemberIds } from '../teams/queries';
import { campaignOfType } from '../campaigns/participation';
import { toSearchText } from '../../text';

export type InitiativeRow = typeof initiatives.$inferSelect;

const initiativeById = (db: Db) =>
	db
		.select()
		.from(initiatives)
		.where(eq(initiatives.id, sql.placeholder('id')))
		.prepare();

export function getInitiative(db: Db, id: number): InitiativeRow | undefined {
	return prepared(db, initiativeById).get({ id });
}

const unitFacts = (db: Db) =>
	db
		.select({ id: units.id, path: units.path, active: units.active })
		.from(units)
		.where(eq(units.id, sql.placeholder('id')))
		.prepare();
const teamLeader = (db: Db) =>
	db
		.select({ leaderId: teams.leaderId })
		.from(teams)
		.where(eq(teams.id, sql.placeholder('id')))
		.prepare();

/** The audit actions that put a person's hands on an initiative's content. */
const HANDLING = ['initiative.create', 'initiative.update', 'initiative.photos_add', 'initiative.photo_remove', 'initiative.submit'];

const handlersOfMany = (db: Db) =>
	db.$client.prepare<[{ ids: string }], { initiativeId: number; personId: number }>(
		`select initiative_id as initiativeId, person_id as personId from initiative_participants
		  where initiative_id in (select value from json_each(@ids))
		 union
		 select cast(target_id as integer), actor_id from audit_log
		  where target_type = 'initiative' and target_id in (select cast(value as text) from json_each(@ids))
		    and action in (${HANDLING.map((a) => `'${a}'`).join(', ')}) and actor_id is not null`
	);

/**
 * Who wrote, edited, submitted or is credited in each of these initiatives (from their participants and their
 * audit trail, whose targets are text), in one statement prepared once whatever their number.
 */
function handlersOf(db: Db, initiativeIds: number[]): Map<number, number[]> {
	const found = new Map<number, number[]>();
	if (initiativeIds.length === 0) return found;
	for (const { initiativeId, personId } of prepared(db, handlersOfMany).all({ ids: JSON.stringify(initiativeIds) })) {
		const people = found.get(initiativeId);
		if (people) people.push(personId);
		else found.set(initiativeId, [personId]);
	}
	return found;
}

/**
 * What permissions need to know about an initiative (its id given), or about one about to be logged for
 * `unitId` / `teamId` (no id: nobody has handled it yet). The verification policy is that of the campaign
 * its activity type belongs to, never another campaign's (none known yet: grassroots do not verify).
 */
export function initiativeFacts(
	db: Db,
	unitId: number,
	teamId: number | null,
	authorId: number | null,
	initiativeId: number | null = null,
	activityTypeId: number | null = null
): InitiativeFacts | null {
	return initiativeFactsOfMany(db, [{ id: initiativeId, unitId, teamId, authorId, activityTypeId }])[0]!;
}

export interface FactsOf {
	/** Null for a work about to be logged: nobody has handled it yet. */
	id: number | null;
	unitId: number;
	teamId: number | null;
	authorId: number | null;
	activityTypeId: number | null;
}

/** A function that reads each key once. */
function once<K, V>(read: (key: K) => V): (key: K) => V {
	const seen = new Map<K, V>();
	return (key) => {
		if (!seen.has(key)) seen.set(key, read(key));
		return seen.get(key)!;
	};
}

/**
 * initiativeFacts of many works at once, in their order (null for a unit that does not exist): each unit, team,
 * campaign and council read once, who handled them in two queries — the review queue asks for every work
 * waiting in a district or the province.
 */
export function initiativeFactsOfMany(db: Db, works: FactsOf[]): Array<InitiativeFacts | null> {
	const handlers = handlersOf(
		db,
		works.flatMap((w) => (w.id === null ? [] : [w.id]))
	);
	const unitOf = once((id: number) => prepared(db, unitFacts).get({ id }));
	const teamOf = once((id: number) => ({
		leaderId: prepared(db, teamLeader).get({ id })?.leaderId ?? null,
		memberIds: activeMemberIds(db, id)
	}));
	const campaignOf = once((activityTypeId: number) => campaignOfType(db, activityTypeId));
	const councilOf = once((unitId: number) => councilSize(db, unitId));
	return works.map((w) => {
		const unit = unitOf(w.unitId);
		if (!unit) return null;
		const team = w.teamId === null ? null : teamOf(w.teamId);
		const campaign = w.activityTypeId === null ? null : campaignOf(w.activityTypeId);
		return {
			unit,
			authorId: w.authorId,
			teamLeaderId: team?.leaderId ?? null,
			teamMemberIds: team?.memberIds ?? [],
			handledBy: w.id === null ? [] : (handlers.get(w.id) ?? []),
			grassrootsMayVerify: campaign?.grassrootsMayVerify ?? false,
			councilSize: isRootUnit(unit) ? councilOf(unit.id) : 0,
			campaignId: campaign?.id ?? null
		};
	});
}

const measuresOfType = (db: Db) =>
	db
		.select({
			id: activityMeasures.id,
			code: activityMeasures.code,
			label: activityMeasures.label,
			unitLabel: activityMeasures.unitLabel,
			kind: activityMeasures.kind,
			min: activityMeasures.min,
			max: activityMeasures.max,
			required: activityMeasures.required
		})
		.from(activityMeasures)
		.where(eq(activityMeasures.activityTypeId, sql.placeholder('typeId')))
		.orderBy(asc(activityMeasures.position))
		.prepare();

export function measureSpecs(db: Db, activityTypeId: number): MeasureSpec[] {
	return prepared(db, measuresOfType).all({ typeId: activityTypeId });
}

export function activityCatalogue(db: Db, campaignId: number) {
	const types = db
		.select({ id: activityTypes.id, name: activityTypes.name, area: contentAreas.code, areaName: contentAreas.name })
		.from(activityTypes)
		.innerJoin(contentAreas, eq(contentAreas.id, activityTypes.contentAreaId))
		.where(and(eq(activityTypes.campaignId, campaignId), eq(activityTypes.active, true)))
		.orderBy(asc(contentAreas.code), asc(activityTypes.id))
		.all();
	return types.map((t) => ({ ...t, measures: measureSpecs(db, t.id) }));
}

/** Every campaign's active activity types with their campaign, in the campaigns' and the catalogue's order. */
export function activeActivityTypes(db: Db) {
	return db
		.select({ id: activityTypes.id, name: activityTypes.name, campaignId: campaigns.id, campaignName: campaigns.name })
		.from(activityTypes)
		.innerJoin(campaigns, eq(campaigns.id, activityTypes.campaignId))
		.innerJoin(contentAreas, eq(contentAreas.id, activityTypes.contentAreaId))
		.where(eq(activityTypes.active, true))
		.orderBy(asc(campaigns.id), asc(contentAreas.code), asc(activityTypes.id))
		.all();
}

/** Every campaign's active activity types, for filters: named with their campaign where there are several. */
export function activityOptions(db: Db): Array<{ id: number; name: string }> {
	const rows = activeActivityTypes(db);
	const several = new Set(rows.map((r) => r.campaignId)).size > 1;
	return rows.map((r) => ({ id: r.id, name: several ? `${r.campaignName} · ${r.name}` : r.name }));
}

const photosOf = (db: Db) =>
	db
		.select({ id: photos.id, position: photos.position, width: photos.width, height: photos.height, sha256: photos.sha256 })
		.from(photos)
		.where(and(eq(photos.initiativeId, sql.placeholder('id')), isNull(photos.removedAt)))
		.orderBy(asc(photos.position))
		.prepare();

export function livePhotos(db: Db, initiativeId: number) {
	return prepared(db, photosOf).all({ id: initiativeId });
}

export function initiativeDetail(db: Db, id: number) {
	const row = db
		.select({
			initiative: initiatives,
			unitName: units.name,
			unitPath: units.path,
			unitActive: units.active,
			teamName: teams.name,
			activityName: activityTypes.name,
			campaignId: campaigns.id,
			campaignName: campaigns.name,
			authorName: people.displayName
		})
		.from(initiatives)
		.innerJoin(units, eq(units.id, initiatives.unitId))
		.innerJoin(activityTypes, eq(activityTypes.id, initiatives.activityTypeId))
		.innerJoin(campaigns, eq(campaigns.id, activityTypes.campaignId))
		.innerJoin(people, eq(people.id, initiatives.authorId))
		.leftJoin(teams, eq(teams.id, initiatives.teamId))
		.where(eq(initiatives.id, id))
		.get();
	if (!row) return null;
	const specs = measureSpecs(db, row.initiative.activityTypeId);
	const values = db.select().from(initiativeMeasures).where(eq(initiativeMeasures.initiativeId, id)).all();
	const measures = specs.map((spec) => {
		const v = values.find((x) => x.measureId === spec.id);
		return { spec, value: v?.value ?? null, approvedValue: v?.approvedValue ?? null };
	});
	const participants = db
		.select({ id: people.id, displayName: people.displayName })
		.from(initiativeParticipants)
		.innerJoin(people, eq(people.id, initiativeParticipants.personId))
		.where(eq(initiativeParticipants.initiativeId, id))
		.all();
	return {
		...row,
		measures,
		participants,
		contributors: contributorsOf(db, id),
		photos: livePhotos(db, id),
		history: decisionHistory(db, id)
	};
}

/** Public history of decisions: what happened, when, and which unit decided (people stay unnamed). */
export function decisionHistory(db: Db, initiativeId: number) {
	return db
		.select({ type: activityEvents.type, at: activityEvents.at, reason: activityEvents.reason, unitName: units.name })
		.from(activityEvents)
		.leftJoin(units, eq(units.id, activityEvents.actorUnitId))
		.where(eq(activityEvents.initiativeId, initiativeId))
		.orderBy(asc(activityEvents.id))
		.all();
}

/** What narrows the public list of approved works (each optional). */
export interface FeedOptions {
	query?: string;
	teamId?: number | null;
	/** A unit's path: the works of it and of every unit under it. */
	unitPath?: string | null;
	activityTypeId?: number | null;
	contentAreaId?: number | null;
	/** Works whose activity ended within these days. */
	period?: { startsOn: string; endsOn: string } | null;
	/** Only the exemplary ("điển hình") collection. */
	featured?: boolean;
	/** The last work of the previous page: the list goes on after it (newest first). */
	after?: { day: string; id: number } | null;
}

/** Approved initiatives, newest first, searchable by title or unit with or without diacritics. */
export function publicFeed(db: Db, options: FeedOptions, limit = 30) {
	const q = toSearchText(options.query ?? '').replace(/[%_\\]/g, '');
	const { after, period } = options;
	const rows = db
		.select({
			id: initiatives.id,
			title: initiatives.title,
			story: initiatives.story,
			startedOn: initiatives.startedOn,
			unitName: units.name,
			teamName: teams.name,
			activityName: activityTypes.name,
			featured: sql<boolean>`${initiatives.featuredAt} is not null`.mapWith(Boolean),
			photosShowChildren: initiatives.photosShowChildren,
			guardianConsentAt: initiatives.guardianConsentAt
		})
		.from(initiatives)
		.innerJoin(units, eq(units.id, initiatives.unitId))
		.innerJoin(activityTypes, eq(activityTypes.id, initiatives.activityTypeId))
		.leftJoin(teams, eq(teams.id, initiatives.teamId))
		.where(
			and(
				eq(initiatives.status, 'approved'),
				options.teamId ? eq(initiatives.teamId, options.teamId) : undefined,
				options.unitPath ? like(units.path, `${options.unitPath}%`) : undefined,
				options.activityTypeId ? eq(initiatives.activityTypeId, options.activityTypeId) : undefined,
				options.contentAreaId ? eq(activityTypes.contentAreaId, options.contentAreaId) : undefined,
				period ? and(gte(initiatives.endedOn, period.startsOn), lte(initiatives.endedOn, period.endsOn)) : undefined,
				options.featured ? isNotNull(initiatives.featuredAt) : undefined,
				after
					? or(lt(initiatives.startedOn, after.day), and(eq(initiatives.startedOn, after.day), lt(initiatives.id, after.id)))
					: undefined,
				q ? sql`(${initiatives.searchTitle} like ${`%${q}%`} or ${units.searchName} like ${`%${q}%`})` : undefined
			)
		)
		.orderBy(desc(initiatives.startedOn), desc(initiatives.id))
		.limit(limit)
		.all();
	const ids = rows.map((r) => r.id);
	const firstPhotos = ids.length
		? db
				.select({ initiativeId: photos.initiativeId, id: photos.id, position: photos.position })
				.from(photos)
				.where(and(inArray(photos.initiativeId, ids), isNull(photos.removedAt)))
				.orderBy(asc(photos.position))
				.all()
		: [];
	return rows.map((r) => ({
		...r,
		thumbnail: photosArePublic(r) ? (firstPhotos.find((p) => p.initiativeId === r.id)?.id ?? null) : null
	}));
}

/** Photos showing children stay private until a guardian's consent is recorded. */
export function photosArePublic(i: { photosShowChildren: boolean; guardianConsentAt: number | null }): boolean {
	return !i.photosShowChildren || i.guardianConsentAt !== null;
}

/** Photos of this initiative whose exact original also appears in another initiative. */
export function duplicatePhotoIds(db: Db, initiativeId: number): string[] {
	const own = livePhotos(db, initiativeId);
	if (own.length === 0) return [];
	const elsewhere = db
		.select({ sha256: photos.sha256 })
		.from(photos)
		.where(
			and(
				inArray(
					photos.sha256,
					own.map((p) => p.sha256)
				),
				ne(photos.initiativeId, initiativeId),
				isNull(photos.removedAt)
			)
		)
		.all()
		.map((r) => r.sha256);
	return own.filter((p) => elsewhere.includes(p.sha256)).map((p) => p.id);
}

/** Values the unit had approved before for a measure: the baseline for "far above the usual". */
export function approvedHistory(db: Db, unitId: number, measureId: number, excludeInitiativeId: number): number[] {
	return db
		.select({ value: sql<number>`coalesce(${initiativeMeasures.approvedValue}, ${initiativeMeasures.value})` })
		.from(initiativeMeasures)
		.innerJoin(initiatives, eq(initiatives.id, initiativeMeasures.initiativeId))
		.where(
			and(
				eq(initiatives.unitId, unitId),
				eq(initiatives.status, 'approved'),
				eq(initiativeMeasures.measureId, measureId),
				ne(initiatives.id, excludeInitiativeId)
			)
		)
		.all()
		.map((r) => r.value);
}

/** How many of the person's own works wait for them after a return (the count beside "Của tôi" on every page). */
export function returnedToAuthor(db: Db, personId: number): number {
	return db
		.select({ n: count() })
		.from(initiatives)
		.where(and(eq(initiatives.status, 'returned'), eq(initiatives.authorId, personId)))
		.get()!.n;
}
