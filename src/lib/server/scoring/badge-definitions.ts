import { eq, sql } from 'drizzle-orm';
import { badgeDefinitions, pointEntries, teams } from '../db/schema';
import type { ServiceContext } from '../context';
import { recordAudit } from '../audit';
import { authorizeCampaignConfig } from '../campaigns/configure';
import { badgeDefinitionSchema } from '../../domain/scoring/badges';
import { evaluateBadges } from './badges';

export type SaveBadgeResult = { ok: true; changes: number } | { ok: false; errors: string[] };

/**
 * Adds or replaces a badge definition (validated: built-in icons only, ascending levels, known kinds), then
 * brings every subject's awards in line with it — new holders are awarded, lost levels revoked with a reason.
 */
export function saveBadge(ctx: ServiceContext, input: unknown): SaveBadgeResult {
	authorizeCampaignConfig(ctx);
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
	authorizeCampaignConfig(ctx);
	return ctx.db.transaction((tx) => {
		const changed = tx.update(badgeDefinitions).set({ active }).where(eq(badgeDefinitions.code, code)).run();
		if (changed.changes === 1) recordAudit(ctx.db, ctx, { action: active ? 'badge.activate' : 'badge.retire', targetType: 'badge', targetId: code });
		return changed.changes === 1;
	});
}
