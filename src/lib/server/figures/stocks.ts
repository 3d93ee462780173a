import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { ServiceContext } from '../context';
import { campaigns, stockValues } from '../db/schema';
import { recordAudit } from '../audit';
import { campaignReaches } from '../campaigns/participation';
import { directMemberCounts, getUnit } from '../units/queries';
import { takesPart } from '../../domain/campaigns/participation';
import { canFileReport, canReceiveReport } from '../../domain/permissions';
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
	const direct = new Map(directMemberCounts(db, path, day).map((r) => [r.unitId, r.n]));
	// Deepest first, so each unit's subtree is complete before its parent adds it up.
	const members = new Map<number, number>();
	for (const u of units) {
		members.set(u.id, (members.get(u.id) ?? 0) + (excluded(u.path) ? 0 : (direct.get(u.id) ?? 0)));
		if (u.parentId !== null) members.set(u.parentId, (members.get(u.parentId) ?? 0) + members.get(u.id)!);
	}
	return units.map((u) => ({ id: u.id, parentId: u.parentId, members: members.get(u.id)! }));
}

/** Each unit's latest value up to the day; only confirmed ones for an indicator the level above verifies. */
function latestValues(db: Db, campaignId: number, code: string, path: string, day: string, verifiedOnly: boolean): Map<number, StockEntry> {
	const rows = db.$client
		.prepare(
			`select unitId, value, onDay from (
				select s.unit_id as unitId, ${verifiedOnly ? 's.verified_value' : 's.value'} as value, s.on_day as onDay,
					row_number() over (partition by s.unit_id order by s.on_day desc) as n
				from stock_values s join units u on u.id = s.unit_id
				where s.campaign_id = ? and s.indicator_code = ? and s.on_day <= ? and u.path like ? || '%'
					${verifiedOnly ? 'and s.verified_value is not null' : ''}
			) where n = 1`
		)
		.all(campaignId, code, day, path) as Array<{ unitId: number; value: number; onDay: string }>;
	return new Map(rows.map((r) => [r.unitId, { value: r.value, onDay: r.onDay }]));
}

function firstValue(db: Db, campaignId: number, code: string, unitId: number, verifiedOnly: boolean): StockEntry | null {
	const row = db.$client
		.prepare(
			`select ${verifiedOnly ? 'verified_value' : 'value'} as value, on_day as onDay from stock_values
			where campaign_id = ? and indicator_code = ? and unit_id = ? ${verifiedOnly ? 'and verified_value is not null' : ''}
			order by on_day limit 1`
		)
		.get(campaignId, code, unitId) as StockEntry | undefined;
	return row ?? null;
}

/** The unit's own latest value of an indicator, confirmed or not. */
function ownLatest(db: Db, campaignId: number, code: string, unitId: number) {
	return db.$client
		.prepare(
			`select id, value, on_day as onDay, entered_by as enteredBy, verified_value as verifiedValue from stock_values
			where campaign_id = ? and indicator_code = ? and unit_id = ? order by on_day desc limit 1`
		)
		.get(campaignId, code, unitId) as
		{ id: number; value: number; onDay: string; enteredBy: number; verifiedValue: number | null } | undefined;
}

/** Each stock indicator of the campaign for a unit on a day: its subtree's figure, the share of members, its own last value. */
export function stocksOf(db: Db, campaignId: number, unit: { id: number; path: string }, day: string) {
	const indicators = stockIndicatorsOf(db, campaignId);
	if (indicators.length === 0) return [];
	const units = subtreeUnits(db, unit.path, day, keptOutOfShares(db, campaignId));
	return indicators.map((indicator) => {
		const verified = indicator.verifiedByLevelAbove === true;
		const latest = latestValues(db, campaignId, indicator.code, unit.path, day, verified);
		// A share (%) belongs to the unit that measured it: it is never added up over units.
		const total = indicator.percent
			? latest.has(unit.id)
				? { value: latest.get(unit.id)!.value, oldestDay: latest.get(unit.id)!.onDay, units: 1, members: 0 }
				: null
			: stockTotal(unit.id, units, latest);
		const own = verified ? ownLatest(db, campaignId, indicator.code, unit.id) : undefined;
		return {
			...indicator,
			total,
			share: total && indicator.ratioToMembers && !indicator.percent ? shareOfMembers(total) : null,
			own: latest.get(unit.id) ?? null,
			/** The unit's first value: the baseline its targets start from. */
			baseline: firstValue(db, campaignId, indicator.code, unit.id, verified),
			/** The unit's latest value still waiting for the level above (not counted until confirmed). */
			pending: own && own.verifiedValue !== own.value ? { value: own.value, onDay: own.onDay, enteredBy: own.enteredBy } : null
		};
	});
}

export type StocksView = ReturnType<typeof stocksOf>;

/** Each stock indicator's figure by code: the actuals targets are measured against. */
export function stockValuesByCode(stocks: StocksView): Map<string, number> {
	return new Map(stocks.flatMap((s) => (s.total ? [[s.code, s.total.value] as const] : [])));
}

export function stockActuals(db: Db, campaignId: number, unit: { id: number; path: string }, day: string): Map<string, number> {
	return stockValuesByCode(stocksOf(db, campaignId, unit, day));
}

export type StockResult = { ok: true } | { ok: false; problem: 'forbidden' | 'notFound' | 'invalid'; error: MessageKey };

const STOCK_ERRORS: Record<string, MessageKey> = {
	notNumber: 'stocks.notNumber',
	negative: 'stocks.negative',
	tooLarge: 'stocks.tooLarge',
	aboveMembers: 'stocks.aboveMembers',
	abovePercent: 'stocks.abovePercent',
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
				// A corrected value waits for the level above again; the confirmed one stays until then.
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

export type VerifyResult = { ok: true } | { ok: false; problem: 'forbidden' | 'notFound' | 'conflict'; error: MessageKey };

/**
 * An admin of the level above confirms a unit's latest value of an indicator it verifies (a territorial KPI):
 * from then on it counts. Whoever entered the value does not confirm it.
 */
export function verifyStock(ctx: ServiceContext, input: { campaignId: number; unitId: number; code: string }): VerifyResult {
	const indicator = stockIndicatorsOf(ctx.db, input.campaignId).find((i) => i.code === input.code);
	const unit = getUnit(ctx.db, input.unitId);
	if (!indicator || !indicator.verifiedByLevelAbove || !unit) return { ok: false, problem: 'notFound', error: 'stocks.notFound' };
	if (!canReceiveReport(ctx.actor, unit.path, input.campaignId))
		return { ok: false, problem: 'forbidden', error: 'stocks.forbiddenVerify' };
	const latest = ownLatest(ctx.db, input.campaignId, indicator.code, unit.id);
	if (!latest || latest.verifiedValue === latest.value) return { ok: false, problem: 'conflict', error: 'stocks.nothingToVerify' };
	if (latest.enteredBy === ctx.actor!.personId) return { ok: false, problem: 'forbidden', error: 'stocks.ownEntry' };
	ctx.db.transaction(() => {
		ctx.db
			.update(stockValues)
			.set({ verifiedValue: latest.value, verifiedBy: ctx.actor!.personId, verifiedAt: ctx.now })
			.where(eq(stockValues.id, latest.id))
			.run();
		recordAudit(ctx.db, ctx, {
			action: 'stock.verify',
			targetType: 'unit',
			targetId: unit.id,
			unitId: unit.id,
			after: { campaignId: input.campaignId, indicator: indicator.code, onDay: latest.onDay, value: latest.value }
		});
	});
	return { ok: true };
}
