import { and, asc, eq, inArray, isNull, like, lt, or } from 'drizzle-orm';
import {
	activityEvents,
	activityTypes,
	campaigns,
	initiativeMeasures,
	initiatives,
	memberships,
	people,
	photos,
	units
} from '../db/schema';
import type { Db } from '../db/client';
import { can, councilGrants, verifierGrants, type Actor } from '../../domain/permissions';
import { anyCampaignLetsGrassrootsVerify } from '../campaigns/queries';
import { isFarAboveUsual } from '../../domain/initiatives/measures';
import { changesSince, type WorkChange, type WorkSnapshot } from '../../domain/initiatives/changes';
import { storyExcerpt } from '../../domain/initiatives/story';
import { isWithin } from '../../domain/units/tree';
import { approvedHistory, duplicatePhotoIds, initiativeFactsOfMany, measureSpecs } from './queries';

export interface ReviewFilters {
	unitId: number | null;
	activityTypeId: number | null;
	olderThanDays: number | null;
}

export type ReviewFlag = { kind: 'duplicatePhoto' } | { kind: 'farAbove'; label: string } | { kind: 'outsideAuthor' };

const DAY = 24 * 60 * 60 * 1000;

/** Whether the author belongs to (or administers) the unit they logged the work for. */
function authorBelongs(db: Db, authorId: number, unitPath: string): boolean {
	const paths = db
		.select({ path: units.path })
		.from(memberships)
		.innerJoin(units, eq(units.id, memberships.unitId))
		.where(and(eq(memberships.personId, authorId)))
		.all()
		.map((r) => r.path);
	return paths.some((p) => isWithin(unitPath, p) || isWithin(p, unitPath));
}

/** Works shown per page of the queue: a page stays under 80 KB of HTML at the province's size (issue 14). */
export const REVIEW_PAGE_SIZE = 25;

export interface ReviewPage<T> {
	items: T[];
	/** Everything waiting for this verifier under these filters, on every page. */
	total: number;
	page: number;
	pages: number;
}

/**
 * What awaits this verifier, oldest submission first, each with review hints, a page at a time. Scope is decided
 * by `can()` on every waiting work, so the queue (and its count) never shows what the approve button would refuse;
 * only the page's own works are then read in full.
 */
export function reviewQueue(db: Db, actor: Actor, filters: ReviewFilters, now: number, page = 1) {
	const waiting = waitingFor(db, actor, filters, now);
	const pages = Math.max(1, Math.ceil(waiting.length / REVIEW_PAGE_SIZE));
	// Deciding the last works of the last page leaves it empty: its verifier lands on the page before.
	const shownPage = Math.min(page, pages);
	const shown = waiting.slice((shownPage - 1) * REVIEW_PAGE_SIZE, shownPage * REVIEW_PAGE_SIZE);
	return { items: reviewItems(db, shown), total: waiting.length, page: shownPage, pages };
}

/** How many works wait for this verifier under these filters (the bell's reminder of long waits). */
export function waitingCount(db: Db, actor: Actor, filters: ReviewFilters, now: number): number {
	return waitingFor(db, actor, filters, now).length;
}

/** The ids of the works waiting for this verifier, oldest first. */
function waitingFor(db: Db, actor: Actor, filters: ReviewFilters, now: number): number[] {
	// Where anything might await this verifier; each item's own campaign then decides (can() below).
	const scopes = verifierGrants(actor, anyCampaignLetsGrassrootsVerify(db), 'any').map((g) => g.unitPath);
	// A council member reviews the root's own work only: that unit alone, not its tree.
	const councilUnits = councilGrants(actor).map((g) => g.unitId);
	if (scopes.length === 0 && councilUnits.length === 0) return [];
	const filterUnit = filters.unitId ? db.select({ path: units.path }).from(units).where(eq(units.id, filters.unitId)).get() : undefined;
	const candidates = db
		.select({
			id: initiatives.id,
			unitId: initiatives.unitId,
			teamId: initiatives.teamId,
			authorId: initiatives.authorId,
			activityTypeId: initiatives.activityTypeId
		})
		.from(initiatives)
		.innerJoin(units, eq(units.id, initiatives.unitId))
		.where(
			and(
				eq(initiatives.status, 'submitted'),
				or(...scopes.map((p) => like(units.path, `${p}%`)), councilUnits.length ? inArray(units.id, councilUnits) : undefined),
				filterUnit ? like(units.path, `${filterUnit.path}%`) : undefined,
				filters.activityTypeId ? eq(initiatives.activityTypeId, filters.activityTypeId) : undefined,
				filters.olderThanDays ? lt(initiatives.updatedAt, now - filters.olderThanDays * DAY) : undefined
			)
		)
		.orderBy(asc(initiatives.updatedAt), asc(initiatives.id))
		.all();
	const facts = initiativeFactsOfMany(db, candidates);
	return candidates.filter((_, n) => can(actor, 'initiative.verify', { kind: 'initiative', ...facts[n]! })).map((r) => r.id);
}

