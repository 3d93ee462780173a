import { eq, sql } from 'drizzle-orm';
import { badgeDefinitions, campaigns, pointEntries, teams, units } from '../db/schema';
import type { ServiceContext } from '../context';
import { authorize } from '../auth/guard';
import { recordAudit } from '../audit';
import { badgeDefinitionSchema } from '../../domain/scoring/badges';
import { evaluateBadges } from './badges';
import { campaignPolicy } from '../initiatives/queries';

function configure(ctx: ServiceContext): void {
	const campaign = campaignPolicy(ctx.db);
	const owner = campaign
		? ctx.db.select({ unit: units }).from(campaigns).innerJoin(units, eq(units.id, campaigns.ownerUnitId)).where(eq(campaigns.id, campaign.id)).get()?.unit
		: undefined;
	if (!owner) throw new Error('no campaign');
	authorize(ctx, 'campaign.configure', { kind: 'unit', unit: owner });
}

export type SaveBadgeResult = { ok: true; changes: number } | { ok: false; errors: string[] };

/**
 * Adds or replaces a badge definition (validated: built-in icons only, ascending levels, known kinds), then
 * brings every subject's awards in line with it — new holders are awarded, lost levels revoked with a reason.
 */
export function saveBadge(ctx: ServiceContext, input: unknown): SaveBadgeResult {
	configure(ctx);
	const parsed = badgeDefinitionSchema.safeParse(input);
	if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)) };
	const def = parsed.data;
	return ctx.db.transaction((tx) => {
		const existing = tx.select().from(badgeDefinitions).where(eq(badgeDefinitions.code, def.code)).get();
		if (existing) tx.update(badgeDefinitions).set({ name: def.name, howToEarn: def.howToEarn, icon: def.icon, spec: def.spec, active: true }).where(eq(badgeDefinitions.code, def.code)).run();
		else {
			const position = tx.select({ next: sql<number>`coalesce(max(${badgeDefinitions.position}), -1) + 1` }).from(badgeDefinitions).get()!.next;
			tx.insert(badgeDefinitions).values({ ...def, position }).run();
		}
		const subjects = [
			...tx.selectDistinct({ type: pointEntries.subjectType, id: pointEntries.subjectId }).from(pointEntries).all(),
			...tx.select({ id: teams.id }).from(teams).all().map((t) => ({ type: 'team', id: t.id }))
		];
		const changes = evaluateBadges(ctx.db, subjects, ctx.now).filter((c) => c.badgeCode === def.code);
		recordAudit(ctx.db, ctx, { action: existing ? 'badge.update' : 'badge.create', targetType: 'badge', targetId: def.code, before: existing ? { spec: existing.spec } : null, after: { spec: def.spec, awardChanges: changes.length } });
		return { ok: true as const, changes: changes.length };
	});
}

export function setBadgeActive(ctx: ServiceContext, code: string, active: boolean): boolean {
	configure(ctx);
	return ctx.db.transaction((tx) => {
		const changed = tx.update(badgeDefinitions).set({ active }).where(eq(badgeDefinitions.code, code)).run();
		if (changed.changes === 1) recordAudit(ctx.db, ctx, { action: active ? 'badge.activate' : 'badge.retire', targetType: 'badge', targetId: code });
		return changed.changes === 1;
	});
}
