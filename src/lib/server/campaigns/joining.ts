import { and, asc, eq, like } from 'drizzle-orm';
import { activityTypes, campaignLevels, campaignUnits, campaigns, initiatives, unitLevels, units } from '../db/schema';
import type { ServiceContext } from '../context';
import { recordAudit } from '../audit';
import { authorizeCampaignConfig } from './configure';
import { campaignReaches } from './participation';
import { joinRefusal, stopsTakingPart, takesPart, type CampaignReach } from '../../domain/campaigns/participation';
import { formatDate } from '../../format';
import { t } from '../../i18n';

export type JoinResult = { ok: true; name: string } | { ok: false; errors: Record<string, string> };

function reachOf(ctx: ServiceContext, campaignId: number): CampaignReach {
	return campaignReaches(ctx.db).find((r) => r.campaignId === campaignId)!;
}

/** A level's label as the campaign words it, else the installation's. */
function levelLabels(ctx: ServiceContext, campaignId: number): Map<string, string> {
	const labels = new Map(
		ctx.db
			.select({ code: unitLevels.code, label: unitLevels.label })
			.from(unitLevels)
			.all()
			.map((l) => [l.code, l.label])
	);
	for (const l of ctx.db
		.select({ code: campaignLevels.levelCode, label: campaignLevels.label })
		.from(campaignLevels)
		.where(eq(campaignLevels.campaignId, campaignId))
		.all())
		labels.set(l.code, l.label);
	return labels;
}

/** Initiatives of this campaign logged by units under `path` (the unit itself included). */
function initiativesUnder(ctx: ServiceContext, campaignId: number, path: string): Array<{ unitPath: string }> {
	return ctx.db
		.select({ unitPath: units.path })
		.from(initiatives)
		.innerJoin(activityTypes, eq(activityTypes.id, initiatives.activityTypeId))
		.innerJoin(units, eq(units.id, initiatives.unitId))
		.where(and(eq(activityTypes.campaignId, campaignId), like(units.path, `${path}%`)))
		.all();
}

/** The units that joined the campaign (each with its subtree), with their level and their work in it. */
export function joinedUnits(ctx: ServiceContext, campaignId: number) {
	authorizeCampaignConfig(ctx, campaignId);
	const labels = levelLabels(ctx, campaignId);
	return ctx.db
		.select({ id: units.id, name: units.name, code: units.code, level: units.level, path: units.path, joinedOn: campaignUnits.joinedOn })
		.from(campaignUnits)
		.innerJoin(units, eq(units.id, campaignUnits.unitId))
		.where(eq(campaignUnits.campaignId, campaignId))
		.orderBy(asc(units.path))
		.all()
		.map(({ path, level, ...u }) => ({
			...u,
			levelLabel: labels.get(level) ?? level,
			initiatives: initiativesUnder(ctx, campaignId, path).length
		}));
}

/** Active units that do not take part yet, in tree order with their depth (the picker indents by it). */
export function joinCandidates(ctx: ServiceContext, campaignId: number) {
	authorizeCampaignConfig(ctx, campaignId);
	const reach = reachOf(ctx, campaignId);
	return ctx.db
		.select({ id: units.id, name: units.name, code: units.code, path: units.path, depth: units.depth })
		.from(units)
		.where(eq(units.active, true))
		.orderBy(asc(units.path))
		.all()
		.filter((u) => !takesPart(u.path, reach))
		.map(({ path: _, ...u }) => u);
}

/** A unit (with its subtree) joins the campaign from `joinedOn`; refused, with nothing written, if it may not. */
export function joinUnit(ctx: ServiceContext, campaignId: number, unitId: number, joinedOn: string): JoinResult {
	authorizeCampaignConfig(ctx, campaignId);
	return ctx.db.transaction((): JoinResult => {
		const unit = ctx.db.select().from(units).where(eq(units.id, unitId)).get();
		if (!unit || !unit.active) return { ok: false, errors: { unitId: t('joining.unknownUnit') } };
		const campaign = ctx.db.select().from(campaigns).where(eq(campaigns.id, campaignId)).get()!;
		const refusal = joinRefusal(unit.path, joinedOn, reachOf(ctx, campaignId), campaign);
		if (refusal === 'beforeStart' || refusal === 'afterEnd')
			return {
				ok: false,
				errors: { joinedOn: t('joining.outsideDates', { start: formatDate(campaign.startsOn), end: formatDate(campaign.endsOn) }) }
			};
		if (refusal) {
			const key = refusal === 'ownerTree' ? 'joining.ownerTree' : refusal === 'joined' ? 'joining.alreadyJoined' : 'joining.underJoined';
			return { ok: false, errors: { unitId: t(key, { name: unit.name }) } };
		}
		ctx.db.insert(campaignUnits).values({ campaignId, unitId, joinedOn, createdAt: ctx.now }).run();
		recordAudit(ctx.db, ctx, {
			action: 'campaign.unit_join',
			targetType: 'campaign',
			targetId: campaignId,
			unitId: campaign.ownerUnitId,
			after: { unitId, unit: unit.name, joinedOn }
		});
		return { ok: true, name: unit.name };
	});
}

/**
 * A joined unit leaves the campaign; refused while units that would stop taking part have initiatives in it
 * (their work would leave the campaign's boards). Work under another joined unit does not hold it back.
 */
export function leaveUnit(ctx: ServiceContext, campaignId: number, unitId: number): JoinResult {
	authorizeCampaignConfig(ctx, campaignId);
	return ctx.db.transaction((): JoinResult => {
		const row = ctx.db
			.select({ name: units.name, path: units.path, joinedOn: campaignUnits.joinedOn, ownerUnitId: campaigns.ownerUnitId })
			.from(campaignUnits)
			.innerJoin(units, eq(units.id, campaignUnits.unitId))
			.innerJoin(campaigns, eq(campaigns.id, campaignUnits.campaignId))
			.where(and(eq(campaignUnits.campaignId, campaignId), eq(campaignUnits.unitId, unitId)))
			.get();
		if (!row) return { ok: false, errors: { _: t('joining.notJoined') } };
		const reach = reachOf(ctx, campaignId);
		const held = initiativesUnder(ctx, campaignId, row.path).filter((i) => stopsTakingPart(i.unitPath, row.path, reach)).length;
		if (held > 0) return { ok: false, errors: { _: t('joining.hasWork', { name: row.name, n: held }) } };
		ctx.db
			.delete(campaignUnits)
			.where(and(eq(campaignUnits.campaignId, campaignId), eq(campaignUnits.unitId, unitId)))
			.run();
		recordAudit(ctx.db, ctx, {
			action: 'campaign.unit_leave',
			targetType: 'campaign',
			targetId: campaignId,
			unitId: row.ownerUnitId,
			before: { unitId, unit: row.name, joinedOn: row.joinedOn }
		});
		return { ok: true, name: row.name };
	});
}
