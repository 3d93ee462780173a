import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { ServiceContext } from '../context';
import { campaigns, stockValues } from '../db/schema';
import { recordAudit } from '../audit';
import { campaignReaches } from '../campaigns/participation';
import { getUnit } from '../units/queries';
import { takesPart } from '../../domain/campaigns/participation';
import { canFileReport } from '../../domain/permissions';
import { readCutoff } from '../../domain/figures/cutoff';
import {
	readStockValue,
	shareOfMembers,
	stockTotal,
	type StockEntry,
	type StockIndicator,
	type StockUnit
} from '../../domain/figures/stocks';
import { isoDay } from '../../format';
import { tagsAtPath } from '../../domain/units/tags';
import { taggedUnitsOf, unitTagsOf } from './tags';
import type { MessageKey } from '../../i18n';

export function stockIndicatorsOf(db: Db, campaignId: number): StockIndicator[] {
	return db.select({ list: campaigns.stockIndicators }).from(campaigns).where(eq(campaigns.id, campaignId)).get()?.list ?? [];
}

/** Whether a unit is in a khối the campaign keeps out of shares (`excludeFromShares`): its members are not counted. */
function keptOutOfShares(db: Db, campaignId: number): (unitPath: string) => boolean {
	const excludedTags = new Set(
		unitTagsOf(db, campaignId)
			.filter((t) => t.excludeFromShares)
			.map((t) => t.code)
	);
	if (excludedTags.size === 0) return () => false;
	const tagged = taggedUnitsOf(db, campaignId);
	return (unitPath) => tagsAtPath(unitPath, tagged).some((code) => excludedTags.has(code));
}

/** The active units of a subtree, each with the active members of its own subtree on the day (but those `excluded`). */
function subtreeUnits(db: Db, path: string, day: string, excluded: (unitPath: string) => boolean = () => false): StockUnit[] {
	const units = db.$client
		.prepare(`select id, parent_id as parentId, path from units where path like ? || '%' and active = 1 order by depth desc`)
		.all(path) as Array<{ id: number; parentId: number | null; path: string }>;
	const direct = new Map(
		(
			db.$client
				.prepare(
					`select m.unit_id as unitId, count(distinct m.person_id) as n from memberships m join units u on u.id = m.unit_id
					where u.path like ? || '%' and m.joined_on <= ? and (m.left_on is null or m.left_on > ?) group by m.unit_id`
				)
				.all(path, day, day) as Array<{ unitId: number; n: number }>
		).map((r) => [r.unitId, r.n])
	);
	// Deepest first, so each unit's subtree is complete before its parent adds it up.
	const members = new Map<number, number>();
	for (const u of units) {
		members.set(u.id, (members.get(u.id) ?? 0) + (excluded(u.path) ? 0 : (direct.get(u.id) ?? 0)));
		if (u.parentId !== null) members.set(u.parentId, (members.get(u.parentId) ?? 0) + members.get(u.id)!);
	}
	return units.map((u) => ({ id: u.id, parentId: u.parentId, members: members.get(u.id)! }));
}

function latestValues(db: Db, campaignId: number, code: string, path: string, day: string): Map<number, StockEntry> {
	const rows = db.$client
		.prepare(
			`select unitId, value, onDay from (
				select s.unit_id as unitId, s.value, s.on_day as onDay,
					row_number() over (partition by s.unit_id order by s.on_day desc) as n
				from stock_values s join units u on u.id = s.unit_id
				where s.campaign_id = ? and s.indicator_code = ? and s.on_day <= ? and u.path like ? || '%'
			) where n = 1`
		)
		.all(campaignId, code, day, path) as Array<{ unitId: number; value: number; onDay: string }>;
	return new Map(rows.map((r) => [r.unitId, { value: r.value, onDay: r.onDay }]));
}

/** Each stock indicator of the campaign for a unit on a day: its subtree's figure, the share of members, its own last value. */
export function stocksOf(db: Db, campaignId: number, unit: { id: number; path: string }, day: string) {
	const indicators = stockIndicatorsOf(db, campaignId);
	if (indicators.length === 0) return [];
	const units = subtreeUnits(db, unit.path, day, keptOutOfShares(db, campaignId));
	return indicators.map((indicator) => {
		const latest = latestValues(db, campaignId, indicator.code, unit.path, day);
		const total = stockTotal(unit.id, units, latest);
		return {
			...indicator,
			total,
			share: total && indicator.ratioToMembers ? shareOfMembers(total) : null,
			own: latest.get(unit.id) ?? null
		};
	});
}

export type StocksView = ReturnType<typeof stocksOf>;

export type StockResult = { ok: true } | { ok: false; problem: 'forbidden' | 'notFound' | 'invalid'; error: MessageKey };

const STOCK_ERRORS: Record<string, MessageKey> = {
	notNumber: 'stocks.notNumber',
	negative: 'stocks.negative',
	tooLarge: 'stocks.tooLarge',
	aboveMembers: 'stocks.aboveMembers',
	malformed: 'stocks.dayMalformed',
	future: 'stocks.dayFuture',
	beforeStart: 'stocks.dayBeforeStart'
};

/**
 * Someone who files for the unit enters its value of an indicator on a day (today unless said); entering it
 * again for the same day corrects it. Refused, with nothing written, for an unknown indicator, a unit outside
 * the campaign or one's scope, a day in the future, and a value that cannot be.
 */
export function recordStock(
	ctx: ServiceContext,
	input: { campaignId: number; unitId: number; code: string; value: string; onDay: string }
): StockResult {
	const campaign = ctx.db.select().from(campaigns).where(eq(campaigns.id, input.campaignId)).get();
	const unit = getUnit(ctx.db, input.unitId);
	const reach = campaignReaches(ctx.db).find((r) => r.campaignId === input.campaignId);
	const indicator = campaign?.stockIndicators?.find((i) => i.code === input.code);
	if (!campaign || !unit || !unit.active || !reach || !takesPart(unit.path, reach) || !indicator)
		return { ok: false, problem: 'notFound', error: 'stocks.notFound' };
	if (!canFileReport(ctx.actor, unit.path, campaign.id)) return { ok: false, problem: 'forbidden', error: 'stocks.forbidden' };
	const today = isoDay(ctx.now);
	const day = readCutoff(input.onDay, ctx.now, today, campaign.startsOn);
	if (!day.ok) return { ok: false, problem: 'invalid', error: STOCK_ERRORS[day.problem]! };
	const members = subtreeUnits(ctx.db, unit.path, day.day).find((u) => u.id === unit.id)?.members ?? 0;
	const read = readStockValue(input.value, indicator, members);
	if (!read.ok) return { ok: false, problem: 'invalid', error: STOCK_ERRORS[read.problem]! };
	ctx.db.transaction(() => {
		ctx.db
			.insert(stockValues)
			.values({
				campaignId: campaign.id,
				unitId: unit.id,
				indicatorCode: indicator.code,
				onDay: day.day,
				value: read.value,
				enteredBy: ctx.actor!.personId,
				enteredAt: ctx.now
			})
			.onConflictDoUpdate({
				target: [stockValues.campaignId, stockValues.indicatorCode, stockValues.unitId, stockValues.onDay],
				set: { value: read.value, enteredBy: ctx.actor!.personId, enteredAt: ctx.now }
			})
			.run();
		recordAudit(ctx.db, ctx, {
			action: 'stock.record',
			targetType: 'unit',
			targetId: unit.id,
			unitId: unit.id,
			after: { campaignId: campaign.id, indicator: indicator.code, onDay: day.day, value: read.value }
		});
	});
	return { ok: true };
}
