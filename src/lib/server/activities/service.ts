import { and, asc, eq } from 'drizzle-orm';
import { activityMeasures, activityTypes, contentAreas } from '../db/schema';
import type { ServiceContext } from '../context';
import type { Db } from '../db/client';
import { recordAudit } from '../audit';
import { authorizeCampaignConfig } from '../campaigns/configure';
import { defaultCampaign } from '../campaigns/queries';
import { measureSpecs } from '../initiatives/queries';
import { toSearchText } from '../../text';

export interface MeasureInput {
	label: string;
	unitLabel: string;
	kind: 'integer' | 'decimal';
	min: number;
	max: number;
	required: boolean;
}

/** The whole catalogue (active or not) for the configuration page. */
export function catalogueForAdmin(db: Db) {
	const campaign = defaultCampaign(db);
	if (!campaign) return { areas: [], types: [] };
	const areas = db.select().from(contentAreas).where(eq(contentAreas.campaignId, campaign.id)).orderBy(asc(contentAreas.code)).all();
	const types = db.select().from(activityTypes).where(eq(activityTypes.campaignId, campaign.id)).orderBy(asc(activityTypes.id)).all();
	return { areas, types: types.map((t) => ({ ...t, measures: measureSpecs(db, t.id) })) };
}

/** Codes are derived from labels ("Người được hỗ trợ" → "nguoi_duoc_ho_tro"), unique within the type. */
function measureCode(label: string, taken: Set<string>): string {
	const base =
		toSearchText(label)
			.replace(/[^a-z0-9]+/g, '_')
			.replace(/^_|_$/g, '')
			.slice(0, 40) || 'so_lieu';
	let code = base;
	for (let i = 2; taken.has(code); i++) code = `${base}_${i}`;
	taken.add(code);
	return code;
}

export function createActivityType(
	ctx: ServiceContext,
	input: { name: string; contentAreaId: number; measures: MeasureInput[] }
): { ok: true; id: number } | { ok: false } {
	const campaign = defaultCampaign(ctx.db);
	if (!campaign) return { ok: false };
	authorizeCampaignConfig(ctx, campaign.id);
	const area = ctx.db
		.select()
		.from(contentAreas)
		.where(and(eq(contentAreas.id, input.contentAreaId), eq(contentAreas.campaignId, campaign.id)))
		.get();
	if (!area || input.measures.length === 0) return { ok: false };
	return ctx.db.transaction((tx) => {
		const type = tx
			.insert(activityTypes)
			.values({ campaignId: campaign.id, contentAreaId: area.id, name: input.name, createdAt: ctx.now })
			.returning({ id: activityTypes.id })
			.get();
		// A code for campaign files; the row never stays on '' (the code is unique within the campaign).
		tx.update(activityTypes)
			.set({ code: `T${type.id}` })
			.where(eq(activityTypes.id, type.id))
			.run();
		const taken = new Set<string>();
		input.measures.forEach((m, position) =>
			tx
				.insert(activityMeasures)
				.values({ activityTypeId: type.id, code: measureCode(m.label, taken), position, ...m })
				.run()
		);
		recordAudit(ctx.db, ctx, {
			action: 'activity_type.create',
			targetType: 'activity_type',
			targetId: type.id,
			after: { name: input.name, measures: input.measures.length }
		});
		return { ok: true as const, id: type.id };
	});
}

/** Retired types stay on the initiatives that used them; they only leave the form. */
export function setActivityTypeActive(ctx: ServiceContext, id: number, active: boolean): boolean {
	const campaign = defaultCampaign(ctx.db);
	if (!campaign) return false;
	authorizeCampaignConfig(ctx, campaign.id);
	return ctx.db.transaction((tx) => {
		const changed = tx
			.update(activityTypes)
			.set({ active })
			.where(and(eq(activityTypes.id, id), eq(activityTypes.campaignId, campaign.id)))
			.run();
		if (changed.changes === 1)
			recordAudit(ctx.db, ctx, {
				action: active ? 'activity_type.activate' : 'activity_type.retire',
				targetType: 'activity_type',
				targetId: id
			});
		return changed.changes === 1;
	});
}
