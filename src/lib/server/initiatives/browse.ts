import { asc, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { campaigns, contentAreas, periods, units } from '../db/schema';
import { activeActivityTypes, publicFeed } from './queries';
import type { BrowseFilters } from '../../domain/initiatives/browse';

export const BROWSE_PAGE = 30;

type Option = { id: number; name: string };
/** Options under their campaign's name, where the installation runs several (two "Năm 2026" told apart). */
export type OptionGroup = { campaign: string | null; options: Option[] };

function grouped(rows: Array<Option & { campaignId: number; campaignName: string }>): OptionGroup[] {
	const groups = new Map<number, OptionGroup>();
	for (const { id, name, campaignId, campaignName } of rows) {
		const group = groups.get(campaignId) ?? { campaign: campaignName, options: [] };
		group.options.push({ id, name });
		groups.set(campaignId, group);
	}
	const all = [...groups.values()];
	return all.length === 1 ? [{ campaign: null, options: all[0]!.options }] : all;
}

/**
 * What the works browser offers to filter by: the province and its districts (and the unit chosen, wherever it
 * sits: the unit pages link here with their own), activity types, content areas and periods.
 */
export function browseChoices(db: Db, chosenUnitId: number | null) {
	const slashes = sql`length(${units.path}) - length(replace(${units.path}, '/', ''))`;
	const unitRows = db
		.select({ id: units.id, name: units.name })
		.from(units)
		.where(or(sql`${slashes} <= 3`, chosenUnitId ? eq(units.id, chosenUnitId) : undefined))
		.orderBy(asc(units.path))
		.all();
	const inCampaign = { campaignId: campaigns.id, campaignName: campaigns.name };
	const activityRows = activeActivityTypes(db);
	const areaRows = db
		.select({ id: contentAreas.id, name: contentAreas.name, ...inCampaign })
		.from(contentAreas)
		.innerJoin(campaigns, eq(campaigns.id, contentAreas.campaignId))
		.orderBy(asc(campaigns.id), asc(contentAreas.code))
		.all();
	const periodRows = db
		.select({ id: periods.id, name: periods.name, ...inCampaign })
		.from(periods)
		.innerJoin(campaigns, eq(campaigns.id, periods.campaignId))
		.orderBy(asc(campaigns.id), asc(periods.startsOn), asc(periods.endsOn))
		.all();
	return {
		units: [{ campaign: null, options: unitRows }],
		activities: grouped(activityRows),
		areas: grouped(areaRows),
		periods: grouped(periodRows)
	};
}

/** One page of approved works under these filters, and where the next one starts (null: this is the last). */
export function browseWorks(db: Db, filters: BrowseFilters) {
	const unitPath = filters.unitId
		? (db.select({ path: units.path }).from(units).where(eq(units.id, filters.unitId)).get()?.path ?? null)
		: null;
	const period = filters.periodId
		? (db.select({ startsOn: periods.startsOn, endsOn: periods.endsOn }).from(periods).where(eq(periods.id, filters.periodId)).get() ??
			null)
		: null;
	// A unit or period that does not exist narrows to nothing rather than to everything.
	if ((filters.unitId && !unitPath) || (filters.periodId && !period)) return { items: [], next: null };
	const rows = publicFeed(db, { ...filters, unitPath, period }, BROWSE_PAGE + 1);
	const items = rows.slice(0, BROWSE_PAGE);
	const last = items.at(-1);
	return { items, next: rows.length > BROWSE_PAGE && last ? { day: last.startedOn, id: last.id } : null };
}
