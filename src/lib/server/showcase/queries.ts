import { and, asc, desc, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { LeaderboardStore } from '../scoring/store';
import {
	activityEvents,
	activityMeasures,
	activityTypes,
	campaignLevels,
	initiativeMeasures,
	initiatives,
	periods,
	photos,
	unitLevels,
	units
} from '../db/schema';
import { photosArePublic } from '../initiatives/queries';
import { liveSnapshot } from '../realtime/live-boards';
import { boardSubjectsOf } from '../scoring/subjects';
import { boardKey } from '../../domain/scoring/boards';
import { showcaseSubjects } from '../../domain/scoring/subjects';
import { idParam } from '../../schemas/fields';
import type { BoardSnapshot, CampaignTotal, FeedItem } from '../../realtime/contract';

export interface ShowcaseBoard {
	subject: string;
	/** The campaign's word for the board's subjects ("Bản", "Đội hình"). */
	label: string;
	snapshot: BoardSnapshot;
}

/** The unit a screen is about: the one asked for (a district's own event), else the root. */
export interface ShowcaseScope {
	id: number;
	name: string;
	path: string;
	/** Its level's rank in the campaign (null for the root: every unit board ranks below it). */
	rank: number | null;
}

export function showcaseScope(db: Db, campaign: { id: number } | null, unitId: number | null): ShowcaseScope | null {
	const unit = unitId
		? db.select().from(units).where(eq(units.id, unitId)).get()
		: db.select().from(units).where(eq(units.depth, 0)).orderBy(asc(units.id)).get();
	if (!unit) return null;
	if (unit.depth === 0) return { id: unit.id, name: unit.name, path: unit.path, rank: null };
	const inCampaign = campaign
		? db
				.select({ rank: campaignLevels.rank })
				.from(campaignLevels)
				.where(and(eq(campaignLevels.campaignId, campaign.id), eq(campaignLevels.levelCode, unit.level)))
				.get()
		: undefined;
	const rank = inCampaign?.rank ?? db.select({ rank: unitLevels.rank }).from(unitLevels).where(eq(unitLevels.code, unit.level)).get()?.rank;
	return { id: unit.id, name: unit.name, path: unit.path, rank: rank ?? null };
}

/**
 * The scope a screen's address asks for: `?don-vi=<id>` a unit's own (`unknown` when there is no such unit),
 * without it the root. `unitAsked` says which, for the page's words and its QR code.
 */
export function showcaseScopeFromUrl(
	db: Db,
	campaign: { id: number } | null,
	params: URLSearchParams
): { scope: ShowcaseScope | null; unitAsked: boolean } | 'unknown' {
	const unitAsked = params.has('don-vi');
	const scope = showcaseScope(db, campaign, unitAsked ? idParam(params.get('don-vi')) || -1 : null);
	return unitAsked && !scope ? 'unknown' : { scope, unitAsked };
}

/**
 * The scope's boards for this year's period, falling back to the campaign's last period as the leaderboard page
 * does, in the order of the screen's keys 1, 2, 3: the campaign's first unit board under the scope, teams,
 * members. `year` is the calendar year in Vietnam, passed in.
 */
export async function showcaseBoards(
	db: Db,
	store: LeaderboardStore,
	campaign: { id: number } | null,
	year: string,
	scope: ShowcaseScope | null = showcaseScope(db, campaign, null)
): Promise<{ periodName: string; boards: ShowcaseBoard[] } | null> {
	if (!campaign || !scope) return null;
	const list = db
		.select({ code: periods.code, name: periods.name })
		.from(periods)
		.where(eq(periods.campaignId, campaign.id))
		.orderBy(asc(periods.startsOn))
		.all();
	const period = list.find((p) => p.code === `Y${year}`) ?? list.at(-1);
	if (!period) return null;
	const boards = await Promise.all(
		showcaseSubjects(boardSubjectsOf(db, campaign.id), scope.rank ?? -Infinity).map(async ({ code, label }) => ({
			subject: code,
			label,
			snapshot: await liveSnapshot(
				db,
				store,
				boardKey({ campaignId: campaign.id, subjectType: code, scopeUnitId: scope.id, periodCode: period.code, area: null })
			)
		}))
	);
	return { periodName: period.name, boards };
}

/**
 * What the campaign achieved, per measure, over approved initiatives (the verifier's figure where they
 * adjusted it). The largest totals, one measure per activity so two figures never count the same work.
 */
export function campaignTotals(
	db: Db,
	campaign: { id: number } | null,
	limit = 4,
	scope: Pick<ShowcaseScope, 'path'> | null = null
): CampaignTotal[] {
	if (!campaign) return [];
	const total = sql<number>`sum(coalesce(${initiativeMeasures.approvedValue}, ${initiativeMeasures.value}))`;
	const rows = db
		.select({
			measureId: activityMeasures.id,
			activityTypeId: activityTypes.id,
			label: activityMeasures.label,
			unitLabel: activityMeasures.unitLabel,
			activityName: activityTypes.name,
			total
		})
		.from(initiativeMeasures)
		.innerJoin(initiatives, eq(initiatives.id, initiativeMeasures.initiativeId))
		.innerJoin(activityMeasures, eq(activityMeasures.id, initiativeMeasures.measureId))
		.innerJoin(activityTypes, eq(activityTypes.id, activityMeasures.activityTypeId))
		.innerJoin(units, eq(units.id, initiatives.unitId))
		.where(
			and(
				eq(initiatives.status, 'approved'),
				eq(activityTypes.campaignId, campaign.id),
				scope ? like(units.path, `${scope.path}%`) : undefined
			)
		)
		.groupBy(activityMeasures.id)
		.orderBy(desc(total), asc(activityMeasures.id))
		.all();
	const seen = new Set<number>();
	const picked: CampaignTotal[] = [];
	for (const { activityTypeId, ...row } of rows) {
		if (seen.has(activityTypeId) || row.total <= 0) continue;
		seen.add(activityTypeId);
		picked.push({ ...row, total: Math.round(row.total * 100) / 100 });
		if (picked.length === limit) break;
	}
	return picked;
}

/** The latest approvals as the live ticker carries them: title, unit, a thumbnail only when photos are public. */
export function recentApprovals(db: Db, limit = 8, scope: Pick<ShowcaseScope, 'path'> | null = null): FeedItem[] {
	// Approvals newest first from the (type, at) index, until enough works still approved turn up: the cost follows
	// the ticker's length, not the number of approved works (sorting every one of them was on every board view).
	const events = db
		.select({
			id: initiatives.id,
			title: initiatives.title,
			unitName: units.name,
			photosShowChildren: initiatives.photosShowChildren,
			guardianConsentAt: initiatives.guardianConsentAt,
			at: activityEvents.at
		})
		.from(activityEvents)
		.innerJoin(initiatives, eq(initiatives.id, activityEvents.initiativeId))
		.innerJoin(units, eq(units.id, initiatives.unitId))
		.where(
			and(eq(activityEvents.type, 'approved'), eq(initiatives.status, 'approved'), scope ? like(units.path, `${scope.path}%`) : undefined)
		)
		.orderBy(desc(activityEvents.at), desc(activityEvents.initiativeId))
		.limit(limit * 2)
		.all();
	// A work approved again after a revoke has two approvals: it shows once, at the latest.
	const seen = new Set<number>();
	const rows = events.filter((row) => !seen.has(row.id) && seen.add(row.id)).slice(0, limit);
	const publicIds = rows.filter(photosArePublic).map((r) => r.id);
	const firstPhoto = new Map<number, string>();
	if (publicIds.length > 0) {
		const found = db
			.select({ initiativeId: photos.initiativeId, id: photos.id })
			.from(photos)
			.where(and(inArray(photos.initiativeId, publicIds), isNull(photos.removedAt)))
			.orderBy(asc(photos.position))
			.all();
		for (const p of found) if (!firstPhoto.has(p.initiativeId)) firstPhoto.set(p.initiativeId, p.id);
	}
	return rows.map((r) => {
		const photo = firstPhoto.get(r.id);
		return {
			kind: 'approved',
			initiativeId: r.id,
			title: r.title,
			unitName: r.unitName,
			photo: photo ? `/anh/${photo}/nho` : null,
			at: r.at
		};
	});
}
