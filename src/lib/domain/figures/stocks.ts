import { parseVietnameseNumber } from '../initiatives/measures';

/**
 * Stock indicators (chỉ số thời điểm): values at a date, not sums of work — members who installed the "Thanh niên
 * Việt Nam" app, households using cashless payment. A unit enters its value now and then; figures show the latest
 * value at the cut-off, never a sum over dates.
 */
export interface StockIndicator {
	code: string;
	label: string;
	unitLabel: string;
	/** Shown also as a share of the active members the value covers. */
	ratioToMembers: boolean;
	/** A territorial KPI: a value counts only once an admin of the level above has confirmed it. */
	verifiedByLevelAbove?: boolean;
	/** A share in % (0-100) of the unit's own population: never added up over units, only the unit's own value shows. */
	percent?: boolean;
}

export const STOCK_MAX = 10_000_000;

export interface StockUnit {
	id: number;
	parentId: number | null;
	/** Active members of the unit's whole subtree. */
	members: number;
}

export interface StockEntry {
	value: number;
	onDay: string;
}

export interface StockTotal {
	value: number;
	/** The oldest day among the values added up: the figure is as fresh as that. */
	oldestDay: string;
	/** How many units' own values were added up. */
	units: number;
	/** The active members those units' subtrees have: the ratio's denominator. */
	members: number;
}

/**
 * A unit's figure for one indicator: its own latest value when it entered one (it covers its whole subtree),
 * else the sum of its children's figures; null when nobody in the subtree entered anything. Values are never
 * added across dates of the same unit, and a unit's own value is never added to its children's.
 */
export function stockTotal(rootId: number, units: readonly StockUnit[], latest: ReadonlyMap<number, StockEntry>): StockTotal | null {
	const children = new Map<number, StockUnit[]>();
	for (const u of units) if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
	const byId = new Map(units.map((u) => [u.id, u]));
	const figure = (id: number): StockTotal | null => {
		const own = latest.get(id);
		if (own) return { value: own.value, oldestDay: own.onDay, units: 1, members: byId.get(id)?.members ?? 0 };
		let total = null as StockTotal | null;
		for (const child of children.get(id) ?? []) {
			const part = figure(child.id);
			if (!part) continue;
			total = total
				? {
						value: total.value + part.value,
						oldestDay: part.oldestDay < total.oldestDay ? part.oldestDay : total.oldestDay,
						units: total.units + part.units,
						members: total.members + part.members
					}
				: part;
		}
		return total;
	};
	return figure(rootId);
}

/** Whole percent of covered members, one decimal; null without members. */
export function shareOfMembers(total: Pick<StockTotal, 'value' | 'members'>): number | null {
	return total.members === 0 ? null : Math.round((total.value / total.members) * 1000) / 10;
}

export type StockProblem = 'notNumber' | 'negative' | 'tooLarge' | 'aboveMembers' | 'abovePercent';

/**
 * A typed value read as people type numbers ("1.250"), refused when negative, absurd, or — for an indicator
 * counted among members — above the members the unit has.
 */
export function readStockValue(
	raw: string,
	indicator: StockIndicator,
	members: number
): { ok: true; value: number } | { ok: false; problem: StockProblem } {
	const value = parseVietnameseNumber(raw);
	if (value === null) return { ok: false, problem: 'notNumber' };
	if (value < 0) return { ok: false, problem: 'negative' };
	if (value > STOCK_MAX) return { ok: false, problem: 'tooLarge' };
	if (indicator.percent && value > 100) return { ok: false, problem: 'abovePercent' };
	if (indicator.ratioToMembers && value > members) return { ok: false, problem: 'aboveMembers' };
	return { ok: true, value };
}
