import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { badgeAwards, badgeDefinitions, pointEntries, teams } from '../db/schema';
import type { Db } from '../db/client';
import type { ServiceContext } from '../context';
import { recordAudit } from '../audit';
import { authorizeCampaignConfig } from '../campaigns/configure';
import { badgeDefinitionSchema } from '../../domain/scoring/badges';
import { activeDefinitions, evaluateBadges } from './badges';
import { subjectNames } from './boards';
import { t } from '../../i18n';

export type SaveBadgeResult = { ok: true; changes: number } | { ok: false; errors: string[] };

/** The campaign a definition belongs to: definitions made before campaign files belong to the first campaign. */
const campaignOfDefinition = sql<number>`coalesce(${badgeDefinitions.campaignId}, (select min(id) from campaigns))`;

/**
 * Adds or replaces a badge definition of one campaign (validated: built-in icons only, ascending levels, known
 * kinds), then brings every subject's awards in line with it — new holders are awarded, lost levels revoked
 * with a reason. Badge codes are unique in the installation: another campaign's code is refused.
 */
export function saveBadge(ctx: ServiceContext, campaignId: number, input: unknown): SaveBadgeResult {
	authorizeCampaignConfig(ctx, campaignId);
	const parsed = badgeDefinitionSchema.safeParse(input);
	if (!parsed.success)
		return { ok: false, errors: parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)) };
	const def = parsed.data;
	return ctx.db.transaction((tx) => {
		const existing = tx
			.select({ spec: badgeDefinitions.spec, campaignId: campaignOfDefinition })
			.from(badgeDefinitions)
			.where(eq(badgeDefinitions.code, def.code))
			.get();
		if (existing && existing.campaignId !== campaignId)
			return { ok: false as const, errors: [t('badgesAdmin.codeOfAnotherCampaign', { code: def.code })] };
		if (existing)
			tx.update(badgeDefinitions)
				.set({ name: def.name, howToEarn: def.howToEarn, icon: def.icon, spec: def.spec, active: true })
				.where(eq(badgeDefinitions.code, def.code))
				.run();
		else {
			const position = tx
				.select({ next: sql<number>`coalesce(max(${badgeDefinitions.position}), -1) + 1` })
				.from(badgeDefinitions)
				.get()!.next;
			tx.insert(badgeDefinitions)
				.values({ ...def, position, campaignId })
				.run();
		}
		const subjects = [
			...tx
				.selectDistinct({ type: pointEntries.subjectType, id: pointEntries.subjectId })
				.from(pointEntries)
				.where(eq(pointEntries.campaignId, campaignId))
				.all(),
			...tx
				.select({ id: teams.id })
				.from(teams)
				.all()
				.map((t) => ({ type: 'team', id: t.id }))
		];
		const changes = evaluateBadges(ctx.db, subjects, ctx.now, [campaignId]).filter((c) => c.badgeCode === def.code);
		recordAudit(ctx.db, ctx, {
			action: existing ? 'badge.update' : 'badge.create',
			targetType: 'badge',
			targetId: def.code,
			before: existing ? { spec: existing.spec } : null,
			after: { spec: def.spec, awardChanges: changes.length }
		});
		return { ok: true as const, changes: changes.length };
	});
}

export function setBadgeActive(ctx: ServiceContext, campaignId: number, code: string, active: boolean): boolean {
	authorizeCampaignConfig(ctx, campaignId);
	return ctx.db.transaction((tx) => {
		const changed = tx
			.update(badgeDefinitions)
			.set({ active })
			.where(and(eq(badgeDefinitions.code, code), eq(campaignOfDefinition, campaignId)))
			.run();
		if (changed.changes === 1)
			recordAudit(ctx.db, ctx, { action: active ? 'badge.activate' : 'badge.retire', targetType: 'badge', targetId: code });
		return changed.changes === 1;
	});
}

/** Every definition of a campaign, active or not, in catalogue order, for the editor. */
export function allBadgeDefinitions(db: Db, campaignId: number) {
	return db.select().from(badgeDefinitions).where(eq(campaignOfDefinition, campaignId)).orderBy(asc(badgeDefinitions.position)).all();
}

const HOLDERS_SHOWN = 12;

/** Map.groupBy arrives in Node 21; this runs on 20. */
function groupBy<T, K>(items: T[], keyOf: (item: T) => K): Map<K, T[]> {
	const groups = new Map<K, T[]>();
	for (const item of items) {
		const key = keyOf(item);
		const group = groups.get(key);
		if (group) group.push(item);
		else groups.set(key, [item]);
	}
	return groups;
}

/**
 * A campaign's public catalogue: what each active badge is for, how many hold it and the first holders (public
 * names only).
 */
export function badgeCatalogue(db: Db, campaignId: number) {
	const definitions = activeDefinitions(db, [campaignId]);
	const holders = db
		.select({
			badgeCode: badgeAwards.badgeCode,
			subjectType: badgeAwards.subjectType,
			subjectId: badgeAwards.subjectId,
			level: badgeAwards.level,
			periodCode: badgeAwards.periodCode
		})
		.from(badgeAwards)
		.where(
			and(
				isNull(badgeAwards.revokedAt),
				inArray(
					badgeAwards.badgeCode,
					definitions.map((d) => d.code)
				)
			)
		)
		.orderBy(desc(badgeAwards.level), desc(badgeAwards.awardedAt))
		.all();
	const byBadge = groupBy(holders, (h) => h.badgeCode);
	const shown = definitions.flatMap((d) => (byBadge.get(d.code) ?? []).slice(0, HOLDERS_SHOWN));
	const names = new Map<string, string>();
	for (const [type, rows] of groupBy(shown, (h) => h.subjectType)) {
		for (const [id, n] of subjectNames(
			db,
			type,
			rows.map((h) => h.subjectId)
		))
			names.set(`${type}|${id}`, n.name);
	}
	return definitions.map((d) => {
		const all = byBadge.get(d.code) ?? [];
		return {
			code: d.code,
			name: d.name,
			howToEarn: d.howToEarn,
			icon: d.icon,
			count: all.length,
			holders: all.slice(0, HOLDERS_SHOWN).map((h) => ({
				name: names.get(`${h.subjectType}|${h.subjectId}`) ?? '',
				level: h.level,
				period: h.periodCode === 'ALL' ? null : h.periodCode
			}))
		};
	});
}
