import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { activityMeasures, activityTypes, ruleSets } from '../db/schema';
import type { Db } from '../db/client';
import type { ServiceContext } from '../context';
import { recordAudit } from '../audit';
import { authorizeCampaignConfig } from '../campaigns/configure';
import { checkRuleSet, ruleSetSchema } from '../../domain/scoring/rules';
import type { MessageKey } from '../../i18n';
import { catalogueOf } from './ledger';

export function listRuleSets(db: Db, campaignId: number) {
	return db.select().from(ruleSets).where(eq(ruleSets.campaignId, campaignId)).orderBy(desc(ruleSets.version)).all();
}

/** A refusal names its reason by message key; `details` are the rule checker's findings, if any. */
export type DraftResult = { ok: true; version: number } | { ok: false; error: MessageKey; details: string[] };

/** A new draft version from JSON text; refused with Vietnamese messages unless it is a valid rule set. */
export function saveDraft(
	ctx: ServiceContext,
	campaignId: number,
	input: { json: string; effectiveFrom: string; note: string }
): DraftResult {
	authorizeCampaignConfig(ctx, campaignId);
	let parsed: unknown;
	try {
		parsed = JSON.parse(input.json);
	} catch {
		return { ok: false, error: 'rules.badJson', details: [] };
	}
	const checked = checkRuleSet(parsed, catalogueOf(ctx.db, campaignId));
	if (!checked.ok) return { ok: false, error: 'rules.invalid', details: checked.errors };
	if (!/^\d{4}-\d{2}-\d{2}$/.test(input.effectiveFrom) || Number.isNaN(Date.parse(input.effectiveFrom)))
		return { ok: false, error: 'rules.badDate', details: [] };
	return ctx.db.transaction((tx) => {
		const next = tx
			.select({ v: sql<number>`coalesce(max(${ruleSets.version}), 0) + 1` })
			.from(ruleSets)
			.where(eq(ruleSets.campaignId, campaignId))
			.get()!.v;
		tx.insert(ruleSets)
			.values({
				campaignId,
				version: next,
				status: 'draft',
				effectiveFrom: input.effectiveFrom,
				definition: checked.value,
				note: input.note.slice(0, 500),
				createdBy: ctx.actor?.personId ?? null,
				createdAt: ctx.now
			})
			.run();
		recordAudit(ctx.db, ctx, {
			action: 'rules.draft',
			targetType: 'rule_set',
			targetId: next,
			after: { effectiveFrom: input.effectiveFrom, rules: checked.value.rules.length }
		});
		return { ok: true as const, version: next };
	});
}

/** Publishing makes a draft apply to work on or after its start date; published versions never change. */
export function setRuleSetStatus(ctx: ServiceContext, campaignId: number, version: number, status: 'active' | 'retired'): boolean {
	authorizeCampaignConfig(ctx, campaignId);
	const from = status === 'active' ? 'draft' : 'active';
	return ctx.db.transaction((tx) => {
		const changed = tx
			.update(ruleSets)
			.set({ status, publishedAt: status === 'active' ? ctx.now : sql`${ruleSets.publishedAt}` })
			.where(and(eq(ruleSets.campaignId, campaignId), eq(ruleSets.version, version), eq(ruleSets.status, from)))
			.run();
		if (changed.changes === 1)
			recordAudit(ctx.db, ctx, {
				action: status === 'active' ? 'rules.publish' : 'rules.retire',
				targetType: 'rule_set',
				targetId: version
			});
		return changed.changes === 1;
	});
}

/** The published rules and their history (drafts excluded), with activity names: anyone can check how a point was priced. */
export function publishedRules(db: Db, campaignId: number) {
	const versions = listRuleSets(db, campaignId)
		.filter((v) => v.status !== 'draft')
		.map((v) => ({ ...v, rules: ruleSetSchema.safeParse(v.definition).data?.rules ?? [] }));
	const typeIds = [...new Set(versions.flatMap((v) => v.rules.map((r) => r.activityTypeId)))];
	const names = new Map(
		(typeIds.length
			? db.select({ id: activityTypes.id, name: activityTypes.name }).from(activityTypes).where(inArray(activityTypes.id, typeIds)).all()
			: []
		).map((a) => [a.id, a.name])
	);
	// A measure is written as its unit ("mỗi 10 người"), never by its code ("people").
	const units = new Map(
		(typeIds.length
			? db
					.select({ typeId: activityMeasures.activityTypeId, code: activityMeasures.code, unitLabel: activityMeasures.unitLabel })
					.from(activityMeasures)
					.where(inArray(activityMeasures.activityTypeId, typeIds))
					.all()
			: []
		).map((m) => [`${m.typeId}|${m.code}`, m.unitLabel])
	);
	return versions.map((v) => ({
		version: v.version,
		status: v.status,
		effectiveFrom: v.effectiveFrom,
		note: v.note,
		rules: v.rules.map((r) => ({
			...r,
			perMeasure: r.perMeasure.map((m) => ({ ...m, unitLabel: units.get(`${r.activityTypeId}|${m.measure}`) ?? m.measure })),
			activityName: names.get(r.activityTypeId) ?? `#${r.activityTypeId}`
		}))
	}));
}
