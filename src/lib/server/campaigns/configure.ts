import { and, asc, eq, isNull } from 'drizzle-orm';
import { campaigns, units } from '../db/schema';
import type { Db } from '../db/client';
import type { ServiceContext } from '../context';
import { authorize, refuse } from '../auth/authorize';
import { can } from '../../domain/permissions';
import { campaignChoices, type CampaignChoice } from './queries';

/** The unit that owns a campaign (the current one when no id is given): its province admins configure it. */
export function campaignOwner(db: Db, campaignId?: number) {
	return db
		.select({ unit: units })
		.from(campaigns)
		.innerJoin(units, eq(units.id, campaigns.ownerUnitId))
		.where(campaignId === undefined ? undefined : eq(campaigns.id, campaignId))
		.orderBy(asc(campaigns.id))
		.get()?.unit;
}

/** The one check behind every configuration change: rules, periods, the activity catalogue, badges. */
export function authorizeCampaignConfig(ctx: ServiceContext, campaignId?: number): void {
	const id = campaignId ?? campaignChoices(ctx.db)[0]?.id;
	const owner = id === undefined ? undefined : campaignOwner(ctx.db, id);
	if (!owner || id === undefined) refuse(ctx, 'notFound', 'campaign.none');
	authorize(ctx, 'campaign.configure', { kind: 'unit', unit: owner, campaignId: id });
}

/**
 * Installation-wide settings (the unit levels every campaign picks from): a province admin over a root unit,
 * the same office that may bring in a campaign when there is none.
 */
export function authorizeInstallationConfig(ctx: ServiceContext): void {
	const root = ctx.db
		.select()
		.from(units)
		.where(and(isNull(units.parentId), eq(units.active, true)))
		.orderBy(asc(units.id))
		.get();
	if (!root) refuse(ctx, 'notFound', 'home.noCampaign');
	authorize(ctx, 'campaign.configure', { kind: 'unit', unit: root });
}

/** The campaigns this person may configure (the standing office of each one's owner unit), oldest first. */
export function configurableCampaigns(ctx: ServiceContext): CampaignChoice[] {
	const actor = ctx.actor;
	if (!actor) return [];
	return campaignChoices(ctx.db).filter((c) => {
		const owner = campaignOwner(ctx.db, c.id);
		return !!owner && can(actor, 'campaign.configure', { kind: 'unit', unit: owner, campaignId: c.id });
	});
}
