import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { ServiceContext } from '../context';
import { campaigns, unitTagAssignments, units } from '../db/schema';
import { recordAudit } from '../audit';
import { authorizeCampaignConfig } from '../campaigns/configure';
import { campaignUnitFinder } from '../units/finder';
import type { UnitTag } from '../../domain/units/tags';
import type { MessageKey } from '../../i18n';

const TEXT_MAX = 100_000;
const LINES_MAX = 2_000;

export function unitTagsOf(db: Db, campaignId: number): UnitTag[] {
	return db.select({ tags: campaigns.unitTags }).from(campaigns).where(eq(campaigns.id, campaignId)).get()?.tags ?? [];
}

/** Each tagged unit with the campaign's tags it carries (tags no longer in the campaign file are left out). */
export function taggedUnitsOf(db: Db, campaignId: number): Map<number, string[]> {
	const known = new Set(unitTagsOf(db, campaignId).map((t) => t.code));
	const out = new Map<number, string[]>();
	for (const row of db.select().from(unitTagAssignments).where(eq(unitTagAssignments.campaignId, campaignId)).all())
		if (known.has(row.tagCode)) out.set(row.unitId, [...(out.get(row.unitId) ?? []), row.tagCode]);
	return out;
}

/** Every tag of the campaign with the units that carry it, by name: what the standing office edits. */
export function tagsWithUnits(db: Db, campaignId: number) {
	return unitTagsOf(db, campaignId).map((tag) => ({
		...tag,
		units: db
			.select({ id: units.id, name: units.name })
			.from(unitTagAssignments)
			.innerJoin(units, eq(units.id, unitTagAssignments.unitId))
			.where(and(eq(unitTagAssignments.campaignId, campaignId), eq(unitTagAssignments.tagCode, tag.code)))
			.orderBy(units.name)
			.all()
	}));
}

export type TagUnitsResult =
	{ ok: true; count: number } | { ok: false; error: MessageKey; problems?: Array<{ line: number; error: MessageKey; text: string }> };

/**
 * The standing office lists the units that carry a tag, one per line (code or name, as in the sheets offices
 * keep); the list replaces the tag's units. Any line that names no unit, or two, refuses the whole list.
 */
export function setTagUnits(ctx: ServiceContext, input: { campaignId: number; tagCode: string; text: string }): TagUnitsResult {
	authorizeCampaignConfig(ctx, input.campaignId);
	const tag = unitTagsOf(ctx.db, input.campaignId).find((t) => t.code === input.tagCode);
	if (!tag) return { ok: false, error: 'unitTags.unknownTag' };
	if (input.text.length > TEXT_MAX) return { ok: false, error: 'unitTags.tooLong' };
	const lines = input.text.split(/\r?\n/);
	if (lines.length > LINES_MAX) return { ok: false, error: 'unitTags.tooLong' };
	const find = campaignUnitFinder(ctx.db, input.campaignId);
	const ids = new Set<number>();
	const problems: Array<{ line: number; error: MessageKey; text: string }> = [];
	lines.forEach((raw, i) => {
		const text = raw.replace(/^[\s\-•*]+/, '').trim();
		if (text === '') return;
		const found = find(text);
		if (found.length !== 1)
			problems.push({ line: i + 1, error: found.length === 0 ? 'unitFinder.unknown' : 'unitFinder.ambiguous', text: text.slice(0, 200) });
		else ids.add(found[0]!);
	});
	if (problems.length > 0) return { ok: false, error: 'unitTags.refused', problems };
	ctx.db.transaction(() => {
		ctx.db
			.delete(unitTagAssignments)
			.where(and(eq(unitTagAssignments.campaignId, input.campaignId), eq(unitTagAssignments.tagCode, tag.code)))
			.run();
		for (const unitId of ids) ctx.db.insert(unitTagAssignments).values({ campaignId: input.campaignId, tagCode: tag.code, unitId }).run();
		recordAudit(ctx.db, ctx, {
			action: 'unitTags.set',
			targetType: 'campaign',
			targetId: input.campaignId,
			after: { tag: tag.code, units: [...ids] }
		});
	});
	return { ok: true, count: ids.size };
}
