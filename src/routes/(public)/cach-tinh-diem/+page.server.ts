import type { PageServerLoad } from './$types';
import { asc, desc, eq, inArray } from 'drizzle-orm';
import { getRuntime } from '$lib/server/runtime';
import { activityTypes, periods, ruleSets } from '$lib/server/db/schema';
import { campaignPolicy } from '$lib/server/initiatives/queries';
import { ruleSetSchema } from '$lib/domain/scoring/rules';

/** The published rules and their history: anyone can check how any point was priced. */
export const load: PageServerLoad = () => {
	const { db } = getRuntime();
	const campaign = campaignPolicy(db);
	if (!campaign) return { versions: [], periods: [] };
	const versions = db
		.select()
		.from(ruleSets)
		.where(eq(ruleSets.campaignId, campaign.id))
		.orderBy(desc(ruleSets.version))
		.all()
		.filter((v) => v.status !== 'draft');
	const parsed = versions.map((v) => ({ ...v, rules: ruleSetSchema.safeParse(v.definition).data?.rules ?? [] }));
	const typeIds = [...new Set(parsed.flatMap((v) => v.rules.map((r) => r.activityTypeId)))];
	const names = new Map(
		(typeIds.length ? db.select({ id: activityTypes.id, name: activityTypes.name }).from(activityTypes).where(inArray(activityTypes.id, typeIds)).all() : []).map((a) => [a.id, a.name])
	);
	return {
		versions: parsed.map((v) => ({
			version: v.version,
			status: v.status,
			effectiveFrom: v.effectiveFrom,
			note: v.note,
			rules: v.rules.map((r) => ({ ...r, activityName: names.get(r.activityTypeId) ?? `#${r.activityTypeId}` }))
		})),
		periods: db.select().from(periods).where(eq(periods.campaignId, campaign.id)).orderBy(asc(periods.startsOn)).all()
	};
};