/** The queue's cards for these works, in this order: story excerpt, measures, thumbnail, what changed since a return, hints. */
function reviewItems(db: Db, ids: number[]) {
	if (ids.length === 0) return [];
	const order = new Map(ids.map((id, n) => [id, n]));
	const rows = db
		.select({
			id: initiatives.id,
			title: initiatives.title,
			status: initiatives.status,
			revision: initiatives.revision,
			unitId: initiatives.unitId,
			unitName: units.name,
			unitPath: units.path,
			teamId: initiatives.teamId,
			authorId: initiatives.authorId,
			authorName: people.displayName,
			activityTypeId: initiatives.activityTypeId,
			activityName: activityTypes.name,
			campaignName: campaigns.name,
			startedOn: initiatives.startedOn,
			updatedAt: initiatives.updatedAt,
			story: initiatives.story
		})
		.from(initiatives)
		.innerJoin(units, eq(units.id, initiatives.unitId))
		.innerJoin(people, eq(people.id, initiatives.authorId))
		.innerJoin(activityTypes, eq(activityTypes.id, initiatives.activityTypeId))
		.innerJoin(campaigns, eq(campaigns.id, activityTypes.campaignId))
		.where(inArray(initiatives.id, ids))
		.all()
		.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
	const values = db.select().from(initiativeMeasures).where(inArray(initiativeMeasures.initiativeId, ids)).all();
	const workflow = db
		.select({
			initiativeId: activityEvents.initiativeId,
			type: activityEvents.type,
			at: activityEvents.at,
			snapshot: activityEvents.snapshot,
			reason: activityEvents.reason
		})
		.from(activityEvents)
		.where(and(inArray(activityEvents.initiativeId, ids), inArray(activityEvents.type, ['submitted', 'returned'])))
		.orderBy(asc(activityEvents.at), asc(activityEvents.id))
		.all();
	const thumbnails = new Map<number, string>();
	for (const p of db
		.select({ initiativeId: photos.initiativeId, id: photos.id })
		.from(photos)
		.where(and(inArray(photos.initiativeId, ids), isNull(photos.removedAt)))
		.orderBy(asc(photos.position))
		.all())
		if (!thumbnails.has(p.initiativeId)) thumbnails.set(p.initiativeId, p.id);
	return rows.map((r) => {
		const specs = measureSpecs(db, r.activityTypeId);
		const flags: ReviewFlag[] = [];
		if (duplicatePhotoIds(db, r.id).length > 0) flags.push({ kind: 'duplicatePhoto' });
		for (const spec of specs) {
			const v = values.find((x) => x.initiativeId === r.id && x.measureId === spec.id);
			if (v && isFarAboveUsual(v.value, approvedHistory(db, r.unitId, spec.id, r.id))) flags.push({ kind: 'farAbove', label: spec.label });
		}
		if (!authorBelongs(db, r.authorId, r.unitPath)) flags.push({ kind: 'outsideAuthor' });
		const { story, ...row } = r;
		const history = sinceReturn(workflow.filter((e) => e.initiativeId === r.id));
		return {
			...row,
			submittedAt: history.submittedAt || r.updatedAt,
			returned: history.returned,
			excerpt: storyExcerpt(story, 160),
			thumbnail: thumbnails.get(r.id) ?? null,
			measures: specs.map((spec) => ({
				spec,
				value: values.find((x) => x.initiativeId === r.id && x.measureId === spec.id)?.value ?? null
			})),
			flags
		};
	});
}

/**
 * When the work was last sent, and if it had been returned before: why, and what the author changed since
 * (the returned and the resubmitted events' snapshots compared).
 */
function sinceReturn(events: Array<{ type: string; at: number; snapshot: unknown; reason: string | null }>): {
	submittedAt: number;
	returned: { reason: string | null; changes: WorkChange[] } | null;
} {
	const sent = events.findLast((e) => e.type === 'submitted');
	const back = events.findLast((e) => e.type === 'returned');
	return {
		submittedAt: sent?.at ?? 0,
		returned:
			sent && back && back.at <= sent.at
				? { reason: back.reason, changes: changesSince(back.snapshot as WorkSnapshot, sent.snapshot as WorkSnapshot) }
				: null
	};
}

/** The author's own work and what came back to them, newest change first. */
export function myInitiatives(db: Db, personId: number, teamIds: number[]) {
	const rows = db
		.select({
			id: initiatives.id,
			title: initiatives.title,
			status: initiatives.status,
			authorId: initiatives.authorId,
			teamId: initiatives.teamId,
			unitId: units.id,
			unitName: units.name,
			campaignName: campaigns.name,
			updatedAt: initiatives.updatedAt
		})
		.from(initiatives)
		.innerJoin(units, eq(units.id, initiatives.unitId))
		.innerJoin(activityTypes, eq(activityTypes.id, initiatives.activityTypeId))
		.innerJoin(campaigns, eq(campaigns.id, activityTypes.campaignId))
		.where(or(eq(initiatives.authorId, personId), teamIds.length ? inArray(initiatives.teamId, teamIds) : undefined))
		.all()
		.sort((a, b) => b.updatedAt - a.updatedAt);
	const ids = rows.filter((r) => r.status === 'returned' || r.status === 'rejected').map((r) => r.id);
	const reasons = ids.length
		? db
				.select({ initiativeId: activityEvents.initiativeId, reason: activityEvents.reason, id: activityEvents.id })
				.from(activityEvents)
				.where(and(inArray(activityEvents.initiativeId, ids), inArray(activityEvents.type, ['returned', 'rejected'])))
				.all()
		: [];
	return rows.map((r) => ({
		...r,
		reason: reasons.filter((x) => x.initiativeId === r.id).sort((a, b) => b.id - a.id)[0]?.reason ?? null
	}));
}
