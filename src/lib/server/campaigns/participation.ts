import { asc, eq, sql } from 'drizzle-orm';
import { activityTypes, campaignUnits, campaigns, units } from '../db/schema';
import type { Db } from '../db/client';
import { prepared } from '../db/prepared';
import { campaignsOfUnit as reachedBy, type CampaignReach } from '../../domain/campaigns/participation';
import type { CampaignChoice } from './queries';

/** Every campaign's reach (owner's tree and joined units), oldest campaign first. A few rows per campaign. */
export function campaignReaches(db: Db): CampaignReach[] {
	const owners = db
		.select({ campaignId: campaigns.id, ownerPath: units.path })
		.from(campaigns)
		.innerJoin(units, eq(units.id, campaigns.ownerUnitId))
		.orderBy(asc(campaigns.id))
		.all();
	const joined = db
		.select({ campaignId: campaignUnits.campaignId, path: units.path })
		.from(campaignUnits)
		.innerJoin(units, eq(units.id, campaignUnits.unitId))
		.all();
	return owners.map((o) => ({
		...o,
		joinedPaths: joined.filter((j) => j.campaignId === o.campaignId).map((j) => j.path)
	}));
}

/** The campaigns the unit takes part in, oldest first (the first is the form's default). */
export function campaignsOfUnit(db: Db, unitId: number): CampaignChoice[] {
	const unit = db.select({ path: units.path }).from(units).where(eq(units.id, unitId)).get();
	if (!unit) return [];
	const ids = reachedBy(unit.path, campaignReaches(db));
	if (ids.length === 0) return [];
	const all = db.select({ id: campaigns.id, slug: campaigns.slug, name: campaigns.name }).from(campaigns).orderBy(asc(campaigns.id)).all();
	return all.filter((c) => ids.includes(c.id));
}

const campaignByType = (db: Db) =>
	db
		.select({ id: campaigns.id, grassrootsMayVerify: campaigns.grassrootsMayVerify })
		.from(activityTypes)
		.innerJoin(campaigns, eq(campaigns.id, activityTypes.campaignId))
		.where(eq(activityTypes.id, sql.placeholder('activityTypeId')))
		.prepare();

/** The campaign an activity type belongs to, with the policy its work is verified under. */
export function campaignOfType(db: Db, activityTypeId: number): { id: number; grassrootsMayVerify: boolean } | null {
	return prepared(db, campaignByType).get({ activityTypeId }) ?? null;
}

/**
 * A unit (and its subtree) joins a campaign from `joinedOn`; joining twice changes nothing. Used by the demo
 * seed and tests, unchecked and unaudited: people join units through joining.ts (`/quan-tri/don-vi-tham-gia`).
 */
export function joinCampaign(db: Db, campaignId: number, unitId: number, joinedOn: string, now: number): void {
	db.insert(campaignUnits).values({ campaignId, unitId, joinedOn, createdAt: now }).onConflictDoNothing().run();
}
