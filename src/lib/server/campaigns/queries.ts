import { asc, eq, sql } from 'drizzle-orm';
import { appMeta, campaignLevels, campaigns, memberships, units } from '../db/schema';
import type { Db } from '../db/client';
import { prepared } from '../db/prepared';

/** The campaign the portal runs (one per installation for now). */
const firstCampaign = (db: Db) =>
	db
		.select({ id: campaigns.id, grassrootsMayVerify: campaigns.grassrootsMayVerify })
		.from(campaigns)
		.orderBy(asc(campaigns.id))
		.limit(1)
		.prepare();

export function campaignPolicy(db: Db): { id: number; grassrootsMayVerify: boolean } | null {
	return prepared(db, firstCampaign).get() ?? null;
}

export interface CampaignChoice {
	id: number;
	slug: string;
	name: string;
}

/** Every campaign of the installation, oldest first (the first is the default on pages without a choice). */
export function campaignChoices(db: Db): CampaignChoice[] {
	return db.select({ id: campaigns.id, slug: campaigns.slug, name: campaigns.name }).from(campaigns).orderBy(asc(campaigns.id)).all();
}

/**
 * The campaign a public page is about: the one whose slug the URL names (`?phong-trao=`), else the
 * installation's default. `unknown` when the URL names a campaign that does not exist (the page is a 404).
 */
export function chosenCampaign(all: CampaignChoice[], slug: string | null): CampaignChoice | null | 'unknown' {
	if (slug === null || slug === '') return all[0] ?? null;
	return all.find((c) => c.slug === slug) ?? 'unknown';
}

export function currentCampaign(db: Db) {
	return db
		.select({ campaign: campaigns, ownerName: units.name })
		.from(campaigns)
		.innerJoin(units, eq(units.id, campaigns.ownerUnitId))
		.orderBy(asc(campaigns.id))
		.get();
}

export function organisationFigures(db: Db, today: string) {
	const [row] = db.all<{ units: number; districts: number; members: number }>(sql`
		select
			(select count(*) from ${units} where ${units.active} = 1) as units,
			(select count(*) from ${units} where ${units.active} = 1 and ${units.level} = 'district') as districts,
			(select count(distinct ${memberships.personId}) from ${memberships}
				where ${memberships.leftOn} is null and ${memberships.joinedOn} <= ${today}) as members`);
	return row ?? { units: 0, districts: 0, members: 0 };
}

/** Whether this installation runs on the demo seed (pages then say so). */
export function isDemo(db: Db): boolean {
	return !!db.select().from(appMeta).where(eq(appMeta.key, 'demo')).get();
}

/**
 * The unit levels that get leaderboards in a campaign (the levels' `boards` flag); null for a campaign that
 * lists no levels (made before campaign files), where every level keeps its boards.
 */
export function levelsWithBoards(db: Db, campaignId: number): Set<string> | null {
	const levels = db
		.select({ code: campaignLevels.levelCode, boards: campaignLevels.boards })
		.from(campaignLevels)
		.where(eq(campaignLevels.campaignId, campaignId))
		.all();
	return levels.length ? new Set(levels.filter((l) => l.boards).map((l) => l.code)) : null;
}
