import { asc, eq, sql } from 'drizzle-orm';
import { appMeta, campaigns, memberships, units } from '../db/schema';
import type { Db } from '../db/client';
import { prepared } from '../db/prepared';

/**
 * The installation's default campaign (its oldest): what pages without a choice show, and what the admin
 * configuration pages still edit. Work belongs to its activity type's campaign instead (participation.ts).
 */
const firstCampaign = (db: Db) =>
	db
		.select({ id: campaigns.id, grassrootsMayVerify: campaigns.grassrootsMayVerify })
		.from(campaigns)
		.orderBy(asc(campaigns.id))
		.limit(1)
		.prepare();

export function defaultCampaign(db: Db): { id: number; grassrootsMayVerify: boolean } | null {
	return prepared(db, firstCampaign).get() ?? null;
}

/**
 * Whether any campaign lets grassroots unions verify their branches: who may see the review queue at all.
 * Each item is then decided by its own campaign's policy (initiativeFacts).
 */
export function anyCampaignLetsGrassrootsVerify(db: Db): boolean {
	return !!db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.grassrootsMayVerify, true)).limit(1).get();
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
